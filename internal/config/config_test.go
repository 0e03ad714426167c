package config

import (
	"io/fs"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"github.com/guong/guong/internal/diag"
)

func load(t *testing.T, yaml string) (*Config, []string) {
	t.Helper()
	fsys := fstest.MapFS{File: {Data: []byte(yaml)}}
	var diags diag.List
	c := Load(fsys, &diags)
	diags.Sort()
	var out []string
	for _, d := range diags {
		out = append(out, d.Format("en"))
	}
	return c, out
}

const goodSite = `title: "Gương điển hình tiên tiến – Sở Ngoại vụ"
description: "Trang tuyên truyền"
organization: "Sở Ngoại vụ tỉnh Lạng Sơn"
baseURL: "https://example.gov.vn/guong-dien-hinh"
language: "vi"
timeZone: "Asia/Ho_Chi_Minh"
paginate: 12
theme: "trang-chu"
maxFileSize: 2

models:
  dan-van-kheo:
    name: "Dân vận khéo"
    color: "#b91c1c"
  chuyen-mon:
    name: "Điển hình trong thực hiện nhiệm vụ chuyên môn"
    short: "Chuyên môn"
    description: "Thành tích xuất sắc"
  hoc-tap-va-lam-theo-bac:
    name: "Học tập và làm theo Bác"
    short: "Làm theo Bác"

departments:
  van-phong:
    name: "Văn phòng Sở"
  thanh-tra:
    name: "Thanh tra Sở"
    description: "Thanh tra hành chính"
  phong-lanh-su:
`

func TestLoadGood(t *testing.T) {
	c, diags := load(t, goodSite)
	// goodSite names its publisher with organization only: it is warned
	// of what its agency block would say (agency_test.go), nothing else.
	diags = slices.DeleteFunc(diags, func(d string) bool { return strings.Contains(d, `to the "agency" block`) })
	if len(diags) > 0 || c == nil {
		t.Fatalf("Load: %q", diags)
	}
	if c.Title != "Gương điển hình tiên tiến – Sở Ngoại vụ" || c.Description != "Trang tuyên truyền" || c.Organization != "Sở Ngoại vụ tỉnh Lạng Sơn" {
		t.Errorf("Title, Description, Organization = %q, %q, %q", c.Title, c.Description, c.Organization)
	}
	if got := c.BaseURL.String(); got != "https://example.gov.vn/guong-dien-hinh/" {
		t.Errorf("BaseURL = %s, want a trailing slash", got)
	}
	if got := c.BasePath(); got != "/guong-dien-hinh/" {
		t.Errorf("BasePath = %s", got)
	}
	if c.Language != "vi" || c.Paginate != 12 || c.Theme != "trang-chu" {
		t.Errorf("Language, Paginate, Theme = %q, %d, %q", c.Language, c.Paginate, c.Theme)
	}
	if c.MaxFileSize != 2<<20 {
		t.Errorf("MaxFileSize = %d, want 2 MB", c.MaxFileSize)
	}
	if got := c.TimeZone.String(); got != "Asia/Ho_Chi_Minh" {
		t.Errorf("TimeZone = %s", got)
	}
	wantModels := []Term{
		{Key: "dan-van-kheo", Name: "Dân vận khéo", Color: "#b91c1c", Short: "Dân vận khéo"},
		{Key: "chuyen-mon", Name: "Điển hình trong thực hiện nhiệm vụ chuyên môn", Description: "Thành tích xuất sắc", Short: "Chuyên môn"},
		{Key: "hoc-tap-va-lam-theo-bac", Name: "Học tập và làm theo Bác", Short: "Làm theo Bác"},
	}
	if !reflect.DeepEqual(c.Models, wantModels) {
		t.Errorf("Models =\n%+v\nwant\n%+v", c.Models, wantModels)
	}
	if got := Keys(c.Departments); !reflect.DeepEqual(got, []string{"van-phong", "thanh-tra", "phong-lanh-su"}) {
		t.Errorf("department keys = %q: the written order must be kept", got)
	}
	if d, ok := c.Department("phong-lanh-su"); !ok || d.Name != "phong-lanh-su" {
		t.Errorf("Department(phong-lanh-su) = %+v, %v; want its key as its name", d, ok)
	}
	if d, ok := c.Department("thanh-tra"); !ok || d.Description != "Thanh tra hành chính" {
		t.Errorf("Department(thanh-tra) = %+v, %v", d, ok)
	}
	if _, ok := c.Model("the-thao"); ok {
		t.Errorf("Model(the-thao) found")
	}
}

