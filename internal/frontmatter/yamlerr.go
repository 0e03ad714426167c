package frontmatter

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/guong/guong/internal/diag"
)

// A yamlMistake is a YAML syntax error explained: the place of the mistake
// itself (yaml.v3 gives only a line, often the line of the construct the
// mistake is in, and never a column) and the catalogue message that says how
// to fix it.
type yamlMistake struct {
	line, col int // 1-based, within the YAML source
	code      diag.Code
	args      []any
}

// explainYAML finds, in the YAML source src, the writer's mistake behind
// yaml.v3's error message msg, reported on the 1-based line hint (0 when
// yaml.v3 gave none). The mistakes writers make are few and can be told
// from the source; anything else gets the general message with yaml.v3's
// own text in parentheses, at the line yaml.v3 gave.
func explainYAML(src []byte, msg string, hint int) yamlMistake {
	lines := splitLines(src)
	var m *yamlMistake
	switch {
	case strings.Contains(msg, "exceeded max depth"):
		m = &yamlMistake{line: hint, code: diag.TooDeep, args: []any{MaxDepth}}
	case strings.Contains(msg, "tab character"):
		m = findTab(lines)
	case strings.Contains(msg, "found character that cannot start any token"):
		if m = findTab(lines); m == nil {
			m = findSpecialStart(lines, hint)
		}
	case strings.Contains(msg, "mapping values are not allowed"):
		if m = findNoSpace(lines, hint); m == nil {
			if m = findColonInValue(lines); m == nil {
				if m = findIndented(lines); m == nil {
					m = findNoColon(lines, hint)
				}
			}
		}
	case strings.Contains(msg, "could not find expected ':'"):
		if m = findNoSpace(lines, hint); m == nil {
			m = findNoColon(lines, hint)
		}
	case strings.Contains(msg, "did not find expected '-' indicator"),
		strings.Contains(msg, "did not find expected key"):
		if m = scanYAML(src); m == nil {
			m = findMisaligned(lines)
		}
	case strings.Contains(msg, "escape"), strings.Contains(msg, "hexdecimal"):
		m = findBackslash(lines)
	case strings.Contains(msg, "block sequence entries are not allowed"),
		strings.Contains(msg, "did not find expected alphabetic or numeric character"),
		strings.Contains(msg, "unknown anchor"),
		strings.Contains(msg, "did not find expected comment or line break"):
		m = findSpecialStart(lines, hint)
	}
	if m == nil {
		m = scanYAML(src)
	}
	if m == nil {
		m = findTab(lines) // a tab is the cause of many messages
	}
	if m == nil {
		m = &yamlMistake{line: hint, code: diag.SyntaxYAML, args: []any{msg}}
	}
	return *m
}

// lineNo is a line number of the YAML source among a mistake's args; it is
// made a file line number with the rest of the position.
type lineNo int

type srcLine struct {
	text   string
	indent int // leading spaces
}

// blank reports a line with nothing but spaces or a comment.
func (l srcLine) blank() bool {
	t := strings.TrimLeft(l.text, " \t")
	return t == "" || t[0] == '#'
}

func splitLines(src []byte) []srcLine {
	s := strings.TrimSuffix(string(src), "\n")
	if s == "" {
		return nil
	}
	var out []srcLine
	for _, t := range strings.Split(s, "\n") {
		out = append(out, srcLine{text: t, indent: len(t) - len(strings.TrimLeft(t, " "))})
	}
	return out
}

// col returns the 1-based column of byte offset i of s, in characters.
func col(s string, i int) int { return utf8.RuneCountInString(s[:i]) + 1 }

// findTab finds the first tab that indents a line, or follows a list dash.
func findTab(lines []srcLine) *yamlMistake {
	for n, l := range lines {
		lead := l.text[:len(l.text)-len(strings.TrimLeft(l.text, " \t-"))]
		if i := strings.IndexByte(lead, '\t'); i >= 0 {
			return &yamlMistake{line: n + 1, col: col(l.text, i), code: diag.YAMLTab}
		}
	}
	return nil
}

// keyLine matches a "key: value" line: indent, optional list dash, key,
// colon, and the value (after one space) if any.
var keyLine = regexp.MustCompile(`^( *)((?:- +)?)([^\s#'"\[\]{},:&*!|>%@` + "`" + `-][^:#]*?) *:(?: +(.*))?$`)

