package config

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/guong/guong/internal/diag"
)

const agencySite = `title: "Gương điển hình"
baseURL: "https://example.gov.vn/"
agency:
  name: "Sở Ngoại vụ tỉnh Lạng Sơn"
  governingBody: "Ủy ban nhân dân tỉnh Lạng Sơn"
  address: "Số 2 đường Hùng Vương, phường Đông Kinh, tỉnh Lạng Sơn"
  phone: "0205 3812 460"
  email: "songoaivu@example.gov.vn"
  responsible: {name: "Nguyễn Văn Hùng", title: "Giám đốc Sở"}
  contact: {name: "Lương Thị Mai", title: "Chánh Văn phòng Sở", phone: "0205 3812 461", email: "vanphong@example.gov.vn"}
  portal: {name: "Cổng Thông tin điện tử tỉnh Lạng Sơn", url: "https://langson.gov.vn/"}
  feedback: "gopy@example.gov.vn"
  emblem: "content/bieu-trung.svg"
  accessibilityDate: 2026-12-01
  measurement: |
    <script src="https://thongke.example.gov.vn/a.js" async></script>
`

const logoSVG = `<?xml version="1.0"?><!-- logo --><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><circle r="4" cx="4" cy="4"/></svg>`

func loadFS(t *testing.T, fsys fstest.MapFS) (*Config, []string) {
	t.Helper()
	var diags diag.List
	c := Load(fsys, &diags)
	diags.Sort()
	var out []string
	for _, d := range diags {
		out = append(out, d.Format("en"))
	}
	return c, out
}

func TestAgencyDecoded(t *testing.T) {
	c, diags := loadFS(t, fstest.MapFS{File: {Data: []byte(agencySite)}, "content/bieu-trung.svg": {Data: []byte(logoSVG)}})
	if len(diags) > 0 {
		t.Fatalf("Load: %q", diags)
	}
	a := c.Agency
	want := Agency{
		Name:          "Sở Ngoại vụ tỉnh Lạng Sơn",
		GoverningBody: "Ủy ban nhân dân tỉnh Lạng Sơn",
		Address:       "Số 2 đường Hùng Vương, phường Đông Kinh, tỉnh Lạng Sơn",
		Phone:         "0205 3812 460",
		Email:         "songoaivu@example.gov.vn",
		Responsible:   Official{Name: "Nguyễn Văn Hùng", Title: "Giám đốc Sở"},
		Contact:       Official{Name: "Lương Thị Mai", Title: "Chánh Văn phòng Sở", Phone: "0205 3812 461", Email: "vanphong@example.gov.vn"},
		Portal:        Link{Name: "Cổng Thông tin điện tử tỉnh Lạng Sơn", URL: "https://langson.gov.vn/"},
		Feedback:      "mailto:gopy@example.gov.vn",
		Emblem:        "content/bieu-trung.svg",
		Measurement:   `<script src="https://thongke.example.gov.vn/a.js" async></script>`,
	}
	got := a
	got.AccessibilityDate = want.AccessibilityDate
	if got != want {
		t.Errorf("Agency =\n%+v, want\n%+v", got, want)
	}
	if d := a.AccessibilityDate.In(c.TimeZone); d.Format("2006-01-02") != "2026-12-01" {
		t.Errorf("AccessibilityDate = %v", a.AccessibilityDate)
	}
	if c.Organization != a.Name {
		t.Errorf("Organization = %q, want the agency's name", c.Organization)
	}
	if got := a.EmblemFile(); got != "bieu-trung/bieu-trung.svg" {
		t.Errorf("EmblemFile = %q", got)
	}
	if !a.FeedbackIsMail() {
		t.Error("FeedbackIsMail = false for an e-mail address")
	}
}

func TestOrganizationStillNamesTheAgency(t *testing.T) {
	c, _ := load(t, "title: T\norganization: \"Sở Ngoại vụ tỉnh Lạng Sơn\"\n")
	if c.Agency.Name != "Sở Ngoại vụ tỉnh Lạng Sơn" || c.Organization != c.Agency.Name {
		t.Errorf("Agency.Name, Organization = %q, %q", c.Agency.Name, c.Organization)
	}
}

