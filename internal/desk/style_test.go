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

// TestDeskKeepsLineEnds: a story saved from Windows (CRLF, perhaps a byte
// order mark) keeps them when the form changes its front matter, and its
// body keeps its bytes — line ends and Unicode form — exactly.
func TestDeskKeepsLineEnds(t *testing.T) {
	for _, tc := range []struct {
		name, bom, eol string
		editBody       bool
	}{
		{name: "CRLF", eol: "\r\n"},
		{name: "CRLF and BOM", bom: "\ufeff", eol: "\r\n"},
		{name: "LF and BOM", bom: "\ufeff", eol: "\n"},
		{name: "CRLF, body edited", eol: "\r\n", editBody: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir, hs := newSite(t)
			path := filepath.Join(dir, lanFile)
			lf, _ := os.ReadFile(path)
			head, body, _ := strings.Cut(string(lf), "\n---\n")
			// "ệ" typed as e + two combining marks: not NFC, as some
			// keyboards write it; the body must keep it so.
			body += "Ghi chú: Vie\u0323\u0302t.\n"
			orig := tc.bom + strings.ReplaceAll(head+"\n---\n"+body, "\n", tc.eol)
			if err := os.WriteFile(path, []byte(orig), 0o644); err != nil {
				t.Fatal(err)
			}
			c := newClient(t, hs)
			page, _ := c.get(desk.Path + "sua?file=" + lanFile)
			fields := formValues(page)
			fields.Set("csrf", c.token)
			fields.Set("title", "Tiêu đề mới")
			if tc.editBody {
				fields.Set("body", fields.Get("body")+"\r\nDòng thêm.\r\n")
			}
			if resp, out := c.post(desk.Path+"luu", fields, nil, nil); resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("%d\n%s", resp.StatusCode, out)
			}
			got, _ := os.ReadFile(path)
			if !bytes.HasPrefix(got, []byte(tc.bom+"---"+tc.eol)) || bytes.HasPrefix(got, []byte("\ufeff")) != (tc.bom != "") {
				t.Errorf("the start is not kept: %q", got[:min(len(got), 12)])
			}
			if n, crlf := bytes.Count(got, []byte("\n")), bytes.Count(got, []byte("\r\n")); tc.eol == "\r\n" && n != crlf || tc.eol == "\n" && crlf != 0 {
				t.Errorf("%d line ends, %d of them CRLF, want all %q:\n%q", n, crlf, tc.eol, got)
			}
			if !bytes.Contains(got, []byte(`title: "Tiêu đề mới"`)) {
				t.Errorf("the title was not saved:\n%s", got)
			}
			wantBody := strings.ReplaceAll(body, "\n", tc.eol)
			if tc.editBody {
				if !bytes.HasSuffix(got, []byte("Dòng thêm."+tc.eol)) {
					t.Errorf("the body's edit is lost or has other line ends:\n%q", got)
				}
				return
			}
			if !bytes.HasSuffix(got, []byte("---"+tc.eol+wantBody)) {
				t.Errorf("the body changed:\n%q\nwant it to end\n%q", got, wantBody)
			}
		})
	}
}
