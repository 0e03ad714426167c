// Command guong builds the static news site of a department's exemplary
// collectives and individuals from Markdown stories.
//
//	guong build [-s SITE] [-d DEST] [--drafts] [--future]
//	guong serve [-s SITE] [--bind 127.0.0.1] [--port 1313] [--drafts] [--future] [--open=false]
//	guong check [-s SITE]
//	guong new story "Tiêu đề bài viết" [-s SITE]
//	guong report [-s SITE] [--from 2022 --to 2025] [--department KEY] [--campaign KEY] [-o FILE]
//	guong version
//
// Exit status: 0 on success, 1 on content errors, 2 on usage errors.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"

	"github.com/guong/guong/internal/frontmatter"
)

// Version is guong's version, stamped at link time by the release
// archives (cmd/release) with -ldflags "-X main.Version=..."; version()
// falls back on what the Go toolchain recorded.
var Version = ""

// version returns the stamped version; else the module's version, as
// "go install …@v1.2.3" records it; else the commit it was built from.
func version() string {
	if Version != "" {
		return Version
	}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "dev"
	}
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	rev, dirty := "", false
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev == "" {
		return "dev"
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if dirty {
		rev += "-dirty"
	}
	return "dev-" + rev
}

// Exit codes.
const (
	exitOK      = 0
	exitContent = 1
	exitUsage   = 2
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run executes one command line and returns the exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		// Double-clicked in an unpacked release archive: preview the
		// site beside it.
		if dir, ok := siteBesideExecutable(); ok {
			fmt.Fprintf(stdout, "Xem trước trang trong %s (các lệnh khác: guong help).\n", dir)
			return cmdServe(ctx, []string{"-s", dir}, stdout, stderr)
		}
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "build":
		return cmdBuild(ctx, rest, stdout, stderr)
	case "serve", "server":
		return cmdServe(ctx, rest, stdout, stderr)
	case "check":
		return cmdCheck(ctx, rest, stdout, stderr)
	case "new":
		return cmdNew(rest, stdout, stderr)
	case "report":
		return cmdReport(ctx, rest, stdout, stderr)
	case "version", "--version", "-version":
		fmt.Fprintf(stdout, "guong %s\n", version())
		return exitOK
	case "help", "-h", "-help", "--help":
		if len(rest) > 0 {
			return run(ctx, []string{rest[0], "--help"}, stdout, stderr)
		}
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	fmt.Fprintf(stderr, "guong: không có lệnh %q\n\n%s", cmd, usage)
	return exitUsage
}

// siteBesideExecutable returns the folder of the running guong if it
// holds a site.yaml, as an unpacked release archive does.
func siteBesideExecutable() (string, bool) {
	exe, err := os.Executable()
	if err != nil {
		return "", false
	}
	dir := filepath.Dir(exe)
	if fi, err := os.Stat(filepath.Join(dir, "site.yaml")); err != nil || !fi.Mode().IsRegular() {
		return "", false
	}
	return dir, true
}

const usage = `guong – tạo trang tin tĩnh về gương điển hình tiên tiến từ các bài viết Markdown.

Cách dùng:
  guong build [-s THƯ_MỤC_TRANG] [-d THƯ_MỤC_ĐÍCH] [--drafts] [--future]
        tạo trang vào THƯ_MỤC_ĐÍCH (mặc định THƯ_MỤC_TRANG/public)
  guong serve [-s THƯ_MỤC_TRANG] [--bind 127.0.0.1] [--port 1313] [--drafts] [--future] [--open=false]
        xem trước trang tại http://127.0.0.1:1313/ và mở trình duyệt
  guong check [-s THƯ_MỤC_TRANG]
        chỉ kiểm tra nội dung, không ghi gì
  guong new story "Tiêu đề bài viết" [-s THƯ_MỤC_TRANG]
        tạo tệp bài viết mới từ mẫu
  guong report [-s THƯ_MỤC_TRANG] [--from NĂM] [--to NĂM] [--department KHÓA] [--campaign KHÓA] [-o TỆP]
        báo cáo kết quả: số liệu bài viết, gương điển hình, khen thưởng (.xlsx, .csv, .json)
  guong version
        in phiên bản

Mã thoát: 0 thành công, 1 nội dung có lỗi, 2 dùng lệnh sai.
"guong LỆNH --help" cho biết các tùy chọn của từng lệnh.
`

// newFlags returns a flag set for a command whose usage and errors go to
// stderr, in Vietnamese: the flag package's own English is never shown.
func newFlags(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(quiet{stderr})
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Cách dùng: guong %s\n\nTùy chọn:\n", synopsis)
		printFlags(stderr, fs)
	}
	return fs
}

