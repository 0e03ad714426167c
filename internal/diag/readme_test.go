package diag

import (
	"flag"
	"os"
	"regexp"
	"strings"
	"testing"
)

var updateREADME = flag.Bool("update-readme", false, "rewrite the README's table of diagnostics")

// readmeVerb matches a fmt verb of a catalogue format.
var readmeVerb = regexp.MustCompile(`%[-+# 0-9.]*[a-zA-Z]`)

// readmeTable renders the catalogue as the README's table: every message a
// writer can meet, in Vietnamese and English, with "…" for what varies.
func readmeTable() string {
	var b strings.Builder
	b.WriteString("| Mã (code) | Tiếng Việt | English |\n|---|---|---|\n")
	cell := func(s string) string {
		s = readmeVerb.ReplaceAllString(s, "…")
		return strings.ReplaceAll(s, "|", `\|`)
	}
	for _, e := range Entries() {
		b.WriteString("| `" + string(e.Code) + "` | " + cell(e.VI) + " | " + cell(e.EN) + " |\n")
	}
	return b.String()
}

// TestREADMEErrors keeps the README's section "Errors and what they mean"
// in step with the catalogue. Run with -update-readme to rewrite it.
func TestREADMEErrors(t *testing.T) {
	const file = "../../README.md"
	const start, end = "<!-- diagnostics:start -->\n", "<!-- diagnostics:end -->"
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	i, j := strings.Index(s, start), strings.Index(s, end)
	if i < 0 || j < i {
		t.Fatalf("README.md has no %q … %q section", strings.TrimSpace(start), end)
	}
	want := readmeTable()
	got := s[i+len(start) : j]
	if got == want {
		return
	}
	if *updateREADME {
		if err := os.WriteFile(file, []byte(s[:i+len(start)]+want+s[j:]), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("README.md's table of diagnostics is out of date; run go test ./internal/diag -run TestREADMEErrors -update-readme")
}
