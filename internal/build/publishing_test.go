package build

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"encoding/xml"
	"fmt"
	stdhtml "html"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"

	"github.com/guong/guong/internal/publish"
	"github.com/guong/guong/internal/site"
	"github.com/guong/guong/internal/urls"
	"github.com/guong/guong/themes"
)

// The publishing site: testdata/small.txtar served from a portal's
// sub-path, with covers, a draft, a scheduled story, a hostile title and
// enough stories to fill a feed.
const (
	portalBase = "https://portal.example/guong-dien-hinh/"
	portalPath = "/guong-dien-hinh/"
	hostile    = `</script><script>alert(1)</script> & "Lan" <b>`
	draftMark  = "Bimatnhap"   // in the draft's title, body and slug
	futureMark = "Baihenngay"  // in the scheduled story's
	fillStory  = "Bài số %02d" // the stories that fill the feeds
)

// picture returns an encoded w×h picture with a gradient.
func picture(t testing.TB, w, h int, format string) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.SetNRGBA(x, y, color.NRGBA{uint8(x * 255 / w), uint8(y * 255 / h), 120, 255})
		}
	}
	var buf bytes.Buffer
	var err error
	if format == "png" {
		err = png.Encode(&buf, img)
	} else {
		err = jpeg.Encode(&buf, img, &jpeg.Options{Quality: 85})
	}
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func publishingSite(t *testing.T) fstest.MapFS {
	t.Helper()
	fsys := loadTxtar(t, "testdata/small.txtar")
	set := func(name, data string) { fsys[name] = &fstest.MapFile{Data: []byte(data), Mode: 0o644} }
	edit := func(name, old, new string) {
		s := string(fsys[name].Data)
		if !strings.Contains(s, old) {
			t.Fatalf("%s has no %q", name, old)
		}
		set(name, strings.Replace(s, old, new, 1))
	}
	edit("site.yaml", `baseURL: "https://example.gov.vn/guong/"`, `baseURL: "`+portalBase+`"`)
	edit("site.yaml", `name: "Sở Thử nghiệm tỉnh Lạng Sơn"`, `name: "Sở Ngoại vụ tỉnh Thử nghiệm"`)
	// The portal's statistics snippet is the one third-party script a
	// site may add (TestMeasurementSnippet); these tests check the theme's.
	edit("site.yaml", "  measurement: '<script src=\"https://thongke.example.gov.vn/dem.js\" async></script>'\n", "")
	edit("content/stories/2023/chi-lan.md", "model: dan-van-kheo\n", "model: dan-van-kheo\ncover: lan.jpg\ncoverAlt: \"Chị Lan ở cửa khẩu\"\n")
	fsys["content/stories/2023/lan.jpg"] = &fstest.MapFile{Data: picture(t, 1600, 1000, "jpeg")}
	edit("content/stories/2024/tap-the-lanh-su.md", "model: chuyen-mon\n", "model: chuyen-mon\ncover: \"Ảnh hồ sơ.png\"\ncoverAlt: \"Tập thể Phòng Lãnh sự\"\n")
	fsys["content/stories/2024/Ảnh hồ sơ.png"] = &fstest.MapFile{Data: picture(t, 600, 400, "png")}
	set("content/stories/2024/"+strings.ToLower(draftMark)+".md", "---\ntitle: \"Bản nháp "+draftMark+"\"\ndate: 2024-06-01\nperson: \"Người "+draftMark+"\"\ndepartment: van-phong\nmodel: chuyen-mon\ntags: [\""+draftMark+"\"]\ndraft: true\n---\nNội dung "+draftMark+".\n")
	set("content/stories/2099/"+strings.ToLower(futureMark)+".md", "---\ntitle: \"Bài hẹn ngày "+futureMark+"\"\ndate: 2099-01-01\nperson: \"Người "+futureMark+"\"\ndepartment: van-phong\nmodel: dan-van-kheo\ncampaigns: [chuyen-doi-so]\n---\nNội dung "+futureMark+".\n")
	set("content/stories/2024/doc-hai.md", "---\ntitle: '"+hostile+"'\ndate: 2024-07-01T10:30:00+07:00\nperson: \"Hoàng Thị Lan\"\nposition: \"Chuyên viên\"\ndepartment: phong-lanh-su\nmodel: dan-van-kheo\nsummary: 'Tóm tắt </script> & \"ngoặc\"'\n---\nNội dung.\n")
	for i := 1; i <= 25; i++ {
		set(fmt.Sprintf("content/stories/2022/bai-%02d.md", i), fmt.Sprintf("---\ntitle: \""+fillStory+"\"\ndate: 2022-01-%02d\nperson: \"Người thứ %d\"\ndepartment: van-phong\nmodel: chuyen-mon\n---\nĐoạn đầu của bài %d.\n", i, i, i, i))
	}
	return fsys
}

// publishingCache is the cover cache the publishing tests share, so that
// the site's covers are resized once (TestCoverCache has its own).
var publishingCache struct {
	once sync.Once
	dir  string
}