// TestAgencyWarnings checks that each field a state agency's page should
// carry and does not is warned about at the key lacking it, or at the file
// when the block is absent, and that a site naming no publisher is not.
func TestAgencyWarnings(t *testing.T) {
	for _, tc := range []struct {
		name, yaml string
		want       []string
	}{
		{"no publisher", "title: T\n", nil},
		{"organization only", "title: T\norganization: Sở\n", []string{
			`site.yaml: warning: missing the governing body: a state agency's information page should carry it; add "governingBody" to the "agency" block of site.yaml`,
			`site.yaml: warning: missing the address: a state agency's information page should carry it; add "address" to the "agency" block of site.yaml`,
		}},
		{"partial block", "title: T\nagency:\n  name: Sở\n  phone: \"\"\n  responsible:\n    name: Hùng\n", []string{
			`site.yaml:2:1: warning: missing the governing body: a state agency's information page should carry it; add "governingBody" to the "agency" block of site.yaml`,
			`site.yaml:4:10: warning: missing the phone number: a state agency's information page should carry it; add "phone" to the "agency" block of site.yaml`,
			`site.yaml:5:3: warning: missing the title of the person responsible: a state agency's information page should carry it; add "responsible.title" to the "agency" block of site.yaml`,
			`site.yaml:2:1: warning: missing the contact official: a state agency's information page should carry it; add "contact.name" to the "agency" block of site.yaml`,
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, diags := load(t, tc.yaml)
			for _, w := range tc.want {
				if !slices.Contains(diags, w) {
					t.Errorf("no %q in\n%s", w, strings.Join(diags, "\n"))
				}
			}
			if tc.want == nil && len(diags) > 0 {
				t.Errorf("diagnostics for a site naming no publisher: %q", diags)
			}
			for _, d := range diags {
				if strings.Contains(d, `"name" to`) {
					t.Errorf("warned of a name written: %s", d)
				}
			}
		})
	}
	// Every field of the table is warned of in a block that has none.
	_, diags := load(t, "title: T\nagency: {name: Sở}\n")
	if len(diags) != len(agencyFields)-1 {
		t.Errorf("%d warnings for an agency with a name only, want %d:\n%s", len(diags), len(agencyFields)-1, strings.Join(diags, "\n"))
	}
}

func TestAgencyWarningsInVietnamese(t *testing.T) {
	var diags diag.List
	Load(fstest.MapFS{File: {Data: []byte("title: T\nagency: {name: Sở}\n")}}, &diags)
	var gov string
	for _, d := range diags {
		if d.Code == diag.AgencyMissing && strings.Contains(d.Format("vi"), "governingBody") {
			gov = d.Format("vi")
		}
	}
	want := `site.yaml:2:1: cảnh báo: thiếu cơ quan chủ quản: trang thông tin điện tử của cơ quan nhà nước cần ghi rõ thông tin này; hãy thêm "governingBody" vào khối "agency" của site.yaml`
	if gov != want {
		t.Errorf("got  %s\nwant %s", gov, want)
	}
}

func TestAgencyBadValues(t *testing.T) {
	site := "title: T\nagency:\n  email: \"songoaivu at example\"\n  portal: {url: \"langson.gov.vn\"}\n  feedback: \"mailto:góp ý\"\n  emblem: %s\n"
	for _, tc := range []struct {
		name, emblem string
		files        fstest.MapFS
		want         string
	}{
		{"outside content", `"../logo.svg"`, nil, `site.yaml:6:11: the emblem "../logo.svg" must be a file in the site's content/ folder`},
		{"absolute", `"/etc/logo.svg"`, nil, `site.yaml:6:11: the emblem "/etc/logo.svg" must be a file`},
		{"beside site.yaml", `"logo.svg"`, fstest.MapFS{"logo.svg": {Data: []byte(logoSVG)}}, `site.yaml:6:11: the emblem "logo.svg" must be a file`},
		{"dot dot inside", `"content/a/../../site.yaml"`, nil, `must be a file in the site's content/ folder`},
		{"missing", `"content/logo.svg"`, nil, `site.yaml:6:11: file "content/logo.svg" not found`},
		{"not a picture", `"content/logo.svg"`, fstest.MapFS{"content/logo.svg": {Data: []byte("<html><script>alert(1)</script></html>")}}, `site.yaml:6:11: file "content/logo.svg" is not an SVG, PNG, JPEG, GIF or WebP image`},
		{"a story", `"content/lan.md"`, fstest.MapFS{"content/lan.md": {Data: []byte("---\ntitle: Lan\n---\n")}}, `is not an SVG, PNG, JPEG, GIF or WebP image`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fsys := fstest.MapFS{File: {Data: []byte(strings.Replace(site, "%s", tc.emblem, 1))}}
			for k, v := range tc.files {
				fsys[k] = v
			}
			c, diags := loadFS(t, fsys)
			all := strings.Join(diags, "\n")
			for _, w := range []string{
				`site.yaml:3:10: invalid e-mail address "songoaivu at example"`,
				`site.yaml:4:17: invalid address "langson.gov.vn": it must start with https://`,
				`site.yaml:5:13: invalid e-mail address "mailto:góp ý"`,
				tc.want,
			} {
				if !strings.Contains(all, w) {
					t.Errorf("no %q in\n%s", w, all)
				}
			}
			if c.Agency.Emblem != "" || c.Agency.Email != "" || c.Agency.Portal.URL != "" || c.Agency.Feedback != "" {
				t.Errorf("bad values kept: %+v", c.Agency)
			}
		})
	}
}

func TestFeedbackForm(t *testing.T) {
	c, diags := load(t, "title: T\nagency:\n  feedback: \"https://langson.gov.vn/gop-y\"\n")
	if c.Agency.Feedback != "https://langson.gov.vn/gop-y" || c.Agency.FeedbackIsMail() {
		t.Errorf("Feedback = %q (mail %v); %q", c.Agency.Feedback, c.Agency.FeedbackIsMail(), diags)
	}
}

func TestEnableGitInfo(t *testing.T) {
	c, _ := load(t, "title: T\nenableGitInfo: true\n")
	if !c.EnableGitInfo {
		t.Error("EnableGitInfo = false")
	}
}
