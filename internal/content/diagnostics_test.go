package content

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/guong/guong/internal/config"
	"github.com/guong/guong/internal/diag"
)

var update = flag.Bool("update", false, "rewrite the want and want.vi files of testdata/diagnostics")

// testNow is the build time of the diagnostics suite.
var testNow = time.Date(2025, 11, 1, 9, 0, 0, 0, time.FixedZone("ICT", 7*3600))

// TestDiagnostics runs every testdata/diagnostics/*.txtar case: it loads the
// small site the archive holds and compares the sorted diagnostics, in
// English and in Vietnamese, with its "want" and "want.vi" files. Run with
// -update to rewrite them, then read the diff.
//
// Before the first "-- name --" line, an archive holds a description and
// directives, one per line, for bytes a text file cannot show:
//
//	@bom FILE       FILE starts with a UTF-8 byte order mark
//	@crlf FILE      FILE has CRLF line endings
//	@escapes FILE   \xNN in FILE stands for the byte NN
//	@big FILE N     FILE is a story of N MB, generated
func TestDiagnostics(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "diagnostics", "*.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 25 {
		t.Fatalf("found %d cases in testdata/diagnostics, want at least 25", len(files))
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".txtar")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			a := parseArchive(src)
			fsys, err := a.fs()
			if err != nil {
				t.Fatal(err)
			}
			diags := loadDiagnostics(fsys)
			en, vi := formatList(diags, "en"), formatList(diags, "vi")
			if *update {
				a.set("want", en)
				a.set("want.vi", vi)
				if err := os.WriteFile(file, a.format(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			for _, w := range []struct{ name, got string }{{"want", en}, {"want.vi", vi}} {
				want, ok := a.get(w.name)
				if !ok {
					t.Errorf("no %q file in the archive", w.name)
					continue
				}
				if w.got != string(want) {
					t.Errorf("%s: diagnostics differ\n--- got\n%s--- %s\n%s", file, w.got, w.name, want)
				}
			}
		})
	}
}

// loadDiagnostics loads the site in fsys as a build does and returns its
// diagnostics, sorted.
func loadDiagnostics(fsys fstest.MapFS) diag.List {
	var diags diag.List
	if cfg := config.Load(fsys, &diags); cfg != nil {
		Load(context.Background(), fsys, cfg, Options{Now: testNow}, &diags)
	}
	diags.Sort()
	return diags
}

func formatList(l diag.List, lang string) string {
	var b strings.Builder
	for _, d := range l {
		b.WriteString(d.Format(lang))
		b.WriteByte('\n')
	}
	return b.String()
}

// archive is a txtar-like file: a comment, then files introduced by
// "-- name --" lines.
type archive struct {
	comment []byte
	files   []archiveFile
}

type archiveFile struct {
	name string
	data []byte
}

var marker = regexp.MustCompile(`(?m)^-- (\S.*?) --$`)

func parseArchive(src []byte) *archive {
	a := &archive{}
	locs := marker.FindAllSubmatchIndex(src, -1)
	if len(locs) == 0 {
		a.comment = src
		return a
	}
	a.comment = src[:locs[0][0]]
	for i, loc := range locs {
		end := len(src)
		if i+1 < len(locs) {
			end = locs[i+1][0]
		}
		start := loc[1]
		if start < len(src) && src[start] == '\n' {
			start++
		}
		if start > end {
			start = end
		}
		a.files = append(a.files, archiveFile{name: string(src[loc[2]:loc[3]]), data: src[start:end]})
	}
	return a
}

func (a *archive) get(name string) ([]byte, bool) {
	for _, f := range a.files {
		if f.name == name {
			return f.data, true
		}
	}
	return nil, false
}

func (a *archive) set(name, data string) {
	for i, f := range a.files {
		if f.name == name {
			a.files[i].data = []byte(data)
			return
		}
	}
	a.files = append(a.files, archiveFile{name: name, data: []byte(data)})
}

func (a *archive) format() []byte {
	var b bytes.Buffer
	b.Write(a.comment)
	for _, f := range a.files {
		fmt.Fprintf(&b, "-- %s --\n", f.name)
		b.Write(f.data)
		if len(f.data) > 0 && f.data[len(f.data)-1] != '\n' {
			b.WriteByte('\n')
		}
	}
	return b.Bytes()
}

var escape = regexp.MustCompile(`\\x[0-9a-fA-F]{2}`)

// fs builds the site of the archive: every file but want and want.vi, with
// the comment's directives applied.
func (a *archive) fs() (fstest.MapFS, error) {
	fsys := fstest.MapFS{}
	for _, f := range a.files {
		if f.name == "want" || f.name == "want.vi" {
			continue
		}
		fsys[f.name] = &fstest.MapFile{Data: bytes.Clone(f.data)}
	}
	for _, line := range strings.Split(string(a.comment), "\n") {
		if !strings.HasPrefix(line, "@") {
			continue
		}
		args := strings.Fields(line[1:])
		if len(args) < 2 {
			return nil, fmt.Errorf("bad directive %q", line)
		}
		name := args[1]
		if args[0] == "big" {
			if len(args) != 3 {
				return nil, fmt.Errorf("bad directive %q", line)
			}
			mb, err := strconv.Atoi(args[2])
			if err != nil {
				return nil, fmt.Errorf("bad directive %q", line)
			}
			fsys[name] = &fstest.MapFile{Data: bigStory(mb << 20)}
			continue
		}
		f, ok := fsys[name]
		if !ok {
			return nil, fmt.Errorf("directive %q: no file %s", line, name)
		}
		switch args[0] {
		case "bom":
			f.Data = append([]byte("\ufeff"), f.Data...)
		case "crlf":
			f.Data = bytes.ReplaceAll(f.Data, []byte("\n"), []byte("\r\n"))
		case "escapes":
			f.Data = escape.ReplaceAllFunc(f.Data, func(b []byte) []byte {
				n, _ := strconv.ParseUint(string(b[2:]), 16, 8)
				return []byte{byte(n)}
			})
		default:
			return nil, fmt.Errorf("unknown directive %q", line)
		}
	}
	return fsys, nil
}

// bigStory returns a story of size bytes (its last character may be cut).
func bigStory(size int) []byte {
	var b bytes.Buffer
	b.WriteString("---\ntitle: \"Một bài rất dài\"\ndate: 2023-06-11\nperson: \"Hoàng Thị Lan\"\ndepartment: van-phong\nmodel: chuyen-mon\n---\n")
	const para = "Chị Lan gần mười năm gắn bó với công tác quản lý biên giới, là gương mặt quen thuộc với bà con các thôn giáp biên.\n\n"
	for b.Len() < size {
		b.WriteString(para)
	}
	b.Truncate(size)
	return b.Bytes()
}
