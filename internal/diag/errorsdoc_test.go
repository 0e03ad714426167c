package diag

import (
	"flag"
	"os"
	"regexp"
	"strings"
	"testing"
)

var updateErrorsDoc = flag.Bool("update-errors-doc", false, "rewrite the table of diagnostics in docs/errors.md")

// docVerb matches a fmt verb of a catalogue format.
var docVerb = regexp.MustCompile(`%[-+# 0-9.]*[a-zA-Z]`)

// errorsTable renders the catalogue as the table of docs/errors.md: every
// message a writer can meet, in Vietnamese and English, with "…" for what
// varies.
func errorsTable() string {
	var b strings.Builder
	b.WriteString("| Mã (code) | Tiếng Việt | English |\n|---|---|---|\n")
	cell := func(s string) string {
		s = docVerb.ReplaceAllString(s, "…")
		return strings.ReplaceAll(s, "|", `\|`)
	}
	for _, e := range Entries() {
		b.WriteString("| `" + string(e.Code) + "` | " + cell(e.VI) + " | " + cell(e.EN) + " |\n")
	}
	return b.String()
}

// TestErrorsDoc keeps the table of docs/errors.md ("Errors and what they
// mean") in step with the catalogue. Run with -update-errors-doc to rewrite
// it.
func TestErrorsDoc(t *testing.T) {
	const file = "../../docs/errors.md"
	const start, end = "<!-- diagnostics:start -->\n", "<!-- diagnostics:end -->"
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	i, j := strings.Index(s, start), strings.Index(s, end)
	if i < 0 || j < i {
		t.Fatalf("docs/errors.md has no %q … %q section", strings.TrimSpace(start), end)
	}
	want := errorsTable()
	got := s[i+len(start) : j]
	if got == want {
		return
	}
	if *updateErrorsDoc {
		if err := os.WriteFile(file, []byte(s[:i+len(start)]+want+s[j:]), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("docs/errors.md's table of diagnostics is out of date; run go test ./internal/diag -run TestErrorsDoc -update-errors-doc")
}
