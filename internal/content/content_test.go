package content

import (
	"bytes"
	"context"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"
	"unsafe"

	"github.com/guong/guong/internal/config"
	"github.com/guong/guong/internal/diag"
	"github.com/guong/guong/internal/sitefs"
)

// goodSite is a small site without a single problem.
var goodSite = fstest.MapFS{
	"site.yaml": {Data: []byte(`title: "Gương điển hình"
baseURL: "https://example.gov.vn/guong/"
departments:
  van-phong:
    name: "Văn phòng Sở"
  phong-lanh-su:
    name: "Phòng Lãnh sự"
`)},
	"content/campaigns/chuyen-doi-so.md": {Data: []byte(`---
title: "Chuyển đổi số"
start: 2022-03-15
---
Phong trào chuyển đổi số.
`)},
	"content/campaigns/cai-cach.md": {Data: []byte(`---
title: "Cải cách hành chính"
start: 01/01/2022
end: 31/12/2025
---
Phong trào cải cách hành chính.
`)},
	"content/stories/2023/chi-lan.md": {Data: []byte(`---
title: "Chị Hoàng Thị Lan – dân vận khéo nơi biên giới"
date: 2023-06-11
person: "Hoàng Thị Lan"
position: "Chuyên viên"
gender: Nữ
department: van-phong
model: dan-van-kheo
campaigns: [chuyen-doi-so, cai-cach]
tags: "biên giới, cải cách"
summary: "Tóm tắt"
cover: anh/lan.jpg
coverAlt: "Chị Lan ở cột mốc"
awards:
  - kind: giay-khen
    decision: "58/QĐ-SNgV"
    date: 14/01/2022
    issuer: "Giám đốc Sở Ngoại vụ"
    year: 2021
    note: "Hoàn thành xuất sắc nhiệm vụ năm 2021"
  - {kind: bang-khen-tinh, date: 2023-02-01}
---
Chị Lan gần mười năm gắn bó với công tác biên giới.
`)},
	"content/stories/2023/anh/lan.jpg": {Data: []byte(tinyJPEG)},
	"content/stories/2023/tap-the.md": {Data: []byte(`+++
title = "Tập thể Phòng Lãnh sự"
date = 2023-09-14T14:00:00+07:00
person = "Tập thể Phòng Lãnh sự"
collective = true
department = "phong-lanh-su"
model = "chuyen-mon"
tags = ["hợp pháp hóa lãnh sự", "cải cách hành chính"]
slug = "tap-the-phong-lanh-su"
+++
Phòng Lãnh sự rút ngắn thời gian giải quyết hồ sơ.
`)},
	"content/stories/2023/Chị Hoa.md": {Data: []byte(`{
  "title": "Chị Nguyễn Thị Hoa",
  "date": "Thứ Hai, ngày 12 tháng 6 năm 2023 lúc 8h30",
  "person": "Nguyễn Thị Hoa",
  "department": "van-phong",
  "model": "hoc-tap-va-lam-theo-bac",
  "draft": false
}
Chị Hoa.
`)},
	"content/stories/2024/nhap.md": {Data: []byte(`---
title: "Bản nháp"
date: 2024-01-02
person: "Âu Minh Tuấn"
department: van-phong
model: chuyen-mon
draft: true
---
Chưa xong.
`)},
	"content/stories/2026/tuong-lai.md": {Data: []byte(`---
title: "Bài hẹn giờ"
date: 2026-01-01T08:00:00
person: "Lục Văn Khánh"
department: van-phong
model: chuyen-mon
---
Sẽ đăng năm sau.
`)},
	"content/pages/gioi-thieu.md": {Data: []byte(`---
title: "Giới thiệu"
weight: 2
---
Trang giới thiệu.
`)},
	"content/people/hoang-thi-lan.md": {Data: []byte(`---
name: "Hoàng Thị Lan"
photo: lan.png
position: "Chuyên viên"
---
Chị Lan.
`)},
	"content/people/lan.png":   {Data: []byte(tinyPNG)},
	"content/.ghi-chu.md":      {Data: []byte("not front matter, but hidden")},
	"content/stories/x.md~":    {Data: []byte("an editor's backup")},
	"content/stories/README":   {Data: []byte("an asset")},
	"content/ghi-chu/notes.md": {Data: []byte("Markdown outside the known folders is not read")},
}