// noSpaceLine matches "key:value", a key glued to its value.
var noSpaceLine = regexp.MustCompile(`^( *)((?:- +)?)([A-Za-z_][A-Za-z0-9_.-]*):([^\s/:])`)

// findNoSpace finds a "key:value" line at or before hint (every line if hint
// is 0): YAML reads it as text, not as a key and its value.
func findNoSpace(lines []srcLine, hint int) *yamlMistake {
	for n, l := range lines {
		if hint > 0 && n+1 > hint {
			break
		}
		m := noSpaceLine.FindStringSubmatchIndex(l.text)
		if m == nil {
			continue
		}
		key := l.text[m[6]:m[7]]
		fix := l.text[:m[7]] + ": " + l.text[m[7]+1:]
		return &yamlMistake{line: n + 1, col: col(l.text, m[7]), code: diag.YAMLNoSpace, args: []any{key, strings.TrimSpace(fix)}}
	}
	return nil
}

// plainValue reports whether v, a value as written, is a plain (unquoted)
// scalar, where a ": " means a new key.
func plainValue(v string) bool {
	return v != "" && !strings.ContainsRune(`"'[{|>&*!#`, rune(v[0]))
}

// findColonInValue finds an unquoted value holding ": " or ending in ":".
func findColonInValue(lines []srcLine) *yamlMistake {
	for n, l := range lines {
		m := keyLine.FindStringSubmatchIndex(l.text)
		if m == nil || m[8] < 0 {
			continue
		}
		v := l.text[m[8]:m[9]]
		if !plainValue(v) {
			continue
		}
		if c := strings.Index(v, " #"); c >= 0 {
			v = v[:c]
		}
		i := strings.Index(v, ": ")
		if i < 0 && strings.HasSuffix(v, ":") {
			i = len(v) - 1
		}
		if i < 0 {
			continue
		}
		key := strings.TrimSpace(l.text[m[6]:m[7]])
		fix := strings.TrimSpace(l.text[:m[8]]) + " " + quote(strings.TrimSpace(v))
		what := diag.Word{VI: "cả giá trị", EN: "the whole value"}
		if key == "title" {
			what = diag.Word{VI: "tiêu đề", EN: "the title"}
		}
		return &yamlMistake{line: n + 1, col: col(l.text, m[8]+i), code: diag.YAMLColonInValue, args: []any{key, what, fix}}
	}
	return nil
}

// sourceLine returns line n (1-based) of src, or "".
func sourceLine(src []byte, n int) string {
	lines := strings.Split(string(src), "\n")
	if n < 1 || n > len(lines) {
		return ""
	}
	return lines[n-1]
}

