package desk

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/guong/guong/internal/content"
)

// TestQuotingRoundTrips: whatever a field holds, the canonical text reads
// back as the same form, and keys the form does not show are kept.
func TestQuotingRoundTrips(t *testing.T) {
	values := []string{
		`Chị Lan – "người giữ mốc"`, `a: b # c`, `- not a list`, `back\slash`, "line one\nline two",
		"tab\there", "no\u00a0break", `{not: a map}`, `'single'`, `yes`, `null`, `123`, `@at`, "%percent", "*star",
		"“typographic”", "emoji 🇻🇳", "trailing\\",
	}
	for _, v := range values {
		f := &Form{Title: v, Date: "11/06/2023", Person: v, Department: "van-phong", Model: v, Summary: v,
			Tags: []string{v, "x"}, Awards: []Award{{Kind: "giay-khen", Decision: v, Date: "2022-01-14", Year: "2021", Note: v}},
			Body: []byte("Nội dung.\n")}
		got, d := Load("content/stories/2023/a.md", f.Bytes())
		if got == nil {
			t.Fatalf("%q: not read back: %v\n%s", v, d, f.Bytes())
		}
		if !reflect.DeepEqual(got, f) {
			t.Errorf("%q reads back as\n%+v\nwant\n%+v\n%s", v, got, f, f.Bytes())
		}
	}
}

func TestExtraKeysKept(t *testing.T) {
	src := "---\ntitle: \"A\"\ndate: 2023-06-11\nphotographer: {name: \"B\", year: 2023}\nweird: [1, 2]\n---\nBody\n"
	f, _ := Load("content/stories/2023/a.md", []byte(src))
	out := string(f.Bytes())
	for _, want := range []string{"photographer: {name: \"B\", year: 2023}\n", "weird: [1, 2]\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("%q lost:\n%s", want, out)
		}
	}
	fields, body := f.Lines()
	if fields[len(fields)-2] != "extra" || body != len(fields)+1 || !strings.HasSuffix(out, "---\nBody\n") {
		t.Errorf("lines %v, body at %d:\n%s", fields, body, out)
	}
}

// TestEveryStoryKeyHasAField: the form has a field for every key content
// reads in a story. When content learns a key, this fails until the form
// has one (meanwhile the key is kept as written: Form.Kept).
func TestEveryStoryKeyHasAField(t *testing.T) {
	keys := content.StoryKeys()
	for _, k := range keys {
		if !slices.Contains(formKeys, k) {
			t.Errorf("content reads %q in a story; the desk's form has no field for it", k)
		}
	}
	full := &Form{Title: "a", Date: "2023-06-11", Person: "b", Position: "c", Gender: "nữ", Collective: true, Department: "d",
		Model: "m", Campaigns: []string{"x"}, Tags: []string{"y"}, Summary: "s", Cover: "c.jpg", CoverAlt: "alt",
		Awards: []Award{{Kind: "k"}}, Author: "au", Source: "so", Updated: "2023-06-12", Slug: "sl", Draft: true}
	out := string(full.Bytes())
	for _, k := range keys {
		if !strings.Contains(out, "\n"+k+":") {
			t.Errorf("a form with every field set does not write %q:\n%s", k, out)
		}
	}
}
