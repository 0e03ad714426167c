package scaffold

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/guong/guong/internal/config"
)

// TestCreateNoLinks: Create makes the folders on the way to a new story,
// refuses a year folder that is a link (which would make guong write
// wherever it points), and never replaces a file or a link at the path.
func TestCreateNoLinks(t *testing.T) {
	site, outside := t.TempDir(), t.TempDir()
	if err := Create(site, "content/stories/2024/lan.md", []byte("a")); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(filepath.Join(site, "content/stories/2024/lan.md")); string(got) != "a" {
		t.Errorf("the new story holds %q, want %q", got, "a")
	}
	if err := Create(site, "content/stories/2024/lan.md", []byte("b")); !errors.Is(err, fs.ErrExist) {
		t.Errorf("Create over an existing story = %v, want fs.ErrExist", err)
	}
	if err := os.Symlink(outside, filepath.Join(site, "content/stories/2025")); err != nil {
		t.Skipf("cannot make symbolic links here: %v", err)
	}
	err := Create(site, "content/stories/2025/lan.md", []byte("c"))
	var linked *LinkError
	if !errors.As(err, &linked) || linked.Folder != "content/stories/2025" {
		t.Errorf("Create into a linked year folder = %v, want a LinkError for content/stories/2025", err)
	}
	if entries, _ := os.ReadDir(outside); len(entries) > 0 {
		t.Errorf("Create wrote %s through the link", entries[0].Name())
	}
	victim := filepath.Join(outside, "victim.md")
	os.WriteFile(victim, []byte("giữ nguyên"), 0o644)
	os.Symlink(victim, filepath.Join(site, "content/stories/2024/ba.md"))
	if err := Create(site, "content/stories/2024/ba.md", []byte("d")); !errors.Is(err, fs.ErrExist) {
		t.Errorf("Create over a link = %v, want fs.ErrExist", err)
	}
	if got, _ := os.ReadFile(victim); string(got) != "giữ nguyên" {
		t.Errorf("Create wrote through a link at the story's path: %q", got)
	}
}

// TestStoryLists: a new story's template names the site's departments,
// model types and campaigns by key and name, and has the author and
// source fields.
func TestStoryLists(t *testing.T) {
	cfg := &config.Config{
		Models:      []config.Term{{Key: "dan-van-kheo", Name: "Dân vận khéo"}},
		Departments: []config.Term{{Key: "van-phong", Name: "Văn phòng Sở"}},
	}
	src := string(Story("Bài mới", time.Date(2026, 1, 2, 8, 0, 0, 0, time.UTC), cfg, []Campaign{{Key: "thi-dua-ai-quoc", Title: "Thi đua ái quốc"}}))
	for _, want := range []string{"#   van-phong: Văn phòng Sở\n", "#   dan-van-kheo: Dân vận khéo\n", "#   thi-dua-ai-quoc: Thi đua ái quốc\ncampaigns: []\n", "\nauthor: \"\"\n", "\nsource: \"\"\n", "\n# updated:\n"} {
		if !strings.Contains(src, want) {
			t.Errorf("the template has no %q:\n%s", want, src)
		}
	}
}