// buildPublishing builds the publishing site into memory.
func buildPublishing(t *testing.T, opts Options) (*publish.Memory, *Result) {
	t.Helper()
	publishingCache.once.Do(func() {
		dir, err := os.MkdirTemp("", "guong-covers-")
		if err != nil {
			t.Fatal(err)
		}
		publishingCache.dir = dir
	})
	opts.CacheDir = publishingCache.dir
	mem, r := buildMemory(t, publishingSite(t), opts)
	if len(r.Diags) != 0 {
		t.Fatalf("diagnostics:\n%v", r.Diags.Err())
	}
	return mem, r
}

// assetFile returns the published name of a theme static file.
func assetFile(t *testing.T, mem *publish.Memory, name string) string {
	t.Helper()
	ext := path.Ext(name)
	re := regexp.MustCompile(`^static/` + regexp.QuoteMeta(strings.TrimSuffix(name, ext)) + `\.[0-9a-f]{10}` + regexp.QuoteMeta(ext) + `$`)
	for _, n := range mem.Names() {
		if re.MatchString(n) {
			return n
		}
	}
	t.Fatalf("no fingerprinted %s in the output", name)
	return ""
}

func get(t *testing.T, mem *publish.Memory, name string) []byte {
	t.Helper()
	data, ok := mem.Get(name)
	if !ok {
		t.Fatalf("%s was not built", name)
	}
	return data
}

// expectedFeeds lists the feeds a site must have, and the stories each must
// hold: the newest FeedItems of the site, of each model type, campaign and
// department.
func expectedFeeds(s *site.Site) map[string][]*site.Story {
	want := map[string][]*site.Story{"": s.Stories}
	for _, t := range s.Models {
		want[t.URL] = t.Stories
	}
	for _, c := range s.Campaigns {
		want[c.URL] = c.Stories
	}
	for _, t := range s.Departments {
		want[t.URL] = t.Stories
	}
	for k, v := range want {
		want[k] = v[:min(len(v), FeedItems)]
	}
	return want
}

// TestFeeds parses every feed, RSS and JSON, with a real feed parser and
// checks its items against the published stories.
func TestFeeds(t *testing.T) {
	mem, r := buildPublishing(t, Options{})
	ict := r.Config.TimeZone
	want := expectedFeeds(r.Site)
	if len(want) != 1+3+2+2 {
		t.Fatalf("%d feed lists", len(want))
	}
	parser := gofeed.NewParser()
	for dir, stories := range want {
		for _, file := range []string{RSSFile, JSONFile} {
			name := dir + file
			t.Run(name, func(t *testing.T) {
				data := get(t, mem, name)
				f, err := parser.Parse(bytes.NewReader(data))
				if err != nil {
					t.Fatalf("gofeed: %v\n%s", err, data)
				}
				if wantType := map[string]string{RSSFile: "rss", JSONFile: "json"}[file]; f.FeedType != wantType {
					t.Errorf("feed type %s, want %s", f.FeedType, wantType)
				}
				if f.Language != "vi" || (f.Link != portalBase+dir && f.FeedType == "rss") {
					t.Errorf("language %q link %q", f.Language, f.Link)
				}
				if len(f.Items) != len(stories) {
					t.Fatalf("%d items, want %d", len(f.Items), len(stories))
				}
				for i, st := range stories {
					it := f.Items[i]
					if it.Title != st.Title || it.Link != portalBase+st.URL {
						t.Errorf("item %d: %q %q, want %q %q", i, it.Title, it.Link, st.Title, portalBase+st.URL)
					}
					if it.PublishedParsed == nil || !it.PublishedParsed.Equal(st.Date) {
						t.Errorf("item %d: published %v, want %v", i, it.PublishedParsed, st.Date)
					}
					// An RSS description is HTML: the plain summary, escaped.
					summary := stdhtml.UnescapeString(it.Description)
					if f.FeedType == "json" {
						summary = it.Content
					}
					if st.Excerpt != "" && summary != st.Excerpt {
						t.Errorf("item %d: summary %q, want %q", i, summary, st.Excerpt)
					}
					cats := strings.Join(it.Categories, "|")
					if st.Model != nil && !strings.Contains(cats, st.Model.Name) || st.Department != nil && !strings.Contains(cats, st.Department.Name) {
						t.Errorf("item %d: categories %q lack the model type or department", i, cats)
					}
					for _, tag := range st.Tags {
						if !strings.Contains(cats, tag.Name) {
							t.Errorf("item %d: categories %q lack the topic %q", i, cats, tag.Name)
						}
					}
					if (st.Cover != "") != (it.Image != nil) {
						t.Errorf("item %d: cover %q, image %v", i, st.Cover, it.Image)
					}
					if it.Image != nil {
						img := it.Image.URL
						if !strings.HasPrefix(img, portalBase) {
							t.Errorf("item %d: image %s is not under the base URL", i, img)
						} else if _, ok := mem.Get(strings.TrimPrefix(img, portalBase)); !ok {
							t.Errorf("item %d: image %s was not built", i, img)
						}
					}
				}
				if len(stories) == 0 {
					return
				}
				// Dates in the site's zone, as the format wants them.
				st := stories[0]
				var date string
				if file == RSSFile {
					date = "<pubDate>" + st.Date.In(ict).Format(time.RFC1123Z) + "</pubDate>"
					if !strings.HasSuffix(st.Date.In(ict).Format(time.RFC1123Z), "+0700") {
						t.Errorf("the site's zone is not +07:00")
					}
				} else {
					date = `"date_published":"` + st.Date.In(ict).Format(time.RFC3339) + `"`
				}
				if !bytes.Contains(data, []byte(date)) {
					t.Errorf("no %s in\n%.600s", date, data)
				}
			})
		}
	}

	// The person each story is about, and the cover's size and length.
	var rss struct {
		Items []struct {
			Link      string `xml:"link"`
			Subject   string `xml:"http://purl.org/dc/elements/1.1/ subject"`
			Enclosure struct {
				URL    string `xml:"url,attr"`
				Length int    `xml:"length,attr"`
				Type   string `xml:"type,attr"`
			} `xml:"enclosure"`
		} `xml:"channel>item"`
	}
	if err := xml.Unmarshal(get(t, mem, "feed.xml"), &rss); err != nil {
		t.Fatal(err)
	}
	for i, it := range rss.Items {
		st := want[""][i]
		if it.Subject != st.Story.Person {
			t.Errorf("%s: dc:subject %q, want %q", it.Link, it.Subject, st.Story.Person)
		}
		if st.Cover != "" {
			data, _ := mem.Get(strings.TrimPrefix(it.Enclosure.URL, portalBase))
			if it.Enclosure.Length != len(data) || it.Enclosure.Type != "image/jpeg" {
				t.Errorf("%s: enclosure %+v, file of %d bytes", it.Link, it.Enclosure, len(data))
			}
		}
	}
	var js struct {
		Items []struct {
			Guong struct {
				Person string `json:"person"`
			} `json:"_guong"`
		} `json:"items"`
	}
	if err := json.Unmarshal(get(t, mem, "feed.json"), &js); err != nil {
		t.Fatal(err)
	}
	for i, it := range js.Items {
		if it.Guong.Person != want[""][i].Story.Person {
			t.Errorf("JSON item %d: person %q", i, it.Guong.Person)
		}
	}
}

