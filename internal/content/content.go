// Package content reads a site's content folder — stories, campaigns, plain
// pages and people's profiles — into typed values, and checks every story
// against the site's registries. Each problem becomes a diagnostic at the
// file:line:col of the value that caused it, and all of them are reported in
// one run.
package content

import (
	"time"

	"github.com/guong/guong/internal/diag"
)

// Folders of the content tree, relative to the site folder.
const (
	Dir          = "content"
	StoriesDir   = "content/stories"
	CampaignsDir = "content/campaigns"
	PagesDir     = "content/pages"
	PeopleDir    = "content/people"
)

// Story is one exemplary collective's or individual's story.
type Story struct {
	File    string // slash path relative to the site folder
	Slug    string
	Title   string
	Date    time.Time
	HasTime bool // whether Date was written with a time of day
	// Updated is when the story was last changed, from "updated": after
	// Date, or zero when not written.
	Updated        time.Time
	UpdatedHasTime bool
	Person         string
	Position       string
	Gender         string // "nam", "nữ", or "" when not written
	Collective     bool
	Department     string // a key of the department registry
	Model          string // a key of the model registry
	Campaigns      []string
	Tags           []string
	Summary        string // as written
	Cover          string // the cover image's slash path relative to the site folder
	CoverAlt       string
	Author         string // who wrote the story ("Tác giả"), if not the department
	Source         string // where it was first published ("Nguồn"), if elsewhere
	Awards         []Award
	Draft          bool

	// The body is not kept: ReadBody reads it again, when the story's
	// page is made. FirstParagraph is the text of its first paragraph, as
	// Options.FirstParagraph found it when the file was read.
	FirstParagraph string
	BodyLine       int    // the file line on which the body starts
	Version        uint64 // a fingerprint of the file's bytes
	bodySize       int    // the body's length in the cleaned file (see ReadBody)
	cleanAsRead    bool   // the file needed no cleaning (see frontmatter.Clean)
}

// Award is a title or a commendation a story's subject received.
type Award struct {
	// Kind is a key of the site's award registry (config.Award); it is ""
	// for an award written the old way, as free text in Name.
	Kind     string
	Name     string // the free-text name of an award without Kind
	Decision string // the decision's number, e.g. "123/QĐ-UBND"
	Date     time.Time
	HasDate  bool
	Issuer   string // who signed the decision, e.g. "Chủ tịch UBND tỉnh"
	Year     int    // the year of the achievement: "year", else the decision date's; 0 if neither
	Note     string
}

// Genders of people, as front matter writes them.
const (
	Male   = "nam"
	Female = "nữ"
)

// Campaign is an emulation movement (phong trào thi đua), from
// content/campaigns/<key>.md.
type Campaign struct {
	File     string
	Key      string
	Title    string
	Start    time.Time
	End      time.Time // zero while it is ongoing
	Body     []byte
	BodyLine int
	Version  uint64 // a fingerprint of the file's bytes
}

// Ongoing reports whether the campaign has not ended at t.
func (c *Campaign) Ongoing(t time.Time) bool {
	return c.End.IsZero() || !t.After(c.End.Add(24*time.Hour-time.Nanosecond))
}

// Page is a plain page such as the department's plan or an "about" page.
type Page struct {
	File     string
	Slug     string
	Title    string
	Summary  string
	Weight   int    // order in menus and lists; pages without one come last
	Menu     string // the page's name in the main menu; empty keeps it out of the menu
	Layout   string // "" for a plain page, or one of PageLayouts
	Body     []byte
	BodyLine int
	Version  uint64 // a fingerprint of the file's bytes
}

// LayoutAbout is the layout of the page about the site (Giới thiệu): its
// text, then the agency block of site.yaml (who publishes the site, how to
// reach it), rendered by the theme rather than copied into the page.
const LayoutAbout = "about"

// About reports whether the page is the page about the site (LayoutAbout).
func (p *Page) About() bool { return p.Layout == LayoutAbout }

// PageLayouts are the layouts a page may name in its front matter.
var PageLayouts = []string{LayoutAbout}

// Profile enriches a person's page: content/people/<slug>.md.
type Profile struct {
	File     string
	Name     string        // must match the stories' person
	NamePos  diag.Position // where the name is written
	Photo    string        // site-relative
	PhotoPos diag.Position // where the photo's path is written
	Position string
	Gender   string // "nam", "nữ", or ""

	// PhotoWritten is the photo's path as written, even if unusable.
	PhotoWritten string
	photoFile    string // the file checked as the photo, "" if none
	Body         []byte
	BodyLine     int
	Version      uint64 // a fingerprint of the file's bytes
}

// Skipped is a story left out of the build, and why.
type Skipped struct {
	File   string
	Slug   string // the address it will have: see urls.Story
	Title  string
	Date   time.Time
	Reason SkipReason
	// Broken says a draft the build would have published was left out
	// for its errors (see Options.TryDrafts).
	Broken bool
}

// SkipReason tells why a story was not published.
type SkipReason int

const (
	// SkippedDraft marks a story with draft: true.
	SkippedDraft SkipReason = iota
	// SkippedFuture marks a story dated after the build.
	SkippedFuture
)

// Site is everything read from the content folder.
type Site struct {
	Stories   []*Story // published stories, in file order
	Campaigns []*Campaign
	Pages     []*Page
	Profiles  []*Profile
	Skipped   []Skipped
	// Assets are the other files of the content folder (images beside stories),
	// site-relative, sorted.
	Assets []string
}

// Copy is a source file published unchanged.
type Copy struct {
	From string // slash path relative to the site folder
	To   string // slash path relative to the output root
}
