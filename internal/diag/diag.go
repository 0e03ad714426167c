// Package diag is guong's one error currency: positioned diagnostics,
// collected in a List and printed the way Go tools print them
// ("file:line:col: message"), in the site's language.
package diag

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"sort"
	"strings"
)

// Position is a place in a source file. Line and Col count from 1; zero
// means unknown. File is slash-separated and relative to the site folder.
type Position struct {
	File string
	Line int
	Col  int
}

// String formats p as file:line:col, leaving out what is unknown.
func (p Position) String() string {
	s := p.File
	if p.Line > 0 {
		s += fmt.Sprintf(":%d", p.Line)
		if p.Col > 0 {
			s += fmt.Sprintf(":%d", p.Col)
		}
	}
	return s
}

// Severity tells an error, which fails the build, from a warning, which does not.
type Severity int

const (
	// Error fails the build.
	Error Severity = iota
	// Warning is printed but the build goes on.
	Warning
)

// Diagnostic is one message about one place. Code names the message in the
// catalogue; Args fill its verbs.
type Diagnostic struct {
	Pos      Position
	Severity Severity
	Code     Code
	Args     []any
	// Source is the text of the line at Pos, when the message is about
	// how it is written: Print shows it under the message, with a caret
	// under Pos.Col.
	Source string
}

// Message returns the diagnostic's text in lang ("vi" or "en"), without position.
func (d Diagnostic) Message(lang string) string {
	return d.Code.Format(lang, d.Args...)
}

// Format returns "file:line:col: message" in lang; warnings carry a
// "warning:"/"cảnh báo:" prefix after the position.
func (d Diagnostic) Format(lang string) string {
	msg := d.Message(lang)
	if d.Severity == Warning {
		msg = Text(lang, "cảnh báo", "warning") + ": " + msg
	}
	if pos := d.Pos.String(); pos != "" {
		return pos + ": " + msg
	}
	return msg
}

// Excerpt returns the source line of d and a caret under its column, each
// line indented and ending in a newline, or "" when d has no source line:
//
//	4 | title: Chị Lan: người cán bộ
//	  |               ^
func (d Diagnostic) Excerpt() string {
	if d.Source == "" || d.Pos.Line <= 0 {
		return ""
	}
	num := fmt.Sprint(d.Pos.Line)
	src, col := []rune(d.Source), d.Pos.Col
	const width = 100 // of a long line, the part around the column
	if len(src) > width {
		from := max(0, min(col-1-width/2, len(src)-width))
		cut := append([]rune(nil), src[from:from+width]...)
		if from+width < len(src) {
			cut = append(cut, '…')
		}
		if from > 0 {
			cut = append([]rune("…"), cut...)
			if col > 0 {
				col -= from - 1
			}
		}
		src = cut
	}
	var line, pad strings.Builder
	for i, r := range src {
		w := 1
		if r == '\t' { // shown as four spaces, so the caret lines up
			w = 4
		}
		if i < col-1 {
			pad.WriteString(strings.Repeat(" ", w))
		}
		if r == '\t' {
			line.WriteString("    ")
		} else {
			line.WriteRune(r)
		}
	}
	s := fmt.Sprintf("    %s | %s\n", num, strings.TrimRight(line.String(), " "))
	if col > 0 {
		s += fmt.Sprintf("    %s | %s^\n", strings.Repeat(" ", len(num)), pad.String())
	}
	return s
}

// Error implements error, in English.
func (d Diagnostic) Error() string { return d.Format("en") }

// List is an ordered collection of diagnostics. The zero value is empty and ready.
type List []Diagnostic

// Errorf adds an error at pos.
func (l *List) Errorf(pos Position, code Code, args ...any) {
	*l = append(*l, Diagnostic{Pos: pos, Severity: Error, Code: code, Args: args})
}

// Warnf adds a warning at pos.
func (l *List) Warnf(pos Position, code Code, args ...any) {
	*l = append(*l, Diagnostic{Pos: pos, Severity: Warning, Code: code, Args: args})
}

// Add adds d.
func (l *List) Add(d Diagnostic) { *l = append(*l, d) }

// Append adds every diagnostic of other.
func (l *List) Append(other List) { *l = append(*l, other...) }

// ReadError adds the error of reading file (a path relative to the site
// folder) at pos, saying why when it can: no permission, or not a regular
// file (an error with a NotRegular method that returns true, as sitefs
// returns). Anything else is ReadFailed.
func (l *List) ReadError(pos Position, file string, err error) {
	var nr interface{ NotRegular() bool }
	switch {
	case errors.As(err, &nr) && nr.NotRegular():
		l.Errorf(pos, NotRegular, file)
	case errors.Is(err, fs.ErrPermission):
		l.Errorf(pos, NoPermission, file)
	default:
		l.Errorf(pos, ReadFailed, err)
	}
}

// HasErrors reports whether l holds at least one error (not only warnings).
func (l List) HasErrors() bool {
	for _, d := range l {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Count returns the number of errors and of warnings in l.
func (l List) Count() (errs, warnings int) {
	for _, d := range l {
		if d.Severity == Error {
			errs++
		} else {
			warnings++
		}
	}
	return errs, warnings
}

// Sort orders l by file, line, column, then message, and drops exact repeats.
func (l *List) Sort() {
	s := *l
	sort.SliceStable(s, func(i, j int) bool {
		a, b := s[i].Pos, s[j].Pos
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		return s[i].Message("en") < s[j].Message("en")
	})
	out := s[:0]
	for i, d := range s {
		if i > 0 && d.Pos == s[i-1].Pos && d.Format("en") == s[i-1].Format("en") {
			continue
		}
		out = append(out, d)
	}
	*l = out
}

// Err returns l as an error if it holds any error, else nil.
func (l List) Err() error {
	if !l.HasErrors() {
		return nil
	}
	return ListError{List: l, Lang: "en"}
}

// Print writes one line per diagnostic in lang, each followed by its
// source line and a caret when it has one (see Excerpt).
func (l List) Print(w io.Writer, lang string) {
	for _, d := range l {
		fmt.Fprintln(w, d.Format(lang))
		io.WriteString(w, d.Excerpt())
	}
}

// ListError is a List seen as an error; Lang picks the catalogue.
type ListError struct {
	List List
	Lang string
}

func (e ListError) Error() string {
	var b strings.Builder
	for i, d := range e.List {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(d.Format(e.Lang))
	}
	return b.String()
}

// AsList extracts the diagnostics carried by err, if it is or wraps a ListError
// or a Diagnostic.
func AsList(err error) (List, bool) {
	var le ListError
	if errors.As(err, &le) {
		return le.List, true
	}
	var d Diagnostic
	if errors.As(err, &d) {
		return List{d}, true
	}
	return nil, false
}

// Text picks the Vietnamese or English form of a short UI string.
func Text(lang, vi, en string) string {
	if lang == "en" {
		return en
	}
	return vi
}
