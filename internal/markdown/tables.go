package markdown

import (
	"fmt"
	"html"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// KindTableRegion is the kind of a TableRegion node.
var KindTableRegion = ast.NewNodeKind("TableRegion")

// TableRegion holds one table of a body: a box that scrolls sideways when
// the table is wider than the page, which the keyboard can reach
// (tabindex) and a screen reader names (Label), like the theme's report
// tables. A body's tables are wrapped by wrapTables.
type TableRegion struct {
	ast.BaseBlock
	Label string // the region's accessible name; "" leaves it unnamed
}

// Kind implements ast.Node.
func (n *TableRegion) Kind() ast.NodeKind { return KindTableRegion }

// Dump implements ast.Node.
func (n *TableRegion) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Label": n.Label}, nil)
}

// wrapTables puts every table of doc into a TableRegion, the n-th named
// by label with n (counted from 1), so that each region has its own name.
// A label of "" gives unnamed regions.
func wrapTables(doc *ast.Document, label string) {
	var tables []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && n.Kind() == east.KindTable {
			tables = append(tables, n)
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	for i, t := range tables {
		r := &TableRegion{}
		if label != "" {
			r.Label = fmt.Sprintf(label, i+1)
		}
		parent := t.Parent()
		parent.ReplaceChild(parent, t, r)
		r.AppendChild(r, t)
	}
}

// tableRegionRenderer writes TableRegion nodes.
type tableRegionRenderer struct{}

// RegisterFuncs implements renderer.NodeRenderer.
func (tableRegionRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindTableRegion, renderTableRegion)
}

func renderTableRegion(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		_, _ = w.WriteString("</div>\n")
		return ast.WalkContinue, nil
	}
	n := node.(*TableRegion)
	if n.Label == "" {
		_, _ = w.WriteString(`<div class="table-scroll" tabindex="0">` + "\n")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString(`<div class="table-scroll" role="region" aria-label="` + html.EscapeString(n.Label) + `" tabindex="0">` + "\n")
	return ast.WalkContinue, nil
}
