package feed

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"
)

var ict = time.FixedZone("ICT", 7*3600)

// hostile is a title with every character that needs escaping somewhere.
const hostile = `Chị Lan & "đồng đội" <b>giỏi</b> </script><script>alert(1)</script> ]]> ' \u2028`

func sample() *Feed {
	return &Feed{
		Title:       "Gương điển hình – Sở Ngoại vụ",
		Description: "Những tấm gương sáng",
		Language:    "vi",
		HomeURL:     "https://portal.example/guong-dien-hinh/",
		RSSURL:      "https://portal.example/guong-dien-hinh/feed.xml",
		JSONURL:     "https://portal.example/guong-dien-hinh/feed.json",
		Author:      "Sở Ngoại vụ tỉnh Lạng Sơn",
		Generator:   "guong",
		Location:    ict,
		Items: []Item{
			{
				URL:        "https://portal.example/guong-dien-hinh/bai-viet/lan/",
				Title:      hostile,
				Summary:    "Chị Lan gắn bó với bà con nơi biên giới.",
				Date:       time.Date(2023, 6, 11, 1, 0, 0, 0, time.UTC),
				Person:     "Hoàng Thị Lan",
				Categories: []string{"Dân vận khéo", "Phòng Lãnh sự", "biên giới"},
				Image: &Image{URL: "https://portal.example/guong-dien-hinh/bai-viet/lan/lan-1200x630.abc.jpg",
					Type: "image/jpeg", Length: 12345, Width: 1200, Height: 630},
			},
			{
				URL:    "https://portal.example/guong-dien-hinh/bai-viet/duc/",
				Title:  "Anh Đức",
				Date:   time.Date(2022, 1, 2, 0, 0, 0, 0, ict),
				Person: "Lương Văn Đức",
			},
		},
	}
}

func TestRSS(t *testing.T) {
	data, err := RSS(sample())
	if err != nil {
		t.Fatal(err)
	}
	if err := xml.Unmarshal(data, new(struct{})); err != nil {
		t.Fatalf("not well-formed XML: %v\n%s", err, data)
	}
	f, err := gofeed.NewParser().ParseString(string(data))
	if err != nil {
		t.Fatalf("gofeed: %v\n%s", err, data)
	}
	if f.FeedType != "rss" || f.FeedVersion != "2.0" {
		t.Errorf("feed type %s %s, want rss 2.0", f.FeedType, f.FeedVersion)
	}
	if f.Title != "Gương điển hình – Sở Ngoại vụ" || f.Link != "https://portal.example/guong-dien-hinh/" || f.Language != "vi" {
		t.Errorf("channel = %q %q %q", f.Title, f.Link, f.Language)
	}
	if len(f.Items) != 2 {
		t.Fatalf("%d items, want 2", len(f.Items))
	}
	it := f.Items[0]
	if it.Title != hostile {
		t.Errorf("title = %q, want %q", it.Title, hostile)
	}
	if it.Link != "https://portal.example/guong-dien-hinh/bai-viet/lan/" || it.GUID != it.Link {
		t.Errorf("link %q guid %q", it.Link, it.GUID)
	}
	if !bytes.Contains(data, []byte("<pubDate>Sun, 11 Jun 2023 08:00:00 +0700</pubDate>")) {
		t.Errorf("pubDate not in +0700:\n%s", data)
	}
	if it.PublishedParsed == nil || !it.PublishedParsed.Equal(time.Date(2023, 6, 11, 1, 0, 0, 0, time.UTC)) {
		t.Errorf("published %v", it.PublishedParsed)
	}
	// gofeed adds the dc:subject, the person, to the categories.
	if strings.Join(it.Categories, "|") != "Dân vận khéo|Phòng Lãnh sự|biên giới|Hoàng Thị Lan" {
		t.Errorf("categories %q", it.Categories)
	}
	if it.DublinCoreExt == nil || len(it.DublinCoreExt.Subject) != 1 || it.DublinCoreExt.Subject[0] != "Hoàng Thị Lan" {
		t.Errorf("dc:subject = %+v, want the person", it.DublinCoreExt)
	}
	if len(it.Enclosures) != 1 || it.Enclosures[0].Length != "12345" || it.Enclosures[0].Type != "image/jpeg" {
		t.Errorf("enclosures %+v", it.Enclosures)
	}
	if it.Image == nil || !strings.HasSuffix(it.Image.URL, "lan-1200x630.abc.jpg") {
		t.Errorf("image %+v", it.Image)
	}
	if f.Items[1].Description != "" || len(f.Items[1].Enclosures) != 0 {
		t.Errorf("second item has a summary or an enclosure it should not have")
	}
}

