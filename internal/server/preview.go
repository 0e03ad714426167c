package server

import (
	"fmt"
	"html"
	"net/http"
	"strings"

	"github.com/guong/guong/internal/content"
	"github.com/guong/guong/internal/diag"
	"github.com/guong/guong/internal/urls"
	"github.com/guong/guong/internal/vi"
)

// HomePath is the preview's own home page: the stories that are not
// published yet, with links to them.
const HomePath = "/__guong/"

// unpublished is a story the writer may look for in the preview: shown
// with a banner (a draft or a scheduled story the preview publishes), or
// left out (when the preview was told to hide them).
type unpublished struct {
	url    string // its page's path, with the base path
	title  string
	file   string
	reason content.SkipReason
	date   string // the date, for a scheduled story
	hidden bool   // left out of the preview
	broken bool   // a draft left out for its errors
}

// unpublishedOf lists the stories of a build that are not published.
func (s *Server) unpublishedOf(v view, skipped []content.Skipped) []unpublished {
	var out []unpublished
	for _, st := range v.snap.Site().Stories {
		switch {
		case st.Draft:
			out = append(out, unpublished{url: v.base + st.URL, title: st.Title, file: st.File, reason: content.SkippedDraft})
		case st.Scheduled:
			out = append(out, unpublished{url: v.base + st.URL, title: st.Title, file: st.File, reason: content.SkippedFuture,
				date: vi.ShortDate(st.Date.In(v.snap.Config().TimeZone))})
		}
	}
	for _, sk := range skipped {
		u := unpublished{url: v.base + urls.Story(sk.Slug), title: sk.Title, file: sk.File, reason: sk.Reason, hidden: true, broken: sk.Broken}
		if sk.Reason == content.SkippedFuture {
			u.date = vi.ShortDate(sk.Date.In(v.snap.Config().TimeZone))
		}
		out = append(out, u)
	}
	return out
}

// why says, in Vietnamese, why a story is not published and what the
// writer can do.
func (u unpublished) why() string {
	switch {
	case u.broken:
		return "là bản nháp còn lỗi nên bản xem trước chưa hiện được: hãy sửa các dòng cảnh báo của tệp này (in trong cửa sổ dòng lệnh và dưới đây), lưu lại là bài hiện ra."
	case u.reason == content.SkippedDraft && u.hidden:
		return "là bản nháp (draft: true) nên không hiện vì bản xem trước đang ẩn bản nháp (--drafts=false). Chạy lại guong serve không có --drafts=false để xem, hoặc xóa dòng draft: true để đăng."
	case u.reason == content.SkippedDraft:
		return "là bản nháp (draft: true): bản xem trước hiện nó với dòng chữ BẢN NHÁP, còn guong build chưa đăng nó. Xóa dòng draft: true để đăng."
	case u.hidden:
		return "hẹn đăng ngày " + u.date + " nên không hiện vì bản xem trước đang ẩn bài hẹn giờ (--future=false). Chạy lại guong serve không có --future=false để xem."
	}
	return "hẹn đăng ngày " + u.date + ": bản xem trước hiện nó với dòng chữ HẸN GIỜ ĐĂNG, còn guong build chỉ đăng nó từ ngày đó."
}

// problemsOf returns the lines of the diagnostics about file, as the
// terminal prints them.
func problemsOf(diags diag.List, file, lang string) []string {
	var lines []string
	for _, d := range diags {
		if d.Pos.File == file {
			lines = append(lines, d.Format(lang))
		}
	}
	return lines
}

// home serves the preview's home page.
func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	s.mu.RLock()
	v, skipped, id := view{s.snap, s.basePath}, s.skipped, s.buildID()
	s.mu.RUnlock()
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Bản xem trước – guong</title>` +
		`<style>body{font:16px/1.5 system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem;color:#1b1b1f}a{color:#0b57d0}li{margin:.6rem 0}.file{color:#555;font-size:.9rem}</style></head><body><main>`)
	b.WriteString(`<h1>Bản xem trước</h1>`)
	if v.snap == nil {
		b.WriteString(`<p>Trang chưa tạo được vì có lỗi: xem các dòng lỗi trong cửa sổ dòng lệnh.</p>`)
	} else {
		fmt.Fprintf(&b, `<p><a href="%s">Mở trang chủ của trang tin</a></p>`, html.EscapeString(v.base))
		if s.desk != "" {
			fmt.Fprintf(&b, `<p><a href="%s">Bàn viết: viết, sửa và kiểm tra bài bằng biểu mẫu, không cần sửa YAML</a></p>`, s.desk)
		}
		list := s.unpublishedOf(v, skipped)
		fmt.Fprintf(&b, `<h2>Bài chưa đăng (%d)</h2>`, len(list))
		if len(list) == 0 {
			b.WriteString(`<p>Không có bản nháp hay bài hẹn giờ nào: mọi bài đều đã đăng.</p>`)
		}
		b.WriteString(`<ul>`)
		for _, u := range list {
			title := html.EscapeString(u.title)
			if !u.hidden {
				title = fmt.Sprintf(`<a href="%s">%s</a>`, html.EscapeString(u.url), title)
			}
			fmt.Fprintf(&b, `<li>%s <span class="file">(%s)</span><br>Bài này %s</li>`, title, html.EscapeString(u.file), html.EscapeString(u.why()))
		}
		b.WriteString(`</ul>`)
	}
	b.WriteString(`</main></body></html>`)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Write(inject([]byte(b.String()), id, s.desk))
}

// hiddenNotice returns, for the path of a story the preview leaves out, a
// notice saying why, to show on its 404 page; "" for any other path.
func (s *Server) hiddenNotice(v view, skipped []content.Skipped, diags diag.List, lang, p string) string {
	for _, u := range s.unpublishedOf(v, skipped) {
		if !u.hidden || u.url != p {
			continue
		}
		var lines strings.Builder
		for _, l := range problemsOf(diags, u.file, lang) {
			lines.WriteString(html.EscapeString(l) + "\n")
		}
		pre := ""
		if lines.Len() > 0 {
			pre = `<pre class="guong-problems" style="white-space:pre-wrap;font:14px/1.5 ui-monospace,Consolas,monospace">` + lines.String() + `</pre>`
		}
		return fmt.Sprintf(`<div role="alert" class="guong-notice" style="margin:1rem;padding:1rem;border:2px dashed #8a5300;background:#fff4d6;color:#4a2d00;font:16px/1.5 system-ui,sans-serif">`+
			`<strong>Bản xem trước:</strong> bài “%s” (%s) %s <a href="%s">Xem các bài chưa đăng</a>.%s</div>`,
			html.EscapeString(u.title), html.EscapeString(u.file), html.EscapeString(u.why()), HomePath, pre)
	}
	return ""
}

// withNotice puts notice at the start of a page's body.
func withNotice(page []byte, notice string) []byte {
	s := string(page)
	i := strings.Index(s, "<body")
	if i < 0 {
		return []byte(notice + s)
	}
	j := strings.Index(s[i:], ">")
	if j < 0 {
		return []byte(s + notice)
	}
	k := i + j + 1
	return []byte(s[:k] + notice + s[k:])
}