func TestLoadDefaults(t *testing.T) {
	c, diags := load(t, "title: Gương\n")
	if len(diags) > 0 || c == nil {
		t.Fatalf("Load: %q", diags)
	}
	if got := c.BaseURL.String(); got != "/" {
		t.Errorf("BaseURL = %q, want /", got)
	}
	if got := c.TimeZone.String(); got != "Asia/Ho_Chi_Minh" {
		t.Errorf("TimeZone = %s, want Asia/Ho_Chi_Minh", got)
	}
	if c.Language != "vi" || c.Paginate != 10 || c.Theme != "default" || c.MaxFileSize != DefaultMaxFileSize {
		t.Errorf("Language, Paginate, Theme, MaxFileSize = %q, %d, %q, %d", c.Language, c.Paginate, c.Theme, c.MaxFileSize)
	}
	if !reflect.DeepEqual(c.Models, DefaultModels()) {
		t.Errorf("Models = %+v, want the defaults", c.Models)
	}
	if got := Keys(c.Models); !reflect.DeepEqual(got, []string{"hoc-tap-va-lam-theo-bac", "dan-van-kheo", "chuyen-mon"}) {
		t.Errorf("default model keys = %q", got)
	}
	if len(c.Departments) != 0 {
		t.Errorf("Departments = %+v, want none", c.Departments)
	}
	if !reflect.DeepEqual(c.Awards, DefaultAwards()) {
		t.Errorf("Awards = %+v, want the defaults", c.Awards)
	}
}

func TestAwards(t *testing.T) {
	c, diags := load(t, "title: a\nawards:\n  giay-khen:\n    name: Giấy khen của Giám đốc Sở\n  cstd-tinh:\n    name: Chiến sĩ thi đua cấp tỉnh\n    kind: danh-hieu\n    level: tinh\n    for: ca-nhan\n"+
		"report:\n  signerTitle: GIÁM ĐỐC\n  signerName: Nguyễn Văn A\n  place: Lạng Sơn\n")
	if len(diags) > 0 || c == nil {
		t.Fatalf("Load: %q", diags)
	}
	want := []Award{
		{Key: "giay-khen", Name: "Giấy khen của Giám đốc Sở", Kind: Commendation, Level: LevelBase, For: ForBoth},
		{Key: "cstd-tinh", Name: "Chiến sĩ thi đua cấp tỉnh", Kind: Title, Level: LevelProvince, For: ForIndividuals},
	}
	if !reflect.DeepEqual(c.Awards, want) {
		t.Errorf("Awards =\n%+v\nwant\n%+v", c.Awards, want)
	}
	if a, ok := c.AwardForm("cstd-tinh"); !ok || a.Allows(true) || !a.Allows(false) {
		t.Errorf("AwardForm(cstd-tinh) = %+v, %v: want for individuals only", a, ok)
	}
	if got := (Report{SignerTitle: "GIÁM ĐỐC", SignerName: "Nguyễn Văn A", Place: "Lạng Sơn"}); c.Report != got {
		t.Errorf("Report = %+v, want %+v", c.Report, got)
	}
	for _, a := range DefaultAwards() {
		if a.Level.Name() == "" || a.Kind.Name() == "" || a.Name == "" {
			t.Errorf("default award %q lacks a name, kind or level", a.Key)
		}
	}
}