func loadGood(t *testing.T, opts Options) (*config.Config, *Site) {
	t.Helper()
	var diags diag.List
	cfg := config.Load(goodSite, &diags)
	if cfg == nil {
		t.Fatalf("config.Load: %v", diags.Err())
	}
	opts.Now = testNow
	s := Load(context.Background(), goodSite, cfg, opts, &diags)
	if len(diags) > 0 {
		diags.Sort()
		t.Fatalf("Load: %d diagnostics:\n%s", len(diags), formatList(diags, "en"))
	}
	return cfg, s
}

func TestLoadGood(t *testing.T) {
	_, s := loadGood(t, Options{})
	var files []string
	for _, st := range s.Stories {
		files = append(files, st.File)
	}
	wantFiles := []string{
		"content/stories/2023/Chị Hoa.md",
		"content/stories/2023/chi-lan.md",
		"content/stories/2023/tap-the.md",
	}
	if !reflect.DeepEqual(files, wantFiles) {
		t.Fatalf("published stories = %q, want %q", files, wantFiles)
	}
	hoa, lan, tapThe := s.Stories[0], s.Stories[1], s.Stories[2]

	t.Run("typed values", func(t *testing.T) {
		want := &Story{
			File:       "content/stories/2023/chi-lan.md",
			Slug:       "chi-lan",
			Title:      "Chị Hoàng Thị Lan – dân vận khéo nơi biên giới",
			Person:     "Hoàng Thị Lan",
			Position:   "Chuyên viên",
			Gender:     "nữ",
			Department: "van-phong",
			Model:      "dan-van-kheo",
			Campaigns:  []string{"chuyen-doi-so", "cai-cach"},
			Tags:       []string{"biên giới, cải cách"}, // one tag: a string is never split
			Summary:    "Tóm tắt",
			Cover:      "content/stories/2023/anh/lan.jpg",
			CoverAlt:   "Chị Lan ở cột mốc",
			BodyLine:   23,
		}
		got := *lan
		if got.Version == 0 {
			t.Errorf("the story has no version")
		}
		body, err := ReadBody(goodSite, lan)
		if want := "Chị Lan gần mười năm gắn bó với công tác biên giới.\n"; err != nil || string(body) != want {
			t.Errorf("ReadBody = %q, %v; want %q", body, err, want)
		}
		got.Date, got.Awards, got.Version, got.bodySize, got.cleanAsRead = time.Time{}, nil, 0, 0, false
		if !reflect.DeepEqual(&got, want) {
			t.Errorf("story =\n%+v\nwant\n%+v", got, *want)
		}
	})

	t.Run("date-only values are midnight in +07:00", func(t *testing.T) {
		if got := lan.Date.Format(time.RFC3339); got != "2023-06-11T00:00:00+07:00" || lan.HasTime {
			t.Errorf("Date = %s, HasTime = %v; want 2023-06-11T00:00:00+07:00, false", got, lan.HasTime)
		}
		if got := lan.Date.Location().String(); got != "Asia/Ho_Chi_Minh" {
			t.Errorf("Date's location = %s, want Asia/Ho_Chi_Minh", got)
		}
	})

	t.Run("times", func(t *testing.T) {
		if got := tapThe.Date.Format(time.RFC3339); got != "2023-09-14T14:00:00+07:00" || !tapThe.HasTime {
			t.Errorf("TOML Date = %s, HasTime = %v", got, tapThe.HasTime)
		}
		if got := hoa.Date.Format(time.RFC3339); got != "2023-06-12T08:30:00+07:00" || !hoa.HasTime {
			t.Errorf("long Vietnamese Date = %s, HasTime = %v", got, hoa.HasTime)
		}
	})

	t.Run("collective", func(t *testing.T) {
		if !tapThe.Collective || lan.Collective {
			t.Errorf("Collective = %v, %v; want true, false", tapThe.Collective, lan.Collective)
		}
	})

	t.Run("slugs", func(t *testing.T) {
		for _, c := range []struct {
			st   *Story
			want string
		}{
			{lan, "chi-lan"},                  // the file name
			{hoa, "chi-hoa"},                  // the file name, transliterated
			{tapThe, "tap-the-phong-lanh-su"}, // the slug field
		} {
			if c.st.Slug != c.want {
				t.Errorf("%s: Slug = %q, want %q", c.st.File, c.st.Slug, c.want)
			}
		}
	})

	t.Run("tags", func(t *testing.T) {
		if want := []string{"hợp pháp hóa lãnh sự", "cải cách hành chính"}; !reflect.DeepEqual(tapThe.Tags, want) {
			t.Errorf("Tags = %q, want %q", tapThe.Tags, want)
		}
		if len(hoa.Tags) != 0 || len(hoa.Campaigns) != 0 {
			t.Errorf("Tags, Campaigns = %q, %q; want none", hoa.Tags, hoa.Campaigns)
		}
	})

	t.Run("awards", func(t *testing.T) {
		if len(lan.Awards) != 2 {
			t.Fatalf("Awards = %+v", lan.Awards)
		}
		a, b := lan.Awards[0], lan.Awards[1]
		if a.Kind != "giay-khen" || a.Name != "" || a.Decision != "58/QĐ-SNgV" || !a.HasDate ||
			a.Date.Format(time.RFC3339) != "2022-01-14T00:00:00+07:00" || a.Issuer != "Giám đốc Sở Ngoại vụ" ||
			a.Year != 2021 || a.Note != "Hoàn thành xuất sắc nhiệm vụ năm 2021" {
			t.Errorf("first award = %+v", a)
		}
		// Without "year", the year is the decision's.
		if b.Kind != "bang-khen-tinh" || b.Decision != "" || !b.HasDate || b.Year != 2023 {
			t.Errorf("second award = %+v", b)
		}
	})

	t.Run("skipped", func(t *testing.T) {
		if len(s.Skipped) != 2 {
			t.Fatalf("Skipped = %+v", s.Skipped)
		}
		d, f := s.Skipped[0], s.Skipped[1]
		if d.File != "content/stories/2024/nhap.md" || d.Reason != SkippedDraft || d.Title != "Bản nháp" {
			t.Errorf("Skipped[0] = %+v, want the draft", d)
		}
		if f.File != "content/stories/2026/tuong-lai.md" || f.Reason != SkippedFuture ||
			f.Date.Format(time.RFC3339) != "2026-01-01T08:00:00+07:00" {
			t.Errorf("Skipped[1] = %+v, want the future story", f)
		}
	})

	t.Run("campaigns", func(t *testing.T) {
		if len(s.Campaigns) != 2 {
			t.Fatalf("Campaigns = %+v", s.Campaigns)
		}
		cc, cds := s.Campaigns[0], s.Campaigns[1]
		if cc.Key != "cai-cach" || cc.Title != "Cải cách hành chính" ||
			cc.Start.Format(time.DateOnly) != "2022-01-01" || cc.End.Format(time.DateOnly) != "2025-12-31" {
			t.Errorf("campaign = %+v", cc)
		}
		if !cc.Ongoing(time.Date(2025, 12, 31, 23, 0, 0, 0, cc.End.Location())) || cc.Ongoing(testNow.AddDate(1, 0, 0)) {
			t.Errorf("Ongoing is wrong around the end date %s", cc.End)
		}
		if cds.Key != "chuyen-doi-so" || !cds.End.IsZero() || !cds.Ongoing(testNow) {
			t.Errorf("campaign = %+v, want one without end", cds)
		}
	})

	t.Run("pages and profiles", func(t *testing.T) {
		if len(s.Pages) != 1 || s.Pages[0].Slug != "gioi-thieu" || s.Pages[0].Weight != 2 || s.Pages[0].Title != "Giới thiệu" {
			t.Errorf("Pages = %+v", s.Pages)
		}
		if len(s.Profiles) != 1 || s.Profiles[0].Name != "Hoàng Thị Lan" || s.Profiles[0].Photo != "content/people/lan.png" {
			t.Errorf("Profiles = %+v", s.Profiles)
		}
	})

	t.Run("assets", func(t *testing.T) {
		want := []string{"content/people/lan.png", "content/stories/2023/anh/lan.jpg", "content/stories/README"}
		if !reflect.DeepEqual(s.Assets, want) {
			t.Errorf("Assets = %q, want %q", s.Assets, want)
		}
	})
}