// quote puts v in double quotes, or single ones if it holds double quotes.
func quote(v string) string {
	if strings.Contains(v, `"`) {
		return "'" + strings.ReplaceAll(v, "'", "''") + "'"
	}
	return `"` + strings.ReplaceAll(v, `\`, `\\`) + `"`
}

// findIndented finds a "key:" line indented deeper than the line before it
// although that line does not open a group: a key pushed right by a space.
func findIndented(lines []srcLine) *yamlMistake {
	prev := -1
	for n, l := range lines {
		if l.blank() {
			continue
		}
		if prev >= 0 && l.indent > lines[prev].indent && keyLine.MatchString(l.text) {
			pm := keyLine.FindStringSubmatch(lines[prev].text)
			if pm != nil && pm[4] != "" && !strings.HasPrefix(pm[4], "|") && !strings.HasPrefix(pm[4], ">") {
				key := strings.TrimSpace(pm[3])
				return &yamlMistake{line: n + 1, col: l.indent + 1, code: diag.YAMLIndented, args: []any{key, lineNo(prev + 1)}}
			}
		}
		prev = n
	}
	return nil
}

// findNoColon finds, at or before hint, a line that is neither a list item
// nor a "key: value" pair: a list item without its dash (when the line
// before it is one), else a key without its colon.
func findNoColon(lines []srcLine, hint int) *yamlMistake {
	if hint <= 0 || hint > len(lines) {
		hint = len(lines)
	}
	for n := hint - 1; n >= 0; n-- {
		l := lines[n]
		t := strings.TrimSpace(l.text)
		if l.blank() || strings.HasPrefix(t, "- ") || t == "-" || strings.Contains(t, ": ") || strings.HasSuffix(t, ":") ||
			strings.HasPrefix(t, "---") {
			continue
		}
		// The line it belongs with: the last line before it no deeper.
		for p := n - 1; p >= 0; p-- {
			pl := lines[p]
			if pl.blank() || pl.indent > l.indent {
				continue
			}
			if pl.indent == l.indent && strings.HasPrefix(strings.TrimSpace(pl.text), "-") {
				return &yamlMistake{line: n + 1, col: l.indent + 1, code: diag.YAMLNoDash, args: []any{t, "- " + t}}
			}
			break
		}
		fix := t + ":"
		if i := strings.IndexByte(t, ' '); i > 0 {
			fix = t[:i] + ": " + strings.TrimSpace(t[i:])
		}
		return &yamlMistake{line: n + 1, col: l.indent + 1, code: diag.YAMLNoColon, args: []any{t, fix}}
	}
	return nil
}

// findMisaligned finds the first line whose indentation matches none of the
// groups it could belong to: a list item or a key a space or two off, or a
// list item without its dash among items with one.
func findMisaligned(lines []srcLine) *yamlMistake {
	type group struct {
		indent, line int
		seq          bool // a list, whose items begin with "- "
		mapItems     bool // a list whose last item is a group of keys
	}
	var stack []group
	prev := -1
	for n, l := range lines {
		if l.blank() {
			continue
		}
		t := strings.TrimSpace(l.text)
		dash := strings.HasPrefix(t, "- ") || t == "-"
		if prev >= 0 && l.indent > contentIndent(lines[prev].text) {
			pt := strings.TrimSpace(lines[prev].text)
			if !strings.HasSuffix(pt, ":") && pt != "-" {
				if pm := keyLine.FindStringSubmatch(lines[prev].text); pm != nil && keyLine.MatchString(l.text) {
					return &yamlMistake{line: n + 1, col: l.indent + 1, code: diag.YAMLIndented, args: []any{strings.TrimSpace(pm[3]), lineNo(prev + 1)}}
				}
				continue // the value of the line before goes on
			}
		}
		prev = n
		var popped *group
		for len(stack) > 0 && stack[len(stack)-1].indent > l.indent {
			popped = &stack[len(stack)-1]
			stack = stack[:len(stack)-1]
		}
		top := len(stack) - 1
		switch {
		case top >= 0 && stack[top].indent == l.indent:
			g := &stack[top]
			if g.seq && !dash {
				if g.mapItems && popped != nil && keyLine.MatchString(l.text) {
					return &yamlMistake{line: n + 1, col: l.indent + 1, code: diag.YAMLMisaligned, args: []any{lineNo(popped.line + 1), popped.indent + 1}}
				}
				return &yamlMistake{line: n + 1, col: l.indent + 1, code: diag.YAMLNoDash, args: []any{t, "- " + t}}
			}
			g.line = n
		case popped != nil:
			want := popped
			if top >= 0 && l.indent-stack[top].indent < popped.indent-l.indent {
				want = &stack[top]
			}
			return &yamlMistake{line: n + 1, col: l.indent + 1, code: diag.YAMLMisaligned, args: []any{lineNo(want.line + 1), want.indent + 1}}
		default:
			stack = append(stack, group{indent: l.indent, line: n, seq: dash})
		}
		if dash {
			g := &stack[len(stack)-1]
			m := keyLine.FindStringSubmatch(l.text)
			g.mapItems = m != nil
			if m != nil { // the item's keys line up past its dash
				stack = append(stack, group{indent: len(m[1]) + len(m[2]), line: n})
			}
		}
	}
	return nil
}

// contentIndent is the column (0-based) where what line t holds begins,
// past the dashes of list items.
func contentIndent(t string) int {
	return len(t) - len(strings.TrimLeft(t, " -"))
}

// findBackslash finds the first backslash inside double quotes.
func findBackslash(lines []srcLine) *yamlMistake {
	for n, l := range lines {
		if q := strings.IndexByte(l.text, '"'); q >= 0 {
			if i := strings.IndexByte(l.text[q:], '\\'); i >= 0 {
				return &yamlMistake{line: n + 1, col: col(l.text, q+i), code: diag.YAMLBadEscape}
			}
		}
	}
	return nil
}

// findSpecialStart finds, on hint or after it, a value beginning with a
// character YAML reserves (@ ` % * & ! | > -).
func findSpecialStart(lines []srcLine, hint int) *yamlMistake {
	from := 0
	if hint > 1 && hint <= len(lines) {
		from = hint - 1
	}
	for n := from; n < len(lines); n++ {
		l := lines[n]
		m := keyLine.FindStringSubmatchIndex(l.text)
		if m == nil || m[8] < 0 {
			continue
		}
		v := strings.TrimSpace(l.text[m[8]:m[9]])
		if v == "" {
			continue
		}
		c := v[0]
		special := strings.IndexByte("@`%*&", c) >= 0 ||
			(c == '-' || c == '|' || c == '>') && len(v) > 1 && v[1] == ' ' && strings.TrimSpace(v[1:]) != ""
		if !special {
			continue
		}
		key := strings.TrimSpace(l.text[m[6]:m[7]])
		fix := strings.TrimSpace(l.text[:m[8]]) + " " + quote(v)
		return &yamlMistake{line: n + 1, col: col(l.text, m[8]), code: diag.YAMLSpecialStart, args: []any{key, string(c), fix}}
	}
	return nil
}

// yamlEscapes are the characters that may follow a backslash in a
// double-quoted YAML string.
const yamlEscapes = "0abt\tnvfre \"/\\N_LPxuU"

// scanYAML reads src as YAML's quoted strings and brackets see it, and
// returns the first quote or bracket left open, closed by the wrong
// bracket or not at all, text after a closing quote, or a backslash that
// does not make an escape.
func scanYAML(src []byte) *yamlMistake {
	lines := splitLines(src)
	var flow []opener
	var quoted *opener                      // an open quoted string, from an earlier line
	block := -1                             // inside a block scalar of a key at this indent
	startOK := func(t string, i int) bool { // may a value begin at t[i]?
		j := i - 1
		for j >= 0 && t[j] == ' ' {
			j--
		}
		if j < 0 {
			return true
		}
		switch t[j] {
		case '[', '{', ',':
			return true
		case ':':
			return j < i-1
		case '-', '?':
			return j < i-1 && (j == 0 || t[j-1] == ' ')
		}
		return false
	}
	bad := func(code diag.Code, n int, t string, i int, args ...any) *yamlMistake {
		return &yamlMistake{line: n + 1, col: col(t, i), code: code, args: args}
	}
	for n, l := range lines {
		t := l.text
		if block >= 0 {
			if l.blank() || l.indent > block {
				continue
			}
			block = -1
		}
		i := 0
		if quoted != nil {
			// A quoted string may go on over lines, but one that runs into a
			// line of its own "key:" was never closed.
			if !l.blank() && l.indent <= quoted.indent && keyLine.MatchString(t) {
				return unclosedQuote(*quoted)
			}
			q := quoted.ch
			end := closeQuote(t, 0, q)
			if end < 0 {
				continue
			}
			if end == -2 {
				return bad(diag.YAMLBadEscape, n, t, strings.IndexByte(t, '\\'))
			}
			quoted = nil
			i = end
			if len(flow) == 0 {
				if r := strings.TrimSpace(t[i:]); r != "" && r[0] != '#' && r[0] != ':' {
					return bad(diag.YAMLTextAfterQuote, n, t, i+len(t[i:])-len(strings.TrimLeft(t[i:], " ")), fixQuoted(lines, n))
				}
				continue
			}
		}
		if len(flow) > 0 && i == 0 && !l.blank() && l.indent <= flow[0].indent {
			o := flow[len(flow)-1]
			return &yamlMistake{line: o.line, col: o.col(), code: diag.YAMLUnclosedBracket, args: []any{string(o.ch), string(closer(o.ch))}}
		}
		for ; i < len(t); i++ {
			c := t[i]
			switch {
			case c == '#' && (i == 0 || t[i-1] == ' '):
				i = len(t)
			case (c == '"' || c == '\'') && startOK(t, i):
				end := closeQuote(t, i+1, c)
				if end == -2 {
					return bad(diag.YAMLBadEscape, n, t, i+1+strings.IndexByte(t[i+1:], '\\'))
				}
				if end < 0 {
					quoted = &opener{c, n + 1, i, t, l.indent}
					i = len(t)
					continue
				}
				i = end - 1
				if len(flow) == 0 {
					if r := strings.TrimSpace(t[end:]); r != "" && r[0] != '#' && r[0] != ':' {
						return bad(diag.YAMLTextAfterQuote, n, t, end+len(t[end:])-len(strings.TrimLeft(t[end:], " ")), fixQuoted(lines, n))
					}
				}
			case (c == '[' || c == '{') && (len(flow) > 0 || startOK(t, i)):
				flow = append(flow, opener{c, n + 1, i, t, l.indent})
			case c == ']' || c == '}':
				if len(flow) == 0 {
					if startOK(t, i) || i > 0 && (t[i-1] == ']' || t[i-1] == '}') {
						return bad(diag.YAMLExtraBracket, n, t, i, string(c))
					}
					continue
				}
				o := flow[len(flow)-1]
				if c != closer(o.ch) {
					return bad(diag.YAMLWrongBracket, n, t, i, string(o.ch), string(c), string(closer(o.ch)))
				}
				flow = flow[:len(flow)-1]
			case c == ':':
			case (c == '|' || c == '>') && len(flow) == 0 && startOK(t, i):
				block = l.indent
				i = len(t)
			case len(flow) == 0 && !startOK(t, i) && c != ' ':
				// plain text: skip to its end, where ": " may start a value
				for i+1 < len(t) && !(t[i+1] == ':' && (i+2 == len(t) || t[i+2] == ' ')) && !(t[i+1] == ' ' && i+2 < len(t) && t[i+2] == '#') {
					i++
				}
			}
		}
	}
	if quoted != nil {
		return unclosedQuote(*quoted)
	}
	if len(flow) > 0 {
		o := flow[len(flow)-1]
		return &yamlMistake{line: o.line, col: o.col(), code: diag.YAMLUnclosedBracket, args: []any{string(o.ch), string(closer(o.ch))}}
	}
	return nil
}

func closer(open byte) byte {
	if open == '[' {
		return ']'
	}
	return '}'
}

// closeQuote returns the offset just past the quote q that closes a string
// going on at t[i], -1 if the line ends first, or -2 for a bad escape.
func closeQuote(t string, i int, q byte) int {
	for ; i < len(t); i++ {
		switch {
		case q == '"' && t[i] == '\\':
			if i+1 < len(t) && strings.IndexByte(yamlEscapes, t[i+1]) < 0 {
				return -2
			}
			i++
		case t[i] == q && q == '\'' && i+1 < len(t) && t[i+1] == '\'':
			i++
		case t[i] == q:
			return i + 1
		}
	}
	return -1
}

// An opener is an open quote or bracket.
type opener struct {
	ch     byte
	line   int    // 1-based
	off    int    // byte offset in text
	text   string // the line it is on
	indent int    // of that line
}

func (o opener) col() int { return col(o.text, o.off) }

func unclosedQuote(o opener) *yamlMistake {
	what := diag.Word{VI: "dấu ngoặc kép", EN: "double quote"}
	if o.ch == '\'' {
		what = diag.Word{VI: "dấu nháy đơn", EN: "single quote"}
	}
	return &yamlMistake{line: o.line, col: o.col(), code: diag.YAMLUnclosedQuote, args: []any{what, string(o.ch)}}
}

// fixQuoted rewrites line n, a "key: "…" more" line, with the whole value
// in single quotes.
func fixQuoted(lines []srcLine, n int) string {
	m := keyLine.FindStringSubmatch(lines[n].text)
	if m == nil {
		return strconv.Quote(strings.TrimSpace(lines[n].text))
	}
	v := strings.TrimSpace(m[4])
	if c := strings.Index(v, " #"); c >= 0 {
		v = strings.TrimSpace(v[:c])
	}
	if len(v) > 1 && v[0] == '"' && v[len(v)-1] == '"' {
		v = v[1 : len(v)-1]
	}
	return strings.TrimSpace(m[1]+m[2]+m[3]) + ": " + quote(v)
}
