// Package config reads site.yaml: the site's title, address, language, time
// zone and pagination, the agency that publishes it (see Agency), the
// registries stories refer to — the model types, the departments and the
// forms of award — and the signature of the Office's report.
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
	Organization string   // the publisher, e.g. "Sở Ngoại vụ tỉnh Lạng Sơn": Agency.Name
	BaseURL      *url.URL // absolute, its path ending in "/"
	Language     string   // "vi" or "en": the language of the site and of diagnostics
	TimeZone     *time.Location
	Paginate     int
	Theme        string // the name of a theme folder under themes/, "default" unless set
	MaxFileSize  int64  // the largest content file accepted, in bytes

	Models      []Term // in the order written; the three model types of the plan by default
	Departments []Term
	Awards      []Award // in the order written; DefaultAwards when site.yaml names none

	Report Report

	// Agency is who publishes the site (the agency block).
	Agency Agency
	// EnableGitInfo (Hugo's name) dates a story's last update by its
	// file's last git commit when its front matter has no "updated";
	// EnableGitInfoPos is where it is set.
	EnableGitInfo    bool
	EnableGitInfoPos diag.Position
}

// Report is what the printed report (bao-cao/) is signed with.
type Report struct {
	SignerTitle string // e.g. "GIÁM ĐỐC"
	SignerName  string
	Place       string // the place of the date line, e.g. "Lạng Sơn"
}

// Award is a form of award of the registry: a title (danh hiệu thi đua) or
// a form of commendation (hình thức khen thưởng), at one level, for
// individuals, collectives or both.
type Award struct {
	Key   string
	Name  string     // e.g. "Bằng khen của Chủ tịch UBND tỉnh"
	Kind  AwardKind  // title or commendation
	Level AwardLevel // cơ sở, cấp tỉnh/bộ, nhà nước
	For   AwardFor   // individuals, collectives or both
}

// AwardKind tells a title from a form of commendation, as site.yaml writes it.
type AwardKind string

// The kinds of award.
const (
	Title        AwardKind = "danh-hieu"   // danh hiệu thi đua
	Commendation AwardKind = "khen-thuong" // hình thức khen thưởng
)

// AwardLevel is the level an award is given at, as site.yaml writes it.
type AwardLevel string

// The levels, lowest first.
const (
	LevelBase     AwardLevel = "co-so"    // cơ sở
	LevelProvince AwardLevel = "tinh"     // cấp tỉnh, bộ, ngành
	LevelState    AwardLevel = "nha-nuoc" // nhà nước
)

// Levels are the levels of award, lowest first.
var Levels = []AwardLevel{LevelBase, LevelProvince, LevelState}

// AwardFor is whom an award is given to, as site.yaml writes it.
type AwardFor string

// Whom awards are for.
const (
	ForIndividuals AwardFor = "ca-nhan"
	ForCollectives AwardFor = "tap-the"
	ForBoth        AwardFor = "ca-hai"
)

// Name is the Vietnamese name of a kind of award.
func (k AwardKind) Name() string {
	if k == Title {
		return "Danh hiệu thi đua"
	}
	return "Hình thức khen thưởng"
}

// Name is the Vietnamese name of a level.
func (l AwardLevel) Name() string {
	switch l {
	case LevelBase:
		return "Cấp cơ sở"
	case LevelProvince:
		return "Cấp tỉnh, bộ"
	case LevelState:
		return "Cấp Nhà nước"
	}
	return ""
}

// Allows reports whether the award may be given to a collective (true) or
// an individual (false).
func (a Award) Allows(collective bool) bool {
	switch a.For {
	case ForIndividuals:
		return !collective
	case ForCollectives:
		return collective
	}
	return true
}