// TestFeedLinks: every page names the site's feeds, and list pages their own.
func TestFeedLinks(t *testing.T) {
	mem, _ := buildPublishing(t, Options{})
	for name, want := range map[string][]string{
		"index.html":                            {portalPath + "feed.xml", portalPath + "feed.json"},
		"bai-viet/chi-lan/index.html":           {portalPath + "feed.xml", portalPath + "feed.json"},
		"mo-hinh/chuyen-mon/trang/2/index.html": {portalPath + "mo-hinh/chuyen-mon/feed.xml", portalPath + "mo-hinh/chuyen-mon/feed.json"},
		"phong-trao/chuyen-doi-so/index.html":   {portalPath + "phong-trao/chuyen-doi-so/feed.xml"},
		"don-vi/van-phong/index.html":           {portalPath + "don-vi/van-phong/feed.json"},
	} {
		doc := parseHTML(t, get(t, mem, name))
		var got []string
		for _, l := range findAll(doc, "link") {
			if attr(l, "rel") == "alternate" {
				got = append(got, attr(l, "href"))
				if typ := attr(l, "type"); typ != "application/rss+xml" && typ != "application/feed+json" {
					t.Errorf("%s: alternate of type %q", name, typ)
				}
			}
		}
		for _, w := range want {
			if !contains(got, w) {
				t.Errorf("%s: no <link rel=alternate href=%q> among %q", name, w, got)
			}
		}
	}
}

