package config

import (
	"unicode/utf8"

	"github.com/guong/guong/internal/diag"
	"github.com/guong/guong/internal/frontmatter"
	"github.com/guong/guong/internal/vi"
)

// Term is an entry of a registry: its key, as stories write it, and what readers see.
type Term struct {
	Key         string
	Name        string
	Description string
	Color       string // an optional CSS colour for model types' badges
	// Short is a model type's name in the menu, at most MaxShortLength
	// characters ("Dân vận khéo"); its Name where site.yaml gives none.
	// Departments have none.
	Short string
}

// MaxShortLength is the most characters a model type's short name may
// have: the menu shows every model type and the sections on one row of a
// desktop, and each as one line of a phone's menu.
const MaxShortLength = 20

// DefaultModels are the three model types of the plan "Tuyên truyền gương
// điển hình tiên tiến giai đoạn 2022 – 2025", used when site.yaml names none.
func DefaultModels() []Term {
	return []Term{
		{Key: "hoc-tap-va-lam-theo-bac", Name: "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", Short: "Làm theo Bác"},
		{Key: "dan-van-kheo", Name: "Dân vận khéo", Short: "Dân vận khéo"},
		{Key: "chuyen-mon", Name: "Điển hình trong thực hiện nhiệm vụ chuyên môn", Short: "Chuyên môn"},
	}
}

// Model returns the model type with key.
func (c *Config) Model(key string) (Term, bool) { return find(c.Models, key) }

// Department returns the department with key.
func (c *Config) Department(key string) (Term, bool) { return find(c.Departments, key) }

func find(ts []Term, key string) (Term, bool) {
	for _, t := range ts {
		if t.Key == key {
			return t, true
		}
	}
	return Term{}, false
}

// Keys returns the keys of terms, in order.
func Keys(ts []Term) []string {
	ks := make([]string, len(ts))
	for i, t := range ts {
		ks[i] = t.Key
	}
	return ks
}

// terms reads a registry: a mapping from key to {name, description, color},
// and short for model types (models).
func terms(m *frontmatter.Map, key string, models bool) []Term {
	reg := m.Map(key)
	if reg == nil {
		return nil
	}
	var out []Term
	for _, k := range reg.Keys() {
		if !vi.ValidSlug(k) {
			reg.Report(reg.KeyPos(k), diag.BadSlug, k)
			continue
		}
		if len(k) > MaxSlugLength {
			reg.Report(reg.KeyPos(k), diag.NameTooLong, diag.Word{VI: "khóa", EN: "the key"}, len(k), MaxSlugLength)
			continue
		}
		t := Term{Key: k}
		if e := reg.Map(k); e != nil {
			allowed := []string{"name", "description", "color"}
			if models {
				allowed = append(allowed, "short")
			}
			e.CheckKeys(allowed...)
			t.Name = e.String("name", true)
			t.Description = e.String("description", false)
			t.Color = e.String("color", false)
			if models {
				t.Short = e.String("short", false)
			}
		} else if !reg.Has(k) {
			continue
		}
		if t.Name == "" {
			t.Name = k
		}
		if models {
			t.Short = short(reg, k, t)
		}
		out = append(out, t)
	}
	return out
}

// short returns model type t's name in the menu: its short name, checked
// against MaxShortLength, or its name when site.yaml gives none. A name too
// long for the menu without a short one is a warning at the model's key.
func short(reg *frontmatter.Map, key string, t Term) string {
	if t.Short != "" {
		if n := utf8.RuneCountInString(t.Short); n > MaxShortLength {
			e := reg.Map(key)
			e.Report(e.ValuePos("short"), diag.ShortTooLong, t.Short, key, n, MaxShortLength)
		}
		return t.Short
	}
	if n := utf8.RuneCountInString(t.Name); n > MaxShortLength {
		reg.Warn(reg.KeyPos(key), diag.ShortMissing, key, n, MaxShortLength)
	}
	return t.Name
}