// quiet is the output of a flag set: it drops what the flag package writes
// (in English) and keeps the writer guong's own messages go to.
type quiet struct{ w io.Writer }

func (quiet) Write(p []byte) (int, error) { return len(p), nil }

// stderrOf returns the writer of fs's messages.
func stderrOf(fs *flag.FlagSet) io.Writer {
	if q, ok := fs.Output().(quiet); ok {
		return q.w
	}
	return fs.Output()
}

// printFlags lists the flags of fs, as flag.PrintDefaults does, in Vietnamese.
func printFlags(w io.Writer, fs *flag.FlagSet) {
	fs.VisitAll(func(f *flag.Flag) {
		line := "  " + dashed(f.Name)
		switch f.Value.(type) {
		case interface{ IsBoolFlag() bool }:
		default:
			line += " " + flagArg(f)
		}
		line += "\n        " + f.Usage
		if _, err := strconv.Atoi(f.DefValue); err == nil && f.DefValue != "0" {
			line += fmt.Sprintf(" (mặc định %s)", f.DefValue)
		} else if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "true" && f.DefValue != "0" {
			line += fmt.Sprintf(" (mặc định %q)", f.DefValue)
		}
		fmt.Fprintln(w, line)
	})
}

// dashed writes a flag as it is typed: -s, --port.
func dashed(name string) string {
	if len(name) == 1 {
		return "-" + name
	}
	return "--" + name
}

// flagArg names the value a flag takes.
func flagArg(f *flag.Flag) string {
	if _, err := strconv.Atoi(f.DefValue); err == nil {
		return "SỐ"
	}
	return "GIÁ_TRỊ"
}

var (
	flagUndefined = regexp.MustCompile(`^flag provided but not defined: -+(.*)$`)
	flagNeedsArg  = regexp.MustCompile(`^flag needs an argument: -+(.*)$`)
	flagBadBool   = regexp.MustCompile(`^invalid boolean value "(.*)" for -+(\S+): `)
	flagBadValue  = regexp.MustCompile(`^invalid value "(.*)" for flag -+(\S+): (.*)$`)
	flagBadSyntax = regexp.MustCompile(`^bad flag syntax: (.*)$`)
)

// flagError says in Vietnamese what is wrong in err, an error of fs.Parse.
func flagError(fs *flag.FlagSet, err error) string {
	msg := err.Error()
	if m := flagUndefined.FindStringSubmatch(msg); m != nil {
		var names []string
		fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
		s := fmt.Sprintf("không có tùy chọn %q", dashed(m[1]))
		if near := frontmatter.Suggest(m[1], names); near != "" && len(m[1]) > 2 {
			s += fmt.Sprintf(" (có phải ý bạn là %q?)", dashed(near))
		}
		return s
	}
	if m := flagNeedsArg.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("tùy chọn %q cần một giá trị, ví dụ: %s GIÁ_TRỊ", dashed(m[1]), dashed(m[1]))
	}
	if m := flagBadBool.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("tùy chọn %q chỉ nhận true hoặc false, không nhận %q (ví dụ: %s=false)", dashed(m[2]), m[1], dashed(m[2]))
	}
	if m := flagBadValue.FindStringSubmatch(msg); m != nil {
		why := "giá trị không hợp lệ"
		switch {
		case strings.Contains(m[3], "out of range"):
			why = "số quá lớn"
		case strings.Contains(m[3], "parse error"):
			why = "phải là một số nguyên"
		}
		return fmt.Sprintf("giá trị %q của tùy chọn %q không dùng được: %s", m[1], dashed(m[2]), why)
	}
	if m := flagBadSyntax.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("tùy chọn viết sai: %q; hãy viết --TÊN hoặc --TÊN=GIÁ_TRỊ", m[1])
	}
	return fmt.Sprintf("tùy chọn không hợp lệ (%s)", msg)
}

// parseFlags parses args, allowing flags after positional arguments, and
// reports whether the command should go on (and with which exit code if not).
// A wrong flag is explained in Vietnamese, followed by the command's usage.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, int, bool) {
	usage := fs.Usage
	fs.Usage = func() {} // the flag package calls it before returning the error
	defer func() { fs.Usage = usage }()
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				usage()
				return nil, exitOK, false
			}
			fmt.Fprintf(stderrOf(fs), "guong %s: %s\n\n", fs.Name(), flagError(fs, err))
			usage()
			return nil, exitUsage, false
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, 0, true
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}

// siteFlag adds -s/--source.
func siteFlag(fs *flag.FlagSet) *string {
	s := fs.String("s", ".", "thư mục của trang (có site.yaml và content/)")
	fs.StringVar(s, "source", ".", "như -s")
	return s
}
