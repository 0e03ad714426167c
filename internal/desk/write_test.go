package desk

import (
	"reflect"
	"strings"
	"testing"
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
