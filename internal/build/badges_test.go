package build

import (
	"regexp"
	"strings"
	"testing"

	"github.com/guong/guong/internal/sitefs"
)

// TestCardBadges: a card's model badge shows the model type's short name,
// with the full name as its title and, after the short one, for screen
// readers; the story page's badge keeps the full name.
func TestCardBadges(t *testing.T) {
	mem, r := buildMemory(t, sitefs.Dir("../.."), Options{})
	model := r.Site.Models[0]
	if model.Short == model.Name {
		t.Fatalf("the sample site's first model type %q has no short name", model.Key)
	}
	home, _ := mem.Get("index.html")
	card := `title="` + model.Name + `">` + model.Short + `<span class="visually-hidden"> (` + model.Name + `)</span></a>`
	if !strings.Contains(string(home), card) {
		t.Errorf("the home page has no card badge %s", card)
	}
	full := regexp.MustCompile(`class="badge [^"]*" href="[^"]*">` + regexp.QuoteMeta(model.Name) + `</a>`)
	if full.Match(home) {
		t.Errorf("a badge on the home page shows the full name %q", model.Name)
	}
	for _, s := range model.Stories[:1] {
		page, _ := mem.Get(strings.TrimPrefix(s.URL, "/") + "index.html")
		if !full.Match(page) {
			t.Errorf("%s: the story's badge does not show the full name %q", s.URL, model.Name)
		}
	}
}
