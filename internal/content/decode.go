package content

import (
	"bytes"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync/atomic"
	"unique"

	"github.com/guong/guong/internal/config"
	"github.com/guong/guong/internal/diag"
	"github.com/guong/guong/internal/frontmatter"
	"github.com/guong/guong/internal/images"
	"github.com/guong/guong/internal/vi"
)

// The front matter keys each kind of file accepts.
var (
	storyKeys    = []string{"title", "date", "person", "position", "collective", "department", "model", "campaigns", "tags", "summary", "cover", "coverAlt", "awards", "author", "source", "slug", "draft"}
	awardKeys    = []string{"name", "decision", "date"}
	campaignKeys = []string{"title", "start", "end", "summary"}
	pageKeys     = []string{"title", "summary", "slug", "weight", "menu"}
	profileKeys  = []string{"name", "photo", "position"}
)

// parsedStory is a decoded story with the positions its later checks need.
type parsedStory struct {
	story        *Story
	slugPos      diag.Position
	modelPos     diag.Position
	deptPos      diag.Position
	personPos    diag.Position
	campaignPos  []diag.Position
	hasModel     bool
	hasDept      bool
	unpublished  bool   // a draft left out of this build
	broken       bool   // a draft left out for its errors (Options.TryDrafts)
	coverWritten string // the cover path as written, even if unusable
	coverFile    string // the file checked as the cover, "" if none

	// checked is the last result of check, for a cached story checked
	// again against the same registries.
	checked atomic.Pointer[checkResult]
}

// checkResult is what check reported against reg.
type checkResult struct {
	reg   *registries
	diags diag.List
}

func decodeStory(fsys fs.FS, doc *frontmatter.Document, cfg *config.Config) *parsedStory {
	f := doc.Fields
	f.CheckKeysLosing(storyKeys, storyLoses)
	st := &Story{
		File:       doc.File,
		Title:      text(f, "title", true),
		Person:     shared(text(f, "person", true)),
		Position:   shared(text(f, "position", false)),
		Collective: f.Bool("collective"),
		Department: shared(byName(f, "department", text(f, "department", true), cfg.Departments, diag.Word{VI: "đơn vị", EN: "department"})),
		Model:      shared(byName(f, "model", text(f, "model", true), cfg.Models, diag.Word{VI: "loại mô hình", EN: "model type"})),
		Summary:    f.String("summary", false),
		CoverAlt:   f.String("coverAlt", false),
		Author:     shared(text(f, "author", false)),
		Source:     text(f, "source", false),
		Draft:      f.Bool("draft"),
		Body:       doc.Body,
		BodyLine:   doc.BodyLine,
	}
	st.Date, st.HasTime, _ = f.Date("date", true, cfg.TimeZone)
	p := &parsedStory{
		story:     st,
		slugPos:   f.Start(),
		modelPos:  f.ValuePos("model"),
		deptPos:   f.ValuePos("department"),
		personPos: f.ValuePos("person"),
		hasModel:  st.Model != "",
		hasDept:   st.Department != "",
	}
	st.Slug, p.slugPos = slug(doc, f)
	for _, it := range dedupe(f, "campaigns", items(f, "campaigns")) {
		st.Campaigns = append(st.Campaigns, shared(it.Value))
		p.campaignPos = append(p.campaignPos, it.Pos)
	}
	for _, it := range dedupe(f, "tags", items(f, "tags")) {
		if tooLong(f, it.Pos, diag.Word{VI: "chủ đề (tag)", EN: "the tag"}, it.Value) {
			continue
		}
		st.Tags = append(st.Tags, shared(it.Value))
	}
	if tooLong(f, f.ValuePos("person"), diag.Word{VI: "tên nhân vật (person)", EN: "the person's name (person)"}, st.Person) {
		st.Person = ""
	}
	if cover := f.String("cover", false); cover != "" {
		p.coverWritten = cover
		p.coverFile = localPath(f, "cover", doc.File, cover)
		st.Cover = checkImage(fsys, f, "cover", p.coverFile)
		if stem := strings.TrimSuffix(path.Base(cover), path.Ext(cover)); tooLong(f, f.ValuePos("cover"), diag.Word{VI: "tên tệp ảnh bìa (cover)", EN: "the cover's file name"}, stem) {
			st.Cover = ""
		}
		if st.Cover != "" && st.CoverAlt == "" {
			f.Warn(f.ValuePos("cover"), diag.NoCoverAlt, cover)
		}
	}
	for _, a := range f.Maps("awards") {
		a.CheckKeys(awardKeys...)
		aw := Award{Name: shared(a.String("name", true)), Decision: a.String("decision", false)}
		aw.Date, _, aw.HasDate = a.Date("date", false, cfg.TimeZone)
		st.Awards = append(st.Awards, aw)
	}
	if len(bytes.TrimSpace(doc.Body)) == 0 && !st.Draft {
		f.Warn(diag.Position{File: doc.File, Line: doc.BodyLine}, diag.EmptyBody)
	}
	return p
}