func TestLoadDraftsAndFuture(t *testing.T) {
	tests := []struct {
		name    string
		opts    Options
		stories int
		skipped []SkipReason
	}{
		{"default", Options{}, 3, []SkipReason{SkippedDraft, SkippedFuture}},
		{"drafts", Options{Drafts: true}, 4, []SkipReason{SkippedFuture}},
		{"future", Options{Future: true}, 4, []SkipReason{SkippedDraft}},
		{"both", Options{Drafts: true, Future: true}, 5, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, s := loadGood(t, tt.opts)
			if len(s.Stories) != tt.stories {
				t.Errorf("%d stories published, want %d", len(s.Stories), tt.stories)
			}
			var reasons []SkipReason
			for _, sk := range s.Skipped {
				reasons = append(reasons, sk.Reason)
			}
			if !reflect.DeepEqual(reasons, tt.skipped) {
				t.Errorf("skipped %v, want %v", reasons, tt.skipped)
			}
		})
	}
}

// TestPublishedDraftErrors checks that a draft's problems are errors once
// drafts are published.
func TestPublishedDraftErrors(t *testing.T) {
	fsys := fstest.MapFS{
		"site.yaml":               {Data: []byte("title: a\ndepartments:\n  van-phong: {name: Văn phòng}\n")},
		"content/stories/nhap.md": {Data: []byte("---\ntitle: Nháp\ndate: 2024-01-02\nperson: Lan\ndepartment: van-phong\nmodel: dan-van-kheoo\ndraft: true\n---\nChưa xong.\n")},
	}
	for _, drafts := range []bool{false, true} {
		var diags diag.List
		cfg := config.Load(fsys, &diags)
		Load(context.Background(), fsys, cfg, Options{Drafts: drafts, Now: testNow}, &diags)
		if len(diags) != 1 {
			t.Fatalf("drafts=%v: got %q, want one diagnostic", drafts, formatList(diags, "en"))
		}
		if got := diags[0].Severity == diag.Error; got != drafts {
			t.Errorf("drafts=%v: %s: is an error = %v", drafts, diags[0].Format("en"), got)
		}
	}
}