// DefaultAwards are the titles and forms of commendation of the Law on
// Emulation and Commendation (Luật Thi đua, khen thưởng 2022) a provincial
// department's staff most often receive, used when site.yaml names none.
func DefaultAwards() []Award {
	return []Award{
		{Key: "lao-dong-tien-tien", Name: "Lao động tiên tiến", Kind: Title, Level: LevelBase, For: ForIndividuals},
		{Key: "chien-si-thi-dua-co-so", Name: "Chiến sĩ thi đua cơ sở", Kind: Title, Level: LevelBase, For: ForIndividuals},
		{Key: "chien-si-thi-dua-tinh", Name: "Chiến sĩ thi đua cấp tỉnh", Kind: Title, Level: LevelProvince, For: ForIndividuals},
		{Key: "chien-si-thi-dua-toan-quoc", Name: "Chiến sĩ thi đua toàn quốc", Kind: Title, Level: LevelState, For: ForIndividuals},
		{Key: "tap-the-lao-dong-tien-tien", Name: "Tập thể lao động tiên tiến", Kind: Title, Level: LevelBase, For: ForCollectives},
		{Key: "tap-the-lao-dong-xuat-sac", Name: "Tập thể lao động xuất sắc", Kind: Title, Level: LevelProvince, For: ForCollectives},
		{Key: "co-thi-dua-tinh", Name: "Cờ thi đua của Ủy ban nhân dân tỉnh", Kind: Title, Level: LevelProvince, For: ForCollectives},
		{Key: "co-thi-dua-chinh-phu", Name: "Cờ thi đua của Chính phủ", Kind: Title, Level: LevelState, For: ForCollectives},
		{Key: "giay-khen", Name: "Giấy khen của Giám đốc Sở", Kind: Commendation, Level: LevelBase, For: ForBoth},
		{Key: "bang-khen-tinh", Name: "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", Kind: Commendation, Level: LevelProvince, For: ForBoth},
		{Key: "bang-khen-bo", Name: "Bằng khen của Bộ trưởng", Kind: Commendation, Level: LevelProvince, For: ForBoth},
		{Key: "bang-khen-thu-tuong", Name: "Bằng khen của Thủ tướng Chính phủ", Kind: Commendation, Level: LevelState, For: ForBoth},
		{Key: "huan-chuong-lao-dong", Name: "Huân chương Lao động", Kind: Commendation, Level: LevelState, For: ForBoth},
		{Key: "ky-niem-chuong", Name: "Kỷ niệm chương", Kind: Commendation, Level: LevelProvince, For: ForIndividuals},
	}
}

// AwardForm returns the form of award with key.
func (c *Config) AwardForm(key string) (Award, bool) {
	for _, a := range c.Awards {
		if a.Key == key {
			return a, true
		}
	}
	return Award{}, false
}

// AwardKeys returns the keys of the award registry, in order.
func (c *Config) AwardKeys() []string {
	ks := make([]string, len(c.Awards))
	for i, a := range c.Awards {
		ks[i] = a.Key
	}
	return ks
}

// BasePath returns the path of the base URL, e.g. "/guong-dien-hinh/".
func (c *Config) BasePath() string { return c.BaseURL.Path }

var topKeys = []string{"title", "description", "organization", "baseURL", "language", "timeZone",
	"paginate", "theme", "maxFileSize", "models", "departments", "awards", "report", "agency", "enableGitInfo"}

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
	c := Parse(m)
	checkEmblem(fsys, m, c)
	return c
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
	c.Models = terms(m, "models", true)
	if !m.Has("models") {
		c.Models = DefaultModels()
	}
	c.Departments = terms(m, "departments", false)
	c.Awards = awards(m)
	if !m.Has("awards") {
		c.Awards = DefaultAwards()
	}
	if r := m.Map("report"); r != nil {
		r.CheckKeys("signerTitle", "signerName", "place")
		c.Report = Report{SignerTitle: r.String("signerTitle", false), SignerName: r.String("signerName", false), Place: r.String("place", false)}
	}
	parseAgency(m, c)
	c.EnableGitInfo, c.EnableGitInfoPos = m.Bool("enableGitInfo"), m.ValuePos("enableGitInfo")
	return c
}

// awards reads the award registry: a mapping from key to {name, kind,
// level, for}.
func awards(m *frontmatter.Map) []Award {
	reg := m.Map("awards")
	if reg == nil {
		return nil
	}
	var out []Award
	for _, k := range reg.Keys() {
		if !vi.ValidSlug(k) {
			reg.Report(reg.KeyPos(k), diag.BadSlug, k)
			continue
		}
		e := reg.Map(k)
		if e == nil {
			continue
		}
		e.CheckKeys("name", "kind", "level", "for")
		a := Award{Key: k, Name: e.String("name", true), Kind: Commendation, Level: LevelBase, For: ForBoth}
		if a.Name == "" {
			a.Name = k
		}
		if v := e.String("kind", false); v != "" {
			a.Kind = AwardKind(oneOf(e, "kind", v, string(Title), string(Commendation)))
		}
		if v := e.String("level", false); v != "" {
			a.Level = AwardLevel(oneOf(e, "level", v, string(LevelBase), string(LevelProvince), string(LevelState)))
		}
		if v := e.String("for", false); v != "" {
			a.For = AwardFor(oneOf(e, "for", v, string(ForIndividuals), string(ForCollectives), string(ForBoth)))
		}
		out = append(out, a)
	}
	return out
}

// oneOf returns v if it is one of valid, else reports it and returns the
// first valid value.
func oneOf(m *frontmatter.Map, key, v string, valid ...string) string {
	for _, x := range valid {
		if v == x {
			return v
		}
	}
	what := diag.Word{VI: "giá trị của " + key, EN: key + " value"}
	if s := frontmatter.Suggest(v, valid); s != "" {
		m.Report(m.ValuePos(key), diag.UnknownRefHint, what, v, s)
	} else {
		m.Report(m.ValuePos(key), diag.UnknownRef, what, v, `"`+strings.Join(valid, `", "`)+`"`)
	}
	return valid[0]
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