func TestLoadVariants(t *testing.T) {
	tests := []struct {
		name  string
		yaml  string
		check func(c *Config) string
	}{
		{"language en-US", "title: a\nlanguage: en-US\n", func(c *Config) string { return c.Language }},
		{"language VI", "title: a\nlanguage: VI\n", func(c *Config) string { return c.Language }},
		{"baseURL with a slash", "title: a\nbaseURL: https://example.gov.vn/\n", func(c *Config) string { return c.BaseURL.String() }},
		{"baseURL host only", "title: a\nbaseURL: http://example.gov.vn\n", func(c *Config) string { return c.BaseURL.String() }},
		{"baseURL Vietnamese path", "title: a\nbaseURL: https://example.gov.vn/gương\n", func(c *Config) string { return c.BasePath() }},
		{"time zone", "title: a\ntimeZone: Asia/Bangkok\n", func(c *Config) string { return c.TimeZone.String() }},
		{"CRLF and BOM", "\ufefftitle: a\r\npaginate: 5\r\n", func(c *Config) string { return c.Title + strings.Repeat("!", c.Paginate) }},
		{"empty models", "title: a\nmodels: {}\n", func(c *Config) string { return strings.Join(Keys(c.Models), ",") }},
	}
	want := []string{"en", "vi", "https://example.gov.vn/", "http://example.gov.vn/", "/gương/", "Asia/Bangkok", "a!!!!!", ""}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, diags := load(t, tt.yaml)
			if len(diags) > 0 || c == nil {
				t.Fatalf("Load: %q", diags)
			}
			if got := tt.check(c); got != want[i] {
				t.Errorf("got %q, want %q", got, want[i])
			}
		})
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name  string
		yaml  string
		diags []string
	}{
		{"missing title", "description: a\n",
			[]string{`site.yaml:1:1: missing required field "title"`}},
		{"empty file", "",
			[]string{`site.yaml:1:1: missing required field "title"`}},
		{"empty title", "title: \"\"\n",
			[]string{`site.yaml:1:8: "title" must not be empty`}},
		{"title list", "title: [a, b]\n",
			[]string{`site.yaml:1:8: "title" must be a string, not a list`}},
		{"baseURL without scheme", "title: a\nbaseURL: example.gov.vn/guong\n",
			[]string{`site.yaml:2:10: invalid address "example.gov.vn/guong": it must start with https:// and a host name`}},
		{"baseURL ftp", "title: a\nbaseURL: ftp://example.gov.vn/\n",
			[]string{`site.yaml:2:10: invalid address "ftp://example.gov.vn/": it must start with https:// and a host name`}},
		{"baseURL with query", "title: a\nbaseURL: \"https://example.gov.vn/guong?a=1\"\n",
			[]string{`site.yaml:2:10: invalid address "https://example.gov.vn/guong?a=1": it must not have a query or fragment`}},
		{"baseURL with fragment", "title: a\nbaseURL: \"https://example.gov.vn/#top\"\n",
			[]string{`site.yaml:2:10: invalid address "https://example.gov.vn/#top": it must not have a query or fragment`}},
		{"baseURL unparsable", "title: a\nbaseURL: \"https://exa mple.gov.vn:x/\"\n",
			[]string{`site.yaml:2:10: invalid address "https://exa mple.gov.vn:x/": cannot be parsed`}},
		{"bad timeZone", "title: a\ntimeZone: Hà Nội\n",
			[]string{`site.yaml:2:11: unknown time zone "Hà Nội" (for example "Asia/Ho_Chi_Minh")`}},
		{"timeZone Local", "title: a\ntimeZone: Local\n",
			[]string{`site.yaml:2:11: unknown time zone "Local" (for example "Asia/Ho_Chi_Minh")`}},
		{"paginate 0", "title: a\npaginate: 0\n",
			[]string{`site.yaml:2:11: "paginate" must be a positive whole number, not "0"`}},
		{"paginate mười", "title: a\npaginate: mười\n",
			[]string{`site.yaml:2:11: "paginate" must be a positive whole number, not "mười"`}},
		{"maxFileSize 0", "title: a\nmaxFileSize: 0\n",
			[]string{`site.yaml:2:14: "maxFileSize" must be a positive whole number, not "0"`}},
		{"maxFileSize in bytes", "title: a\nmaxFileSize: 1000000\n",
			[]string{`site.yaml:2:14: maxFileSize is in MB: 1000000 MB is too large, the limit is 100 MB (for example maxFileSize: 10 is 10 MB)`}},
		{"bad language", "title: a\nlanguage: fr\n",
			[]string{`site.yaml:2:11: language "fr" is not supported; use "vi" or "en"`}},
		{"bad theme", "title: a\ntheme: ../x\n",
			[]string{`site.yaml:2:8: invalid slug "../x": use only a-z, 0-9 and '-'`}},
		{"unknown key", "title: a\npagniate: 5\ntimezone: Asia/Ho_Chi_Minh\ncolour: red\n",
			[]string{
				`site.yaml:2:1: warning: unknown key "pagniate" is ignored (did you mean "paginate"?)`,
				`site.yaml:3:1: warning: unknown key "timezone" is ignored (did you mean "timeZone"?)`,
				`site.yaml:4:1: warning: unknown key "colour" is ignored`,
			}},
		{"duplicate key", "title: a\npaginate: 5\ntitle: b\n",
			[]string{`site.yaml:3:1: key "title" appears twice (first on line 1)`}},
		{"registry key not a slug", "title: a\ndepartments:\n  van-phong:\n    name: Văn phòng\n  Dân vận:\n    name: Dân vận\n",
			[]string{`site.yaml:5:3: invalid slug "Dân vận": use only a-z, 0-9 and '-'`}},
		{"registry entry", "title: a\nmodels:\n  dan-van-kheo:\n    nmae: Dân vận khéo\n",
			[]string{
				`site.yaml:3:3: missing required field "name"`,
				`site.yaml:4:5: warning: unknown key "nmae" is ignored (did you mean "name"?)`,
			}},
		{"registry entry empty", "title: a\nmodels:\n  dan-van-kheo: {}\n",
			[]string{`site.yaml:3:3: missing required field "name"`}},
		{"registry entry a string", "title: a\nmodels:\n  dan-van-kheo: Dân vận khéo\n",
			[]string{`site.yaml:3:17: "dan-van-kheo" must be a mapping, not a string`}},
		{"registry a list", "title: a\ndepartments: [van-phong]\n",
			[]string{`site.yaml:2:14: "departments" must be a mapping, not a list`}},
		{"registry duplicate", "title: a\nmodels:\n  chuyen-mon: {name: A}\n  chuyen-mon: {name: B}\n",
			[]string{`site.yaml:4:3: key "chuyen-mon" appears twice (first on line 3)`}},
		{"award kind misspelt", "title: a\nawards:\n  giay-khen: {name: Giấy khen, kind: danh-hieuu}\n",
			[]string{`site.yaml:3:38: unknown kind value "danh-hieuu" (did you mean "danh-hieu"?)`}},
		{"award level unknown", "title: a\nawards:\n  giay-khen: {name: Giấy khen, level: huyen}\n",
			[]string{`site.yaml:3:39: unknown level value "huyen"; valid values: "co-so", "tinh", "nha-nuoc"`}},
		{"report key misspelt", "title: a\nreport:\n  signerNmae: A\n",
			[]string{`site.yaml:3:3: warning: unknown key "signerNmae" is ignored (did you mean "signerName"?)`}},
		{"YAML syntax error", "title: a\nmodels:\n  dan-van-kheo: {name: [A}\n",
			[]string{`site.yaml:3:26: the bracket "[" is closed by "}"; use "]"`}},
		{"not a mapping", "- title: a\n",
			[]string{`site.yaml:1:1: front matter must be a set of "key: value" pairs`}},
		{"invalid UTF-8", "title: Gương\norganization: S\xf4 Ngo\xe0i v\xf9\n",
			[]string{`site.yaml:2:16: the file is not valid UTF-8 text; save it again as UTF-8`}},
		{"all at once", "paginate: 0\nbaseURL: example.gov.vn\ntimeZone: ICT\nmodelz: {}\n",
			[]string{
				`site.yaml:1:1: missing required field "title"`,
				`site.yaml:1:11: "paginate" must be a positive whole number, not "0"`,
				`site.yaml:2:10: invalid address "example.gov.vn": it must start with https:// and a host name`,
				`site.yaml:3:11: unknown time zone "ICT" (for example "Asia/Ho_Chi_Minh")`,
				`site.yaml:4:1: warning: unknown key "modelz" is ignored (did you mean "models"?)`,
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := load(t, tt.yaml)
			if !reflect.DeepEqual(diags, tt.diags) {
				t.Errorf("diagnostics:\n got: %s\nwant: %s", strings.Join(diags, "\n      "), strings.Join(tt.diags, "\n      "))
			}
		})
	}
}

