package main

import (
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
