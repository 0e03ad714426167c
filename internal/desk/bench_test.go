package desk

import (
	"context"
	"testing"
	"time"

	"github.com/guong/guong/internal/build"
	"github.com/guong/guong/internal/config"
	"github.com/guong/guong/internal/corpus"
	"github.com/guong/guong/internal/diag"
)

// BenchmarkCheck is one check of the form as the writer types, on a site
// of 1,000 stories: the whole site is checked, as guong check does, from
// scratch (build.Check) and reusing the last check's work (build.Checker),
// the title edited between checks.
func BenchmarkCheck(b *testing.B) {
	fsys, err := corpus.FS(corpus.Options{Stories: 1000, Seed: 21})
	if err != nil {
		b.Fatal(err)
	}
	rel := corpus.Stories(fsys)[0]
	for _, bc := range []struct {
		name    string
		checker *build.Checker
	}{{"scratch", nil}, {"checker", build.NewChecker()}} {
		b.Run(bc.name, func(b *testing.B) {
			form, _ := Load(rel, fsys[rel].Data)
			for b.Loop() {
				form.Title += "."
				if got := Check(context.Background(), bc.checker, fsys, build.Options{}, rel, form); got.Lang == "" {
					b.Fatal("no answer")
				}
			}
		})
	}
}

// BenchmarkList is the desk's list of 1,000 stories, every file read.
func BenchmarkList(b *testing.B) {
	fsys, err := corpus.FS(corpus.Options{Stories: 1000, Seed: 21})
	if err != nil {
		b.Fatal(err)
	}
	var diags diag.List
	cfg := config.Load(fsys, &diags)
	d := New(Options{Site: fsys, Now: time.Now})
	b.ResetTimer()
	for b.Loop() {
		if n := len(d.stories(cfg)); n != 1000 {
			b.Fatalf("%d stories", n)
		}
	}
}
