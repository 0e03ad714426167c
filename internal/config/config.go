// Package config reads site.yaml: the site's title, address, language, time
// zone and pagination, and the two registries stories refer to — the model
// types and the departments.
package config

import (
	"errors"
	"io/fs"
	"net/url"
	"strings"
	"time"
	_ "time/tzdata" // "Asia/Ho_Chi_Minh" must load where the OS has no zone database

	"github.com/guong/guong/internal/diag"
	"github.com/guong/guong/internal/frontmatter"
	"github.com/guong/guong/internal/vi"
)

// File is the name of the configuration file at the root of a site folder.
const File = "site.yaml"

// DefaultMaxFileSize is the largest content file read, in bytes. site.yaml
// may change it with maxFileSize, which is in MB, as the file-too-large
// message and the README say.
const DefaultMaxFileSize = 10 << 20

// MaxFileSizeLimitMB is the largest maxFileSize, in MB. A larger value is
// refused: it is most likely a size in bytes (maxFileSize: 1000000 would
// otherwise allow a terabyte), and no story needs more.
const MaxFileSizeLimitMB = 100

// MaxSiteFileSize is the largest site.yaml read, in bytes: a settings file
// of a few kilobytes, not a file that would fill the memory.
const MaxSiteFileSize = 1 << 20

// MaxSlugLength is the most characters a slug — a story's or a page's, or
// one made from a tag, a person's name, a key of a registry or a cover's
// file name — may have. A file system allows 255 bytes in a file or folder
// name; pages and pictures add to a slug ("-2" for a namesake,
// "-1200x630.<hash>.jpg" for a cover), and 200 leaves room for that.
const MaxSlugLength = 200

// SlugTooLong reports whether the slug of s (vi.Slug) is longer than
// MaxSlugLength. vi.Slug makes at most two characters of each byte (㎯
// becomes "rad-s2"), so a short s is not slugged to tell.
func SlugTooLong(s string) (n int, long bool) {
	if 2*len(s)+1 <= MaxSlugLength {
		return 0, false
	}
	n = len(vi.Slug(s))
	return n, n > MaxSlugLength
}

// Config is a site's configuration.
type Config struct {
	Title        string
	Description  string
	Organization string   // the publisher, e.g. "Sở Ngoại vụ tỉnh Lạng Sơn"
	BaseURL      *url.URL // absolute, its path ending in "/"
	Language     string   // "vi" or "en": the language of the site and of diagnostics
	TimeZone     *time.Location
	Paginate     int
	Theme        string // the name of a theme folder under themes/, "default" unless set
	MaxFileSize  int64  // the largest content file accepted, in bytes

	Models      []Term // in the order written; the three model types of the plan by default
	Departments []Term
}

// Term is an entry of a registry: its key, as stories write it, and what readers see.
type Term struct {
	Key         string
	Name        string
	Description string
	Color       string // an optional CSS colour for model types' badges
}

// DefaultModels are the three model types of the plan "Tuyên truyền gương
// điển hình tiên tiến giai đoạn 2022 – 2025", used when site.yaml names none.
func DefaultModels() []Term {
	return []Term{
		{Key: "hoc-tap-va-lam-theo-bac", Name: "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"},
		{Key: "dan-van-kheo", Name: "Dân vận khéo"},
		{Key: "chuyen-mon", Name: "Điển hình trong thực hiện nhiệm vụ chuyên môn"},
	}
}

// Model returns the model type with key.
func (c *Config) Model(key string) (Term, bool) { return find(c.Models, key) }

// Department returns the department with key.
func (c *Config) Department(key string) (Term, bool) { return find(c.Departments, key) }

func find(ts []Term, key string) (Term, bool) {
	for _, t := range ts {
		if t.Key == key {
			return t, true
		}
	}
	return Term{}, false
}

// Keys returns the keys of terms, in order.
func Keys(ts []Term) []string {
	ks := make([]string, len(ts))
	for i, t := range ts {
		ks[i] = t.Key
	}
	return ks
}

// BasePath returns the path of the base URL, e.g. "/guong-dien-hinh/".
func (c *Config) BasePath() string { return c.BaseURL.Path }

var topKeys = []string{"title", "description", "organization", "baseURL", "language", "timeZone",
	"paginate", "theme", "maxFileSize", "models", "departments"}

