// Package sitemap writes the files search engines read: sitemap.xml (the
// sitemaps.org protocol, split under a sitemap index past 50,000 pages) and
// robots.txt pointing to it.
package sitemap

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"time"
)

// MaxURLs is the most pages one sitemap file may list.
const MaxURLs = 50_000

// Entry is one page.
type Entry struct {
	URL     string    // absolute
	LastMod time.Time // zero if unknown
}

// File is one output file.
type File struct {
	Name string // relative to the site root
	Data []byte
}

const ns = "http://www.sitemaps.org/schemas/sitemap/0.9"

type urlset struct {
	XMLName xml.Name `xml:"urlset"`
	XMLNS   string   `xml:"xmlns,attr"`
	URLs    []url    `xml:"url"`
}

type url struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

type index struct {
	XMLName  xml.Name `xml:"sitemapindex"`
	XMLNS    string   `xml:"xmlns,attr"`
	Sitemaps []url    `xml:"sitemap"`
}

// Files returns sitemap.xml listing entries, with lastmod dates in loc.
// Past MaxURLs entries, sitemap.xml is an index of sitemap-1.xml,
// sitemap-2.xml…; baseURL (absolute, ending in "/") is where they are.
func Files(entries []Entry, baseURL string, loc *time.Location) ([]File, error) {
	if loc == nil {
		loc = time.UTC
	}
	toURLs := func(es []Entry) []url {
		urls := make([]url, len(es))
		for i, e := range es {
			urls[i] = url{Loc: e.URL, LastMod: date(e.LastMod, loc)}
		}
		return urls
	}
	if len(entries) <= MaxURLs {
		data, err := encode(urlset{XMLNS: ns, URLs: toURLs(entries)})
		return []File{{Name: "sitemap.xml", Data: data}}, err
	}
	var files []File
	idx := index{XMLNS: ns}
	for n := 1; len(entries) > 0; n++ {
		part := entries[:min(len(entries), MaxURLs)]
		entries = entries[len(part):]
		name := fmt.Sprintf("sitemap-%d.xml", n)
		data, err := encode(urlset{XMLNS: ns, URLs: toURLs(part)})
		if err != nil {
			return nil, err
		}
		files = append(files, File{Name: name, Data: data})
		var newest time.Time
		for _, e := range part {
			if e.LastMod.After(newest) {
				newest = e.LastMod
			}
		}
		idx.Sitemaps = append(idx.Sitemaps, url{Loc: baseURL + name, LastMod: date(newest, loc)})
	}
	data, err := encode(idx)
	return append([]File{{Name: "sitemap.xml", Data: data}}, files...), err
}

// date formats t as a W3C datetime, or "" if it is zero.
func date(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return ""
	}
	return t.In(loc).Format(time.RFC3339)
}

func encode(v any) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	buf.WriteByte('\n')
	return buf.Bytes(), nil
}

// Robots returns a robots.txt that lets every crawler in and names the
// sitemap (an absolute URL). Crawlers read robots.txt only at the root of
// a host: a site published under a sub-path should have its sitemap line
// added to the host's own robots.txt.
func Robots(sitemapURL string) []byte {
	return []byte("User-agent: *\nDisallow:\n\nSitemap: " + sitemapURL + "\n")
}
