package content

import (
	"bytes"
	"io/fs"
	"maps"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
	"unique"

	"github.com/guong/guong/internal/config"
	"github.com/guong/guong/internal/diag"
	"github.com/guong/guong/internal/frontmatter"
	"github.com/guong/guong/internal/images"
	"github.com/guong/guong/internal/vi"
)

// The front matter keys each kind of file accepts.
var (
	storyKeys    = []string{"title", "date", "person", "position", "gender", "collective", "department", "model", "campaigns", "tags", "summary", "cover", "coverAlt", "awards", "author", "source", "updated", "slug", "draft"}
	awardKeys    = []string{"kind", "name", "decision", "date", "issuer", "year", "note"}
	campaignKeys = []string{"title", "start", "end", "summary"}
	pageKeys     = []string{"title", "summary", "slug", "weight", "menu", "layout"}
	profileKeys  = []string{"name", "photo", "position", "gender"}
)

// StoryKeys returns the front matter keys a story accepts, in the order
// guong writes them.
func StoryKeys() []string { return slices.Clone(storyKeys) }

// AwardKeys returns the keys of one of a story's awards, in the order guong
// writes them.
func AwardKeys() []string { return slices.Clone(awardKeys) }

// parsedStory is a decoded story with the positions its later checks need.
type parsedStory struct {
	story        *Story
	slugPos      diag.Position
	modelPos     diag.Position
	deptPos      diag.Position
	personPos    diag.Position
	campaignPos  []diag.Position
	awardPos     []diag.Position // where each award's kind, or its free-text name, is written
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
		Gender:     gender(f),
		Collective: f.Bool("collective"),
		Department: shared(byName(f, "department", text(f, "department", true), cfg.Departments, diag.Word{VI: "đơn vị", EN: "department"})),
		Model:      shared(byName(f, "model", text(f, "model", true), cfg.Models, diag.Word{VI: "loại mô hình", EN: "model type"})),
		Summary:    f.String("summary", false),
		CoverAlt:   f.String("coverAlt", false),
		Author:     shared(text(f, "author", false)),
		Source:     text(f, "source", false),
		Draft:      f.Bool("draft"),
		BodyLine:   doc.BodyLine,
		bodySize:   len(doc.Body),
	}
	st.Date, st.HasTime, _ = f.Date("date", true, cfg.TimeZone)
	if up, hasTime, ok := f.Date("updated", false, cfg.TimeZone); ok && !st.Date.IsZero() {
		if !up.After(st.Date) {
			f.Report(f.ValuePos("updated"), diag.UpdatedBeforeDate, dateText(up, hasTime), dateText(st.Date, st.HasTime))
		} else {
			st.Updated, st.UpdatedHasTime = up, hasTime
		}
	}
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
		aw, pos := decodeAward(a, cfg)
		st.Awards = append(st.Awards, aw)
		p.awardPos = append(p.awardPos, pos)
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

// decodeAward reads one of a story's awards, and returns where its kind (or,
// for an award written the old way, its name) is written, for check.
func decodeAward(a *frontmatter.Map, cfg *config.Config) (Award, diag.Position) {
	a.CheckKeys(awardKeys...)
	aw := Award{
		Kind:     shared(a.String("kind", false)),
		Decision: shared(a.String("decision", false)),
		Issuer:   shared(a.String("issuer", false)),
		Note:     a.String("note", false),
	}
	pos := a.ValuePos("kind")
	if aw.Kind == "" {
		// The old form: a name of free text, which check matches to the registry.
		aw.Name = shared(a.String("name", !a.Has("kind")))
		pos = a.ValuePos("name")
	} else if a.Has("name") {
		a.Warn(a.KeyPos("name"), diag.AwardNameIgnored)
	}
	if aw.Decision != "" && !decisionShape.MatchString(vi.NFC(aw.Decision)) {
		a.Warn(a.ValuePos("decision"), diag.OddDecision, aw.Decision)
	}
	aw.Date, _, aw.HasDate = a.Date("date", false, cfg.TimeZone)
	if aw.HasDate {
		aw.Year = aw.Date.In(cfg.TimeZone).Year()
	}
	if a.Has("year") {
		if y := a.Int("year", 0); y != 0 {
			if y < 1945 || y > 2200 {
				a.Report(a.ValuePos("year"), diag.BadYear, strconv.Itoa(y))
			} else {
				aw.Year = y
			}
		}
	}
	return aw, pos
}

