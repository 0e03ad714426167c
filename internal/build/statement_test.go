package build

import (
	"html"
	"io/fs"
	"strings"
	"testing"

	"github.com/guong/guong/internal/sitefs"
	"github.com/guong/guong/internal/theme"
	"github.com/guong/guong/themes"
)

// TestAccessibilityStatementSays: the statement names what the site offers
// (high contrast at 7:1, the text size, listening, the phone menu) by the
// labels the reader sees, how it was checked (the audit's tools), and what
// has not been checked (a screen reader's user).
func TestAccessibilityStatementSays(t *testing.T) {
	mem, r := buildMemory(t, sitefs.Dir("../.."), Options{})
	data, ok := mem.Get("kha-nang-tiep-can/index.html")
	if !ok {
		t.Fatal("no kha-nang-tiep-can/index.html")
	}
	page := html.UnescapeString(string(data))
	def, err := fs.Sub(themes.FS, "default")
	if err != nil {
		t.Fatal(err)
	}
	label := func(key string) string { return "“" + theme.String(def, r.Config.Language, key) + "”" }
	want := []string{"4,5:1", "7:1", "A− A A+", "44 × 44 px", "320 px", "400% trên", "Lighthouse", "Nu Html Checker", "axe-core",
		"trình đọc màn hình (như NVDA", label("contrast"), label("listen"), label("menu_button"), label("home")}
	if strings.Contains(page, "%!") {
		t.Errorf("the statement has a badly formatted string (%%!)")
	}
	for _, w := range want {
		if !strings.Contains(page, w) {
			t.Errorf("the statement does not say %q", w)
		}
	}
}
