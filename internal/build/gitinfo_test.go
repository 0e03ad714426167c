package build

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/guong/guong/internal/diag"
	"github.com/guong/guong/internal/gitinfo"
	"github.com/guong/guong/internal/gitinfo/gittest"
	"github.com/guong/guong/internal/sitefs"
)

// gitSite writes the golden site, with enableGitInfo, into a new git
// repository: every file committed on 2024-06-01, then anh-duc.md changed
// and committed on 2025-01-05 10:00 (ICT). It returns the site's folder.
func gitSite(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	for name, f := range loadTxtar(t, "testdata/small.txtar") {
		data := f.Data
		if name == "site.yaml" {
			data = append([]byte("enableGitInfo: true\n"), data...)
		}
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	git := func(date string, args ...string) { t.Helper(); gittest.Git(t, dir, date, args...) }
	git("2024-06-01T09:00:00+07:00", "init", "-q")
	git("2024-06-01T09:00:00+07:00", "add", "-A")
	git("2024-06-01T09:00:00+07:00", "commit", "-q", "-m", "the site")
	duc := filepath.Join(dir, "content/stories/2024/anh-duc.md")
	src, err := os.ReadFile(duc)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(duc, append(src, "\nĐoạn bổ sung.\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	git("2025-01-05T10:00:00+07:00", "commit", "-q", "-a", "-m", "anh Đức: bổ sung")
	return dir
}

// TestGitInfo checks that with enableGitInfo a story without "updated" is
// dated by its file's last commit on its page, in the feeds, in its
// JSON-LD and in the sitemap, and that "updated" wins over git.
func TestGitInfo(t *testing.T) {
	dir := gitSite(t)
	calls := 0
	opts := Options{LastCommits: func(ctx context.Context) (map[string]time.Time, error) {
		calls++
		return gitinfo.LastCommits(ctx, dir, "content")
	}}
	mem, r := buildMemory(t, sitefs.Dir(dir), opts)
	if len(r.Diags) != 0 {
		t.Fatalf("diagnostics: %v", r.Diags)
	}
	if calls != 1 {
		t.Errorf("git log run %d times, want once per build", calls)
	}
	for _, c := range []struct{ file, want string }{
		{"bai-viet/anh-duc/index.html", `<span class="story-updated">Cập nhật lúc <time datetime="2025-01-05T10:00:00&#43;07:00">10:00, 5/1/2025</time></span>`},
		{"bai-viet/anh-duc/index.html", `"dateModified":"2025-01-05T10:00:00+07:00"`},
		// Committed on 2024-06-01, after its date (2024-05-01): the commit is its update.
		{"bai-viet/anh-duc-2/index.html", `"dateModified":"2024-06-01T09:00:00+07:00"`},
		// "updated" wins over the commit.
		{"bai-viet/chi-lan/index.html", `Cập nhật lúc <time datetime="2023-06-20T14:30:00&#43;07:00">14:30, 20/6/2023</time>`},
		{"feed.xml", "<atom:updated>2025-01-05T10:00:00+07:00</atom:updated>"},
		{"feed.json", `"date_modified":"2025-01-05T10:00:00+07:00"`},
		{"sitemap.xml", "<loc>https://example.gov.vn/guong/bai-viet/anh-duc/</loc><lastmod>2025-01-05T10:00:00+07:00</lastmod>"},
	} {
		if got := string(get(t, mem, c.file)); !strings.Contains(got, c.want) {
			t.Errorf("%s has no %s", c.file, c.want)
		}
	}
}

// TestGitInfoUnavailable checks that enableGitInfo without git, or
// outside a repository, is a warning at the setting, never a failure.
func TestGitInfoUnavailable(t *testing.T) {
	fsys := loadTxtar(t, "testdata/small.txtar")
	fsys["site.yaml"].Data = append([]byte("enableGitInfo: true\n"), fsys["site.yaml"].Data...)
	for _, tc := range []struct {
		name string
		opts Options
	}{
		{"not on disk", Options{}},
		{"no repository", Options{LastCommits: func(context.Context) (map[string]time.Time, error) {
			return nil, fmt.Errorf("git log: %w", gitinfo.ErrNotRepository)
		}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			mem, r := buildMemory(t, fsys, tc.opts)
			if len(r.Diags) != 1 || r.Diags[0].Code != diag.GitInfoUnavailable || r.Diags[0].Severity != diag.Warning {
				t.Fatalf("diagnostics %v, want one git-info-unavailable warning", r.Diags)
			}
			const want = `site.yaml:1:16: cảnh báo: enableGitInfo đang bật nhưng không đọc được ngày sửa các tệp từ git: thư mục của trang không nằm trong một kho git; bài chỉ ghi "Cập nhật lúc" theo trường "updated"`
			if got := r.Diags[0].Format("vi"); got != want {
				t.Errorf("warning %q", got)
			}
			if strings.Contains(string(get(t, mem, "bai-viet/anh-duc/index.html")), "story-updated") {
				t.Error("a story without updated shows an update")
			}
		})
	}
}

// TestGitInfoFingerprint checks that with enableGitInfo a new commit, which
// changes no file's bytes but the stories' update dates, is a change for
// guong build's no-change check, and that without it commits are not read.
func TestGitInfoFingerprint(t *testing.T) {
	at := func(day int) Options {
		return Options{LastCommits: func(context.Context) (map[string]time.Time, error) {
			return map[string]time.Time{"content/stories/2024/anh-duc.md": time.Date(2025, 1, day, 10, 0, 0, 0, time.UTC)}, nil
		}}
	}
	fsys := loadTxtar(t, "testdata/small.txtar")
	plain1, err1 := Inputs(fsys, at(5), "v1")
	plain2, err2 := Inputs(fsys, at(6), "v1")
	fsys["site.yaml"].Data = append([]byte("enableGitInfo: true\n"), fsys["site.yaml"].Data...)
	git1, err3 := Inputs(fsys, at(5), "v1")
	git2, err4 := Inputs(fsys, at(6), "v1")
	if err := errors.Join(err1, err2, err3, err4); err != nil {
		t.Fatal(err)
	}
	if plain1 != plain2 {
		t.Error("without enableGitInfo, a commit changed the fingerprint")
	}
	if git1 == git2 {
		t.Error("with enableGitInfo, a new commit left the fingerprint as it was")
	}
}
