package importer

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"

	"policysite/internal/testfs"
)

// gitRepo is a git repository in a temporary folder whose commits a test
// dates as it likes.
type gitRepo struct {
	t   *testing.T
	dir string
}

func newGitRepo(t *testing.T) *gitRepo {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed: the import of a git history is not tested")
	}
	r := &gitRepo{t: t, dir: t.TempDir()}
	r.git("", "init", "-q", "-b", "main")
	return r
}

// git runs git in the repository, its commits dated date when not "".
func (r *gitRepo) git(date string, args ...string) string {
	r.t.Helper()
	cmd := exec.Command("git", append([]string{"-C", r.dir}, args...)...)
	cmd.Env = append(os.Environ(),
		"GIT_CONFIG_GLOBAL="+os.DevNull, "GIT_CONFIG_NOSYSTEM=1",
		"GIT_AUTHOR_NAME=A", "GIT_AUTHOR_EMAIL=a@example.com",
		"GIT_COMMITTER_NAME=A", "GIT_COMMITTER_EMAIL=a@example.com")
	if date != "" {
		cmd.Env = append(cmd.Env, "GIT_AUTHOR_DATE="+date, "GIT_COMMITTER_DATE="+date)
	}
	out, err := cmd.CombinedOutput()
	if err != nil {
		r.t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

// commit writes the files (name, text, name, text…) and commits every
// change, dated date.
func (r *gitRepo) commit(date string, files ...string) {
	r.t.Helper()
	for i := 0; i+1 < len(files); i += 2 {
		testfs.WriteFile(r.t, filepath.Join(r.dir, files[i]), []byte(files[i+1]))
	}
	r.git(date, "add", "-A")
	r.git(date, "commit", "-q", "-m", "change of "+date)
}

// enText and ruText are one policy in English and in Russian, version v,
// with enough text that git's rename and copy detection see a file's
// versions as one file.
func enText(v int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: Terms of use\n---\n1.1. These terms, version %d, apply to every visitor of the site.\n\n", v)
	for i := 2; i < 20; i++ {
		fmt.Fprintf(&b, "1.%d. A clause on how the service is used and what the visitor agrees to.\n\n", i)
	}
	return b.String()
}

func ruText(v int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: Условия использования\n---\n1.1. Настоящие условия, редакция %d, действуют для каждого посетителя сайта.\n\n", v)
	for i := 2; i < 20; i++ {
		fmt.Fprintf(&b, "1.%d. Пункт о том, как используется сервис и с чем соглашается посетитель.\n\n", i)
	}
	return b.String()
}

// cyrillicShare is the share of Cyrillic among a text's Latin and Cyrillic
// letters.
func cyrillicShare(text string) float64 {
	lat, cyr := 0, 0
	for _, r := range text {
		switch {
		case unicode.Is(unicode.Cyrillic, r):
			cyr++
		case unicode.Is(unicode.Latin, r):
			lat++
		}
	}
	return float64(cyr) / float64(max(1, lat+cyr))
}

func TestFromGitKeepsTheHistorysOrderWhenDatesGoBack(t *testing.T) {
	r := newGitRepo(t)
	r.commit("2019-06-10T12:00:00+03:00", "terms.md", enText(1))
	// A commit whose clock was behind, and one that a rebase kept its
	// date: both come after the commit of 10 June in the history.
	r.commit("2019-05-02T12:00:00+03:00", "terms.md", enText(2))
	r.commit("2019-06-01T12:00:00+03:00", "terms.md", enText(3))
	r.commit("2019-07-01T12:00:00+03:00", "terms.md", enText(4))

	states, _, err := FromGit(context.Background(), r.dir, "terms.md")
	if err != nil {
		t.Fatal(err)
	}
	p, err := Make(states, opts(t.TempDir()))
	if err != nil {
		t.Fatalf("a history whose dates go back is refused: %v", err)
	}
	var got []string
	for i, f := range p.Files {
		if !strings.Contains(string(f.Data), fmt.Sprintf("version %d,", i+1)) {
			t.Errorf("%s holds not the text of the commit %d in the history's order", f.Rel, i+1)
		}
		got = append(got, f.ID.String())
	}
	if want := []string{"2019-06-10", "2019-06-10-2", "2019-06-10-3", "2019-07-01"}; !slices.Equal(got, want) {
		t.Errorf("ids %q, want %q", got, want)
	}
	if !strings.Contains(string(p.Files[1].Data), "posted: 2019-06-10") {
		t.Errorf("the edition moved is not posted on the day before it:\n%s", p.Files[1].Data[:80])
	}
	want := []string{
		"versions/privacy/2019-06-10-2.en.md: " + states[1].Name + " is dated 2019-05-02, before the edition before it (2019-06-10); posted 2019-06-10 to keep the history's order",
		"versions/privacy/2019-06-10-3.en.md: " + states[2].Name + " is dated 2019-06-01, before the edition before it (2019-06-10); posted 2019-06-10 to keep the history's order",
	}
	if !slices.Equal(p.Notes, want) {
		t.Errorf("notes:\n%s\nwant:\n%s", strings.Join(p.Notes, "\n"), strings.Join(want, "\n"))
	}
}

func TestMakeMovesAnOrderedStateToTheDayOfTheEditionBeforeIt(t *testing.T) {
	ordered := func(name, date, text string) State {
		return State{Name: name, Date: day(date), Data: []byte(text), Ordered: true}
	}
	states := []State{
		ordered("a", "2024-03-01", text1),
		// Only whitespace differs: no edition, so no note, and it does not
		// hold back the one after it.
		ordered("b", "2024-04-01", text1+"\n\n"),
		ordered("c", "2024-03-05", text1+"1.2. New.\n"),
		ordered("d", "2024-02-01", text1+"1.2. Newer.\n"),
	}
	p, err := Make(states, opts(t.TempDir()))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range p.Files {
		got = append(got, f.ID.String()+" "+f.From)
	}
	if want := []string{"2024-03-01 a", "2024-03-05 c", "2024-03-05-2 d"}; !slices.Equal(got, want) {
		t.Errorf("files %q, want %q", got, want)
	}
	if len(p.Notes) != 1 || !strings.HasPrefix(p.Notes[0], "versions/privacy/2024-03-05-2.en.md: d is dated 2024-02-01, before the edition before it (2024-03-05)") {
		t.Errorf("notes %q", p.Notes)
	}

	// Files listed out of date order are the author's list, to fix, not a
	// history to keep.
	for i := range states {
		states[i].Ordered = false
	}
	if _, err := Make(states, opts(t.TempDir())); err == nil || !strings.Contains(err.Error(), "must be oldest first") {
		t.Errorf("files out of order: err = %v, want them refused", err)
	}
}

func TestFromGitDoesNotFollowAFileIntoTheOneItWasCopiedFrom(t *testing.T) {
	for _, tt := range []struct {
		name string
		// copied is what ru.md holds in the commit that creates it.
		copied string
		// russian says which states of ru.md are in Russian.
		russian []bool
	}{
		// Translated in the commit that copies it, with enough unchanged
		// (the addresses below) that git --follow takes it for a copy.
		{"translated as copied", ruText(1) + addresses, []bool{true, true, true}},
		// Committed as the copy it is, then translated: its first state is
		// the English text it held, which check then reports as not in
		// Russian; what came before it in en.md is not its history.
		{"committed as a copy", enText(2) + addresses, []bool{false, true, true}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := newGitRepo(t)
			r.commit("2024-01-01T12:00:00Z", "en.md", enText(1)+addresses)
			r.commit("2024-02-01T12:00:00Z", "en.md", enText(2)+addresses)
			r.commit("2024-03-01T12:00:00Z", "ru.md", tt.copied)
			r.commit("2024-04-01T12:00:00Z", "ru.md", ruText(2)+addresses)
			r.commit("2024-05-01T12:00:00Z", "ru.md", ruText(3)+addresses)

			states, skipped, err := FromGit(context.Background(), r.dir, "ru.md")
			if err != nil {
				t.Fatal(err)
			}
			if len(states) != len(tt.russian) || len(skipped) != 0 {
				t.Fatalf("%d states (%d skipped), want %d", len(states), len(skipped), len(tt.russian))
			}
			for i, s := range states {
				if !strings.HasSuffix(s.Name, " ru.md") || s.Date.Before(day("2024-03-01")) {
					t.Errorf("state %d is %s of %s, before ru.md was made", i, s.Name, s.Date)
				}
				text := strings.ReplaceAll(string(s.Data), addresses, "")
				if ru := cyrillicShare(text) > 0.8; ru != tt.russian[i] {
					t.Errorf("state %d in Russian: %v, want %v:\n%s", i, ru, tt.russian[i], text)
				}
			}
		})
	}
}

// addresses are lines that a translation leaves as they are.
var addresses = strings.Repeat("https://example.com/legal/terms/contact-and-addresses-of-the-company\n\n", 40)

func TestFromGitFollowsRenames(t *testing.T) {
	r := newGitRepo(t)
	r.commit("2024-01-01T12:00:00Z", "docs/terms.md", enText(1))
	if err := os.Mkdir(filepath.Join(r.dir, "legal"), 0o755); err != nil {
		t.Fatal(err)
	}
	r.git("", "mv", "docs/terms.md", "legal/terms.md")
	// Renamed and changed in one commit.
	r.commit("2024-02-01T12:00:00Z", "legal/terms.md", enText(2))
	// A name with spaces, quotes and Cyrillic, which git quotes unless
	// asked not to.
	const last = `legal/Условия "use" of.md`
	r.git("", "mv", "legal/terms.md", last)
	r.commit("2024-03-01T12:00:00Z")
	r.commit("2024-04-01T12:00:00Z", last, enText(3))
	// Another file beside it, changed later, is none of its history.
	r.commit("2024-05-01T12:00:00Z", "legal/other.md", enText(9))

	states, _, err := FromGit(context.Background(), r.dir, last)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range states {
		got = append(got, s.Date.Format("01-02")+" "+strings.SplitN(s.Name, " ", 3)[2])
	}
	want := []string{"01-01 docs/terms.md", "02-01 legal/terms.md", "03-01 " + last, "04-01 " + last}
	if !slices.Equal(got, want) {
		t.Errorf("states %q, want %q", got, want)
	}
	p, err := Make(states, opts(t.TempDir()))
	if err != nil {
		t.Fatal(err)
	}
	// The rename alone changes no text.
	if len(p.Files) != 3 || len(p.Skipped) != 1 {
		t.Errorf("%d files, skipped %q", len(p.Files), p.Skipped)
	}
}

func TestFromGitTakesAMergeAsTheChangeItBrings(t *testing.T) {
	r := newGitRepo(t)
	r.commit("2024-01-01T12:00:00Z", "terms.md", enText(1))
	r.git("", "checkout", "-q", "-b", "draft")
	r.commit("2024-02-01T12:00:00Z", "terms.md", enText(2))
	r.git("", "checkout", "-q", "main")
	r.commit("2024-02-15T12:00:00Z", "other.md", "other")
	r.git("2024-03-01T12:00:00Z", "merge", "-q", "--no-edit", "draft")

	states, _, err := FromGit(context.Background(), r.dir, "terms.md")
	if err != nil {
		t.Fatal(err)
	}
	// The draft's commit was not published on its date; the merge was.
	if len(states) != 2 || states[1].Date != day("2024-03-01") || !strings.Contains(string(states[1].Data), "version 2,") {
		for _, s := range states {
			t.Logf("%s %s", s.Name, s.Date)
		}
		t.Errorf("%d states, want the first commit and the merge", len(states))
	}
}

func TestParseLogTakesNamesAsTheyAre(t *testing.T) {
	h1, h2 := strings.Repeat("a", 40), strings.Repeat("b", 40)
	out := "\x01" + h1 + " 2024-02-01T10:00:00+03:00 " + h2 + "\x00\nM\x00a\x01b\tc.md\x00" +
		"\x01" + h2 + " 2024-01-01T10:00:00+03:00\x00\nA\x00a\x01b\tc.md\x00"
	got, err := parseLog([]byte(out))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].path != "a\x01b\tc.md" || got[0].parent != h2 || !got[1].added || got[1].parent != "" {
		t.Errorf("got %+v", got)
	}
	if _, err := parseLog([]byte("\x01" + h1 + "\x00")); err == nil {
		t.Error("a commit without a date parsed")
	}
}
