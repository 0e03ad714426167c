package theme

import (
	"bytes"
	"fmt"
	"html/template"
	"image"
	_ "image/jpeg" // a theme's share image may be a JPEG
	_ "image/png"  // or a PNG
	"io/fs"
	"strconv"
	"strings"
	"time"

	"github.com/guong/guong/internal/config"
	"github.com/guong/guong/internal/site"
)

// Picture is one size of a picture resized at build time.
type Picture struct {
	URL           string // relative to the base URL
	Width, Height int
	Type          string // its media type, e.g. "image/jpeg"
}

// Cover is a story's cover image, or a person's photo, in every published
// size.
type Cover struct {
	Sizes  []Picture // narrowest first, for srcset
	Social Picture   // the 1.91:1 crop shown when the page is shared; none for a photo
}

// Src returns the size for an img element's src: the widest up to 800
// pixels (browsers that read srcset pick their own).
func (c *Cover) Src() Picture {
	best := c.Sizes[0]
	for _, p := range c.Sizes {
		if p.Width <= 800 {
			best = p
		}
	}
	return best
}

// Widest returns the widest size: its width and height give the picture's
// shape to the img element, so that nothing moves when it loads.
func (c *Cover) Widest() Picture { return c.Sizes[len(c.Sizes)-1] }

// ShareImage is the picture social networks show with a page.
type ShareImage struct {
	URL           string // absolute
	Width, Height int
	Type          string
	Alt           string
}

// ShareImageFile is the theme's picture for pages without a cover,
// relative to static/; 1200×630 is best.
const ShareImageFile = "img/share.png"

// loadShareImage reads the size of the theme's default share image.
func (th *Theme) loadShareImage(fsys fs.FS, opts Options) {
	data, err := fs.ReadFile(fsys, "static/"+ShareImageFile)
	if err != nil {
		return
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return
	}
	th.defaultShare = &ShareImage{
		URL:   opts.BaseURL + opts.Asset(ShareImageFile),
		Width: cfg.Width, Height: cfg.Height, Type: "image/" + format,
	}
}

// publishFuncs are the template functions for covers, sharing and structured data.
func (th *Theme) publishFuncs(opts Options) template.FuncMap {
	loc := opts.TimeZone
	if loc == nil {
		loc = time.UTC
	}
	cover := func(st *site.Story) *Cover {
		if st == nil || st.Cover == "" || opts.Cover == nil {
			return nil
		}
		return opts.Cover(st)
	}
	shareImage := func(p *Page) *ShareImage {
		if p.Story != nil {
			if c := cover(p.Story); c != nil {
				alt := p.Story.CoverAlt
				if alt == "" {
					alt = fmt.Sprintf(th.T("cover_of"), p.Story.Person.Name)
				}
				s := c.Social
				return &ShareImage{URL: opts.BaseURL + s.URL, Width: s.Width, Height: s.Height, Type: s.Type, Alt: alt}
			}
		}
		if th.defaultShare == nil {
			return nil
		}
		img := *th.defaultShare
		img.Alt = p.Site.Config.Title
		return &img
	}
	return template.FuncMap{
		// cover returns the resized cover of a story, or nil.
		"cover": cover,
		// photo returns the resized photo of a person's profile, or nil.
		"photo": func(p *site.Person) *Cover {
			if p == nil || p.Profile == nil || p.Profile.Photo == "" || opts.Photo == nil {
				return nil
			}
			return opts.Photo(p)
		},
		// srcset lists a cover's or a photo's sizes for an img element's srcset.
		"srcset": func(c *Cover) string {
			var b strings.Builder
			for i, p := range c.Sizes {
				if i > 0 {
					b.WriteString(", ")
				}
				b.WriteString(opts.BasePath + p.URL + " " + strconv.Itoa(p.Width) + "w")
			}
			return b.String()
		},
		// shareImage returns the picture shown when the page is shared, or nil.
		"shareImage": shareImage,
		// ogLocale returns the Open Graph locale of the site's language.
		"ogLocale": func() string {
			if opts.Language == "en" {
				return "en_US"
			}
			return "vi_VN"
		},
		// jsonLD returns the schema.org description of a page, to be
		// written inside <script type="application/ld+json">, where
		// html/template encodes it as JSON; nil for pages without one.
		"jsonLD": func(p *Page) any {
			var img *ShareImage
			if p.Story != nil {
				img = shareImage(p)
			}
			return structuredData(p, opts, loc, img)
		},
	}
}

