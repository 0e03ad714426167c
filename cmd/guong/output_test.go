package main

import (
	"errors"
	"fmt"
	"strings"
	"syscall"
	"testing"

	"github.com/guong/guong/internal/diag"
	"github.com/guong/guong/internal/publish"
)

// TestOutputErrorsLabelled: a full disk met while writing the output is
// an output error, not "lỗi giao diện (template)"; a template's own error
// keeps its label. And a destination that is a mount point is explained
// in the site's language.
func TestOutputErrorsLabelled(t *testing.T) {
	full := &publish.WriteError{Name: "bai-viet/lan/index.html", Err: syscall.ENOSPC}
	var l diag.List
	l.Errorf(diag.Position{}, diag.TemplateError, fmt.Errorf("writing bai-viet/ba/index.html: %w", full))
	l.Errorf(diag.Position{}, diag.TemplateError, errors.New(`template: story.html:3: function "x" not defined`))
	relabelOutputErrors(l)
	if got, want := l[0].Format("vi"), "không ghi được thư mục đích: writing bai-viet/lan/index.html: no space left on device"; got != want {
		t.Errorf("disk full: %s, want %s", got, want)
	}
	if l[1].Code != diag.TemplateError {
		t.Errorf("a template error became %s", l[1].Code)
	}
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