// TestSitemap parses sitemap.xml: it lists every published page and only
// those, each with the date of its newest story; robots.txt points to it.
func TestSitemap(t *testing.T) {
	mem, r := buildPublishing(t, Options{})
	var sm struct {
		XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
		URLs    []struct {
			Loc     string `xml:"loc"`
			LastMod string `xml:"lastmod"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal(get(t, mem, "sitemap.xml"), &sm); err != nil {
		t.Fatal(err)
	}
	listed := map[string]string{}
	for _, u := range sm.URLs {
		if !strings.HasPrefix(u.Loc, portalBase) {
			t.Errorf("%s is not under the base URL", u.Loc)
		}
		if _, dup := listed[u.Loc]; dup {
			t.Errorf("%s is listed twice", u.Loc)
		}
		listed[u.Loc] = u.LastMod
		if u.LastMod != "" {
			if _, err := time.Parse(time.RFC3339, u.LastMod); err != nil || !strings.HasSuffix(u.LastMod, "+07:00") {
				t.Errorf("%s: lastmod %q", u.Loc, u.LastMod)
			}
		}
	}
	// Every HTML page but the 404 page and the embedded lists (nhung/).
	for _, name := range mem.Names() {
		if path.Ext(name) != ".html" {
			continue
		}
		loc := portalBase + strings.TrimSuffix(name, "index.html")
		_, ok := listed[loc]
		if skip := name == "404.html" || strings.HasPrefix(name, urls.Embeds); ok == skip {
			t.Errorf("%s: listed %v", loc, ok)
		}
		delete(listed, loc)
	}
	for loc := range listed {
		t.Errorf("%s is listed but was not built", loc)
	}
	ict := r.Config.TimeZone
	for _, st := range r.Site.Stories {
		if got := lastModOf(sm.URLs, portalBase+st.URL); got != st.LastMod().In(ict).Format(time.RFC3339) {
			t.Errorf("%s: lastmod %s, want the story's update, else its date", st.URL, got)
		}
		if !st.Modified.IsZero() && st.LastMod().Equal(st.Date) {
			t.Errorf("%s: LastMod is the date of a story updated", st.URL)
		}
	}
	if got, want := lastModOf(sm.URLs, portalBase), r.Site.Stories[0].Date.In(ict).Format(time.RFC3339); got != want {
		t.Errorf("home: lastmod %s, want %s", got, want)
	}
	dept := r.Site.Departments[0]
	if got := lastModOf(sm.URLs, portalBase+dept.URL); got != dept.Stories[0].Date.In(ict).Format(time.RFC3339) {
		t.Errorf("%s: lastmod %s, want its newest story's", dept.URL, got)
	}
	if got := lastModOf(sm.URLs, portalBase+"gioi-thieu/"); got != "" {
		t.Errorf("a plain page has lastmod %s", got)
	}
	robots := string(get(t, mem, "robots.txt"))
	if !strings.Contains(robots, "\nSitemap: "+portalBase+"sitemap.xml\n") {
		t.Errorf("robots.txt does not point to the sitemap:\n%s", robots)
	}
}

func lastModOf(urls []struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod"`
}, loc string) string {
	for _, u := range urls {
		if u.Loc == loc {
			return u.LastMod
		}
	}
	return "(not listed)"
}

// TestUnpublishedNowhere: a draft and a scheduled story appear in no
// output file at all (pages, feeds, sitemap, search index), until
// --drafts and --future publish them.
func TestUnpublishedNowhere(t *testing.T) {
	mem, r := buildPublishing(t, Options{})
	if len(r.Skipped) != 2 {
		t.Fatalf("%d stories skipped, want 2", len(r.Skipped))
	}
	for _, name := range mem.Names() {
		data := bytes.ToLower(get(t, mem, name))
		for _, mark := range []string{draftMark, futureMark} {
			if bytes.Contains(data, []byte(strings.ToLower(mark))) {
				t.Errorf("%s mentions the unpublished story %s", name, mark)
			}
		}
	}
	all, _ := buildPublishing(t, Options{Drafts: true, Future: true})
	for _, name := range []string{"feed.xml", "feed.json", "sitemap.xml"} {
		for _, mark := range []string{draftMark, futureMark} {
			if !bytes.Contains(bytes.ToLower(get(t, all, name)), []byte(strings.ToLower(mark))) {
				t.Errorf("with --drafts --future, %s does not list %s", name, mark)
			}
		}
	}
}

// meta returns the content of a page's <meta property|name=key> tags.
func meta(doc *html.Node, key string) []string {
	var out []string
	for _, m := range findAll(doc, "meta") {
		if attr(m, "property") == key || attr(m, "name") == key {
			out = append(out, attr(m, "content"))
		}
	}
	return out
}

func one(t *testing.T, doc *html.Node, key string) string {
	t.Helper()
	v := meta(doc, key)
	if len(v) != 1 {
		t.Errorf("%d %s tags, want 1", len(v), key)
		return ""
	}
	return v[0]
}

// jsonLD returns the JSON-LD objects of a page.
func jsonLD(t *testing.T, doc *html.Node) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, s := range findAll(doc, "script") {
		if attr(s, "type") != "application/ld+json" {
			continue
		}
		var v map[string]any
		if err := json.Unmarshal([]byte(text(s)), &v); err != nil {
			t.Fatalf("JSON-LD does not parse: %v\n%s", err, text(s))
		}
		out = append(out, v)
	}
	return out
}

