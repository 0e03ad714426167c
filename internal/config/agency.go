package config

import (
	"errors"
	"html/template"
	"io/fs"
	"net/mail"
	"net/url"
	"path"
	"strings"
	"time"

	"github.com/guong/guong/internal/diag"
	"github.com/guong/guong/internal/frontmatter"
	"github.com/guong/guong/internal/images"
	"github.com/guong/guong/internal/urls"
)

// Agency is who publishes the site, from the agency block of site.yaml: what
// a state agency's electronic information page must tell its readers (the
// agency, its governing body, how to reach it, who answers for the page),
// shown in the header and footer of every page, on the page whose layout is
// "about" and on the accessibility statement.
//
//	agency:
//	  name: "Sở Ngoại vụ tỉnh Lạng Sơn"      # organization: is still read when name is absent
//	  governingBody: "Ủy ban nhân dân tỉnh Lạng Sơn"
//	  address: "…"
//	  phone: "0205 3812 460"
//	  email: "songoaivu@example.gov.vn"
//	  responsible: {name: "Nguyễn Văn Hùng", title: "Giám đốc Sở"}
//	  contact: {name: "…", title: "Chánh Văn phòng Sở", phone: "…", email: "…"}
//	  portal: {name: "Cổng Thông tin điện tử tỉnh Lạng Sơn", url: "https://langson.gov.vn/"}
//	  feedback: "mailto:…" or "https://…"     # the e-mail address or the portal's form
//	  emblem: "content/bieu-trung.svg"       # optional: a picture under content/
//	  accessibilityDate: 2026-12-01          # the date of the accessibility statement
//	  measurement: |                         # optional: inserted as-is into every page
//	    <script src="https://…"></script>
//
// Measurement is the site owner's own HTML — the portal's statistics
// snippet — and is put into every published page exactly as written,
// unescaped: it is read from site.yaml only, never from content files, and
// left out of the live preview and of the embedded list.
type Agency struct {
	Name          string
	GoverningBody string // cơ quan chủ quản
	Address       string
	Phone         string
	Email         string
	Responsible   Official // người chịu trách nhiệm chính
	Contact       Official // the official readers write to
	Portal        Link     // the province's portal
	// Feedback is where readers send feedback: a mailto: address or the
	// portal's form (an http or https URL). An e-mail address written
	// bare is given its mailto:.
	Feedback string
	// Emblem is the agency's emblem or logo, a picture under content/
	// (site-relative); "" when there is none.
	Emblem            string
	AccessibilityDate time.Time // the accessibility statement's date; zero if not written
	Measurement       template.HTML
}

// Official is a person named by the agency block, with their title.
type Official struct {
	Name  string
	Title string // e.g. "Giám đốc Sở"
	Phone string
	Email string
}

// Link is a named address.
type Link struct {
	Name string
	URL  string
}

// FeedbackIsMail reports whether feedback goes by e-mail.
func (a Agency) FeedbackIsMail() bool { return strings.HasPrefix(a.Feedback, "mailto:") }

// EmblemFile is the published name of the emblem, relative to the base URL,
// or "" without one.
func (a Agency) EmblemFile() string {
	if a.Emblem == "" {
		return ""
	}
	return urls.Emblem + path.Base(a.Emblem)
}

// agencyField is a field of the agency block that a state agency's page
// should carry: where it is, what it is called in the warning when it is
// missing, and how to read it from the Agency.
type agencyField struct {
	key  string // its path in the block, e.g. "responsible.title"
	what diag.Word
	get  func(*Agency) string
}

// agencyFields are the fields checked, in the order site.yaml writes them.
var agencyFields = []agencyField{
	{"name", diag.Word{VI: "tên cơ quan", EN: "the agency's name"}, func(a *Agency) string { return a.Name }},
	{"governingBody", diag.Word{VI: "cơ quan chủ quản", EN: "the governing body"}, func(a *Agency) string { return a.GoverningBody }},
	{"address", diag.Word{VI: "địa chỉ", EN: "the address"}, func(a *Agency) string { return a.Address }},
	{"phone", diag.Word{VI: "số điện thoại", EN: "the phone number"}, func(a *Agency) string { return a.Phone }},
	{"email", diag.Word{VI: "thư điện tử", EN: "the e-mail address"}, func(a *Agency) string { return a.Email }},
	{"responsible.name", diag.Word{VI: "họ tên người chịu trách nhiệm chính", EN: "the name of the person responsible"}, func(a *Agency) string { return a.Responsible.Name }},
	{"responsible.title", diag.Word{VI: "chức vụ của người chịu trách nhiệm chính", EN: "the title of the person responsible"}, func(a *Agency) string { return a.Responsible.Title }},
	{"contact.name", diag.Word{VI: "cán bộ đầu mối liên hệ", EN: "the contact official"}, func(a *Agency) string { return a.Contact.Name }},
	{"portal.url", diag.Word{VI: "địa chỉ cổng thông tin điện tử của tỉnh", EN: "the address of the province's portal"}, func(a *Agency) string { return a.Portal.URL }},
	{"feedback", diag.Word{VI: "nơi tiếp nhận ý kiến phản hồi của bạn đọc", EN: "where readers send feedback"}, func(a *Agency) string { return a.Feedback }},
	{"accessibilityDate", diag.Word{VI: "ngày của tuyên bố về khả năng tiếp cận", EN: "the date of the accessibility statement"}, func(a *Agency) string {
		if a.AccessibilityDate.IsZero() {
			return ""
		}
		return "set"
	}},
}

var agencyKeys = []string{"name", "governingBody", "address", "phone", "email", "responsible", "contact",
	"portal", "feedback", "emblem", "accessibilityDate", "measurement"}

