package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"syscall"
	"time"

	"github.com/guong/guong/internal/build"
	"github.com/guong/guong/internal/content"
	"github.com/guong/guong/internal/desk"
	"github.com/guong/guong/internal/gitinfo"
	"github.com/guong/guong/internal/server"
	"github.com/guong/guong/internal/sitefs"
	"github.com/guong/guong/themes"
)

func cmdServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("serve", "serve [-s THƯ_MỤC_TRANG] [--bind 127.0.0.1] [--port 1313] [--drafts=false] [--future=false] [--open=false] [--desk=false]", stderr)
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
	open := fs.Bool("open", true, "mở trình duyệt khi bắt đầu (--open=false để không mở)")
	withDesk := fs.Bool("desk", true, "mở bàn viết tại /__guong/ban-viet/ (--desk=false để tắt)")
	pos, code, ok := parseFlags(fs, args)
	if !ok {
		return code
	}
	if len(pos) > 0 {
		fmt.Fprintf(stderr, "guong serve: thừa tham số %q\n", pos[0])
		return exitUsage
	}
	opts := build.Options{Drafts: *drafts, Future: *future, Dev: true, Themes: themes.FS,
		CacheDir: filepath.Join(*src, build.CacheDir), LastCommits: gitinfo.NewReader(*src, content.Dir).LastCommits}
	srv := server.New(sitefs.Dir(*src), opts, stderr)
	// The writer's desk exists in the preview only, and answers loopback
	// hosts only (server.Mount).
	if *withDesk {
		srv.MountDesk(desk.Path, desk.New(desk.Options{Root: *src, Site: sitefs.Dir(*src), Build: opts, Snapshot: srv.Snapshot}))
	}
	// Listen first, so that a port in use is said at once, not after the build.
	ln, err := net.Listen("tcp", net.JoinHostPort(*bind, strconv.Itoa(*port)))
	if err != nil {
		fmt.Fprintf(stderr, "guong serve: %s\n", listenError(err, *bind, *port))
		return exitUsage
	}
	// Only requests for the preview's own addresses are answered (DNS
	// rebinding), with timeouts and a cap on connections that still leaves
	// room for the author's browser.
	ln = server.Listen(ln)
	// A first build with errors still starts the server: the browser shows
	// the errors, and saving the fix publishes the site.
	fmt.Fprintln(stdout, "Đang tạo trang lần đầu…")
	srv.Build(ctx, nil)
	hs := server.HTTPServer(ctx, server.Guard(srv, *bind))
	url := fmt.Sprintf("http://%s%s", ln.Addr(), srv.BasePath())
	fmt.Fprintf(stdout, "Xem trước tại %s (Ctrl+C để dừng)\n", url)
	if *open {
		go func() {
			if err := openBrowser(url); err != nil {
				fmt.Fprintf(stdout, "Không mở được trình duyệt (%v); hãy mở địa chỉ trên.\n", err)
			}
		}()
	}
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

// listenError explains in Vietnamese why guong serve cannot listen on
// bind:port.
func listenError(err error, bind string, port int) string {
	var errno syscall.Errno
	// WSAEADDRINUSE (10048) is Windows' own number for it.
	if errors.As(err, &errno) && (errno == syscall.EADDRINUSE || errno == 10048) {
		return fmt.Sprintf("cổng %d đang được một chương trình khác dùng (có thể là một guong serve khác vẫn đang chạy); "+
			"hãy dừng chương trình đó, hoặc chọn cổng khác: guong serve --port %d", port, port+1)
	}
	if errors.As(err, &errno) && (errno == syscall.EACCES || errno == 10013) {
		return fmt.Sprintf("không được phép dùng cổng %d trên máy này; hãy chọn cổng khác: guong serve --port %d (%v)", port, 1313, err)
	}
	return fmt.Sprintf("không mở được địa chỉ %s để xem trước; hãy kiểm tra --bind và --port (%v)", net.JoinHostPort(bind, strconv.Itoa(port)), err)
}

// openBrowser opens url in the writer's browser: $BROWSER if set, else
// the system's way. It does nothing where no one could see a browser (CI
// set, or a Linux without a display). It never waits for the browser.
func openBrowser(url string) error {
	if os.Getenv("CI") != "" {
		return nil
	}
	var cmd *exec.Cmd
	switch {
	case os.Getenv("BROWSER") != "":
		cmd = exec.Command(os.Getenv("BROWSER"), url)
	case runtime.GOOS == "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	case runtime.GOOS == "darwin":
		cmd = exec.Command("open", url)
	default:
		if os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" {
			return nil
		}
		cmd = exec.Command("xdg-open", url)
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	go cmd.Wait() // xdg-open and the like return at once; do not leave a zombie
	return nil
}
