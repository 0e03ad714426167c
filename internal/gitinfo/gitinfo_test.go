package gitinfo

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/guong/guong/internal/gitinfo/gittest"
)

func write(t *testing.T, name, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestLastCommits commits two stories in a site folder below the top of a
// repository, then changes one, and reads every date with one git log.
func TestLastCommits(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	repo := t.TempDir()
	site := filepath.Join(repo, "trang")
	gittest.Git(t, repo, "2024-01-02T03:04:05+07:00", "init", "-q")
	write(t, filepath.Join(site, "content/stories/lan.md"), "a")
	write(t, filepath.Join(site, "content/stories/Hòa đẹp.md"), "b")
	write(t, filepath.Join(site, "site.yaml"), "title: T")
	gittest.Git(t, repo, "2024-01-02T03:04:05+07:00", "add", "-A")
	gittest.Git(t, repo, "2024-01-02T03:04:05+07:00", "commit", "-q", "-m", "one")
	write(t, filepath.Join(site, "content/stories/lan.md"), "a, changed")
	gittest.Git(t, repo, "2024-02-03T10:00:00+07:00", "commit", "-q", "-a", "-m", "two")
	write(t, filepath.Join(site, "content/stories/moi.md"), "never committed")

	got, err := LastCommits(context.Background(), site, "content")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"content/stories/lan.md":     "2024-02-03T10:00:00+07:00",
		"content/stories/Hòa đẹp.md": "2024-01-02T03:04:05+07:00",
	}
	if len(got) != len(want) {
		t.Errorf("got %d files, want %d: %v", len(got), len(want), got)
	}
	for name, w := range want {
		wt, _ := time.Parse(time.RFC3339, w)
		if !got[name].Equal(wt) {
			t.Errorf("%s: %v, want %v", name, got[name], wt)
		}
	}
}

func TestNotARepository(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(dir))
	_, err := LastCommits(context.Background(), dir, "content")
	if err == nil {
		t.Fatal("no error outside a repository")
	}
	if !errors.Is(err, ErrNotRepository) {
		t.Errorf("error %v, want ErrNotRepository", err)
	}
}

func TestNoGit(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	if _, err := LastCommits(context.Background(), t.TempDir(), "content"); !errors.Is(err, ErrNoGit) {
		t.Errorf("error %v, want ErrNoGit", err)
	}
}

func TestParseLog(t *testing.T) {
	out := "\x1e2024-02-03T10:00:00+07:00\x00\ncontent/a.md\x00\x1e2024-01-02T03:04:05+07:00\x00\ncontent/b.md\x00content/a.md\x00"
	got, err := parseLog([]byte(out))
	if err != nil {
		t.Fatal(err)
	}
	if got["content/a.md"].Month() != time.February || got["content/b.md"].Month() != time.January {
		t.Errorf("parseLog = %v: the newest commit of a file must win", got)
	}
	if _, err := parseLog([]byte("\x1enot a date\x00")); err == nil {
		t.Error("no error for a bad date")
	}
}

// TestReader checks that a Reader sees a new commit, and keeps its dates
// while there is none.
func TestReader(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	gittest.Git(t, dir, "2024-01-02T03:04:05+07:00", "init", "-q")
	write(t, filepath.Join(dir, "content/a.md"), "a")
	gittest.Git(t, dir, "2024-01-02T03:04:05+07:00", "add", "-A")
	gittest.Git(t, dir, "2024-01-02T03:04:05+07:00", "commit", "-q", "-m", "one")
	r := NewReader(dir, "content")
	first, err := r.LastCommits(context.Background())
	if err != nil || first["content/a.md"].Month() != time.January {
		t.Fatalf("first read: %v, %v", first, err)
	}
	write(t, filepath.Join(dir, "content/a.md"), "a, edited, not committed")
	if again, _ := r.LastCommits(context.Background()); !again["content/a.md"].Equal(first["content/a.md"]) {
		t.Errorf("an edit changed the date: %v", again)
	}
	gittest.Git(t, dir, "2024-03-04T05:06:07+07:00", "commit", "-q", "-a", "-m", "two")
	if later, _ := r.LastCommits(context.Background()); later["content/a.md"].Month() != time.March {
		t.Errorf("after a commit: %v, want March", later)
	}
}