// parseAgency reads the agency block. A site that names no publisher
// (neither agency nor organization) is not taken for a state agency's page
// and is not warned about; one that does is warned, for each field such a
// page should carry and does not, at the key that lacks it, or at the
// file when the block is absent.
func parseAgency(m *frontmatter.Map, c *Config) {
	a := &c.Agency
	a.Name = c.Organization
	b := m.Map("agency")
	if b != nil {
		b.CheckKeys(agencyKeys...)
		if name := b.String("name", false); name != "" {
			a.Name = name
		}
		a.GoverningBody = b.String("governingBody", false)
		a.Address = b.String("address", false)
		a.Phone = b.String("phone", false)
		a.Email = email(b, "email")
		a.Responsible = official(b, "responsible")
		a.Contact = official(b, "contact")
		if p := b.Map("portal"); p != nil {
			p.CheckKeys("name", "url")
			a.Portal = Link{Name: p.String("name", false), URL: webURL(p, "url")}
		}
		a.Feedback = feedback(b)
		a.AccessibilityDate, _, _ = b.Date("accessibilityDate", false, c.TimeZone)
		a.Measurement = template.HTML(b.String("measurement", false))
	}
	c.Organization = a.Name
	if b == nil && !m.Has("organization") {
		return
	}
	for _, f := range agencyFields {
		if f.get(a) != "" || b != nil && written(b, f.key) {
			continue // a value written but wrong is an error of its own
		}
		pos := diag.Position{File: File}
		if b != nil {
			pos = fieldPos(b, f.key)
		}
		m.Warn(pos, diag.AgencyMissing, f.what, f.key)
	}
}

// fieldPos is where the agency block lacks key ("contact.name"): its value
// if it is written empty, else the deepest mapping written on its path.
func fieldPos(b *frontmatter.Map, key string) diag.Position {
	first, rest, nested := strings.Cut(key, ".")
	if !nested {
		if b.Has(first) {
			return b.ValuePos(first)
		}
		return b.Start()
	}
	if sub := b.Map(first); sub != nil {
		return fieldPos(sub, rest)
	}
	if b.Has(first) {
		return b.ValuePos(first)
	}
	return b.Start()
}

// written reports whether the agency block gives key ("contact.name") a
// value that is not empty, even one not accepted.
func written(b *frontmatter.Map, key string) bool {
	first, rest, nested := strings.Cut(key, ".")
	if nested {
		sub := b.Map(first)
		return sub != nil && written(sub, rest)
	}
	return b.Has(first) && b.String(first, false) != ""
}

// official reads a person of the agency block: {name, title, phone, email}.
func official(b *frontmatter.Map, key string) Official {
	o := b.Map(key)
	if o == nil {
		return Official{}
	}
	o.CheckKeys("name", "title", "phone", "email")
	return Official{Name: o.String("name", false), Title: o.String("title", false), Phone: o.String("phone", false), Email: email(o, "email")}
}

// email reads an e-mail address, reporting one that is not.
func email(m *frontmatter.Map, key string) string {
	v := m.String(key, false)
	if v == "" {
		return ""
	}
	if a, err := mail.ParseAddress(v); err != nil || a.Address != v {
		m.Report(m.ValuePos(key), diag.BadEmail, v)
		return ""
	}
	return v
}

// webURL reads an absolute http(s) address, reporting one that is not.
func webURL(m *frontmatter.Map, key string) string {
	v := m.String(key, false)
	if v == "" {
		return ""
	}
	if u, err := url.Parse(v); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		m.Report(m.ValuePos(key), diag.BadURL, v, diag.Word{VI: "phải bắt đầu bằng https:// và tên miền", EN: "it must start with https:// and a host name"})
		return ""
	}
	return v
}

// feedback reads where readers send feedback: an e-mail address (bare or
// with mailto:) or a web form's address.
func feedback(b *frontmatter.Map) string {
	v := b.String("feedback", false)
	switch {
	case v == "":
		return ""
	case strings.HasPrefix(v, "mailto:"):
		if a, err := mail.ParseAddress(strings.TrimPrefix(v, "mailto:")); err == nil && "mailto:"+a.Address == v {
			return v
		}
		b.Report(b.ValuePos("feedback"), diag.BadEmail, v)
		return ""
	case !strings.Contains(v, "://") && strings.Contains(v, "@"):
		if a, err := mail.ParseAddress(v); err == nil && a.Address == v {
			return "mailto:" + v
		}
		b.Report(b.ValuePos("feedback"), diag.BadEmail, v)
		return ""
	}
	return webURL(b, "feedback")
}

// checkEmblem checks the emblem named by the agency block: a path under
// content/, without "..", naming a picture (SVG, PNG, JPEG, GIF or WebP, by
// its content). A bad one is reported and dropped.
func checkEmblem(fsys fs.FS, m *frontmatter.Map, c *Config) {
	b := m.Map("agency")
	if b == nil {
		return
	}
	p := b.String("emblem", false)
	if p == "" {
		return
	}
	pos := b.ValuePos("emblem")
	clean := path.Clean(p)
	if strings.Contains(p, "\\") || path.IsAbs(p) || strings.Contains(p, "://") || clean != p ||
		!strings.HasPrefix(p, "content/") || strings.Contains("/"+p+"/", "/../") {
		m.Report(pos, diag.EmblemPath, p)
		return
	}
	if _, err := images.CheckLogo(fsys, p); errors.Is(err, images.ErrLogoFormat) {
		m.Report(pos, diag.EmblemNotImage, p)
		return
	} else if err != nil {
		var d diag.List
		images.Report(&d, pos, images.EmblemWord, p, err)
		for _, x := range d {
			m.Report(x.Pos, x.Code, x.Args...)
		}
		return
	}
	c.Agency.Emblem = p
}