// TestShareMeta checks the Open Graph, Twitter card and JSON-LD of stories
// and of the home page, minified and not.
func TestShareMeta(t *testing.T) {
	for _, minify := range []bool{true, false} {
		t.Run(fmt.Sprintf("minify=%v", minify), func(t *testing.T) {
			mem, _ := buildPublishing(t, Options{NoMinify: !minify})

			page := get(t, mem, "bai-viet/chi-lan/index.html")
			doc := parseHTML(t, page)
			canonical := ""
			for _, l := range findAll(doc, "link") {
				if attr(l, "rel") == "canonical" {
					canonical = attr(l, "href")
				}
			}
			if canonical != portalBase+"bai-viet/chi-lan/" {
				t.Errorf("canonical %q", canonical)
			}
			checks := map[string]string{
				"og:type":        "article",
				"og:title":       "Chị Hoàng Thị Lan – dân vận khéo nơi biên giới",
				"og:url":         canonical,
				"og:locale":      "vi_VN",
				"og:site_name":   "Gương điển hình – Sở thử nghiệm",
				"og:description": "Chị Lan gắn bó với bà con nơi biên giới.",
				"og:image:width": "1200", "og:image:height": "630", "og:image:type": "image/jpeg",
				"og:image:alt":           "Chị Lan ở cửa khẩu",
				"twitter:card":           "summary_large_image",
				"twitter:title":          "Chị Hoàng Thị Lan – dân vận khéo nơi biên giới",
				"article:published_time": "2023-06-11T08:00:00+07:00",
				"article:section":        "Dân vận khéo",
			}
			for k, want := range checks {
				if got := one(t, doc, k); got != want {
					t.Errorf("%s = %q, want %q", k, got, want)
				}
			}
			if tags := meta(doc, "article:tag"); strings.Join(tags, "|") != "biên giới|cải cách hành chính" {
				t.Errorf("article:tag = %q", tags)
			}
			img := one(t, doc, "og:image")
			if one(t, doc, "twitter:image") != img || !strings.HasPrefix(img, portalBase+urls.Pictures+"lan-") {
				t.Errorf("og:image %q", img)
			}
			checkPicture(t, mem, strings.TrimPrefix(img, portalBase), 1200, 630)

			lds := jsonLD(t, doc)
			if len(lds) != 1 {
				t.Fatalf("%d JSON-LD blocks", len(lds))
			}
			ld := lds[0]
			if ld["@context"] != "https://schema.org" || ld["@type"] != "NewsArticle" || ld["headline"] != "Chị Hoàng Thị Lan – dân vận khéo nơi biên giới" {
				t.Errorf("JSON-LD %v", ld)
			}
			if ld["datePublished"] != "2023-06-11T08:00:00+07:00" || ld["url"] != canonical || ld["inLanguage"] != "vi" {
				t.Errorf("JSON-LD dates, url, language: %v %v %v", ld["datePublished"], ld["url"], ld["inLanguage"])
			}
			about, _ := ld["about"].(map[string]any)
			if about["@type"] != "Person" || about["name"] != "Hoàng Thị Lan" || about["url"] != portalBase+"nhan-vat/hoang-thi-lan/" {
				t.Errorf("about = %v", about)
			}
			if works, _ := about["worksFor"].(map[string]any); works["name"] != "Phòng Lãnh sự" {
				t.Errorf("worksFor = %v", about["worksFor"])
			}
			pub, _ := ld["publisher"].(map[string]any)
			if pub["@type"] != "Organization" || pub["name"] != "Sở Ngoại vụ tỉnh Thử nghiệm" {
				t.Errorf("publisher = %v", pub)
			}
			if parent, _ := pub["parentOrganization"].(map[string]any); parent["name"] != "Ủy ban nhân dân tỉnh Lạng Sơn" ||
				pub["telephone"] != "0205 3000 001" || pub["logo"] != portalBase+"bieu-trung/bieu-trung.svg" {
				t.Errorf("publisher without the agency's governing body, phone or emblem: %v", pub)
			}
			if im, _ := ld["image"].(map[string]any); im["url"] != img || im["width"] != 1200.0 {
				t.Errorf("image = %v", ld["image"])
			}

			// A collective is an Organization.
			doc = parseHTML(t, get(t, mem, "bai-viet/tap-the-lanh-su/index.html"))
			if about, _ := jsonLD(t, doc)[0]["about"].(map[string]any); about["@type"] != "Organization" || about["name"] != "Tập thể Phòng Lãnh sự" {
				t.Errorf("collective: about = %v", about)
			}
			// Its cover is smaller than 1200 pixels: the crop is not upscaled.
			if w, h := one(t, doc, "og:image:width"), one(t, doc, "og:image:height"); w != "600" || h != "315" {
				t.Errorf("small cover: og:image %s×%s, want 600×315", w, h)
			}

			// A hostile title cannot leave its script element or attribute:
			// the page parses to the same elements, and the JSON-LD to the
			// same title.
			page = get(t, mem, "bai-viet/doc-hai/index.html")
			doc = parseHTML(t, page)
			for _, s := range findAll(doc, "script") {
				if strings.Contains(strings.ToLower(text(s)), "</script") || strings.Contains(text(s), "alert(1)</") {
					t.Errorf("script element holds %q", text(s))
				}
			}
			if ld := jsonLD(t, doc); len(ld) != 1 || ld[0]["headline"] != hostile {
				t.Errorf("hostile headline: %v", ld)
			}
			if got := one(t, doc, "og:title"); got != hostile {
				t.Errorf("hostile og:title = %q", got)
			}
			if len(findAll(doc, "script")) != 5 { // the head's reader settings, JSON-LD, reader.js, share.js and listen.js
				t.Errorf("%d script elements on the hostile page", len(findAll(doc, "script")))
			}
			// Without a cover: the theme's share picture.
			if img := one(t, doc, "og:image"); img != portalBase+"static/img/share.png" {
				t.Errorf("og:image without a cover = %q", img)
			}
			checkPicture(t, mem, "static/img/share.png", 1200, 630)

			// The home page is a WebSite.
			doc = parseHTML(t, get(t, mem, "index.html"))
			if ld := jsonLD(t, doc); len(ld) != 1 || ld[0]["@type"] != "WebSite" || ld[0]["url"] != portalBase {
				t.Errorf("home JSON-LD %v", ld)
			}
			if one(t, doc, "og:type") != "website" || one(t, doc, "og:url") != portalBase {
				t.Errorf("home og:type/og:url")
			}
		})
	}
}