// tooLong reports, at pos, a value whose slug would be longer than a page
// address may hold (config.MaxSlugLength), and tells so.
func tooLong(f *frontmatter.Map, pos diag.Position, what diag.Word, value string) bool {
	n, long := config.SlugTooLong(value)
	if long {
		f.Report(pos, diag.NameTooLong, what, n, config.MaxSlugLength)
	}
	return long
}

// shared returns s, or an equal string already in use: the values stories
// repeat (people, positions, departments, campaigns, tags, awards) are then
// held once, not once a story. At 100,000 stories that is 800,000 strings
// fewer for the garbage collector to mark on each cycle.
func shared(s string) string {
	if s == "" {
		return ""
	}
	return unique.Make(s).Value()
}

// registries are the keys a story may refer to.
type registries struct {
	models, departments, campaigns registry
}

// registry is the keys of one kind, in their order and as a set.
type registry struct {
	keys []string
	has  map[string]bool
}

func newRegistry(keys []string) registry {
	r := registry{keys: keys, has: make(map[string]bool, len(keys))}
	for _, k := range keys {
		r.has[k] = true
	}
	return r
}

// equal reports whether two registries hold the same keys.
func (r *registries) equal(o *registries) bool {
	return slices.Equal(r.models.keys, o.models.keys) && slices.Equal(r.departments.keys, o.departments.keys) &&
		slices.Equal(r.campaigns.keys, o.campaigns.keys)
}

// checkedAgainst returns what check reports against reg, checking again only if
// reg is not the registries of the last check.
func (p *parsedStory) checkedAgainst(reg *registries) diag.List {
	if c := p.checked.Load(); c != nil && c.reg == reg {
		return c.diags
	}
	var d diag.List
	p.check(reg, &d)
	p.checked.Store(&checkResult{reg: reg, diags: d})
	return d
}

// check reports references to unknown model types, departments and campaigns.
func (p *parsedStory) check(reg *registries, diags *diag.List) {
	st := p.story
	if p.hasModel {
		checkRef(diags, p.modelPos, diag.Word{VI: "loại mô hình", EN: "model"}, st.Model, reg.models)
	}
	if p.hasDept {
		checkRef(diags, p.deptPos, diag.Word{VI: "đơn vị", EN: "department"}, st.Department, reg.departments)
	}
	for i, c := range st.Campaigns {
		pos := p.slugPos
		if i < len(p.campaignPos) {
			pos = p.campaignPos[i]
		}
		checkRef(diags, pos, diag.Word{VI: "phong trào", EN: "campaign"}, c, reg.campaigns)
	}
}

func checkRef(diags *diag.List, pos diag.Position, what diag.Word, key string, reg registry) {
	if reg.has[key] {
		return
	}
	valid := reg.keys
	if s := frontmatter.Suggest(key, valid); s != "" {
		diags.Errorf(pos, diag.UnknownRefHint, what, key, s)
		return
	}
	if len(valid) == 0 {
		diags.Errorf(pos, diag.UnknownRefNone, what, key, what)
		return
	}
	diags.Errorf(pos, diag.UnknownRef, what, key, `"`+strings.Join(valid, `", "`)+`"`)
}

// slug returns the page slug of a story or page: the "slug" field, else the
// file name; and the position to report a clash at.
func slug(doc *frontmatter.Document, f *frontmatter.Map) (string, diag.Position) {
	if f.Has("slug") {
		s := f.String("slug", true)
		if s != "" && !vi.ValidSlug(s) {
			f.Report(f.ValuePos("slug"), diag.BadSlug, s)
			return "", f.ValuePos("slug")
		}
		if tooLong(f, f.ValuePos("slug"), diag.Word{VI: "slug", EN: "the slug"}, s) {
			return "", f.ValuePos("slug")
		}
		return s, f.ValuePos("slug")
	}
	s := slugFromFile(doc.File)
	if s == "" {
		f.Report(diag.Position{File: doc.File}, diag.EmptySlug, path.Base(doc.File))
	}
	if len(s) > config.MaxSlugLength {
		f.Report(diag.Position{File: doc.File}, diag.NameTooLong, diag.Word{VI: "tên tệp", EN: "the file name"}, len(s), config.MaxSlugLength)
		return "", f.Start()
	}
	return s, f.Start()
}

