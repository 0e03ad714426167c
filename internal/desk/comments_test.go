package desk_test

import (
	"bytes"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/guong/guong/internal/desk"
)

// TestDeskKeepsComments: a save that changes a field keeps the comments
// written above the keys it still writes and after their values, and the
// file still reads as the form.
func TestDeskKeepsComments(t *testing.T) {
	dir, hs := newSite(t)
	path := filepath.Join(dir, lanFile)
	orig, _ := os.ReadFile(path)
	s := strings.Replace(string(orig), "---\n", "---\n# Bài của phòng biên giới\n\n", 1)
	s = strings.Replace(s, "\ndate:", "\n# giờ theo công văn số 12\ndate:", 1)
	s = strings.Replace(s, "\nperson: \"Hoàng Thị Lan\"\n", "\nperson: \"Hoàng Thị Lan\" # đúng như giấy khen\n", 1)
	if s == string(orig) || !strings.Contains(s, "# đúng như giấy khen") {
		t.Fatalf("the sample story changed: the comments were not put in\n%s", s)
	}
	os.WriteFile(path, []byte(s), 0o644)
	c := newClient(t, hs)
	page, _ := c.get(desk.Path + "sua?file=" + lanFile)
	fields := formValues(page)
	fields.Set("csrf", c.token)
	fields.Set("title", "Tiêu đề mới")
	if resp, out := c.post(desk.Path+"luu", fields, nil, nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("%d\n%s", resp.StatusCode, out)
	}
	got, _ := os.ReadFile(path)
	for _, want := range []string{"---\n# Bài của phòng biên giới\n\ntitle: \"Tiêu đề mới\"\n", "\n# giờ theo công văn số 12\ndate: ",
		"\nperson: \"Hoàng Thị Lan\" # đúng như giấy khen\n"} {
		if !bytes.Contains(got, []byte(want)) {
			t.Errorf("%q is lost:\n%s", want, got)
		}
	}
	saved, _ := desk.Load(lanFile, got)
	if saved == nil || saved.Title != "Tiêu đề mới" || saved.Person != "Hoàng Thị Lan" {
		t.Fatalf("the file does not read back as the form:\n%s", got)
	}
	stripped := strings.NewReplacer("# Bài của phòng biên giới\n\n", "", "# giờ theo công văn số 12\n", "", " # đúng như giấy khen", "").Replace(string(got))
	if bare, _ := desk.Load(lanFile, []byte(stripped)); bare == nil || !bare.Equal(saved) {
		t.Errorf("with its comments, the file reads as another story:\n%s", got)
	}
}
