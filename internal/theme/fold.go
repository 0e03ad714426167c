package theme

import (
	"html/template"
	"io"
	"reflect"
	"slices"
	"strings"
	"text/template/parse"
	"unicode/utf8"
)

// constantFuncs are the template functions whose result depends only on
// their arguments for as long as a Theme lives: {{t "home"}},
// {{asset "css/site.css"}}, {{url "feed.xml"}} or
// {{url (section "report")}} print the same text on every page.
var constantFuncs = map[string]bool{"t": true, "url": true, "absURL": true, "asset": true, "ogLocale": true, "section": true}

// foldConstants makes the templates of set print constants as text. Every
// action that calls one of constantFuncs with literal arguments, followed
// by the escapers html/template chose for its place in the page, is
// replaced by the text it prints, when that text is the same escaped or
// not (no quote, ampersand, angle bracket... see inert). A page has a few
// dozen such actions ({{t "share"}}, {{asset "css/site.css"}}), each of
// which costs two reflective calls per page; text costs a copy.
//
// html/template inserts its escapers when a template is first executed, so
// foldConstants first executes each of entries once, with no data, into a
// writer that takes nothing: the execution stops, after escaping, at the
// first field it reads or the first byte it writes (the shared fragments
// refuse to render until the theme is loaded). funcs are the functions the
// templates were parsed with. Call it before the templates are used by
// more than one goroutine.
func foldConstants(set *template.Template, entries []string, funcs template.FuncMap) {
	for _, name := range entries {
		_ = set.ExecuteTemplate(refuse{}, name, nil) // an error is expected
	}
	for _, t := range set.Templates() {
		if t.Tree != nil && t.Tree.Root != nil {
			foldList(t.Tree.Root, funcs)
		}
	}
}

// refuse is a writer that takes nothing.
type refuse struct{}

func (refuse) Write([]byte) (int, error) { return 0, io.ErrShortWrite }

// foldList folds the actions of list and of the lists nested in it, and
// joins the runs of text that leaves.
func foldList(list *parse.ListNode, funcs template.FuncMap) {
	if list == nil {
		return
	}
	nodes := list.Nodes[:0]
	for _, n := range list.Nodes {
		switch n := n.(type) {
		case *parse.ActionNode:
			if text, ok := constantText(n.Pipe, funcs); ok {
				nodes = appendText(nodes, &parse.TextNode{NodeType: parse.NodeText, Pos: n.Pos, Text: []byte(text)})
				continue
			}
		case *parse.TextNode:
			nodes = appendText(nodes, n)
			continue
		case *parse.IfNode:
			foldList(n.List, funcs)
			foldList(n.ElseList, funcs)
		case *parse.WithNode:
			foldList(n.List, funcs)
			foldList(n.ElseList, funcs)
		case *parse.RangeNode:
			foldList(n.List, funcs)
			foldList(n.ElseList, funcs)
		}
		nodes = append(nodes, n)
	}
	list.Nodes = nodes
}

// appendText appends t to nodes, joined to the text node nodes ends with,
// if any.
func appendText(nodes []parse.Node, t *parse.TextNode) []parse.Node {
	if len(nodes) > 0 {
		if prev, ok := nodes[len(nodes)-1].(*parse.TextNode); ok {
			nodes[len(nodes)-1] = &parse.TextNode{NodeType: parse.NodeText, Pos: prev.Pos, Text: slices.Concat(prev.Text, t.Text)}
			return nodes
		}
	}
	return append(nodes, t)
}

// constantText returns what an action with pipe prints, if it is a call
// of a constant function with constant arguments (literal strings, or
// such calls in parentheses) followed only by escapers that leave its
// result as it is.
func constantText(pipe *parse.PipeNode, funcs template.FuncMap) (string, bool) {
	if pipe == nil || len(pipe.Decl) > 0 || len(pipe.Cmds) < 2 {
		return "", false // an action html/template has not escaped has one command
	}
	text, ok := constantCall(pipe.Cmds[0], funcs)
	if !ok || !utf8.ValidString(text) {
		return "", false
	}
	for _, cmd := range pipe.Cmds[1:] {
		if len(cmd.Args) != 1 {
			return "", false
		}
		esc, ok := cmd.Args[0].(*parse.IdentifierNode)
		if !ok || !inert(esc.Ident, text) {
			return "", false
		}
	}
	return text, true
}

// constantCall returns the result of cmd, if it is a call of a constant
// function whose arguments are literal strings or constant calls in
// parentheses ({{url (section "report")}}).
func constantCall(cmd *parse.CommandNode, funcs template.FuncMap) (string, bool) {
	id, ok := cmd.Args[0].(*parse.IdentifierNode)
	if !ok || !constantFuncs[id.Ident] || funcs[id.Ident] == nil {
		return "", false
	}
	var args []string
	for _, a := range cmd.Args[1:] {
		switch a := a.(type) {
		case *parse.StringNode:
			args = append(args, a.Text)
		case *parse.PipeNode:
			if len(a.Decl) > 0 || len(a.Cmds) != 1 {
				return "", false
			}
			s, ok := constantCall(a.Cmds[0], funcs)
			if !ok {
				return "", false
			}
			args = append(args, s)
		default:
			return "", false
		}
	}
	return callString(funcs[id.Ident], args)
}

// callString calls fn with args, if fn takes strings and returns a string
// (and perhaps an error, which must be nil).
func callString(fn any, args []string) (string, bool) {
	v := reflect.ValueOf(fn)
	t := v.Type()
	if t.Kind() != reflect.Func || t.NumOut() == 0 || t.NumOut() > 2 || t.Out(0) != reflect.TypeFor[string]() {
		return "", false
	}
	if t.NumOut() == 2 && t.Out(1) != reflect.TypeFor[error]() {
		return "", false
	}
	if t.IsVariadic() && len(args) < t.NumIn()-1 || !t.IsVariadic() && len(args) != t.NumIn() {
		return "", false
	}
	in := make([]reflect.Value, len(args))
	for i, a := range args {
		var pt reflect.Type
		if t.IsVariadic() && i >= t.NumIn()-1 {
			pt = t.In(t.NumIn() - 1).Elem()
		} else {
			pt = t.In(i)
		}
		if !reflect.TypeFor[string]().AssignableTo(pt) {
			return "", false
		}
		in[i] = reflect.ValueOf(a)
	}
	out := v.Call(in)
	if len(out) == 2 && !out[1].IsNil() {
		return "", false
	}
	return out[0].String(), true
}

// inert reports whether html/template's escaper named esc returns s as it
// is. Escapers not named here are taken to change everything.
func inert(esc, s string) bool {
	switch esc {
	case "_html_template_htmlescaper", "_html_template_attrescaper", "_html_template_rcdataescaper":
		return !strings.ContainsAny(s, "\x00\"&'+<>")
	case "_html_template_urlfilter":
		return !strings.Contains(s, ":")
	case "_html_template_urlnormalizer":
		return onlyBytes(s, "-._~/")
	case "_html_template_urlescaper":
		return onlyBytes(s, "-._~")
	}
	return false
}

// onlyBytes reports whether s holds only ASCII letters, digits and bytes
// of extra.
func onlyBytes(s, extra string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte(extra, c) >= 0 {
			continue
		}
		return false
	}
	return true
}
