package config

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/guong/guong/internal/diag"
)

// FuzzSiteYAML: any site.yaml is read without panicking; a file that
// loads without error gives a usable configuration.
func FuzzSiteYAML(f *testing.F) {
	f.Add("title: \"Gương\"\nbaseURL: \"https://example.gov.vn/guong/\"\nlanguage: vi\npaginate: 10\ndepartments:\n  van-phong: {name: \"Văn phòng Sở\"}\n")
	f.Add("title: [a]\nbaseURL: ftp://x\ntimeZone: Mars/Base\npaginate: -1\nmodels: 3\n")
	f.Add("models:\n  Dân vận: {}\n  a:\n  b: {name: [x]}\n")
	f.Add("*a\n")
	f.Fuzz(func(t *testing.T, src string) {
		var diags diag.List
		cfg := Load(fstest.MapFS{File: {Data: []byte(src)}}, &diags)
		for _, d := range diags {
			if strings.Contains(d.Format("vi"), "%!") {
				t.Errorf("badly formatted message: %s", d.Format("vi"))
			}
		}
		if cfg == nil || diags.HasErrors() {
			return
		}
		if cfg.BaseURL == nil || !strings.HasSuffix(cfg.BaseURL.Path, "/") || cfg.TimeZone == nil || cfg.Paginate <= 0 || cfg.Title == "" {
			t.Errorf("a site.yaml without errors gave %+v", cfg)
		}
	})
}
