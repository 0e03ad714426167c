package theme

import (
	"fmt"
	"html/template"
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"text/template/parse"
)

// TestFoldConstants checks that folding leaves every page as it was, and
// that it does fold what it can: text, attribute and URL places, but not
// a string an escaper would change, a script, or an argument that is not a
// literal.
func TestFoldConstants(t *testing.T) {
	strs := map[string]string{
		"home":  "Trang chủ",
		"title": "Gương điển hình",
		"amp":   "Học tập & làm theo", // & is escaped: not folded
		"quote": `Lời "Bác" dạy`,      // so is "
		"fmt":   "Trang %v",
	}
	funcs := template.FuncMap{
		"t": func(key string, args ...any) string {
			s := strs[key]
			if len(args) > 0 {
				s = strings.Replace(s, "%v", args[0].(string), 1)
			}
			return s
		},
		"url":   func(p string) string { return "/goc/" + p },
		"asset": func(p string) string { return "/goc/static/" + p },
		"other": func(p string) string { return p }, // not a constant function
		"section": func(name string) (string, error) {
			if name == "tags" {
				return "chu-de/", nil
			}
			return "", fmt.Errorf("no section %q", name)
		},
	}
	const src = `{{define "part"}}<p>{{t "home"}}</p>{{end}}` +
		`<title>{{t "title"}}</title>` + // RCDATA: folded
		`<a href="{{url ""}}" title="{{t "home"}}">{{t "home"}}</a>` + // 3 folded
		`<link href="{{asset "css/site.css"}}">` + // folded
		`<p>{{t "amp"}} {{t "quote"}} {{other "x"}} {{t "fmt" "2"}} {{t "fmt" .}}</p>` + // 1 folded (fmt "2")
		`<a href="{{url "tìm kiếm/"}}">x</a>` + // percent-encoded: not folded
		`<a href="?q={{t "home"}}">x</a>` + // query: not folded
		`<script>var s = {{t "home"}};</script>` + // JS: not folded
		`{{template "part"}}{{if .}}<b>{{t "home"}}</b>{{end}}` + // 2 folded
		`<a href="{{url (section "tags")}}">{{url (other "x")}}</a>` + // 1 folded: other is not constant
		`{{if not .}}<a href="{{url (section "nope")}}">x</a>{{end}}` // an error: not folded (and not executed here)
	parse := func() *template.Template {
		return template.Must(template.New("page").Funcs(funcs).Parse(src))
	}
	var want strings.Builder
	if err := parse().Execute(&want, "3"); err != nil {
		t.Fatal(err)
	}

	folded := parse()
	before := countActions(folded)
	foldConstants(folded, []string{"page"}, funcs)
	var got strings.Builder
	if err := folded.Execute(&got, "3"); err != nil {
		t.Fatal(err)
	}
	if got.String() != want.String() {
		t.Errorf("folded templates print\n%s\nwant\n%s", got.String(), want.String())
	}
	if n := before - countActions(folded); n != 9 {
		t.Errorf("%d actions folded, want 9", n)
	}
}

// countActions counts the actions of every template of set.
func countActions(set *template.Template) int {
	n := 0
	var walk func(l *parse.ListNode)
	walk = func(l *parse.ListNode) {
		if l == nil {
			return
		}
		for _, node := range l.Nodes {
			switch node := node.(type) {
			case *parse.ActionNode:
				n++
			case *parse.IfNode:
				walk(node.List)
				walk(node.ElseList)
			case *parse.WithNode:
				walk(node.List)
				walk(node.ElseList)
			case *parse.RangeNode:
				walk(node.List)
				walk(node.ElseList)
			}
		}
	}
	for _, t := range set.Templates() {
		if t.Tree != nil {
			walk(t.Tree.Root)
		}
	}
	return n
}

// TestFoldKeepsNoFragment checks that the execution that makes
// html/template escape the pages at load time leaves nothing in the cache
// of shared fragments: a page shell that calls partialCached before it
// reads any field would otherwise cache a footer rendered without data.
func TestFoldKeepsNoFragment(t *testing.T) {
	fsys := fstest.MapFS{
		"layouts/baseof.html":  {Data: []byte(`{{partialCached "footer" . ""}}{{template "main" .}}`)},
		"partials/footer.html": {Data: []byte(`<footer>{{with .}}{{.Title}}{{else}}KHÔNG CÓ DỮ LIỆU{{end}}</footer>`)},
	}
	for _, kind := range Kinds() {
		fsys[kind.layout()] = &fstest.MapFile{Data: []byte(`{{define "main"}}<main>{{t "home"}}</main>{{end}}`)}
	}
	th, err := Load(fsys, Options{Language: "vi", BasePath: "/"})
	if err != nil {
		t.Fatal(err)
	}
	html, err := th.RenderBytes(&Page{Kind: "story", Title: "Bài"})
	if err != nil {
		t.Fatal(err)
	}
	if want := "<footer>Bài</footer><main>home</main>"; string(html) != want {
		t.Errorf("page = %s, want %s", html, want)
	}
}

// TestKindsHaveLayouts: every kind in the table has its template in the
// default theme, and every layout of the default theme is a kind's (or the
// shell's).
func TestKindsHaveLayouts(t *testing.T) {
	layouts, err := fs.Glob(os.DirFS("../../themes/default"), "layouts/*.html")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{"layouts/baseof.html": true}
	for _, k := range Kinds() {
		want[k.layout()] = true
	}
	for _, l := range layouts {
		if !want[l] {
			t.Errorf("%s is no kind's layout", l)
		}
		delete(want, l)
	}
	for l := range want {
		t.Errorf("the default theme has no %s", l)
	}
}
