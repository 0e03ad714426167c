package sitemap

import (
	"encoding/xml"
	"fmt"
	"strings"
	"testing"
	"time"
)

type parsedSet struct {
	XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod"`
	} `xml:"url"`
}

type parsedIndex struct {
	XMLName  xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemapindex"`
	Sitemaps []struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod"`
	} `xml:"sitemap"`
}

var ict = time.FixedZone("ICT", 7*3600)

func TestFiles(t *testing.T) {
	entries := []Entry{
		{URL: "https://portal.example/guong-dien-hinh/", LastMod: time.Date(2025, 3, 1, 1, 0, 0, 0, time.UTC)},
		{URL: "https://portal.example/guong-dien-hinh/gioi-thieu/"},
		{URL: "https://portal.example/guong-dien-hinh/bai-viet/a&b/"},
	}
	files, err := Files(entries, "https://portal.example/guong-dien-hinh/", ict)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 1 || files[0].Name != "sitemap.xml" {
		t.Fatalf("files = %v", files)
	}
	var got parsedSet
	if err := xml.Unmarshal(files[0].Data, &got); err != nil {
		t.Fatalf("%v\n%s", err, files[0].Data)
	}
	if len(got.URLs) != 3 {
		t.Fatalf("%d urls", len(got.URLs))
	}
	if got.URLs[0].LastMod != "2025-03-01T08:00:00+07:00" {
		t.Errorf("lastmod = %q", got.URLs[0].LastMod)
	}
	if got.URLs[1].LastMod != "" || strings.Contains(string(files[0].Data), "<lastmod></lastmod>") {
		t.Errorf("a page without a date has a lastmod")
	}
	if got.URLs[2].Loc != "https://portal.example/guong-dien-hinh/bai-viet/a&b/" {
		t.Errorf("loc = %q", got.URLs[2].Loc)
	}
}

func TestFilesSplit(t *testing.T) {
	var entries []Entry
	for i := 0; i < MaxURLs+10; i++ {
		entries = append(entries, Entry{URL: fmt.Sprintf("https://x.example/p/%d/", i),
			LastMod: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Minute)})
	}
	files, err := Files(entries, "https://x.example/", time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 3 || files[0].Name != "sitemap.xml" || files[1].Name != "sitemap-1.xml" || files[2].Name != "sitemap-2.xml" {
		t.Fatalf("files: %d", len(files))
	}
	var idx parsedIndex
	if err := xml.Unmarshal(files[0].Data, &idx); err != nil {
		t.Fatal(err)
	}
	if len(idx.Sitemaps) != 2 || idx.Sitemaps[1].Loc != "https://x.example/sitemap-2.xml" {
		t.Fatalf("index = %+v", idx)
	}
	if want := entries[len(entries)-1].LastMod.Format(time.RFC3339); idx.Sitemaps[1].LastMod != want {
		t.Errorf("lastmod of part 2 = %s, want %s", idx.Sitemaps[1].LastMod, want)
	}
	total := 0
	for _, f := range files[1:] {
		var s parsedSet
		if err := xml.Unmarshal(f.Data, &s); err != nil {
			t.Fatal(err)
		}
		if len(s.URLs) > MaxURLs {
			t.Errorf("%s lists %d pages", f.Name, len(s.URLs))
		}
		total += len(s.URLs)
	}
	if total != len(entries) {
		t.Errorf("the parts list %d pages, want %d", total, len(entries))
	}
}

func TestRobots(t *testing.T) {
	got := string(Robots("https://x.example/sitemap.xml"))
	want := "User-agent: *\nDisallow:\n\nSitemap: https://x.example/sitemap.xml\n"
	if got != want {
		t.Errorf("Robots = %q, want %q", got, want)
	}
}
