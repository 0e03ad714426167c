package search_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/guong/guong/internal/search"
	"github.com/guong/guong/internal/search/jstest"
)

// TestCoreMatchesGoReader compares the core with the Go reader over many
// queries: a check that moving the ranking to the core changed nothing.
func TestCoreMatchesGoReader(t *testing.T) {
	for _, tc := range []struct {
		docs []search.Doc
		opts search.Options
	}{{search.TestCorpus, search.Options{}}, {search.ManyDocs(300), search.Options{ShardSize: 512}}, {search.ManyDocs(200), search.Options{}}} {
		ix, files := open(t, tc.docs, tc.opts)
		rd, err := search.Open(func(name string) ([]byte, error) {
			if d, ok := files[name]; ok {
				return d, nil
			}
			return nil, fmt.Errorf("no %s", name)
		})
		if err != nil {
			t.Fatal(err)
		}
		var words []string
		for _, d := range tc.docs {
			words = append(words, strings.Fields(d.Title+" "+d.Person+" "+d.Text)...)
		}
		r := rand.New(rand.NewPCG(9, 9))
		var qs []string
		for range 600 {
			n := 1 + r.IntN(4)
			i := r.IntN(len(words))
			q := strings.Join(words[i:min(i+n, len(words))], " ")
			switch r.IntN(5) {
			case 0:
				q = search.Fold(q)
			case 1:
				q = q[:len(q)-len(q)/3]
			case 2:
				q += " "
			case 3:
				q = words[r.IntN(len(words))] + " " + q
			}
			qs = append(qs, q)
		}
		qs = append(qs, "Ân", "an", "g", "b", "bien g", "xyz", "Đông!", "tuan  ", "a b c d e f g h i j")
		for _, q := range qs {
			for _, f := range []search.Filter{{}, {Model: "dan-van-kheo"}, {Year: "2024", Campaign: "bien-gioi"}} {
				want, err := rd.Search(q, f)
				if err != nil {
					t.Fatal(err)
				}
				got, err := ix.Search(q, jstest.Filter{Model: f.Model, Year: f.Year, Campaign: f.Campaign})
				if err != nil {
					t.Fatal(err)
				}
				if !slices.Equal(got.Docs, want.Docs) || !slices.Equal(got.Files, want.Files) && len(want.Files) > 0 || !slices.Equal(got.Unknown, want.Unknown) {
					t.Errorf("%q %+v: core %v %v %v; Go %v %v %v", q, f, got.Docs, got.Files, got.Unknown, want.Docs, want.Files, want.Unknown)
				}
			}
		}
	}
}