// TestSampleSite loads the repository's own sample site: it must have no
// problem at all.
func TestSampleSite(t *testing.T) {
	root := filepath.Join("..", "..")
	if _, err := os.Stat(filepath.Join(root, config.File)); err != nil {
		t.Skipf("no sample site: %v", err)
	}
	fsys := sitefs.Dir(root)
	var diags diag.List
	cfg := config.Load(fsys, &diags)
	if cfg == nil {
		t.Fatalf("config.Load: %v", diags.Err())
	}
	s := Load(context.Background(), fsys, cfg, Options{Now: time.Now()}, &diags)
	diags.Sort()
	if errs, warns := diags.Count(); errs != 0 || warns != 0 {
		t.Errorf("%d errors, %d warnings:\n%s", errs, warns, formatList(diags, "en"))
	}
	if len(s.Stories) < 12 {
		t.Errorf("%d stories published, want at least 12", len(s.Stories))
	}
	if len(s.Campaigns) == 0 || len(s.Pages) == 0 {
		t.Errorf("%d campaigns, %d pages; want some", len(s.Campaigns), len(s.Pages))
	}
	if cfg.Title == "" || len(cfg.Departments) == 0 || len(cfg.Models) != 3 {
		t.Errorf("site.yaml read as %+v", cfg)
	}
}

