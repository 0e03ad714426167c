// Command guong builds the static news site of a department's exemplary
// collectives and individuals from Markdown stories.
//
//	guong build [-s SITE] [-d DEST] [--drafts] [--future]
//	guong serve [-s SITE] [--bind 127.0.0.1] [--port 1313] [--drafts] [--future]
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
	"syscall"
)

// Version is guong's version, set at link time with -ldflags "-X main.Version=...".
var Version = "0.1.0-dev"

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
		fmt.Fprintf(stdout, "guong %s\n", Version)
		return exitOK
	case "help", "-h", "-help", "--help":
		if len(rest) > 0 {
			return run(ctx, []string{rest[0], "--help"}, stdout, stderr)
		}
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	fmt.Fprintf(stderr, "guong: không có lệnh %q (unknown command)\n\n%s", cmd, usage)
	return exitUsage
}

const usage = `guong – tạo trang tin tĩnh về gương điển hình tiên tiến từ các bài viết Markdown.

Cách dùng:
  guong build [-s THƯ_MỤC_TRANG] [-d THƯ_MỤC_ĐÍCH] [--drafts] [--future]
        tạo trang vào THƯ_MỤC_ĐÍCH (mặc định THƯ_MỤC_TRANG/public)
  guong serve [-s THƯ_MỤC_TRANG] [--bind 127.0.0.1] [--port 1313] [--drafts] [--future]
        xem trước trang tại http://127.0.0.1:1313/
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

// newFlags returns a flag set for a command whose usage and errors go to stderr.
func newFlags(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Cách dùng: guong %s\n\nTùy chọn:\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args, allowing flags after positional arguments, and
// reports whether the command should go on (and with which exit code if not).
func parseFlags(fs *flag.FlagSet, args []string) ([]string, int, bool) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, exitOK, false
			}
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