// Load reads site.yaml from the root of fsys; problems are added to diags.
func Load(fsys fs.FS, diags *diag.List) *Config {
	pos := diag.Position{File: File}
	// Looked at before it is read: a named pipe would block the read
	// forever, a huge file fill the memory.
	info, err := fs.Stat(fsys, File)
	if err == nil && !info.Mode().IsRegular() {
		diags.Errorf(pos, diag.NotRegular, File)
		return nil
	}
	if err == nil && info.Size() > MaxSiteFileSize {
		diags.Errorf(pos, diag.FileTooLarge, (info.Size()+(1<<20)-1)>>20, MaxSiteFileSize>>20)
		return nil
	}
	src, err := fs.ReadFile(fsys, File)
	if err == nil && len(src) > MaxSiteFileSize { // grew since
		diags.Errorf(pos, diag.FileTooLarge, (len(src)+(1<<20)-1)>>20, MaxSiteFileSize>>20)
		return nil
	}
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			diags.Errorf(pos, diag.NoSiteFile)
		} else {
			diags.ReadError(pos, File, err)
		}
		return nil
	}
	if src = frontmatter.Clean(File, src, diags); src == nil {
		return nil
	}
	m := frontmatter.ParseYAML(File, src, diags)
	if m == nil {
		return nil
	}
	return Parse(m)
}

// Parse builds a Config from the decoded site.yaml; problems go to m's list.
func Parse(m *frontmatter.Map) *Config {
	m.CheckKeys(topKeys...)
	c := &Config{
		Title:        m.String("title", true),
		Description:  m.String("description", false),
		Organization: m.String("organization", false),
		Language:     "vi",
		Theme:        "default",
		Paginate:     m.Int("paginate", 10),
	}
	// site.yaml gives the limit in MB, as the file-too-large message does.
	mb := m.Int("maxFileSize", DefaultMaxFileSize>>20)
	if mb > MaxFileSizeLimitMB {
		m.Report(m.ValuePos("maxFileSize"), diag.FileSizeUnit, mb, MaxFileSizeLimitMB)
		mb = DefaultMaxFileSize >> 20
	}
	c.MaxFileSize = int64(mb) << 20
	if lang := m.String("language", false); lang != "" {
		lang = strings.ToLower(lang)
		if lang != "vi" && lang != "en" && !strings.HasPrefix(lang, "vi-") && !strings.HasPrefix(lang, "en-") {
			m.Report(m.ValuePos("language"), diag.BadLanguage, lang)
		} else {
			c.Language = lang[:2]
		}
	}
	if theme := m.String("theme", false); theme != "" {
		if !vi.ValidSlug(theme) {
			m.Report(m.ValuePos("theme"), diag.BadSlug, theme)
		} else {
			c.Theme = theme
		}
	}
	c.BaseURL = parseBaseURL(m)
	c.TimeZone = time.FixedZone("ICT", 7*3600)
	if tz := m.String("timeZone", false); tz != "" {
		if loc, err := time.LoadLocation(tz); err != nil || tz == "Local" {
			m.Report(m.ValuePos("timeZone"), diag.BadTimeZone, tz)
		} else {
			c.TimeZone = loc
		}
	} else if loc, err := time.LoadLocation("Asia/Ho_Chi_Minh"); err == nil {
		c.TimeZone = loc
	}
	c.Models = terms(m, "models")
	if !m.Has("models") {
		c.Models = DefaultModels()
	}
	c.Departments = terms(m, "departments")
	return c
}

func parseBaseURL(m *frontmatter.Map) *url.URL {
	raw := m.String("baseURL", false)
	if raw == "" {
		return &url.URL{Path: "/"}
	}
	u, err := url.Parse(raw)
	switch {
	case err != nil:
		m.Report(m.ValuePos("baseURL"), diag.BadURL, raw, diag.Word{VI: "không đọc được", EN: "cannot be parsed"})
		return &url.URL{Path: "/"}
	case u.Scheme != "http" && u.Scheme != "https" || u.Host == "":
		m.Report(m.ValuePos("baseURL"), diag.BadURL, raw, diag.Word{VI: "phải bắt đầu bằng https:// và tên miền", EN: "it must start with https:// and a host name"})
		return &url.URL{Path: "/"}
	case u.RawQuery != "" || u.Fragment != "":
		m.Report(m.ValuePos("baseURL"), diag.BadURL, raw, diag.Word{VI: "không được có ? hay #", EN: "it must not have a query or fragment"})
	}
	u.RawQuery, u.Fragment = "", ""
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	u.RawPath = ""
	return u
}

// terms reads a registry: a mapping from key to {name, description, color}.
func terms(m *frontmatter.Map, key string) []Term {
	reg := m.Map(key)
	if reg == nil {
		return nil
	}
	var out []Term
	for _, k := range reg.Keys() {
		if !vi.ValidSlug(k) {
			reg.Report(reg.KeyPos(k), diag.BadSlug, k)
			continue
		}
		if len(k) > MaxSlugLength {
			reg.Report(reg.KeyPos(k), diag.NameTooLong, diag.Word{VI: "khóa", EN: "the key"}, len(k), MaxSlugLength)
			continue
		}
		t := Term{Key: k}
		if e := reg.Map(k); e != nil {
			e.CheckKeys("name", "description", "color")
			t.Name = e.String("name", true)
			t.Description = e.String("description", false)
			t.Color = e.String("color", false)
		} else if !reg.Has(k) {
			continue
		}
		if t.Name == "" {
			t.Name = k
		}
		out = append(out, t)
	}
	return out
}