func TestJSON(t *testing.T) {
	data, err := JSON(sample())
	if err != nil {
		t.Fatal(err)
	}
	f, err := gofeed.NewParser().ParseString(string(data))
	if err != nil {
		t.Fatalf("gofeed: %v\n%s", err, data)
	}
	if f.FeedType != "json" || f.FeedVersion != JSONFeedVersion {
		t.Errorf("feed type %s %s, want json 1.1", f.FeedType, f.FeedVersion)
	}
	if f.FeedLink != "https://portal.example/guong-dien-hinh/feed.json" || f.Language != "vi" {
		t.Errorf("feed_url %q language %q", f.FeedLink, f.Language)
	}
	it := f.Items[0]
	if it.Title != hostile || it.Link != "https://portal.example/guong-dien-hinh/bai-viet/lan/" {
		t.Errorf("item %q %q", it.Title, it.Link)
	}
	if it.Image == nil || !strings.HasSuffix(it.Image.URL, ".jpg") {
		t.Errorf("image %+v", it.Image)
	}
	if strings.Join(it.Categories, "|") != "Dân vận khéo|Phòng Lãnh sự|biên giới" {
		t.Errorf("tags %q", it.Categories)
	}

	// The fields gofeed does not map: the exact date and the extension.
	var raw struct {
		Items []struct {
			DatePublished string `json:"date_published"`
			ContentText   string `json:"content_text"`
			Guong         struct {
				Person string `json:"person"`
			} `json:"_guong"`
		} `json:"items"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		t.Fatal(err)
	}
	if got := raw.Items[0].DatePublished; got != "2023-06-11T08:00:00+07:00" {
		t.Errorf("date_published = %s", got)
	}
	if raw.Items[0].Guong.Person != "Hoàng Thị Lan" {
		t.Errorf("_guong.person = %q", raw.Items[0].Guong.Person)
	}
	if raw.Items[1].ContentText == "" {
		t.Errorf("an item without a summary has no content_text")
	}
}

func TestEmpty(t *testing.T) {
	f := sample()
	f.Items = nil
	for name, enc := range map[string]func(*Feed) ([]byte, error){"rss": RSS, "json": JSON} {
		data, err := enc(f)
		if err != nil {
			t.Fatal(err)
		}
		parsed, err := gofeed.NewParser().ParseString(string(data))
		if err != nil {
			t.Fatalf("%s: %v\n%s", name, err, data)
		}
		if len(parsed.Items) != 0 {
			t.Errorf("%s: %d items", name, len(parsed.Items))
		}
	}
	data, _ := JSON(f)
	if !bytes.Contains(data, []byte(`"items": []`)) {
		t.Errorf("JSON Feed without items has no items array:\n%s", data)
	}
}

func TestCategories(t *testing.T) {
	got := Categories("a", "", " b ", "a", "c")
	if strings.Join(got, ",") != "a,b,c" {
		t.Errorf("Categories = %q", got)
	}
}

// TestUpdatedAndSource checks that a story's update and its source are in
// both feeds, read back by a real feed parser, and absent when not known.
func TestUpdatedAndSource(t *testing.T) {
	f := sample()
	f.Items[0].Updated = time.Date(2023, 6, 20, 7, 30, 0, 0, time.UTC)
	f.Items[0].Author = "Nguyễn Văn Minh"
	f.Items[0].Source = "Báo Biên phòng"
	rss, err := RSS(f)
	if err != nil {
		t.Fatal(err)
	}
	js, err := JSON(f)
	if err != nil {
		t.Fatal(err)
	}
	for _, data := range [][]byte{rss, js} {
		feed, err := gofeed.NewParser().ParseString(string(data))
		if err != nil {
			t.Fatalf("gofeed: %v", err)
		}
		first, second := feed.Items[0], feed.Items[1]
		if first.UpdatedParsed == nil || !first.UpdatedParsed.Equal(f.Items[0].Updated) {
			t.Errorf("%s: updated = %v, want %v", feed.FeedType, first.UpdatedParsed, f.Items[0].Updated)
		}
		if second.UpdatedParsed != nil {
			t.Errorf("%s: a story without an update has %v", feed.FeedType, second.UpdatedParsed)
		}
		// gofeed reads JSON Feed 1.1's authors as no author.
		if feed.FeedType == "rss" && (first.Author == nil || first.Author.Name != "Nguyễn Văn Minh") {
			t.Errorf("%s: author = %v", feed.FeedType, first.Author)
		}
	}
	for _, want := range []string{"<atom:updated>2023-06-20T14:30:00+07:00</atom:updated>", "<dc:source>Báo Biên phòng</dc:source>"} {
		if !strings.Contains(string(rss), want) {
			t.Errorf("RSS has no %s", want)
		}
	}
	for _, want := range []string{`"date_modified": "2023-06-20T14:30:00+07:00"`, `"source": "Báo Biên phòng"`} {
		if !strings.Contains(string(js), want) {
			t.Errorf("JSON Feed has no %s", want)
		}
	}
}
