package diag

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// catalogueLine turns a catalogue format into a regular expression that
// matches the messages it makes, and the guide's way of writing them with
// "…" for what varies.
func catalogueLine(format string) *regexp.Regexp {
	var b strings.Builder
	b.WriteString("^")
	rest := format
	for {
		loc := docVerb.FindStringIndex(rest)
		if loc == nil {
			b.WriteString(regexp.QuoteMeta(rest))
			break
		}
		b.WriteString(regexp.QuoteMeta(rest[:loc[0]]))
		if strings.HasSuffix(rest[loc[0]:loc[1]], "q") {
			b.WriteString(`(?:"[^"]*"|…)`)
		} else {
			b.WriteString(`.+?`)
		}
		rest = rest[loc[1]:]
	}
	b.WriteString("$")
	return regexp.MustCompile(b.String())
}

// TestWritersGuideMessages keeps the writers' guide true: every message
// its table of common mistakes (docs/huong-dan-viet-bai.md, section 9)
// shows is one the catalogue makes, word for word but for what varies
// ("…" in the guide).
func TestWritersGuideMessages(t *testing.T) {
	data, err := os.ReadFile("../../docs/huong-dan-viet-bai.md")
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	i, j := strings.Index(s, "## 9. Lỗi thường gặp"), strings.Index(s, "### 9a.")
	if i < 0 || j < i {
		t.Fatal("the guide has no section 9, Lỗi thường gặp, before 9a")
	}
	var formats []*regexp.Regexp
	for _, e := range Entries() {
		formats = append(formats, catalogueLine(e.VI))
	}
	cell := regexp.MustCompile("^\\| [^|]+ \\| `([^`]+)` \\|")
	n := 0
	for _, line := range strings.Split(s[i:j], "\n") {
		m := cell.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		if strings.HasPrefix(m[1], "guong ") {
			// The command's own lines (flags, ports): its scripts in
			// cmd/guong/testdata/script check them.
			continue
		}
		n++
		msg := strings.TrimPrefix(m[1], "cảnh báo: ")
		found := false
		for _, f := range formats {
			found = found || f.MatchString(msg)
		}
		if !found {
			t.Errorf("the guide shows a message guong does not print: %s", m[1])
		}
	}
	if n < 10 {
		t.Errorf("the guide's table of common mistakes shows %d messages, want at least ten", n)
	}
}
