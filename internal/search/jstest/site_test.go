package jstest_test

// The core on built sites: the search tests' site (the browser tests'
// testdata/search.txtar) and a generated one, indexed by the build as a
// site's readers get it (minified).

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/guong/guong/internal/build"
	"github.com/guong/guong/internal/corpus"
	"github.com/guong/guong/internal/publish"
	"github.com/guong/guong/internal/search"
	"github.com/guong/guong/internal/search/jstest"
	"github.com/guong/guong/internal/site"
	"github.com/guong/guong/internal/urls"
	"github.com/guong/guong/internal/vi"
	"github.com/guong/guong/themes"
)

// built is a built site and its index opened by the core.
type built struct {
	site *site.Site
	ix   *jstest.Index
	mem  *publish.Memory
}

func buildSite(t *testing.T, fsys fstest.MapFS, now time.Time) *built {
	t.Helper()
	mem := publish.NewMemory()
	r, err := build.Run(context.Background(), fsys, mem, build.Options{Themes: themes.FS, Now: now})
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	ix, err := jstest.Open(func(name string) ([]byte, error) {
		data, ok := mem.Get(urls.SearchIndex + name)
		if !ok {
			return nil, fmt.Errorf("no %s", name)
		}
		return data, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return &built{site: r.Site, ix: ix, mem: mem}
}

// slugs returns the slugs of the stories ids.
func (b *built) slugs(ids []int) []string {
	out := []string{}
	for _, id := range ids {
		out = append(out, b.site.Stories[id].Slug)
	}
	return out
}

func (b *built) search(t *testing.T, q string, f jstest.Filter) *jstest.Result {
	t.Helper()
	res, err := b.ix.Search(q, f)
	if err != nil {
		t.Fatalf("Search(%q): %v", q, err)
	}
	return res
}

// TestSearchSite answers on the browser tests' site what the search page
// shows there, and more.
func TestSearchSite(t *testing.T) {
	ar, err := txtar.ParseFile("../../browsertest/testdata/search.txtar")
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for _, f := range ar.Files {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data, Mode: 0o644}
	}
	b := buildSite(t, fsys, time.Date(2025, 11, 1, 9, 0, 0, 0, time.UTC))
	type F = jstest.Filter
	for _, tc := range []struct {
		q    string
		f    F
		want []string
	}{
		{"dan van kheo", F{}, []string{"lan", "tap-the"}},
		// The scattered story has both syllables in its title, a heavy
		// field, yet comes after the three that have them together (in
		// their title, person or department).
		{"bien gioi", F{}, []string{"tap-the", "lan", "dang", "gioi-tre"}},
		{"biên giới", F{}, []string{"tap-the", "lan", "dang", "gioi-tre"}},
		{"Ân", F{}, []string{"an-dau", "an-khong-dau"}},
		{"An", F{}, []string{"an-khong-dau", "an-dau"}},
		{"an", F{}, []string{"an-khong-dau", "an-dau"}},
		{"dang van dong", F{}, []string{"dang"}},
		{"Đông!", F{}, []string{"dang"}},
		{"nguyen van", F{}, []string{"an-dau"}},
		{"nguyen van an", F{}, []string{"an-dau"}},
		{"hoang thi lan", F{}, []string{"lan"}},
		{"phòng quản lý biên giới", F{}, []string{"tap-the", "dang"}},
		{"lan", F{}, []string{"lan"}},
		{"tuan  ", F{}, []string{"gioi-tre", "dang"}},
		{"bien g", F{}, []string{}},
		{"b", F{}, []string{}},
		{"xyz", F{}, []string{}},
		{"van", F{Model: "chuyen-mon"}, []string{"an-khong-dau", "an-dau"}},
		// Drafts and stories in the future are not in the index.
		{"bimatnhap", F{}, []string{}},
		{"tuonglaixa", F{}, []string{}},
	} {
		res := b.search(t, tc.q, tc.f)
		if got := b.slugs(res.Docs); !slices.Equal(got, tc.want) {
			t.Errorf("%q %+v = %q, want %q", tc.q, tc.f, got, tc.want)
		}
	}
	// While typing, the last syllable also begins words (anh, giới, bộ).
	for _, tc := range []struct {
		q    string
		want []string
	}{
		{"Ân", []string{"an-dau", "an-khong-dau", "dang", "gioi-tre"}},
		{"an", []string{"an-khong-dau", "an-dau", "dang", "gioi-tre"}},
		{"bien g", []string{"lan", "tap-the", "dang", "gioi-tre"}},
		{"b", []string{"gioi-tre", "lan", "tap-the", "dang"}},
	} {
		res, err := b.ix.SearchTyping(tc.q, F{})
		if err != nil {
			t.Fatal(err)
		}
		if got := b.slugs(res.Docs); !slices.Equal(got, tc.want) {
			t.Errorf("typing %q = %q, want %q", tc.q, got, tc.want)
		}
	}
	// The model type's option counts what the page shows beside it.
	res := b.search(t, "van", F{Model: "chuyen-mon"})
	var keys []string
	for _, m := range b.site.Models {
		keys = append(keys, m.Key)
	}
	if i := slices.Index(keys, "chuyen-mon"); i < 0 || res.Counts["model"][i] != 2 {
		t.Errorf("model counts %v over %q, want 2 for chuyen-mon", res.Counts["model"], keys)
	}
	// An empty answer: a near spelling, as the stories spell it.
	res = b.search(t, "bien gioj ", F{})
	if len(res.Docs) != 0 || res.Suggest == nil || res.Suggest.DidYouMean != "biên giới" {
		t.Errorf("bien gioj: %v, suggestion %+v, want biên giới", res.Docs, res.Suggest)
	}
}

// TestGeneratedSite: on a generated site, every story is found by its
// title and by its person's name, typed with diacritics or without, in
// any case, and with its own facets as filters.
func TestGeneratedSite(t *testing.T) {
	fsys, err := corpus.FS(corpus.Options{Stories: 120, Seed: 11})
	if err != nil {
		t.Fatal(err)
	}
	// Two people whose names differ only by a diacritic, in copies of a
	// generated story.
	src := string(fsys[corpus.Stories(fsys)[0]].Data)
	_, name, _ := strings.Cut(src, "\nperson: \"")
	name, _, _ = strings.Cut(name, "\"")
	for i, p := range []string{"Đỗ Thị Dung", "Đỗ Thị Dũng"} {
		fsys[fmt.Sprintf("content/stories/2024/do-thi-dung-%d.md", i)] = &fstest.MapFile{Data: []byte(strings.ReplaceAll(src, name, p))}
	}
	b := buildSite(t, fsys, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	if m, err := b.ix.Manifest(); err != nil || m.Docs != len(b.site.Stories) || len(b.site.Stories) < 100 {
		t.Fatalf("the index has %v stories (%v), the site %d", m, err, len(b.site.Stories))
	}
	none := jstest.Filter{}
	variants := 0
	for id, st := range b.site.Stories {
		title := b.search(t, st.Title, none)
		if !slices.Contains(title.Docs, id) {
			t.Errorf("%s: not found by its title %q", st.Slug, st.Title)
			continue
		}
		// On the first page of results. (Not always first: the
		// generated titles share their words with other stories of the
		// same person, which may weigh more.)
		if r := slices.Index(title.Docs, id); r >= 10 {
			t.Errorf("%s: by its title, result %d of %d", st.Slug, r+1, len(title.Docs))
		}
		rec, err := b.ix.Doc(title.Docs[0])
		if err != nil || rec == nil || rec.URL != b.site.Stories[title.Docs[0]].URL || rec.Title != b.site.Stories[title.Docs[0]].Title {
			t.Errorf("%s: the first result's record %+v (%v)", st.Slug, rec, err)
		}
		folded := b.search(t, vi.Fold(st.Title), none)
		if !sameSet(folded.Docs, title.Docs) {
			t.Errorf("%s: folded, the title finds %d stories, as typed %d", st.Slug, len(folded.Docs), len(title.Docs))
		}
		if upper := b.search(t, strings.ToUpper(st.Title), none); !slices.Equal(upper.Docs, title.Docs) {
			t.Errorf("%s: in capitals, the title finds %v, as typed %v", st.Slug, upper.Docs, title.Docs)
		}

		person := b.search(t, st.Story.Person, none)
		if !slices.Contains(person.Docs, id) {
			t.Errorf("%s: not found by its person %q", st.Slug, st.Story.Person)
		}
		if folded := b.search(t, vi.Fold(st.Story.Person)+" ", none); !sameSet(folded.Docs, b.search(t, st.Story.Person+" ", none).Docs) {
			t.Errorf("%s: folded, the person finds other stories than as typed", st.Slug)
		}
		// The person's stories come before those of a person whose name
		// differs only by its diacritics.
		ranked := b.search(t, st.Story.Person+" ", none).Docs
		mine := slices.IndexFunc(ranked, func(d int) bool { return b.site.Stories[d].Story.Person != st.Story.Person })
		for _, d := range ranked[max(mine, 0):] {
			if o := b.site.Stories[d]; mine >= 0 && o.Story.Person == st.Story.Person {
				t.Errorf("%s: %q finds %s after a story of %q", st.Slug, st.Story.Person, o.Slug, b.site.Stories[ranked[mine]].Story.Person)
			}
		}
		if strings.HasPrefix(st.Slug, "do-thi-dung-") {
			variants++
			if mine != 1 || b.site.Stories[ranked[1]].Story.Person == st.Story.Person {
				t.Errorf("%q finds %q, want its story, then the other spelling's", st.Story.Person, b.slugs(ranked))
			}
		}
		f := jstest.Filter{Model: st.Model.Key, Year: st.Year.Key}
		if st.Department != nil {
			f.Department = st.Department.Key
		}
		filtered := b.search(t, st.Story.Person, f)
		if !slices.Contains(filtered.Docs, id) {
			t.Errorf("%s: not found by its person with its own facets %+v", st.Slug, f)
		}
		for _, d := range filtered.Docs {
			o := b.site.Stories[d]
			if o.Model.Key != f.Model || o.Year.Key != f.Year || o.Department != nil && o.Department.Key != f.Department {
				t.Errorf("%s: the filters %+v let %s through", st.Slug, f, o.Slug)
			}
		}
		if !isSubsequence(filtered.Docs, person.Docs) {
			t.Errorf("%s: filtering reorders the results", st.Slug)
		}
	}
	if variants != 2 {
		t.Errorf("%d stories of Đỗ Thị Dung or Dũng, want 2", variants)
	}
}

func sameSet(a, b []int) bool {
	return slices.Equal(slices.Sorted(slices.Values(a)), slices.Sorted(slices.Values(b)))
}

// isSubsequence reports whether a is b with some items left out.
func isSubsequence(a, b []int) bool {
	i := 0
	for _, x := range b {
		if i < len(a) && a[i] == x {
			i++
		}
	}
	return i == len(a)
}

// TestGeneratedSiteNames: on a generated site, a person's full name
// submitted lists first the stories that have it as a phrase of their
// person's name or title, every story of that person among them; a name
// nobody has is told; a syllable typed with diacritics lists first, and
// counts, the stories spelling it so.
func TestGeneratedSiteNames(t *testing.T) {
	fsys, err := corpus.FS(corpus.Options{Stories: 150, Seed: 5})
	if err != nil {
		t.Fatal(err)
	}
	b := buildSite(t, fsys, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	phraseOf := func(field, q string) bool {
		return strings.Contains(" "+strings.Join(strings.Fields(vi.Fold(strings.ToLower(field))), " ")+" ", " "+vi.Fold(strings.ToLower(q))+" ")
	}
	people := map[string]bool{}
	for _, st := range b.site.Stories {
		people[st.Story.Person] = true
	}
	for name := range people {
		res := b.search(t, name, jstest.Filter{})
		if res.NoPerson || !res.NameLike && len(strings.Fields(name)) <= 4 {
			t.Errorf("%q: name-like %v, no person %v", name, res.NameLike, res.NoPerson)
		}
		ended := false
		for r, id := range res.Docs {
			st := b.site.Stories[id]
			in := phraseOf(st.Story.Person, name) || phraseOf(st.Title, name)
			if in && ended {
				t.Errorf("%q: result %d, %s, has the name as a phrase, after one without", name, r+1, st.Slug)
			}
			ended = ended || !in
		}
		for id, st := range b.site.Stories {
			if st.Story.Person == name && !slices.Contains(res.Docs, id) {
				t.Errorf("%q: %s not found", name, st.Slug)
			}
		}
	}
	// A name made of a surname, a middle and a given name of the site
	// that no person has.
	var nobody string
	for _, sur := range []string{"Hoàng", "Lê", "Phạm", "Đặng"} {
		for _, given := range []string{"An", "Ánh", "Bình", "Dũng", "Hà", "Lan"} {
			q := sur + " Văn " + given
			found := false
			for name := range people {
				found = found || phraseOf(name, q)
			}
			if !found && nobody == "" {
				nobody = q
			}
		}
	}
	if res := b.search(t, nobody, jstest.Filter{}); !res.NameLike || !res.NoPerson || res.Persons != 0 {
		t.Errorf("%q, nobody's name: name-like %v, no person %v, persons %d", nobody, res.NameLike, res.NoPerson, res.Persons)
	}
	// Đồng: the stories spelling it so first, counted.
	res := b.search(t, "Đồng", jstest.Filter{})
	if res.Exact == nil || *res.Exact == 0 || *res.Exact >= len(res.Docs) {
		t.Fatalf("Đồng: %d results, exact %v: want some of them, not all", len(res.Docs), res.Exact)
	}
	for r, id := range res.Docs[*res.Exact:] {
		rec, err := b.ix.Doc(id)
		if err != nil {
			t.Fatal(err)
		}
		for _, tok := range search.Tokenize(rec.Title + " " + rec.Person + " " + rec.Text) {
			if tok.Text == "đồng" {
				t.Errorf("Đồng: result %d of %d, after the %d exact ones, spells đồng: %s", *res.Exact+r+1, len(res.Docs), *res.Exact, rec.URL)
				break
			}
		}
	}
}