// decisionShape is the usual number of a decision on commendation: a
// State body's "123/QĐ-UBND", "45/QĐ-SNgV", "1234/QĐ-TTg", "12/2024/QĐ-UBND",
// or a Party body's "12-QĐ/ĐU".
var decisionShape = regexp.MustCompile(`^([0-9]+(/[0-9]{4})?/QĐ-[\p{L}0-9]+(-[\p{L}0-9]+)*|[0-9]+-QĐ/[\p{L}0-9]+(-[\p{L}0-9]+)*)$`)

// gender reads a person's gender: "nam" or "nữ" (also written "Nữ" or "nu").
func gender(f *frontmatter.Map) string {
	g := f.String("gender", false)
	if g == "" {
		return ""
	}
	switch vi.Fold(g) {
	case "nam":
		return Male
	case "nu":
		return Female
	}
	f.Report(f.ValuePos("gender"), diag.UnknownRef, diag.Word{VI: "giới tính", EN: "gender"}, g, `"nam", "nữ"`)
	return ""
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
	awards                         registry
	forms                          []config.Award // the award registry, for the checks of whom awards are for and of old names
	// campaignTitles are the campaigns' keys by their titles' spelling
	// (see spelling): a story may name a campaign by its title.
	campaignTitles map[string]string
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
		slices.Equal(r.campaigns.keys, o.campaigns.keys) && slices.Equal(r.forms, o.forms) && maps.Equal(r.campaignTitles, o.campaignTitles)
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
		what := diag.Word{VI: "phong trào", EN: "campaign"}
		if key, ok := reg.campaignKey(c); ok && key != c {
			diags.Warnf(pos, diag.RefByName, c, what, key, "campaigns", "["+key+"]")
			continue
		}
		checkRef(diags, pos, what, c, reg.campaigns)
	}
	for i, a := range st.Awards {
		pos := p.slugPos
		if i < len(p.awardPos) {
			pos = p.awardPos[i]
		}
		switch {
		case a.Kind != "":
			if !checkRef(diags, pos, diag.Word{VI: "hình thức khen thưởng", EN: "award"}, a.Kind, reg.awards) {
				continue
			}
			for _, f := range reg.forms {
				if f.Key == a.Kind && !f.Allows(st.Collective) {
					who := diag.Word{VI: "cá nhân", EN: "an individual"}
					if st.Collective {
						who = diag.Word{VI: "tập thể", EN: "a collective"}
					}
					diags.Warnf(pos, diag.AwardNotFor, f.Name, who)
				}
			}
		case a.Name != "":
			if key := likelyAward(a.Name, reg.forms); key != "" {
				diags.Warnf(pos, diag.AwardFreeTextHint, a.Name, key)
			} else {
				diags.Warnf(pos, diag.AwardFreeText, a.Name)
			}
		}
	}
}

// likelyAward returns the key of the registry's award that a name written
// as free text most likely means, or "" if none is near: the one holding
// the most of the name's words (folded, "UBND" read as "Ủy ban nhân dân"),
// at least two and at least 60% of them; a tie goes to the closest in
// length, then to the first in the registry.
func likelyAward(name string, forms []config.Award) string {
	words := func(s string) []string {
		s = strings.NewReplacer("ubnd", "uy ban nhan dan", ",", " ", "(", " ", ")", " ").Replace(vi.Fold(s))
		return strings.Fields(s)
	}
	w := words(name)
	best, bestCommon, bestExtra := "", 0, 0
	for _, f := range forms {
		fw := words(f.Name)
		common, used := 0, make([]bool, len(fw))
		for _, x := range w {
			for j, y := range fw {
				if !used[j] && x == y {
					used[j] = true
					common++
					break
				}
			}
		}
		extra := len(fw) - common
		if common > bestCommon || common == bestCommon && common > 0 && extra < bestExtra {
			best, bestCommon, bestExtra = f.Key, common, extra
		}
	}
	if bestCommon < 2 || 10*bestCommon < 6*len(w) {
		return ""
	}
	return best
}