// Schema.org types, as JSON-LD.
type (
	ldOrganization struct {
		Type string `json:"@type"`
		Name string `json:"name"`
		URL  string `json:"url,omitempty"`
		// The publisher's: its governing body, how to reach it, its emblem.
		ParentOrganization *ldOrganization `json:"parentOrganization,omitempty"`
		Address            string          `json:"address,omitempty"`
		Telephone          string          `json:"telephone,omitempty"`
		Email              string          `json:"email,omitempty"`
		Logo               string          `json:"logo,omitempty"`
	}
	ldThing struct {
		Type               string          `json:"@type"` // Person or Organization
		Name               string          `json:"name"`
		JobTitle           string          `json:"jobTitle,omitempty"`
		URL                string          `json:"url,omitempty"`
		WorksFor           *ldOrganization `json:"worksFor,omitempty"`           // a person's department
		ParentOrganization *ldOrganization `json:"parentOrganization,omitempty"` // a collective's
		Award              []string        `json:"award,omitempty"`              // the story's titles and commendations
	}
	ldImage struct {
		Type   string `json:"@type"`
		URL    string `json:"url"`
		Width  int    `json:"width"`
		Height int    `json:"height"`
	}
	ldArticle struct {
		Context          string         `json:"@context"`
		Type             string         `json:"@type"`
		Headline         string         `json:"headline"`
		Description      string         `json:"description,omitempty"`
		URL              string         `json:"url"`
		MainEntityOfPage string         `json:"mainEntityOfPage"`
		DatePublished    string         `json:"datePublished"`
		DateModified     string         `json:"dateModified"`
		InLanguage       string         `json:"inLanguage"`
		Image            *ldImage       `json:"image,omitempty"`
		ArticleSection   string         `json:"articleSection,omitempty"`
		Keywords         []string       `json:"keywords,omitempty"`
		About            ldThing        `json:"about"`
		Author           any            `json:"author"` // the writer, a Person, or the publisher
		Publisher        ldOrganization `json:"publisher"`
	}
	ldWebSite struct {
		Context     string         `json:"@context"`
		Type        string         `json:"@type"`
		Name        string         `json:"name"`
		Description string         `json:"description,omitempty"`
		URL         string         `json:"url"`
		InLanguage  string         `json:"inLanguage"`
		Publisher   ldOrganization `json:"publisher"`
	}
)

// structuredData describes a story as a NewsArticle about a Person (or an
// Organization, for a collective), and the home page as a WebSite; other
// pages have none.
func structuredData(p *Page, opts Options, loc *time.Location, img *ShareImage) any {
	cfg := p.Site.Config
	publisher := publisherOf(cfg.Agency, opts)
	if publisher.Name == "" {
		publisher.Name = cfg.Title
	}
	switch {
	case p.Kind == Home:
		return ldWebSite{Context: "https://schema.org", Type: "WebSite", Name: cfg.Title, Description: cfg.Description,
			URL: opts.BaseURL, InLanguage: cfg.Language, Publisher: publisher}
	case p.Kind == Story && p.Story != nil:
		st := p.Story
		url := opts.BaseURL + p.URL
		a := ldArticle{
			Context: "https://schema.org", Type: "NewsArticle",
			Headline: st.Title, Description: st.Excerpt, URL: url, MainEntityOfPage: url,
			DatePublished: st.Date.In(loc).Format(time.RFC3339), DateModified: st.LastMod().In(loc).Format(time.RFC3339), InLanguage: cfg.Language,
			Author: publisher, Publisher: publisher,
		}
		if st.Author != "" {
			a.Author = ldThing{Type: "Person", Name: st.Author}
		}
		if img != nil {
			a.Image = &ldImage{Type: "ImageObject", URL: img.URL, Width: img.Width, Height: img.Height}
		}
		if st.Model != nil {
			a.ArticleSection = st.Model.Name
		}
		for _, t := range st.Tags {
			a.Keywords = append(a.Keywords, t.Name)
		}
		about := ldThing{Type: "Person", Name: st.Person.Name, JobTitle: st.Position, URL: opts.BaseURL + st.Person.URL}
		if st.Collective {
			about.Type, about.JobTitle = "Organization", ""
		}
		if d := st.Department; d != nil {
			dept := &ldOrganization{Type: "Organization", Name: d.Name, URL: opts.BaseURL + d.URL}
			if st.Collective {
				about.ParentOrganization = dept
			} else {
				about.WorksFor = dept
			}
		}
		for _, aw := range st.Awards {
			about.Award = append(about.Award, awardText(aw))
		}
		a.About = about
		return a
	}
	return nil
}

// publisherOf describes the agency of the agency block as the publisher:
// its governing body as its parent organization, its address, phone,
// e-mail and emblem.
func publisherOf(a config.Agency, opts Options) ldOrganization {
	o := ldOrganization{Type: "Organization", Name: a.Name, URL: opts.BaseURL, Address: a.Address, Telephone: a.Phone, Email: a.Email}
	if a.GoverningBody != "" {
		o.ParentOrganization = &ldOrganization{Type: "Organization", Name: a.GoverningBody}
	}
	if f := a.EmblemFile(); f != "" {
		o.Logo = opts.BaseURL + f
	}
	return o
}

// awardText describes an award in one line, as schema.org's award property
// holds it: "Bằng khen của Chủ tịch UBND tỉnh (Cấp tỉnh, bộ), Quyết định
// số 245/QĐ-UBND ngày 05/02/2024 của Chủ tịch UBND tỉnh".
func awardText(a *site.Award) string {
	s := a.Title()
	if l := a.Level(); l != "" {
		s += " (" + l + ")"
	}
	if a.Decision != "" {
		s += ", Quyết định số " + a.Decision
		if a.HasDate {
			s += " ngày " + a.Date.Format("02/01/2006")
		}
		if a.Issuer != "" {
			s += " của " + a.Issuer
		}
	} else if a.Issuer != "" {
		s += ", " + a.Issuer
	}
	return s
}