func TestLoadMissingFile(t *testing.T) {
	var diags diag.List
	if c := Load(fstest.MapFS{"content/x.md": {}}, &diags); c != nil {
		t.Errorf("Load returned a config")
	}
	if len(diags) != 1 {
		t.Fatalf("got %d diagnostics, want 1", len(diags))
	}
	if got, want := diags[0].Format("en"), "site.yaml: site.yaml not found: is this a site folder?"; got != want {
		t.Errorf("en: got %s, want %s", got, want)
	}
	if got, want := diags[0].Format("vi"), "site.yaml: không tìm thấy tệp site.yaml: đây có phải thư mục của trang không?"; got != want {
		t.Errorf("vi: got %s, want %s", got, want)
	}
}

// deniedFS answers every read with fs.ErrPermission, as a file of another
// user does (the tests run as root, who may read anything).
type deniedFS struct{ fsys fstest.MapFS }

func (d deniedFS) Open(name string) (fs.File, error) {
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
}

func (d deniedFS) Stat(name string) (fs.FileInfo, error) { return d.fsys.Stat(name) }

// TestLoadRefused: site.yaml that is a named pipe (which would block the
// read forever), larger than MaxSiteFileSize, or unreadable is refused
// with a diagnostic naming it, before it is read.
func TestLoadRefused(t *testing.T) {
	tests := []struct {
		name string
		fsys fs.FS
		want string
	}{
		{"named pipe", fstest.MapFS{File: {Mode: fs.ModeNamedPipe}},
			`site.yaml: "site.yaml" is not a regular file (it is a named pipe, a device or a socket); guong reads only regular files: replace it with a file`},
		{"too large", fstest.MapFS{File: {Data: []byte("title: x\n" + strings.Repeat("#", MaxSiteFileSize))}},
			"site.yaml: file too large (2 MB); the limit is 1 MB"},
		{"no permission", deniedFS{fstest.MapFS{File: {Data: []byte("title: x\n")}}},
			`site.yaml: no permission to read "site.yaml"; give the user running guong read access to it (for example chmod a+rX), or run guong as its owner`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var diags diag.List
			if c := Load(tt.fsys, &diags); c != nil {
				t.Errorf("Load returned a config")
			}
			if len(diags) != 1 || diags[0].Format("en") != tt.want {
				t.Errorf("diagnostics = %v, want %s", diags, tt.want)
			}
		})
	}
}

