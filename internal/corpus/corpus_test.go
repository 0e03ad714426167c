package corpus

import (
	"bytes"
	"fmt"
	"image/jpeg"
	"regexp"
	"strings"
	"testing"

	"github.com/guong/guong/internal/config"
)

// generate returns the files of a generated site, in emission order.
func generate(t *testing.T, n int, seed uint64) []File {
	t.Helper()
	var files []File
	err := Generate(Options{Stories: n, Seed: seed}, func(f File) error {
		files = append(files, f)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestDeterministic: the same seed gives byte-identical files, another seed
// a different site.
func TestDeterministic(t *testing.T) {
	a, b := generate(t, 200, 1), generate(t, 200, 1)
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for i := range a {
		if a[i].Path != b[i].Path || !bytes.Equal(a[i].Data, b[i].Data) {
			t.Fatalf("file %d differs between two runs: %s, %s", i, a[i].Path, b[i].Path)
		}
	}
	c := generate(t, 200, 2)
	same := 0
	for i := range min(len(a), len(c)) {
		if bytes.Equal(a[i].Data, c[i].Data) {
			same++
		}
	}
	if same == len(a) {
		t.Error("seeds 1 and 2 give the same site")
	}
}

var (
	personRE     = regexp.MustCompile(`(?m)^person: "(.*)"$`)
	departmentRE = regexp.MustCompile(`(?m)^department: (\S+)$`)
	campaignsRE  = regexp.MustCompile(`(?m)^campaigns: \[(.*)\]$`)
	tagsRE       = regexp.MustCompile(`(?m)^tags: \[(.+)\]$`)
	dateRE       = regexp.MustCompile(`(?m)^date: (\d{4})-`)
	pathRE       = regexp.MustCompile(`^content/stories/(\d{4})/[a-z0-9-]+\.md$`)
)

// TestCounts checks the promised shape of a 200-story site.
func TestCounts(t *testing.T) {
	const n = 200
	files := generate(t, n, 1)
	people, depts, camps, years, tags := map[string]bool{}, map[string]bool{}, map[string]bool{}, map[string]bool{}, map[string]bool{}
	stories, awards, campaignFiles := 0, 0, 0
	for _, f := range files {
		if strings.HasPrefix(f.Path, "content/campaigns/") {
			campaignFiles++
		}
		m := pathRE.FindStringSubmatch(f.Path)
		if m == nil {
			continue
		}
		stories++
		src := string(f.Data)
		front, body, ok := strings.Cut(strings.TrimPrefix(src, "---\n"), "\n---\n")
		if !ok {
			t.Fatalf("%s: no front matter", f.Path)
		}
		field := func(re *regexp.Regexp) string {
			m := re.FindStringSubmatch(front)
			if m == nil {
				t.Fatalf("%s: no match for %s in\n%s", f.Path, re, front)
			}
			return m[1]
		}
		people[field(personRE)] = true
		depts[field(departmentRE)] = true
		for _, c := range strings.Split(field(campaignsRE), ", ") {
			if c != "" {
				camps[c] = true
			}
		}
		for _, tag := range strings.Split(field(tagsRE), ", ") {
			tags[tag] = true
		}
		year := field(dateRE)
		if year != m[1] {
			t.Errorf("%s: dated %s, filed under %s", f.Path, year, m[1])
		}
		years[year] = true
		if strings.Contains(front, "\nawards:\n") {
			awards++
		}
		if w := CountWords(body); w < 400 || w > 900 {
			t.Errorf("%s: %d words, want 400–900", f.Path, w)
		}
		for _, want := range []struct{ name, re string }{
			{"heading", `(?m)^## \S`},
			{"list", `(?m)^- \S`},
			{"table", `(?m)^\|---\|`},
			{"blockquote", `(?m)^> \S`},
			{"internal link", `\]\(/[a-z0-9/-]+/\)`},
			{"outside link", `\]\(https://`},
		} {
			if !regexp.MustCompile(want.re).MatchString(body) {
				t.Errorf("%s: no %s", f.Path, want.name)
			}
		}
	}
	if stories != n {
		t.Errorf("%d stories, want %d", stories, n)
	}
	// Each of the n/4 people is drawn uniformly, so a few have no story.
	if len(people) < n/4*9/10 || len(people) > n/4 {
		t.Errorf("%d people, want about %d", len(people), n/4)
	}
	if len(depts) != 8 {
		t.Errorf("%d departments, want 8", len(depts))
	}
	if campaignFiles != 12 || len(camps) != 12 {
		t.Errorf("%d campaign files, %d used by stories; want 12", campaignFiles, len(camps))
	}
	if got := fmt.Sprint(len(years)); got != "4" || !years["2022"] || !years["2025"] {
		t.Errorf("years %v, want 2022–2025", years)
	}
	if awards < n/5 || awards > n/2 {
		t.Errorf("%d stories with awards, want about a third", awards)
	}
	if len(tags) < 20 {
		t.Errorf("%d tags, want the 24 of the list", len(tags))
	}
}

// TestManyPeople: a large site still has about N/4 distinct people, more
// than three-part names can give.
func TestManyPeople(t *testing.T) {
	if testing.Short() {
		t.Skip("generates 60,000 stories")
	}
	const n = 60000
	people := map[string]bool{}
	err := Generate(Options{Stories: n, Seed: 1}, func(f File) error {
		if m := personRE.FindSubmatch(f.Data); m != nil && strings.HasPrefix(f.Path, "content/stories/") {
			people[string(m[1])] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(people) < n/4*95/100 {
		t.Errorf("%d people, want about %d", len(people), n/4)
	}
}

// TestModelsAreTheDefaults keeps the generated site's model types those of
// config.DefaultModels, short names included.
func TestModelsAreTheDefaults(t *testing.T) {
	defaults := config.DefaultModels()
	if len(models) != len(defaults) {
		t.Fatalf("%d model types, config has %d", len(models), len(defaults))
	}
	for i, m := range models {
		if d := defaults[i]; m.Key != d.Key || m.Name != d.Name || m.Short != d.Short {
			t.Errorf("model %d = %+v, config.DefaultModels has %+v", i, m, d)
		}
	}
}

// TestPictures: with Options.Pictures, every K-th story's body shows a
// photo of its own beside it, a JPEG of the promised size, and the site is
// otherwise the one generated without.
func TestPictures(t *testing.T) {
	plain := generate(t, 20, 1)
	var with []File
	if err := Generate(Options{Stories: 20, Seed: 1, Pictures: 5}, func(f File) error {
		with = append(with, f)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	photos := map[string][]byte{}
	var stories []File
	for _, f := range with {
		if strings.HasSuffix(f.Path, ".jpg") {
			photos[f.Path] = f.Data
		} else {
			stories = append(stories, f)
		}
	}
	if len(photos) != 4 || len(stories) != len(plain) {
		t.Fatalf("%d photos and %d other files, want 4 and %d", len(photos), len(stories), len(plain))
	}
	shown := regexp.MustCompile(`\n!\[[^\]]+\]\((anh-\d+\.jpg)\)\n$`)
	seen := map[string]bool{}
	for i, f := range stories {
		data := f.Data
		if m := shown.FindSubmatch(data); m != nil {
			p := f.Path[:strings.LastIndex(f.Path, "/")+1] + string(m[1])
			cfg, err := jpeg.DecodeConfig(bytes.NewReader(photos[p]))
			if err != nil || cfg.Width != PictureWidth || cfg.Height != PictureHeight {
				t.Errorf("%s shows %s: %v %dx%d", f.Path, p, err, cfg.Width, cfg.Height)
			}
			if seen[string(photos[p])] {
				t.Errorf("%s is the photo of another story", p)
			}
			seen[string(photos[p])] = true
			data = data[:len(data)-len(m[0])]
		}
		if !bytes.Equal(data, plain[i].Data) {
			t.Errorf("%s differs from the site without pictures", f.Path)
		}
	}
	if len(seen) != 4 {
		t.Errorf("%d bodies show a photo, want 4", len(seen))
	}
}