// checkRef reports key if reg does not hold it, and tells whether it does.
func checkRef(diags *diag.List, pos diag.Position, what diag.Word, key string, reg registry) bool {
	if reg.has[key] {
		return true
	}
	valid := reg.keys
	if s := frontmatter.Suggest(key, valid); s != "" {
		diags.Errorf(pos, diag.UnknownRefHint, what, key, s)
		return false
	}
	if len(valid) == 0 {
		diags.Errorf(pos, diag.UnknownRefNone, what, key, what)
		return false
	}
	diags.Errorf(pos, diag.UnknownRef, what, key, `"`+strings.Join(valid, `", "`)+`"`)
	return false
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
		Layout:   pageLayout(f),
		Body:     doc.Body,
		BodyLine: doc.BodyLine,
	}
	p := &parsedPage{page: pg}
	pg.Slug, p.slugPos = slug(doc, f)
	return p
}

// dateText writes t as a message quotes it: "11/6/2023", or
// "11/6/2023 08:30" when it was written with a time of day.
func dateText(t time.Time, hasTime bool) string {
	if hasTime {
		return vi.ShortDate(t) + " " + t.Format("15:04")
	}
	return vi.ShortDate(t)
}

// pageLayout reads a page's layout: "" or one of PageLayouts.
func pageLayout(f *frontmatter.Map) string {
	v := f.String("layout", false)
	if v == "" || slices.Contains(PageLayouts, v) {
		return v
	}
	what := diag.Word{VI: "bố cục (layout)", EN: "layout"}
	if s := frontmatter.Suggest(v, PageLayouts); s != "" {
		f.Report(f.ValuePos("layout"), diag.UnknownRefHint, what, v, s)
	} else {
		f.Report(f.ValuePos("layout"), diag.UnknownRef, what, v, `"`+strings.Join(PageLayouts, `", "`)+`"`)
	}
	return ""
}

func decodeProfile(fsys fs.FS, doc *frontmatter.Document) *Profile {
	f := doc.Fields
	f.CheckKeys(profileKeys...)
	pr := &Profile{
		File:     doc.File,
		Name:     f.String("name", true),
		NamePos:  f.ValuePos("name"),
		Position: f.String("position", false),
		Gender:   gender(f),
		Body:     doc.Body,
		BodyLine: doc.BodyLine,
	}
	if tooLong(f, pr.NamePos, diag.Word{VI: "tên nhân vật (name)", EN: "the person's name (name)"}, pr.Name) {
		pr.Name = ""
	}
	if photo := f.String("photo", false); photo != "" {
		pr.PhotoWritten = photo
		pr.PhotoPos = f.ValuePos("photo")
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

// campaignKey returns the key of the campaign that value names, by its key
// or by its title, and false if none.
func (r *registries) campaignKey(value string) (string, bool) {
	if r.campaigns.has[value] {
		return value, true
	}
	key, ok := r.campaignTitles[spelling(value)]
	return key, ok
}

// byTitle returns st with the campaigns it names by their titles named by
// their keys: a copy, as st may be shared with later loads; st itself when
// it names none by title.
func byTitle(st *Story, reg *registries) *Story {
	var keys []string
	for i, c := range st.Campaigns {
		if key, ok := reg.campaignKey(c); ok && key != c {
			if keys == nil {
				keys = slices.Clone(st.Campaigns)
			}
			keys[i] = key
		}
	}
	if keys == nil {
		return st
	}
	cp := *st
	cp.Campaigns = keys
	return &cp
}
