package build

import (
	"github.com/guong/guong/internal/urls"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/guong/guong/internal/publish"
)

// agencySite is the golden site, whose site.yaml has an agency block,
// with a second page of no layout of its own.
func agencySite(t *testing.T) fstest.MapFS {
	fsys := loadTxtar(t, "testdata/small.txtar")
	fsys["content/pages/ke-hoach.md"] = &fstest.MapFile{Data: []byte("---\ntitle: \"Kế hoạch\"\n---\nNội dung kế hoạch.\n")}
	return fsys
}

func htmlPages(mem *publish.Memory) []string {
	var out []string
	for _, name := range mem.Names() {
		if strings.HasSuffix(name, ".html") {
			out = append(out, name)
		}
	}
	return out
}

// TestAgencyRendered checks the agency block of site.yaml on every page:
// the band above the header (emblem, governing body, agency, portal), the
// footer (contacts, feedback, the accessibility statement), and the page
// whose layout is "about", but no other page.
func TestAgencyRendered(t *testing.T) {
	mem, r := buildMemory(t, agencySite(t), Options{})
	if len(r.Diags) != 0 {
		t.Fatalf("diagnostics: %v", r.Diags)
	}
	for _, name := range htmlPages(mem) {
		page := string(get(t, mem, name))
		// The embedded lists (nhung/…/, not the snippets' page nhung/).
		if strings.HasPrefix(name, urls.Embeds) && name != urls.File(urls.Embeds) {
			if strings.Contains(page, "agency-band") || strings.Contains(page, "thongke.example.gov.vn") {
				t.Errorf("%s: the embedded list has the agency's band or the statistics snippet", name)
			}
			continue
		}
		band, _, ok := strings.Cut(page, `class="wrap site-brand"`)
		if !ok {
			t.Fatalf("%s: no site-brand", name)
		}
		for _, want := range []string{
			`<img class="agency-emblem" src="/guong/bieu-trung/bieu-trung.svg" alt`,
			"Ủy ban nhân dân tỉnh Lạng Sơn", "Sở Thử nghiệm tỉnh Lạng Sơn",
			`<a class="agency-portal" href="https://langson.gov.vn/">Cổng Thông tin điện tử tỉnh Lạng Sơn</a>`,
		} {
			if !strings.Contains(band, want) {
				t.Errorf("%s: the band above the header has no %q", name, want)
			}
		}
		_, footer, _ := strings.Cut(page, "<footer")
		for _, want := range []string{
			"Số 1 đường Thử, tỉnh Lạng Sơn", `href="tel:02053000001">0205 3000 001</a>`, `href="mailto:so@example.gov.vn"`,
			"<dt>Chịu trách nhiệm chính</dt><dd>Nguyễn Văn A, Giám đốc Sở</dd>", "<dt>Đầu mối liên hệ</dt><dd>Trần Thị B, Chánh Văn phòng Sở",
			`<a class="feedback-link" href="https://langson.gov.vn/gop-y">Gửi góp ý qua biểu mẫu trực tuyến</a>`,
			`<a href="/guong/kha-nang-tiep-can/">Tuyên bố về khả năng tiếp cận</a>`,
		} {
			if !strings.Contains(footer, want) {
				t.Errorf("%s: the footer has no %q", name, want)
			}
		}
		if !strings.Contains(page, `<script src="https://thongke.example.gov.vn/dem.js" async></script></body>`) {
			t.Errorf("%s: no statistics snippet before </body>", name)
		}
	}
	about := string(get(t, mem, "gioi-thieu/index.html"))
	if !strings.Contains(about, `<section class="agency-about"`) || !strings.Contains(about, `<h2 id="thong-tin-co-quan">Thông tin cơ quan</h2>`) {
		t.Errorf("the about page has no agency section")
	}
	if plain := string(get(t, mem, "ke-hoach/index.html")); strings.Contains(plain, "agency-about") {
		t.Errorf("a page without layout: about has the agency section")
	}
	if svg := get(t, mem, "bieu-trung/bieu-trung.svg"); !strings.Contains(string(svg), "<svg") {
		t.Errorf("the emblem is not published: %q", svg)
	}
}

// TestAccessibilityStatement checks the statement's page: what conforms,
// what does not, how to report a problem, its date, and its place in the
// sitemap.
func TestAccessibilityStatement(t *testing.T) {
	mem, _ := buildMemory(t, agencySite(t), Options{})
	page := string(get(t, mem, "kha-nang-tiep-can/index.html"))
	for _, want := range []string{
		"<title>Tuyên bố về khả năng tiếp cận – Gương điển hình – Sở thử nghiệm</title>",
		`<h1 id="tieu-de">Tuyên bố về khả năng tiếp cận</h1>`,
		"Sở Thử nghiệm tỉnh Lạng Sơn mong muốn", "WCAG 2.1, mức AA",
		"<h2>Những gì trang đáp ứng</h2>", "<h2>Những phần chưa đáp ứng</h2>", "<h2>Báo cho chúng tôi</h2>",
		`<li><a class="feedback-link" href="https://langson.gov.vn/gop-y">`,
		`<li>Đầu mối liên hệ: Trần Thị B, Chánh Văn phòng Sở · <a href="mailto:vanphong@example.gov.vn">`,
		"Tuyên bố này được lập ngày 01 tháng 12 năm 2024.",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the statement has no %q", want)
		}
	}
	if sm := string(get(t, mem, "sitemap.xml")); !strings.Contains(sm, "<loc>https://example.gov.vn/guong/kha-nang-tiep-can/</loc><lastmod>2024-12-01T00:00:00+07:00</lastmod>") {
		t.Errorf("the sitemap has no dated statement")
	}
}

// TestMeasurementSnippetNotInPreview checks that the live preview leaves
// the portal's statistics snippet out: a writer's previews are not visits.
func TestMeasurementSnippetNotInPreview(t *testing.T) {
	mem, _ := buildMemory(t, agencySite(t), Options{Dev: true})
	for _, name := range htmlPages(mem) {
		if strings.Contains(string(get(t, mem, name)), "thongke.example.gov.vn") {
			t.Errorf("%s: the preview has the statistics snippet", name)
		}
	}
}

// TestNoAgency checks that a site naming no agency has no band and no
// agency in its footer, and still links to its accessibility statement.
func TestNoAgency(t *testing.T) {
	fsys := agencySite(t)
	yaml := string(fsys["site.yaml"].Data)
	i, j := strings.Index(yaml, "agency:"), strings.Index(yaml, "departments:")
	fsys["site.yaml"] = &fstest.MapFile{Data: []byte(yaml[:i] + yaml[j:])}
	mem, r := buildMemory(t, fsys, Options{})
	if len(r.Diags) != 0 {
		t.Fatalf("diagnostics: %v", r.Diags)
	}
	home := string(get(t, mem, "index.html"))
	for _, bad := range []string{"agency-band", "footer-agency", "bieu-trung"} {
		if strings.Contains(home, bad) {
			t.Errorf("the home page of a site with no agency has %q", bad)
		}
	}
	if !strings.Contains(home, "kha-nang-tiep-can/") {
		t.Error("no link to the accessibility statement")
	}
}