// TestShareLinks: Facebook and Zalo links carry the story's address, the
// copy field holds it, and no script comes from another site.
func TestShareLinks(t *testing.T) {
	mem, _ := buildPublishing(t, Options{})
	doc := parseHTML(t, get(t, mem, "bai-viet/chi-lan/index.html"))
	story := portalBase + "bai-viet/chi-lan/"
	found := map[string]bool{}
	for _, a := range findAll(doc, "a") {
		u, err := url.Parse(attr(a, "href"))
		if err != nil || u.Host == "" {
			continue
		}
		switch u.Host {
		case "www.facebook.com":
			found["facebook"] = u.Query().Get("u") == story
		case "sp.zalo.me":
			found["zalo"] = u.Query().Get("url") == story
		default:
			continue
		}
		if attr(a, "rel") != "noopener noreferrer" {
			t.Errorf("%s: rel %q", u, attr(a, "rel"))
		}
	}
	if !found["facebook"] || !found["zalo"] {
		t.Errorf("share links: %v", found)
	}
	var input *html.Node
	for _, in := range findAll(doc, "input") {
		if attr(in, "readonly") != "" || hasAttr(in, "readonly") {
			input = in
		}
	}
	if input == nil || attr(input, "value") != story {
		t.Errorf("no read-only field with the story's address")
	}
	for _, s := range findAll(doc, "script") {
		src := attr(s, "src")
		if src != "" && !strings.HasPrefix(src, portalPath) {
			t.Errorf("third-party script %s", src)
		}
	}
	if got := get(t, mem, assetFile(t, mem, "js/share.js")); !bytes.Contains(got, []byte("clipboard")) {
		t.Errorf("share.js has no copy code")
	}
}

// checkPicture decodes an output picture and checks its size.
func checkPicture(t *testing.T, mem *publish.Memory, name string, w, h int) {
	t.Helper()
	data, ok := mem.Get(name)
	if !ok {
		t.Errorf("%s was not built", name)
		return
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		t.Errorf("%s: %v", name, err)
		return
	}
	if cfg.Width != w || cfg.Height != h {
		t.Errorf("%s is %d×%d, want %d×%d", name, cfg.Width, cfg.Height, w, h)
	}
}

// TestCoverImages: the story's cover offers 160, 480, 800 and 1200 pixel wide
// JPEGs in srcset, with its shape in width and height, loaded at once;
// cards below show them lazily; the original is not published.
func TestCoverImages(t *testing.T) {
	mem, _ := buildPublishing(t, Options{})
	doc := parseHTML(t, get(t, mem, "bai-viet/chi-lan/index.html"))
	var cover *html.Node
	for _, f := range findAll(doc, "figure") {
		if imgs := findAll(f, "img"); len(imgs) == 1 {
			cover = imgs[0]
		}
	}
	if cover == nil {
		t.Fatal("no cover on the story page")
	}
	if attr(cover, "width") != "1200" || attr(cover, "height") != "750" || hasAttr(cover, "loading") || attr(cover, "alt") != "Chị Lan ở cửa khẩu" {
		t.Errorf("cover attributes: %v", cover.Attr)
	}
	if attr(cover, "sizes") == "" {
		t.Errorf("cover has no sizes")
	}
	var widths []string
	for _, part := range strings.Split(attr(cover, "srcset"), ",") {
		f := strings.Fields(part)
		if len(f) != 2 || !strings.HasPrefix(f[0], portalPath+urls.Pictures+"lan-") {
			t.Fatalf("srcset entry %q", part)
		}
		w := strings.TrimSuffix(f[1], "w")
		widths = append(widths, w)
		var n int
		fmt.Sscan(w, &n)
		checkPicture(t, mem, strings.TrimPrefix(f[0], portalPath), n, n*10/16)
		if !regexp.MustCompile(`-` + w + `w\.[0-9a-f]{10}\.jpg$`).MatchString(f[0]) {
			t.Errorf("%s is not fingerprinted", f[0])
		}
	}
	if strings.Join(widths, ",") != "160,480,800,1200" {
		t.Errorf("srcset widths %v", widths)
	}
	if src := attr(cover, "src"); !strings.Contains(src, "-800w.") {
		t.Errorf("src %s, want the 800 pixel one", src)
	}
	if _, ok := mem.Get("bai-viet/chi-lan/lan.jpg"); ok {
		t.Errorf("the original cover is published")
	}
	// The PNG cover with a Vietnamese file name: PNG outputs, a slug name.
	doc = parseHTML(t, get(t, mem, "bai-viet/tap-the-lanh-su/index.html"))
	srcset := attr(findAll(findAll(doc, "figure")[0], "img")[0], "srcset")
	if !regexp.MustCompile(`^` + portalPath + `anh/anh-ho-so-160w\.[0-9a-f]{10}\.png 160w, ` + portalPath + `anh/anh-ho-so-480w\.[0-9a-f]{10}\.png 480w, ` + portalPath + `anh/anh-ho-so-600w\.[0-9a-f]{10}\.png 600w$`).MatchString(srcset) {
		t.Errorf("PNG srcset %q", srcset)
	}

	// Cards: lazy, with a shape.
	lazy := 0
	for _, name := range []string{"index.html", "mo-hinh/dan-van-kheo/index.html"} {
		for _, img := range findAll(parseHTML(t, get(t, mem, name)), "img") {
			if strings.Contains(attr(img, "class"), "card-image") {
				lazy++
				if attr(img, "loading") != "lazy" || attr(img, "width") == "" || attr(img, "height") == "" || attr(img, "srcset") == "" {
					t.Errorf("%s: card image %v", name, img.Attr)
				}
			}
		}
	}
	if lazy == 0 {
		t.Errorf("no card shows a cover")
	}
}

