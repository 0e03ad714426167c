package frontmatter

import (
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/guong/guong/internal/diag"
	"gopkg.in/yaml.v3"
)

// parseTOML decodes a TOML header and converts it to a YAML node tree. TOML
// decoders keep no key positions, so each top-level key is placed on the
// line where it is assigned.
func parseTOML(file string, src []byte, first int, diags *diag.List) *yaml.Node {
	var v map[string]any
	if _, err := toml.Decode(string(src), &v); err != nil {
		d := diag.Diagnostic{Pos: diag.Position{File: file, Line: first}, Code: diag.SyntaxTOML, Args: []any{err.Error()}}
		var pe toml.ParseError
		if errors.As(err, &pe) {
			d.Pos.Line = first + pe.Position.Line - 1
			d.Pos.Col = pe.Position.Col
			d.Args = []any{pe.Message}
			d.Source = sourceLine(src, pe.Position.Line)
		}
		diags.Add(d)
		return nil
	}
	lines := strings.Split(string(src), "\n")
	keys := make([]string, 0, len(v))
	for k := range v {
		keys = append(keys, k)
	}
	root := emptyMapping(first)
	type placed struct {
		key       string
		line, col int
		valueCol  int
	}
	var ps []placed
	for _, k := range keys {
		line, col, vcol := findTOMLKey(lines, k)
		ps = append(ps, placed{k, line, col, vcol})
	}
	sort.Slice(ps, func(i, j int) bool {
		if ps[i].line != ps[j].line {
			return ps[i].line < ps[j].line
		}
		return ps[i].key < ps[j].key
	})
	for _, p := range ps {
		line := first + p.line - 1
		key := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: p.key, Line: line, Column: p.col}
		val := tomlNode(v[p.key], line, p.valueCol, 0)
		root.Content = append(root.Content, key, val)
	}
	if depth(root, 0) > MaxDepth {
		diags.Errorf(diag.Position{File: file, Line: first}, diag.TooDeep, MaxDepth)
		return nil
	}
	return root
}

// findTOMLKey finds the line (1-based) where key is assigned at top level,
// the key's column and its value's column; a key not found maps to line 1.
func findTOMLKey(lines []string, key string) (line, col, valueCol int) {
	re := regexp.MustCompile(`^(\s*)(?:` + regexp.QuoteMeta(key) + `|"` + regexp.QuoteMeta(key) + `")\s*=\s*`)
	table := regexp.MustCompile(`^\s*\[+\s*"?` + regexp.QuoteMeta(key) + `"?\s*\]+`)
	for i, l := range lines {
		if m := re.FindStringSubmatch(l); m != nil {
			return i + 1, len(m[1]) + 1, len(m[0]) + 1
		}
		if table.MatchString(l) {
			return i + 1, 1, 1
		}
	}
	return 1, 1, 1
}

// tomlNode converts a decoded TOML value into a YAML node at line:col.
func tomlNode(v any, line, col, d int) *yaml.Node {
	n := &yaml.Node{Line: line, Column: col}
	if d > MaxDepth {
		n.Kind, n.Tag = yaml.ScalarNode, "!!null"
		return n
	}
	switch x := v.(type) {
	case string:
		n.Kind, n.Tag, n.Value = yaml.ScalarNode, "!!str", x
	case bool:
		n.Kind, n.Tag, n.Value = yaml.ScalarNode, "!!bool", strconv.FormatBool(x)
	case int64:
		n.Kind, n.Tag, n.Value = yaml.ScalarNode, "!!int", strconv.FormatInt(x, 10)
	case float64:
		n.Kind, n.Tag, n.Value = yaml.ScalarNode, "!!float", strconv.FormatFloat(x, 'g', -1, 64)
	case time.Time:
		n.Kind, n.Tag = yaml.ScalarNode, "!!timestamp"
		switch x.Location().String() {
		case "date-local": // a TOML local date
			n.Value = x.Format("2006-01-02")
		case "datetime-local":
			n.Value = x.Format("2006-01-02T15:04:05")
		default:
			n.Value = x.Format(time.RFC3339)
		}
	case []any:
		n.Kind, n.Tag = yaml.SequenceNode, "!!seq"
		for _, e := range x {
			n.Content = append(n.Content, tomlNode(e, line, col, d+1))
		}
	case []map[string]any:
		n.Kind, n.Tag = yaml.SequenceNode, "!!seq"
		for _, e := range x {
			n.Content = append(n.Content, tomlNode(e, line, col, d+1))
		}
	case map[string]any:
		n.Kind, n.Tag = yaml.MappingNode, "!!map"
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			n.Content = append(n.Content,
				&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: k, Line: line, Column: col},
				tomlNode(x[k], line, col, d+1))
		}
	default:
		n.Kind, n.Tag, n.Value = yaml.ScalarNode, "!!str", fmt.Sprint(x)
	}
	return n
}
