// Package feed writes news feeds: RSS 2.0 (with the Atom self link, Dublin
// Core and Media RSS extensions) and JSON Feed 1.1. Both are encoded from
// typed structs by encoding/xml and encoding/json, so every title and
// summary is escaped correctly whatever it holds.
//
// Dates are written in the time zone of the Feed: RFC 1123 with a numeric
// zone in RSS ("Sun, 11 Jun 2023 08:00:00 +0700"), RFC 3339 in JSON Feed
// ("2023-06-11T08:00:00+07:00").
package feed

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"html"
	"strings"
	"time"
)

// Feed is a list of items, newest first.
type Feed struct {
	Title       string
	Description string
	Language    string // e.g. "vi"
	HomeURL     string // the page the feed follows, absolute
	RSSURL      string // where the RSS feed is published, absolute
	JSONURL     string // where the JSON feed is published, absolute
	Author      string // the publisher, e.g. the department
	Icon        string // a square picture, absolute; optional
	Generator   string
	Location    *time.Location // the time zone of dates; UTC if nil
	Items       []Item
}

// Item is one story of a feed.
type Item struct {
	URL        string // absolute; also the item's id
	Title      string
	Summary    string // plain text
	Date       time.Time
	Updated    time.Time // its last update; zero if none
	Person     string    // whom the story is about
	Author     string    // who wrote it, if known
	Source     string    // where it was first published, if elsewhere
	Categories []string  // model type, department, campaigns, topics
	Image      *Image    // the cover, if any
}

// Image is an item's picture.
type Image struct {
	URL           string // absolute
	Type          string // media type, e.g. "image/jpeg"
	Length        int    // in bytes
	Width, Height int
}

// Namespaces of the RSS extensions used.
const (
	nsAtom  = "http://www.w3.org/2005/Atom"
	nsDC    = "http://purl.org/dc/elements/1.1/"
	nsMedia = "http://search.yahoo.com/mrss/"
)

type rss struct {
	XMLName    xml.Name   `xml:"rss"`
	Version    string     `xml:"version,attr"`
	XMLNSAtom  string     `xml:"xmlns:atom,attr"`
	XMLNSDC    string     `xml:"xmlns:dc,attr"`
	XMLNSMedia string     `xml:"xmlns:media,attr"`
	Channel    rssChannel `xml:"channel"`
}

type rssChannel struct {
	Title         string    `xml:"title"`
	Link          string    `xml:"link"`
	Description   string    `xml:"description"`
	Language      string    `xml:"language,omitempty"`
	Generator     string    `xml:"generator,omitempty"`
	LastBuildDate string    `xml:"lastBuildDate,omitempty"`
	Self          atomLink  `xml:"atom:link"`
	Items         []rssItem `xml:"item"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr"`
}

type rssItem struct {
	Title       string        `xml:"title"`
	Link        string        `xml:"link"`
	GUID        rssGUID       `xml:"guid"`
	PubDate     string        `xml:"pubDate"`
	Description string        `xml:"description,omitempty"`
	Subject     string        `xml:"dc:subject,omitempty"`
	Creator     string        `xml:"dc:creator,omitempty"`
	Source      string        `xml:"dc:source,omitempty"`
	Updated     string        `xml:"atom:updated,omitempty"`
	Categories  []string      `xml:"category"`
	Enclosure   *rssEnclosure `xml:"enclosure"`
	Media       *mediaContent `xml:"media:content"`
}

type rssGUID struct {
	IsPermaLink bool   `xml:"isPermaLink,attr"`
	Value       string `xml:",chardata"`
}

type rssEnclosure struct {
	URL    string `xml:"url,attr"`
	Length int    `xml:"length,attr"`
	Type   string `xml:"type,attr"`
}

type mediaContent struct {
	URL    string `xml:"url,attr"`
	Type   string `xml:"type,attr"`
	Medium string `xml:"medium,attr"`
	Width  int    `xml:"width,attr,omitempty"`
	Height int    `xml:"height,attr,omitempty"`
}

func (f *Feed) loc() *time.Location {
	if f.Location == nil {
		return time.UTC
	}
	return f.Location
}