// TestCoverCache builds twice with a cache folder: the second build
// resizes nothing and writes the same files. A damaged picture is an
// error at its story.
func TestCoverCache(t *testing.T) {
	cache := t.TempDir()
	fsys := publishingSite(t)
	first, r1 := buildMemory(t, fsys, Options{CacheDir: cache})
	// 160, 480, 800, 1200 and 1200×630 of the JPEG; 160, 480, 600 and
	// 600×315 of the PNG; the 1×1 GIF a body shows.
	if r1.Images.Resized != 10 || r1.Images.Cached != 0 {
		t.Errorf("first build: %+v, want 10 resized", r1.Images)
	}
	entries, _ := os.ReadDir(filepath.Join(cache, CacheImagesDir))
	if len(entries) != 10 {
		t.Errorf("the cache holds %d files, want 10", len(entries))
	}
	second, r2 := buildMemory(t, fsys, Options{CacheDir: cache})
	if r2.Images.Resized != 0 || r2.Images.Cached != 10 {
		t.Errorf("second build: %+v, want 10 from the cache", r2.Images)
	}
	if strings.Join(first.Names(), "\n") != strings.Join(second.Names(), "\n") {
		t.Fatalf("the two builds wrote different files")
	}
	for _, n := range first.Names() {
		a, _ := first.Get(n)
		b, _ := second.Get(n)
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs with the cache", n)
		}
	}

	fsys["content/stories/2023/lan.jpg"] = &fstest.MapFile{Data: []byte("\xff\xd8\xff\xe0 not really a JPEG")}
	r, err := Run(context.Background(), fsys, publish.NewMemory(), Options{Themes: themes.FS, Now: buildNow, CacheDir: cache})
	if err == nil {
		t.Fatal("a damaged cover built")
	}
	// Found when the story is read, at its cover: value.
	want := `content/stories/2023/chi-lan.md:9:8: cannot read the image "lan.jpg"`
	if len(r.Diags) != 1 || !strings.HasPrefix(r.Diags[0].Format("en"), want) {
		t.Errorf("diagnostics %v, want %s…", r.Diags, want)
	}
}

// TestAssetsFingerprinted: stylesheets and scripts carry the hash of their
// content in their names, and pages refer to those names.
func TestAssetsFingerprinted(t *testing.T) {
	mem, _ := buildPublishing(t, Options{NoMinify: true})
	for _, name := range []string{"css/site.css", "css/print.css", "css/embed.css", "js/share.js", "js/search-core.js", "js/search.js"} {
		out := assetFile(t, mem, name)
		src, err := fs.ReadFile(themes.FS, "default/static/"+name)
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(src)
		if !strings.Contains(out, "."+hex.EncodeToString(sum[:])[:10]+".") {
			t.Errorf("%s: the name does not carry the content's hash", out)
		}
		if _, ok := mem.Get("static/" + name); ok {
			t.Errorf("static/%s is published without its hash too", name)
		}
	}
	home := string(get(t, mem, "index.html"))
	if !strings.Contains(home, `href="`+portalPath+assetFile(t, mem, "css/site.css")+`"`) {
		t.Errorf("the home page does not link the fingerprinted stylesheet")
	}
	embed := string(get(t, mem, urls.File(urls.Embed)))
	if !strings.Contains(embed, portalPath+assetFile(t, mem, "css/embed.css")) {
		t.Errorf("the embedded list does not link its stylesheet")
	}
}

