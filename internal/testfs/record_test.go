package testfs

import (
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"policysite/internal/sum"
)

// TestRecordAsRecordWould: the editions are recorded, drafts and files
// that are no edition are not, in memory and in a folder alike.
func TestRecordAsRecordWould(t *testing.T) {
	files := map[string]string{
		"versions/p/2024-01-10.ru.md":   "---\ntitle: П\n---\nТекст.\n",
		"versions/p/2024-02-10-2.en.md": "\ufeff---\r\ntitle: P\r\n---\r\nText.\r\n",
		"versions/p/2024-03-01.ru.md":   "---\ntitle: П\ndraft: true\n---\nЧерновик.\n",
		"versions/p/notes.md":           "not an edition",
		"content/_index.ru.md":          "---\ntitle: Д\n---\n",
	}
	want := sum.New()
	want.Add("p/2024-01-10.ru.md", []byte(files["versions/p/2024-01-10.ru.md"]))
	want.Add("p/2024-02-10-2.en.md", []byte(files["versions/p/2024-02-10-2.en.md"]))

	mem := fstest.MapFS{}
	root := t.TempDir()
	for name, data := range files {
		mem[name] = &fstest.MapFile{Data: []byte(data)}
		WriteFile(t, filepath.Join(root, filepath.FromSlash(name)), []byte(data))
	}
	Record(mem)
	RecordDir(t, root)
	onDisk, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(sum.Path)))
	if err != nil {
		t.Fatal(err)
	}
	for where, got := range map[string][]byte{"in memory": mem[sum.Path].Data, "in a folder": onDisk} {
		if string(got) != string(want.Bytes()) {
			t.Errorf("%s, versions.sum is\n%s\nwant\n%s", where, got, want.Bytes())
		}
	}
}
