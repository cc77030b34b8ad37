package preview

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"policysite/internal/testfs"
)

// BenchmarkServeShowsASavedEdition times what an author waits for in the
// preview of the sample site (internal/testfs): from saving a new edition to
// the preview serving its page. Each iteration saves one more edition, of
// the privacy policy in Russian, and polls its page every 5 ms; the time
// includes the wait for the sources to go quiet (debounce).
func BenchmarkServeShowsASavedEdition(b *testing.B) {
	root := testfs.Sample(b)
	base, err := os.ReadFile(filepath.Join(root, "versions/privacy/2025-09-01.ru.md"))
	if err != nil {
		b.Fatalf("the sample's privacy policy has no 2025-09-01.ru.md to copy: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	now := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	s, err := Start(ctx, Options{Source: root, Addr: "127.0.0.1:0", TempDir: b.TempDir(), Now: now,
		Stdout: io.Discard, Stderr: io.Discard})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Wait()
	defer cancel()
	client := &http.Client{Timeout: 10 * time.Second}
	serves := func(path, marker string) bool {
		res, err := client.Get(s.URL() + path)
		if err != nil {
			return false
		}
		defer res.Body.Close()
		body, _ := io.ReadAll(res.Body)
		return res.StatusCode == http.StatusOK && strings.Contains(string(body), marker)
	}
	// The first build is not what an author waits for on a save.
	for !serves("ru/privacy/", "<html") {
		time.Sleep(10 * time.Millisecond)
	}
	day := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; b.Loop(); i++ {
		day = day.AddDate(0, 0, 1)
		id := day.Format("2006-01-02")
		marker := fmt.Sprintf("Пункт правки номер %d.", i)
		ed := strings.Replace(string(base), "posted: 2025-09-01", "posted: "+id, 1)
		ed += "\n" + marker + "\n"
		testfs.WriteFile(b, filepath.Join(root, "versions/privacy", id+".ru.md"), []byte(ed))
		for deadline := time.Now().Add(30 * time.Second); !serves("ru/privacy/"+id+"/", marker); time.Sleep(5 * time.Millisecond) {
			if time.Now().After(deadline) {
				b.Fatalf("the preview did not show the edition %s within 30 s", id)
			}
		}
	}
}
