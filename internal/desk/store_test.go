package desk

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/guong/guong/internal/sitefs"
)

const storyRel = "content/stories/2023/lan.md"

func newTestStore(t *testing.T) (*Store, string) {
	t.Helper()
	dir := t.TempDir()
	s := NewStore(dir)
	tick := time.Date(2026, 12, 3, 8, 0, 0, 0, time.UTC)
	s.now = func() time.Time { tick = tick.Add(time.Second); return tick }
	return s, dir
}

func TestStoreSaveBackupsConflict(t *testing.T) {
	s, dir := newTestStore(t)
	if err := s.Save(storyRel, []byte("v0"), ""); err != nil {
		t.Fatal(err)
	}
	// A second "new" file of the same name is a conflict, not an overwrite.
	var conflict *ConflictError
	if err := s.Save(storyRel, []byte("other"), ""); !errors.As(err, &conflict) || string(conflict.Current) != "v0" {
		t.Fatalf("creating over an existing file: %v", err)
	}
	base := Hash([]byte("v0"))
	for i := 1; i <= 25; i++ {
		data := []byte(fmt.Sprintf("v%d", i))
		if err := s.Save(storyRel, data, base); err != nil {
			t.Fatal(err)
		}
		base = Hash(data)
	}
	got, _ := os.ReadFile(filepath.Join(dir, storyRel))
	if string(got) != "v25" {
		t.Fatalf("file holds %q", got)
	}
	list, err := s.Backups(storyRel)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != KeepBackups {
		t.Fatalf("%d backups kept, want %d", len(list), KeepBackups)
	}
	newest, _ := s.ReadBackup(storyRel, list[0].Name)
	oldest, _ := s.ReadBackup(storyRel, list[len(list)-1].Name)
	if string(newest) != "v24" || string(oldest) != "v5" {
		t.Errorf("backups run from %q to %q, want v24 to v5", newest, oldest)
	}
	// No temporary file is left beside the story.
	entries, _ := os.ReadDir(filepath.Join(dir, "content/stories/2023"))
	if len(entries) != 1 {
		t.Errorf("the story's folder holds %d files", len(entries))
	}
	// The file changed on disk since the form was opened: refused, and
	// the error holds what it holds now.
	os.WriteFile(filepath.Join(dir, storyRel), []byte("edited elsewhere"), 0o644)
	if err := s.Save(storyRel, []byte("mine"), base); !errors.As(err, &conflict) || string(conflict.Current) != "edited elsewhere" {
		t.Fatalf("a stale save: %v", err)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, storyRel)); string(got) != "edited elsewhere" {
		t.Errorf("a refused save wrote %q", got)
	}
	// Saving the same bytes writes nothing, and makes no backup.
	n := len(mustBackups(t, s))
	if err := s.Save(storyRel, []byte("edited elsewhere"), Hash([]byte("edited elsewhere"))); err != nil || len(mustBackups(t, s)) != n {
		t.Errorf("an unchanged save: %v", err)
	}
}

func mustBackups(t *testing.T, s *Store) []Backup {
	l, err := s.Backups(storyRel)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func TestStoreDeleteRestore(t *testing.T) {
	s, dir := newTestStore(t)
	s.Save(storyRel, []byte("v1"), "")
	if err := s.Delete(storyRel, Hash([]byte("stale"))); err == nil {
		t.Fatal("a stale delete was not refused")
	}
	if err := s.Delete(storyRel, Hash([]byte("v1"))); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, storyRel)); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("the story is still there: %v", err)
	}
	deleted, err := s.Deleted()
	if err != nil || len(deleted) != 1 || deleted[0] != storyRel {
		t.Fatalf("deleted stories: %v, %v", deleted, err)
	}
	list := mustBackups(t, s)
	if len(list) != 1 {
		t.Fatalf("%d backups", len(list))
	}
	if err := s.Restore(storyRel, list[0].Name, ""); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, storyRel)); string(got) != "v1" {
		t.Errorf("restored %q", got)
	}
	if err := s.Restore(storyRel, "../../../../site.yaml", Hash([]byte("v1"))); !errors.Is(err, ErrNoBackup) {
		t.Errorf("restoring a made-up backup: %v", err)
	}
}

func TestStoreRefusedPaths(t *testing.T) {
	s, dir := newTestStore(t)
	outside := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "content/stories"), 0o755)
	os.Symlink(outside, filepath.Join(dir, "content/stories/linked"))
	os.WriteFile(filepath.Join(outside, "x.md"), []byte("x"), 0o644)
	os.Symlink(filepath.Join(outside, "x.md"), filepath.Join(dir, "content/stories/file-link.md"))
	if err := mkfifo(filepath.Join(dir, "content/stories/pipe.md")); err != nil {
		os.WriteFile(filepath.Join(dir, "content/stories/pipe.md"), nil, 0o644)
		os.Remove(filepath.Join(dir, "content/stories/pipe.md"))
		os.MkdirAll(filepath.Join(dir, "content/stories/pipe.md"), 0o755) // no pipes here: a folder stands in
	}
	os.MkdirAll(filepath.Join(dir, "content/stories/folder.md"), 0o755)
	for _, rel := range []string{
		"content/stories/../../site.yaml", "content/../site.yaml", "site.yaml", "/etc/passwd", "content/stories/.hidden.md",
		"content/stories/linked/x.md", "content/stories/linked/new.md", "content/stories/file-link.md",
		"content/stories/pipe.md", "content/stories/folder.md", `content\stories\a.md`, "themes/default/x.md",
	} {
		t.Run(rel, func(t *testing.T) {
			err := s.Save(rel, []byte("written"), "")
			var conflict *ConflictError
			if err == nil || errors.As(err, &conflict) {
				t.Fatalf("saved: %v", err)
			}
			if !errors.Is(err, ErrPath) && !errors.Is(err, sitefs.ErrLink) && !errors.Is(err, sitefs.ErrNotRegular) {
				t.Errorf("refused for another reason: %v", err)
			}
		})
	}
	if data, _ := os.ReadFile(filepath.Join(outside, "x.md")); string(data) != "x" {
		t.Error("a file outside the site was written through a link")
	}
	if entries, _ := os.ReadDir(outside); len(entries) != 1 {
		t.Errorf("something was written outside the site: %d files", len(entries))
	}
	// A backup folder that is a link is refused too.
	os.MkdirAll(filepath.Join(dir, ".guong-cache"), 0o755)
	os.Symlink(outside, filepath.Join(dir, BackupsDir))
	s.Save(storyRel, []byte("v1"), "")
	if err := s.Save(storyRel, []byte("v2"), Hash([]byte("v1"))); !errors.Is(err, sitefs.ErrLink) {
		t.Errorf("a backup through a linked folder: %v", err)
	}
	if entries, _ := os.ReadDir(outside); len(entries) != 1 || !strings.HasSuffix(entries[0].Name(), "x.md") {
		t.Errorf("a backup was written outside the site")
	}
}
