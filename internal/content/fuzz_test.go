package content

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/guong/guong/internal/config"
	"github.com/guong/guong/internal/diag"
)

// FuzzStory feeds arbitrary bytes to the front matter parser and the
// validator as a story file: they must never panic, every problem must be
// reported inside the file (line 1 to its last line + 1), and a story that
// loads without error must carry the fields the validator requires.
func FuzzStory(f *testing.F) {
	f.Add([]byte("---\ntitle: \"Chị Lan\"\ndate: 2023-06-11\nperson: \"Hoàng Thị Lan\"\ndepartment: van-phong\nmodel: dan-van-kheo\ncampaigns: [thi-dua]\ntags: [\"biên giới\"]\n---\nNội dung.\n"))
	f.Add([]byte("+++\ntitle = \"A\"\ndate = 2023-06-11\nperson = \"B\"\ndepartment = \"van-phong\"\nmodel = \"chuyen-mon\"\n+++\nBody\n"))
	f.Add([]byte("{\n\"title\": \"A\", \"date\": \"11/06/2023\", \"person\": \"B\",\n\"department\": \"van-phong\", \"model\": \"chuyen-mon\"\n}\nBody\n"))
	f.Add([]byte("---\ntitle: [a, b]\ndate: 31/02/2023\nawards: {name: x}\n---\n"))
	f.Add([]byte("---\n&a [*a, *a, *a]\n---\n"))
	f.Add([]byte("\xef\xbb\xbf---\r\ntitle: \"A\"\r\n---\r\n"))
	f.Add([]byte("---\ntitle: \"A\"\n"))
	f.Add([]byte("---\nawards:\n  - {name: \"B\", date: ngày mai}\n  - 3\n---\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fsys := fstest.MapFS{
			"content/stories/a.md":         {Data: data},
			"content/campaigns/thi-dua.md": {Data: []byte("---\ntitle: \"T\"\nstart: 2020-01-01\n---\n")},
		}
		var diags diag.List
		cfg := &config.Config{Title: "T", Language: "vi", TimeZone: time.FixedZone("ICT", 7*3600), Paginate: 10,
			MaxFileSize: config.DefaultMaxFileSize, Models: config.DefaultModels(), Departments: []config.Term{{Key: "van-phong", Name: "Văn phòng"}}}
		s := Load(context.Background(), fsys, cfg, Options{Now: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)}, &diags)
		// Lines as the parser counts them: CRLF, CR and LF all end a line.
		norm := bytes.ReplaceAll(bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n")), []byte("\r"), []byte("\n"))
		lines := bytes.Count(norm, []byte("\n")) + 1
		for _, d := range diags {
			if d.Pos.File == "content/stories/a.md" && (d.Pos.Line < 0 || d.Pos.Line > lines+1) {
				t.Errorf("%s: line out of the file (%d lines)", d.Format("en"), lines)
			}
			if strings.Contains(d.Format("vi"), "%!") || strings.Contains(d.Format("en"), "%!") {
				t.Errorf("badly formatted message: %s", d.Format("en"))
			}
		}
		if diags.HasErrors() {
			return
		}
		for _, st := range s.Stories {
			if st.Title == "" || st.Person == "" || st.Department != "van-phong" || st.Date.IsZero() || st.Slug == "" {
				t.Errorf("a story without errors lacks a required field: %+v", st)
			}
		}
	})
}