// TestSymlinks checks that links inside the content folder, to a file or to
// a folder outside the site, are warned about and never read.
func TestSymlinks(t *testing.T) {
	root, outside := t.TempDir(), t.TempDir()
	write := func(name, data string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	const secret = "---\ntitle: BÍ MẬT\ndate: 2023-01-01\nperson: X\ndepartment: van-phong\nmodel: chuyen-mon\n---\nNội dung mật.\n"
	write(filepath.Join(root, "site.yaml"), "title: a\ndepartments:\n  van-phong: {name: Văn phòng}\n")
	write(filepath.Join(root, "content/stories/lan.md"),
		"---\ntitle: Chị Lan\ndate: 2023-06-11\nperson: Lan\ndepartment: van-phong\nmodel: dan-van-kheo\ncover: anh.jpg\n---\nChị Lan.\n")
	write(filepath.Join(outside, "secret.md"), secret)
	write(filepath.Join(outside, "anh.jpg"), tinyJPEG)
	write(filepath.Join(outside, "folder/secret.md"), secret)
	links := map[string]string{
		"content/stories/link.md": filepath.Join(outside, "secret.md"),
		"content/stories/anh.jpg": filepath.Join(outside, "anh.jpg"),
		"content/stories/thu-muc": filepath.Join(outside, "folder"),
	}
	for link, target := range links {
		if err := os.Symlink(target, filepath.Join(root, link)); err != nil {
			t.Skipf("cannot make symbolic links here: %v", err)
		}
	}

	fsys := sitefs.Dir(root)
	var diags diag.List
	cfg := config.Load(fsys, &diags)
	if cfg == nil {
		t.Fatalf("config.Load: %v", diags.Err())
	}
	s := Load(context.Background(), fsys, cfg, Options{Now: testNow}, &diags)
	diags.Sort()
	want := `content/stories/anh.jpg: warning: skipping symbolic link "content/stories/anh.jpg": guong never follows links
content/stories/lan.md:7:8: file "anh.jpg" not found
content/stories/link.md: warning: skipping symbolic link "content/stories/link.md": guong never follows links
content/stories/thu-muc: warning: skipping symbolic link "content/stories/thu-muc": guong never follows links
`
	if got := formatList(diags, "en"); got != want {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", got, want)
	}
	if len(s.Stories) != 1 || s.Stories[0].File != "content/stories/lan.md" || s.Stories[0].Cover != "" {
		t.Errorf("Stories = %+v, want only lan.md, without its linked cover", s.Stories)
	}
	if len(s.Assets) != 0 {
		t.Errorf("Assets = %q, want none: links are not assets", s.Assets)
	}
	for _, st := range s.Stories {
		if strings.Contains(st.Title, "BÍ MẬT") {
			t.Errorf("%s: a linked file was read", st.File)
		}
	}
	// Nothing reaches a linked file through the file system either.
	for link := range links {
		if _, err := fsys.Open(link); err == nil {
			t.Errorf("Open(%s) succeeded through a link", link)
		}
		if _, err := fsys.Open(link + "/secret.md"); err == nil && link == "content/stories/thu-muc" {
			t.Errorf("Open(%s/secret.md) succeeded through a link", link)
		}
	}
}

// TestRepeatedValuesShared: values stories repeat are held once, so that a
// big site's stories do not each keep a copy for the collector to mark.
func TestRepeatedValuesShared(t *testing.T) {
	_, s := loadGood(t, Options{})
	seen := map[string]*Story{}
	pairs := 0
	for _, st := range s.Stories {
		other := seen[st.Department]
		if other == nil {
			seen[st.Department] = st
			continue
		}
		pairs++
		if unsafe.StringData(st.Department) != unsafe.StringData(other.Department) {
			t.Errorf("%s and %s hold copies of department %q", other.File, st.File, st.Department)
		}
	}
	if pairs == 0 {
		t.Fatal("no two stories of the test site share a department")
	}
}

// TestTryDrafts: with TryDrafts, a draft that has errors is left out of
// the published stories, its problems warnings, while a sound draft is
// published; without it, the same draft's errors fail the load.
func TestTryDrafts(t *testing.T) {
	fsys := fstest.MapFS{}
	for k, v := range goodSite {
		fsys[k] = v
	}
	fsys["content/stories/moi.md"] = &fstest.MapFile{Data: []byte("---\ntitle: \"Bài mới\"\ndate: 2023-06-11\nperson: \"\"\ndepartment: van-phong\nmodel: dan-van-kheo\ndraft: true\n---\nĐang viết.\n")}
	var diags diag.List
	cfg := config.Load(fsys, &diags)
	load := func(opts Options) (*Site, diag.List) {
		var d diag.List
		opts.Now = testNow
		return Load(context.Background(), fsys, cfg, opts, &d), d
	}
	if _, d := load(Options{Drafts: true}); !d.HasErrors() {
		t.Fatalf("a published draft without a person loads without errors")
	}
	s, d := load(Options{Drafts: true, TryDrafts: true})
	if d.HasErrors() {
		t.Fatalf("TryDrafts: errors %s", formatList(d, "vi"))
	}
	if e, w := d.Count(); e != 0 || w == 0 {
		t.Errorf("TryDrafts: %d errors, %d warnings; want the draft's problem as a warning", e, w)
	}
	var left *Skipped
	for i := range s.Skipped {
		if s.Skipped[i].File == "content/stories/moi.md" {
			left = &s.Skipped[i]
		}
	}
	if left == nil || !left.Broken || left.Reason != SkippedDraft || left.Slug != "moi" {
		t.Errorf("the broken draft left out as %+v", left)
	}
	for _, st := range s.Stories {
		if st.File == "content/stories/moi.md" {
			t.Errorf("the broken draft is published")
		}
	}
}

// TestCampaignByTitle: a story naming a campaign by its title is read as
// naming its key, without changing the story a Cache keeps.
func TestCampaignByTitle(t *testing.T) {
	fsys := fstest.MapFS{}
	for k, v := range goodSite {
		fsys[k] = v
	}
	var diags diag.List
	cfg := config.Load(fsys, &diags)
	var title, key string
	cache := NewCache()
	s := Load(context.Background(), fsys, cfg, Options{Now: testNow, Cache: cache}, &diags)
	if len(s.Campaigns) == 0 {
		t.Fatal("the site has no campaign")
	}
	title, key = s.Campaigns[0].Title, s.Campaigns[0].Key
	fsys["content/stories/moi.md"] = &fstest.MapFile{Data: []byte("---\ntitle: \"Bài mới\"\ndate: 2023-06-11\nperson: \"Người Mới\"\ndepartment: van-phong\nmodel: dan-van-kheo\ncampaigns: [\"" + strings.ToUpper(title) + "\"]\n---\nBài.\n")}
	for range 2 { // the second load from the cache
		var d diag.List
		s = Load(context.Background(), fsys, cfg, Options{Now: testNow, Cache: cache}, &d)
		if d.HasErrors() {
			t.Fatalf("errors: %s", formatList(d, "vi"))
		}
		found := false
		for _, st := range s.Stories {
			if st.File == "content/stories/moi.md" {
				found = true
				if len(st.Campaigns) != 1 || st.Campaigns[0] != key {
					t.Errorf("campaigns %q, want [%q]", st.Campaigns, key)
				}
			}
		}
		if !found {
			t.Fatal("the story is not published")
		}
	}
}

// TestReadBodyChanged: a story file saved again after Load read it is an
// ErrChanged, not another body under the first one's diagnostics.
func TestReadBodyChanged(t *testing.T) {
	var diags diag.List
	cfg := config.Load(goodSite, &diags)
	fsys := maps.Clone(goodSite)
	lead := func(b []byte) string { return string(b[:min(len(b), 4)]) }
	s := Load(context.Background(), fsys, cfg, Options{Now: testNow, FirstParagraph: lead}, &diags)
	if s == nil || len(s.Stories) == 0 || diags.HasErrors() {
		t.Fatalf("Load: %v", diags.Err())
	}
	st := s.Stories[0]
	if body, err := ReadBody(fsys, st); err != nil || len(body) == 0 || st.FirstParagraph != string(body[:4]) {
		t.Fatalf("ReadBody = %q, %v; FirstParagraph %q", body, err, st.FirstParagraph)
	}
	fsys[st.File] = &fstest.MapFile{Data: append(bytes.Clone(fsys[st.File].Data), "Thêm một dòng.\n"...)}
	if _, err := ReadBody(fsys, st); !errors.Is(err, ErrChanged) {
		t.Errorf("ReadBody of a file changed since = %v, want ErrChanged", err)
	}
}

// TestReadBodyCleaned: the body of a file saved with a byte order mark
// and Windows line ends is read back cleaned, as Load read it.
func TestReadBodyCleaned(t *testing.T) {
	var diags diag.List
	cfg := config.Load(goodSite, &diags)
	read := func(fsys fstest.MapFS) string {
		t.Helper()
		s := Load(context.Background(), fsys, cfg, Options{Now: testNow}, &diags)
		if s == nil || len(s.Stories) == 0 || diags.HasErrors() {
			t.Fatalf("Load: %v", diags.Err())
		}
		body, err := ReadBody(fsys, s.Stories[0])
		if err != nil {
			t.Fatal(err)
		}
		return string(body)
	}
	want := read(goodSite)
	windows := maps.Clone(goodSite)
	for name, f := range windows {
		if strings.HasPrefix(name, "content/stories/") && strings.HasSuffix(name, ".md") {
			windows[name] = &fstest.MapFile{Data: append([]byte("\xef\xbb\xbf"), bytes.ReplaceAll(f.Data, []byte("\n"), []byte("\r\n"))...)}
		}
	}
	if got := read(windows); got != want || strings.Contains(got, "\r") {
		t.Errorf("body of the Windows file = %q, want %q", got, want)
	}
}
