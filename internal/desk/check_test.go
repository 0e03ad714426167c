package desk

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/guong/guong/internal/build"
	"github.com/guong/guong/internal/sitefs"
	"github.com/guong/guong/themes"
)

// TestCheckAtFields: the build's own diagnostics of the form's text, each
// at its field, for a story being edited and for one not yet on disk.
func TestCheckAtFields(t *testing.T) {
	site := sitefs.Dir("../..")
	rel := "content/stories/2022/chi-hoang-thi-lan-dan-van-kheo-noi-bien-gioi.md"
	src, err := (&Store{root: "../.."}).Read(rel)
	if err != nil || src == nil {
		t.Fatal(err)
	}
	clean, _ := Load(rel, src)
	if got := Check(context.Background(), nil, site, build.Options{}, rel, clean); len(got.Problems) != 0 || !strings.Contains(string(got.Body), "<h2") {
		t.Fatalf("the sample story has problems %v, or no body:\n%s", got.Problems, got.Body)
	}
	for _, rel := range []string{rel, "content/stories/2031/moi-viet.md"} {
		t.Run(rel, func(t *testing.T) {
			form, _ := Load(rel, src)
			form.Model = "dan-van-kheoo"
			form.Person = ""
			form.Awards = append(form.Awards, Award{Kind: "bang-khen-tinhh"})
			form.Body = append(form.Body, "\n[một liên kết](javascript:alert(1))\n"...)
			got := Check(context.Background(), nil, site, build.Options{}, rel, form)
			want := map[string]string{
				"model":    `"dan-van-kheo"`,
				"person":   `"person"`,
				"awards.1": `"bang-khen-tinhh"`,
				"body":     "javascript",
			}
			for field, text := range want {
				found := false
				for _, p := range got.Problems {
					found = found || p.Field == field && strings.Contains(p.Message, text)
				}
				if !found {
					t.Errorf("no problem at %s saying %s; problems: %+v", field, text, got.Problems)
				}
			}
			for _, p := range got.Problems {
				t.Logf("%s %s", p.Field, p.Message)
			}
			if got.Errors == 0 || got.Lang != "vi" {
				t.Errorf("%d errors, in %q", got.Errors, got.Lang)
			}
		})
	}
}

// TestCheckerSameAsCheck: a check reusing the last one's work finds what a
// check from scratch finds, edit after edit, even when two texts in a row
// have the same size.
func TestCheckerSameAsCheck(t *testing.T) {
	site := sitefs.Dir("../..")
	rel := "content/stories/2022/chi-hoang-thi-lan-dan-van-kheo-noi-bien-gioi.md"
	src, _ := (&Store{root: "../.."}).Read(rel)
	checker := build.NewChecker()
	for i, model := range []string{"dan-van-kheo", "dan-van-kheoo", "dan-van-kheox", "dan-van-kheo", "chuyen-mon"} {
		form, _ := Load(rel, src)
		form.Model = model
		if i == 2 {
			form.Body = append(form.Body, "\n[x](javascript:1)\n"...)
		}
		want := Check(context.Background(), nil, site, build.Options{}, rel, form)
		got := Check(context.Background(), checker, site, build.Options{}, rel, form)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("model %q: the checker finds\n%+v\nwant\n%+v", model, got.Problems, want.Problems)
		}
	}
}

// TestCheckNamesTables: the body's preview puts a table in the same named
// box as the build does, named by the theme's catalogue.
func TestCheckNamesTables(t *testing.T) {
	site := sitefs.Dir("../..")
	rel := "content/stories/2022/chi-hoang-thi-lan-dan-van-kheo-noi-bien-gioi.md"
	src, _ := (&Store{root: "../.."}).Read(rel)
	form, _ := Load(rel, src)
	form.Body = append(form.Body, "\n| Năm | Số buổi |\n|---|---|\n| 2022 | 12 |\n"...)
	got := Check(context.Background(), nil, site, build.Options{Themes: themes.FS}, rel, form)
	if !strings.Contains(string(got.Body), `role="region"`) || !strings.Contains(string(got.Body), `aria-label="Bảng 1 trong bài"`) {
		t.Errorf("the preview's table is not in a named box:\n%s", got.Body)
	}
}