// dedupe drops repeated items of a list, reporting each repeat.
func dedupe(f *frontmatter.Map, key string, xs []frontmatter.Item) []frontmatter.Item {
	seen := map[string]bool{}
	out := xs[:0]
	for _, x := range xs {
		if seen[x.Value] {
			f.Warn(x.Pos, diag.DuplicateItem, x.Value, key)
			continue
		}
		seen[x.Value] = true
		out = append(out, x)
	}
	return out
}

// localPath resolves a path written in file's front matter, relative to the
// file's folder, refusing absolute paths and paths that climb out with "..".
func localPath(f *frontmatter.Map, key, file, p string) string {
	if strings.Contains(p, "\\") || path.IsAbs(p) || strings.Contains(p, "://") || strings.HasPrefix(p, "//") {
		f.Report(f.ValuePos(key), diag.BadPath, p)
		return ""
	}
	for _, seg := range strings.Split(p, "/") {
		if seg == ".." {
			f.Report(f.ValuePos(key), diag.BadPath, p)
			return ""
		}
	}
	return path.Join(path.Dir(file), p)
}

func decodeCampaign(doc *frontmatter.Document, cfg *config.Config) *Campaign {
	f := doc.Fields
	f.CheckKeys(campaignKeys...)
	c := &Campaign{
		File:     doc.File,
		Key:      slugFromFile(doc.File),
		Title:    f.String("title", true),
		Body:     doc.Body,
		BodyLine: doc.BodyLine,
	}
	if c.Key == "" || c.Key != strings.TrimSuffix(path.Base(doc.File), ".md") {
		f.Report(diag.Position{File: doc.File}, diag.BadSlug, strings.TrimSuffix(path.Base(doc.File), ".md"))
		return nil
	}
	c.Start, _, _ = f.Date("start", true, cfg.TimeZone)
	end, _, ok := f.Date("end", false, cfg.TimeZone)
	if ok {
		if !c.Start.IsZero() && end.Before(c.Start) {
			f.Report(f.ValuePos("end"), diag.EndBeforeStart, vi.ShortDate(end), vi.ShortDate(c.Start))
		} else {
			c.End = end
		}
	}
	return c
}

// parsedPage is a decoded page with the position of its slug.
type parsedPage struct {
	page    *Page
	slugPos diag.Position
}

func decodePage(doc *frontmatter.Document) *parsedPage {
	f := doc.Fields
	f.CheckKeys(pageKeys...)
	pg := &Page{
		File:     doc.File,
		Title:    f.String("title", true),
		Summary:  f.String("summary", false),
		Weight:   f.Int("weight", 0),
		Menu:     f.String("menu", false),
		Body:     doc.Body,
		BodyLine: doc.BodyLine,
	}
	p := &parsedPage{page: pg}
	pg.Slug, p.slugPos = slug(doc, f)
	return p
}

func decodeProfile(fsys fs.FS, doc *frontmatter.Document) *Profile {
	f := doc.Fields
	f.CheckKeys(profileKeys...)
	pr := &Profile{
		File:     doc.File,
		Name:     f.String("name", true),
		NamePos:  f.ValuePos("name"),
		Position: f.String("position", false),
		Body:     doc.Body,
		BodyLine: doc.BodyLine,
	}
	if tooLong(f, pr.NamePos, diag.Word{VI: "tên nhân vật (name)", EN: "the person's name (name)"}, pr.Name) {
		pr.Name = ""
	}
	if photo := f.String("photo", false); photo != "" {
		pr.photoWritten = photo
		pr.photoFile = localPath(f, "photo", doc.File, photo)
		pr.Photo = checkImage(fsys, f, "photo", pr.photoFile)
	}
	return pr
}

// checkImage reports, at the value of key, an image path that names no
// file, or a file that is not a JPEG, PNG, GIF or WebP picture (by its
// content), has too many pixels (images.MaxPixels) or a damaged header; it
// returns p if the image is usable. Only the header is read, and the file
// is looked at before it is opened: a named pipe would block the open.
func checkImage(fsys fs.FS, f *frontmatter.Map, key, p string) string {
	if p == "" {
		return ""
	}
	_, err := images.CheckFile(fsys, p)
	if err == nil {
		return p
	}
	what := images.CoverWord
	if key == "photo" {
		what = images.PhotoWord
	}
	var d diag.List
	images.Report(&d, f.ValuePos(key), what, f.String(key, false), err)
	for _, x := range d {
		f.Report(x.Pos, x.Code, x.Args...)
	}
	return ""
}
