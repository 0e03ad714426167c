package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/guong/guong/internal/publish"
)

// TestMountPointExplained: a destination that is a mount point is
// explained in the site's language.
func TestMountPointExplained(t *testing.T) {
	mount := &publish.MountPointError{Dest: "/srv/www"}
	for lang, want := range map[string]string{
		"vi": "thư mục đích /srv/www là một điểm gắn kết (mount point)",
		"en": "the destination /srv/www is a mount point, which guong cannot replace; build into a folder inside it, for example -d /srv/www/public",
	} {
		if got := destError(lang, mount); !strings.HasPrefix(got, want) {
			t.Errorf("%s: %s, want %s…", lang, got, want)
		}
	}
}

// TestStoppedSaysSo: a build or check whose context is cancelled (Ctrl+C:
// main's context is signal.NotifyContext's) says it stopped, in the
// site's language, and leaves the destination as it was.
func TestStoppedSaysSo(t *testing.T) {
	site := t.TempDir()
	write := func(name, data string) {
		p := filepath.Join(site, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("site.yaml", "title: \"Thử\"\nbaseURL: \"https://example.gov.vn/\"\n")
	write("content/stories/2024/lan.md", "---\ntitle: \"Lan\"\ndate: 2024-01-02\nperson: \"Lan\"\nmodel: dan-van-kheo\n---\nNội dung.\n")
	write("public/"+publish.Marker, "")
	write("public/index.html", "cũ")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, tc := range []struct{ cmd, want string }{
		{"build", "guong build: đã dừng (Ctrl+C); thư mục đích giữ nguyên như trước.\n"},
		{"check", "guong check: đã dừng (Ctrl+C).\n"},
	} {
		var stdout, stderr strings.Builder
		if code := run(ctx, []string{tc.cmd, "-s", site}, &stdout, &stderr); code != exitContent {
			t.Errorf("%s: exit %d, want %d", tc.cmd, code, exitContent)
		}
		if stderr.String() != tc.want || stdout.String() != "" {
			t.Errorf("%s: stdout %q, stderr %q, want %q", tc.cmd, stdout.String(), stderr.String(), tc.want)
		}
	}
	if data, _ := os.ReadFile(filepath.Join(site, "public", "index.html")); string(data) != "cũ" {
		t.Errorf("the destination changed: %q", data)
	}
	if left, _ := filepath.Glob(filepath.Join(site, ".public*")); len(left) > 0 {
		t.Errorf("left beside the destination: %v", left)
	}
}
