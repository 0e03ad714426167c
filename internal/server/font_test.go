package server

import (
	"io"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/guong/guong/internal/build"
)

// TestOverlayFont: the error overlay is Vietnamese prose, set in the
// proportional TextFont, never in a monospace font whose marks come out
// loose; the script served has no placeholder left.
func TestOverlayFont(t *testing.T) {
	s := New(fstest.MapFS{}, build.Options{}, io.Discard)
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest("GET", ScriptPath, nil))
	js := rec.Body.String()
	if rec.Code != 200 || strings.Contains(js, "monospace") || strings.Contains(js, FontPlaceholder) {
		t.Errorf("%d: the overlay uses a monospace font, or the placeholder is left:\n%s", rec.Code, js)
	}
	if !strings.Contains(js, "'"+TextFont+"'") {
		t.Errorf("the script does not set TextFont %s", TextFont)
	}
}