// TestKeyTooLong: a registry key longer than a page address may hold
// (site.MaxSlugLength) is reported at the key.
func TestKeyTooLong(t *testing.T) {
	key := strings.Repeat("a", MaxSlugLength+1)
	_, diags := load(t, "title: a\ndepartments:\n  "+key+": {name: X}\n")
	want := []string{"site.yaml:3:3: the key is too long: it makes a name of 201 characters in the page's address, at most 200 (without diacritics); shorten it"}
	if !reflect.DeepEqual(diags, want) {
		t.Errorf("diagnostics = %q, want %q", diags, want)
	}
}

// TestModelShort checks a model type's short name, the menu's label: given,
// defaulted to a short enough name, too long (an error at the value) or
// missing from a long name (a warning at the key), and not a key of
// departments.
func TestModelShort(t *testing.T) {
	tests := []struct {
		name  string
		yaml  string
		short string // of the first model
		diags []string
	}{
		{"given", "title: a\nmodels:\n  chuyen-mon:\n    name: Điển hình trong thực hiện nhiệm vụ chuyên môn\n    short: \" Chuyên môn \"\n", "Chuyên môn", nil},
		{"defaulted to a short name", "title: a\nmodels:\n  dan-van-kheo:\n    name: Dân vận khéo\n", "Dân vận khéo", nil},
		{"defaulted to the key", "title: a\nmodels:\n  dan-van:\n", "dan-van", nil},
		{"twenty characters", "title: a\nmodels:\n  a:\n    name: Thi đua\n    short: Thi đua sáng tạo hay\n", "Thi đua sáng tạo hay", nil},
		{"too long", "title: a\nmodels:\n  a:\n    name: Làm theo Bác\n    short: Học tập và làm theo Bác\n", "Học tập và làm theo Bác",
			[]string{`site.yaml:5:12: short name "Học tập và làm theo Bác" of model type "a" is 23 characters long, at most 20: the menu on phones needs a short name; shorten it, e.g. "Dân vận khéo"`}},
		{"missing from a long name", "title: a\nmodels:\n  hoc-tap:\n    name: Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh\n", "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
			[]string{`site.yaml:3:3: warning: model type "hoc-tap" has no "short" key (its short name in the menu): its full name is 61 characters long, over 20, so the menu shows the whole long name; add one, e.g. short: "Làm theo Bác"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, diags := load(t, tt.yaml)
			if !reflect.DeepEqual(diags, tt.diags) {
				t.Errorf("diagnostics =\n%q\nwant\n%q", diags, tt.diags)
			}
			if c == nil || len(c.Models) == 0 {
				t.Fatalf("no model read")
			}
			if got := c.Models[0].Short; got != tt.short {
				t.Errorf("Short = %q, want %q", got, tt.short)
			}
		})
	}
	t.Run("not a department's key", func(t *testing.T) {
		c, diags := load(t, "title: a\ndepartments:\n  van-phong:\n    name: Văn phòng Sở\n    short: VP\n")
		if len(diags) != 1 || !strings.Contains(diags[0], `site.yaml:5:5: warning: `) || !strings.Contains(diags[0], `"short"`) {
			t.Errorf("diagnostics = %q, want one warning for the key short", diags)
		}
		if c.Departments[0].Short != "" {
			t.Errorf("department's Short = %q, want none", c.Departments[0].Short)
		}
	})
	t.Run("the defaults", func(t *testing.T) {
		for _, m := range DefaultModels() {
			if n := utf8.RuneCountInString(m.Short); m.Short == "" || n > MaxShortLength {
				t.Errorf("default model %q: Short = %q (%d characters)", m.Key, m.Short, n)
			}
		}
	})
}
