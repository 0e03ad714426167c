package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"strconv"
	"time"

	"github.com/guong/guong/internal/build"
	"github.com/guong/guong/internal/server"
	"github.com/guong/guong/internal/sitefs"
	"github.com/guong/guong/themes"
)

func cmdServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("serve", "serve [-s THƯ_MỤC_TRANG] [--bind 127.0.0.1] [--port 1313] [--drafts=false] [--future=false]", stderr)
	src := siteFlag(fs)
	bind := fs.String("bind", "127.0.0.1", "địa chỉ lắng nghe (chỉ máy này, trừ khi đổi)")
	port := fs.Int("port", 1313, "cổng")
	fs.IntVar(port, "p", 1313, "như --port")
	// The preview shows the writer's drafts and scheduled stories, each
	// with its banner; --drafts=false / --future=false hide them.
	drafts := fs.Bool("drafts", true, "hiện cả bản nháp (--drafts=false để ẩn)")
	fs.BoolVar(drafts, "D", true, "như --drafts")
	future := fs.Bool("future", true, "hiện cả bài hẹn giờ đăng (--future=false để ẩn)")
	fs.BoolVar(future, "F", true, "như --future")
	pos, code, ok := parseFlags(fs, args)
	if !ok {
		return code
	}
	if len(pos) > 0 {
		fmt.Fprintf(stderr, "guong serve: thừa tham số %q\n", pos[0])
		return exitUsage
	}
	srv := server.New(sitefs.Dir(*src), build.Options{Drafts: *drafts, Future: *future, Dev: true, Themes: themes.FS,
		CacheDir: filepath.Join(*src, build.CacheDir)}, stderr)
	// A first build with errors still starts the server: the browser shows
	// the errors, and saving the fix publishes the site.
	srv.Build(ctx, nil)
	ln, err := net.Listen("tcp", net.JoinHostPort(*bind, strconv.Itoa(*port)))
	if err != nil {
		fmt.Fprintf(stderr, "guong serve: %v\n", err)
		return exitUsage
	}
	// Only requests for the preview's own addresses are answered (DNS
	// rebinding), with timeouts and a cap on connections that still leaves
	// room for the author's browser.
	ln = server.Listen(ln)
	hs := server.HTTPServer(ctx, server.Guard(srv, *bind))
	fmt.Fprintf(stdout, "Xem trước tại http://%s%s (Ctrl+C để dừng)\n", ln.Addr(), srv.BasePath())
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	go func() {
		if err := srv.Watch(ctx, *src, nil); err != nil {
			fmt.Fprintf(stderr, "guong serve: không theo dõi được thay đổi (cannot watch for changes): %v\n", err)
		}
	}()
	select {
	case <-ctx.Done():
		shutdown, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		defer cancel()
		hs.Shutdown(shutdown)
		fmt.Fprintln(stdout, "Đã dừng.")
		return exitOK
	case err := <-errc:
		if errors.Is(err, http.ErrServerClosed) {
			return exitOK
		}
		fmt.Fprintf(stderr, "guong serve: %v\n", err)
		return exitContent
	}
}