// RSS returns the feed as RSS 2.0. The person a story is about is its
// dc:subject, its writer its dc:creator, where it was first published its
// dc:source, its last update its atom:updated; its cover is both an
// enclosure and a media:content.
func RSS(f *Feed) ([]byte, error) {
	ch := rssChannel{
		Title:       f.Title,
		Link:        f.HomeURL,
		Description: f.Description,
		Language:    f.Language,
		Generator:   f.Generator,
		Self:        atomLink{Href: f.RSSURL, Rel: "self", Type: "application/rss+xml"},
		Items:       []rssItem{},
	}
	if ch.Description == "" {
		ch.Description = f.Title // required by RSS 2.0
	}
	ch.Description = html.EscapeString(ch.Description) // HTML, like an item's
	for i, it := range f.Items {
		date := it.Date.In(f.loc()).Format(time.RFC1123Z)
		if i == 0 {
			ch.LastBuildDate = date
		}
		ri := rssItem{
			Title: it.Title, Link: it.URL, GUID: rssGUID{IsPermaLink: true, Value: it.URL},
			// An RSS description is HTML; a summary is plain text, so it is
			// escaped as HTML (and then as XML by the encoder): a summary
			// that reads "<script>" stays text in every feed reader.
			PubDate: date, Description: html.EscapeString(it.Summary), Subject: it.Person, Creator: it.Author, Source: it.Source, Categories: it.Categories,
		}
		if !it.Updated.IsZero() {
			ri.Updated = it.Updated.In(f.loc()).Format(time.RFC3339)
		}
		if im := it.Image; im != nil {
			ri.Enclosure = &rssEnclosure{URL: im.URL, Length: im.Length, Type: im.Type}
			ri.Media = &mediaContent{URL: im.URL, Type: im.Type, Medium: "image", Width: im.Width, Height: im.Height}
		}
		ch.Items = append(ch.Items, ri)
	}
	doc := rss{Version: "2.0", XMLNSAtom: nsAtom, XMLNSDC: nsDC, XMLNSMedia: nsMedia, Channel: ch}
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	buf.WriteByte('\n')
	return buf.Bytes(), nil
}

// JSONFeedVersion is the version URL of the JSON Feed format written.
const JSONFeedVersion = "https://jsonfeed.org/version/1.1"

type jsonFeed struct {
	Version     string       `json:"version"`
	Title       string       `json:"title"`
	HomePageURL string       `json:"home_page_url"`
	FeedURL     string       `json:"feed_url"`
	Description string       `json:"description,omitempty"`
	Icon        string       `json:"icon,omitempty"`
	Language    string       `json:"language,omitempty"`
	Authors     []jsonAuthor `json:"authors,omitempty"`
	Items       []jsonItem   `json:"items"`
}

type jsonAuthor struct {
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

type jsonItem struct {
	ID            string       `json:"id"`
	URL           string       `json:"url"`
	Title         string       `json:"title"`
	ContentText   string       `json:"content_text"`
	Summary       string       `json:"summary,omitempty"`
	Image         string       `json:"image,omitempty"`
	DatePublished string       `json:"date_published"`
	DateModified  string       `json:"date_modified,omitempty"`
	Tags          []string     `json:"tags,omitempty"`
	Authors       []jsonAuthor `json:"authors,omitempty"`
	Guong         jsonGuong    `json:"_guong"`
}

// jsonGuong is the JSON Feed extension object of guong's items.
type jsonGuong struct {
	Person string `json:"person"`           // whom the story is about
	Source string `json:"source,omitempty"` // where it was first published, if elsewhere
}

// JSON returns the feed as JSON Feed 1.1. An item's content_text is its
// summary (readers follow url for the story); its last update is its
// date_modified; the person it is about, and where it was first published,
// are in the "_guong" extension object: {"person": "…", "source": "…"}.
func JSON(f *Feed) ([]byte, error) {
	doc := jsonFeed{
		Version: JSONFeedVersion, Title: f.Title, HomePageURL: f.HomeURL, FeedURL: f.JSONURL,
		Description: f.Description, Icon: f.Icon, Language: f.Language, Items: []jsonItem{},
	}
	if f.Author != "" {
		doc.Authors = []jsonAuthor{{Name: f.Author, URL: f.HomeURL}}
	}
	for _, it := range f.Items {
		ji := jsonItem{
			ID: it.URL, URL: it.URL, Title: it.Title, ContentText: it.Summary, Summary: it.Summary,
			DatePublished: it.Date.In(f.loc()).Format(time.RFC3339), Tags: it.Categories,
			Guong: jsonGuong{Person: it.Person, Source: it.Source},
		}
		if !it.Updated.IsZero() {
			ji.DateModified = it.Updated.In(f.loc()).Format(time.RFC3339)
		}
		if it.Author != "" {
			ji.Authors = []jsonAuthor{{Name: it.Author}}
		}
		if ji.ContentText == "" {
			ji.ContentText = it.Title // content_text or content_html is required
		}
		if it.Image != nil {
			ji.Image = it.Image.URL
		}
		doc.Items = append(doc.Items, ji)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Categories returns names without empty or repeated ones, in order.
func Categories(names ...string) []string {
	var out []string
	seen := map[string]bool{}
	for _, n := range names {
		n = strings.TrimSpace(n)
		if n != "" && !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	return out
}