// TestEmbed: the embedded list is a compact page of the five latest
// stories, without the site's header, menu or footer, whose links open in
// the portal's window.
func TestEmbed(t *testing.T) {
	mem, r := buildPublishing(t, Options{})
	doc := parseHTML(t, get(t, mem, urls.File(urls.Embed)))
	for _, tag := range []string{"header", "nav", "footer"} {
		if len(findAll(doc, tag)) != 0 {
			t.Errorf("the embedded list has a <%s>", tag)
		}
	}
	if got := meta(doc, "robots"); len(got) != 1 || got[0] != "noindex" {
		t.Errorf("robots meta %q", got)
	}
	var stories []string
	for _, a := range findAll(doc, "a") {
		if attr(a, "target") != "_top" {
			t.Errorf("link %s opens inside the frame", attr(a, "href"))
		}
		if strings.Contains(attr(a, "class"), "embed-story") {
			stories = append(stories, attr(a, "href"))
		}
	}
	var want []string
	for _, st := range r.Site.Stories[:5] {
		want = append(want, portalPath+st.URL)
	}
	if strings.Join(stories, " ") != strings.Join(want, " ") {
		t.Errorf("embedded stories %q, want %q", stories, want)
	}
}

// TestSubPath serves the output under /guong-dien-hinh/ with net/http, as
// the portal would, and fetches every link of every page (href, src,
// srcset), of every feed and of the sitemap: each must stay under the
// sub-path and be served.
func TestSubPath(t *testing.T) {
	mem, _ := buildPublishing(t, Options{})
	dir := t.TempDir()
	for _, name := range mem.Names() {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, get(t, mem, name), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	mux := http.NewServeMux()
	mux.Handle(portalPath, http.StripPrefix(strings.TrimSuffix(portalPath, "/"), http.FileServer(http.Dir(dir))))
	srv := httptest.NewServer(mux)
	defer srv.Close()

	// Every link, resolved against the address of the file it is in.
	links := map[string][]string{} // link → files that have it
	add := func(from, link string) {
		if link == "" {
			return
		}
		u, err := url.Parse(link)
		if err != nil {
			t.Errorf("%s: bad link %q", from, link)
			return
		}
		if u.Scheme == "" && u.Host == "" && u.Path == "" {
			return // a fragment of the same page
		}
		page := &url.URL{Path: portalPath + from}
		links[page.ResolveReference(u).String()] = append(links[page.ResolveReference(u).String()], from)
	}
	for _, name := range mem.Names() {
		data := get(t, mem, name)
		switch {
		case path.Ext(name) == ".html":
			for _, l := range parsePage(t, name, data).links {
				add(name, l)
			}
		case path.Base(name) == RSSFile, path.Base(name) == JSONFile:
			f, err := gofeed.NewParser().Parse(bytes.NewReader(data))
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			add(name, f.Link)
			add(name, f.FeedLink)
			for _, it := range f.Items {
				add(name, it.Link)
				for _, e := range it.Enclosures { // RSS
					add(name, e.URL)
				}
				if it.Image != nil { // JSON Feed
					add(name, it.Image.URL)
				}
			}
		case name == "sitemap.xml":
			for _, m := range regexp.MustCompile(`<loc>([^<]*)</loc>`).FindAllSubmatch(data, -1) {
				add(name, html.UnescapeString(string(m[1])))
			}
		case name == "robots.txt":
			for _, line := range strings.Split(string(data), "\n") {
				if s, ok := strings.CutPrefix(line, "Sitemap: "); ok {
					add(name, s)
				}
			}
		}
	}
	base, _ := url.Parse(portalBase)
	var checked []string
	for link, from := range links {
		u, _ := url.Parse(link)
		if u.Host != "" && u.Host != base.Host || u.Scheme == "mailto" || u.Scheme == "tel" {
			continue // another site (share links, the portal), an e-mail address, a phone
		}
		if !strings.HasPrefix(u.Path, portalPath) {
			t.Errorf("%s: link %q leaves %s", from[0], link, portalPath)
			continue
		}
		resp, err := http.Get(srv.URL + u.EscapedPath())
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Errorf("%s: %s is %s", from[0], link, resp.Status)
		}
		checked = append(checked, u.Path)
	}
	sort.Strings(checked)
	for _, want := range []string{portalPath + "feed.xml", portalPath + "sitemap.xml", portalPath + "bai-viet/chi-lan/"} {
		if i := sort.SearchStrings(checked, want); i == len(checked) || checked[i] != want {
			t.Errorf("%s was never linked", want)
		}
	}
	if len(checked) < 100 {
		t.Errorf("only %d links checked", len(checked))
	}
}

// HTML helpers.

func parseHTML(t *testing.T, data []byte) *html.Node {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func findAll(n *html.Node, tag string) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == tag {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

func text(n *html.Node) string {
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	}
	return b.String()
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if x == y {
			return true
		}
	}
	return false
}

func TestMain(m *testing.M) {
	code := m.Run()
	if publishingCache.dir != "" {
		os.RemoveAll(publishingCache.dir)
	}
	os.Exit(code)
}
