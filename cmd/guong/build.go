package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"sync"
	"time"

	"github.com/guong/guong/internal/build"
	"github.com/guong/guong/internal/config"
	"github.com/guong/guong/internal/content"
	"github.com/guong/guong/internal/diag"
	"github.com/guong/guong/internal/gitinfo"
	"github.com/guong/guong/internal/publish"
	"github.com/guong/guong/internal/sitefs"
	"github.com/guong/guong/internal/vi"
	"github.com/guong/guong/themes"
)

func cmdBuild(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("build", "build [-s THƯ_MỤC_TRANG] [-d THƯ_MỤC_ĐÍCH] [--drafts] [--future]", stderr)
	src := siteFlag(fs)
	dest := fs.String("d", "", "thư mục đích (mặc định THƯ_MỤC_TRANG/public)")
	fs.StringVar(dest, "destination", "", "như -d")
	drafts := fs.Bool("drafts", false, "đăng cả bản nháp (draft: true)")
	future := fs.Bool("future", false, "đăng cả bài có ngày trong tương lai")
	force := fs.Bool("force", false, "tạo lại toàn bộ, kể cả khi không có gì thay đổi")
	pos, code, ok := parseFlags(fs, args)
	if !ok {
		return code
	}
	if len(pos) > 0 {
		fmt.Fprintf(stderr, "guong build: thừa tham số %q\n", pos[0])
		return exitUsage
	}
	if *dest == "" {
		*dest = filepath.Join(*src, "public")
	}
	if err := publish.CheckDest(*src, *dest); err != nil {
		fmt.Fprintf(stderr, "guong build: %s\n", destError(siteLang(*src), err))
		return exitUsage
	}
	opts := build.Options{Drafts: *drafts, Future: *future, Themes: themes.FS, CacheDir: filepath.Join(*src, build.CacheDir),
		LastCommits: lastCommitsOnce(*src)}
	stopLimit := softMemoryLimit(buildMemoryTarget)
	r, err := build.Publish(ctx, sitefs.Dir(*src), *dest, opts, build.PublishOptions{Force: *force, Version: version()})
	stopLimit()
	if r.UpToDate {
		fmt.Fprintf(stdout, "Không có gì thay đổi từ lần tạo trước: %s giữ nguyên (%s). Dùng --force để tạo lại.\n", *dest, roundDuration(r.Elapsed))
		return exitOK
	}
	printResult(stderr, r)
	if errors.Is(err, context.Canceled) {
		// Ctrl+C: main's context is cancelled by the signal, and the
		// build returns at once, even from a read that hangs.
		fmt.Fprintln(stderr, diag.Text(r.Lang(), "guong build: đã dừng (Ctrl+C); thư mục đích giữ nguyên như trước.", "guong build: stopped (Ctrl+C); the destination is unchanged."))
		return exitContent
	}
	if err != nil {
		_, isList := diag.AsList(err)
		if !isList {
			fmt.Fprintf(stderr, "guong build: %s\n", destError(r.Lang(), err))
		}
		if isList {
			fmt.Fprintln(stderr, diag.Text(r.Lang(), "Không tạo trang vì có lỗi; thư mục đích giữ nguyên như trước.", "Nothing was published because of errors; the destination is unchanged."))
		}
		return exitContent
	}
	fmt.Fprintln(stdout, diag.Text(r.Lang(),
		fmt.Sprintf("Đã tạo %d trang (%d tệp) vào %s trong %s.", r.Pages, r.Files, *dest, roundDuration(r.Elapsed)),
		fmt.Sprintf("Built %d pages (%d files) into %s in %s.", r.Pages, r.Files, *dest, roundDuration(r.Elapsed))))
	if im := r.Images; im.Resized+im.Cached > 0 {
		fmt.Fprintln(stdout, diag.Text(r.Lang(),
			fmt.Sprintf("Ảnh bìa, ảnh chân dung và ảnh trong bài: %d ảnh mới thu nhỏ, %d ảnh lấy lại từ %s.", im.Resized, im.Cached, build.CacheDir),
			fmt.Sprintf("Covers, photos and body pictures: %d sizes resized, %d reused from %s.", im.Resized, im.Cached, build.CacheDir)))
	}
	return exitOK
}

func cmdCheck(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("check", "check [-s THƯ_MỤC_TRANG]", stderr)
	src := siteFlag(fs)
	drafts := fs.Bool("drafts", false, "kiểm tra bản nháp như khi được đăng")
	pos, code, ok := parseFlags(fs, args)
	if !ok {
		return code
	}
	if len(pos) > 0 {
		fmt.Fprintf(stderr, "guong check: thừa tham số %q\n", pos[0])
		return exitUsage
	}
	r := build.Check(ctx, sitefs.Dir(*src), build.Options{Drafts: *drafts, LastCommits: lastCommitsOnce(*src)})
	if ctx.Err() != nil {
		fmt.Fprintln(stderr, diag.Text(r.Lang(), "guong check: đã dừng (Ctrl+C).", "guong check: stopped (Ctrl+C)."))
		return exitContent
	}
	printResult(stderr, r)
	if r.Diags.HasErrors() {
		return exitContent
	}
	fmt.Fprintln(stdout, diag.Text(r.Lang(), "Nội dung hợp lệ.", "The content is valid."))
	return exitOK
}

// printResult prints diagnostics, a count of them, and the stories left out.
func printResult(w io.Writer, r *build.Result) {
	lang := r.Lang()
	r.Diags.Print(w, lang)
	if errs, warns := r.Diags.Count(); errs+warns > 0 {
		fmt.Fprintln(w, diag.Text(lang,
			fmt.Sprintf("%d lỗi, %d cảnh báo.", errs, warns),
			fmt.Sprintf("%d errors, %d warnings.", errs, warns)))
	}
	for _, s := range r.Skipped {
		switch s.Reason {
		case content.SkippedDraft:
			fmt.Fprintln(w, diag.Text(lang,
				fmt.Sprintf("Chưa đăng (bản nháp): %s “%s”", s.File, s.Title),
				fmt.Sprintf("Not published (draft): %s “%s”", s.File, s.Title)))
		case content.SkippedFuture:
			loc := time.Local
			if r.Config != nil {
				loc = r.Config.TimeZone
			}
			fmt.Fprintln(w, diag.Text(lang,
				fmt.Sprintf("Chưa đăng (hẹn ngày %s): %s “%s”", vi.ShortDate(s.Date.In(loc)), s.File, s.Title),
				fmt.Sprintf("Not published (scheduled for %s): %s “%s”", s.Date.In(loc).Format("2006-01-02"), s.File, s.Title)))
		}
	}
}

// siteLang returns the language of the site in dir, "vi" if it cannot be
// read: for messages printed before the site is loaded.
func siteLang(dir string) string {
	var ignored diag.List
	if cfg := config.Load(sitefs.Dir(dir), &ignored); cfg != nil {
		return cfg.Language
	}
	return "vi"
}

// destError explains why the destination folder cannot be written: in the
// site's language lang where the catalogue has the message, else in
// Vietnamese then English.
func destError(lang string, err error) string {
	var unsafe *publish.UnsafeDestError
	var mount *publish.MountPointError
	switch {
	case errors.As(err, &mount):
		return diag.MountPoint.Format(lang, mount.Dest, filepath.Join(mount.Dest, "public"))
	case errors.As(err, new(*publish.WriteError)):
		return diag.OutputError.Format(lang, err)
	case errors.As(err, &unsafe):
		why := map[publish.UnsafeReason]string{
			publish.DestIsRoot:    "đó là thư mục gốc của máy",
			publish.DestIsHome:    "đó là thư mục nhà của người dùng",
			publish.DestHoldsSite: "nó chứa chính thư mục trang " + unsafe.Site,
			publish.DestInSources: "nó nằm trong thư mục nguồn content/ hoặc themes/",
		}[unsafe.Reason]
		return fmt.Sprintf("không ghi vào %s vì %s; hãy chọn thư mục khác bằng -d (%v)", unsafe.Dest, why, err)
	case errors.Is(err, publish.ErrNotOurs):
		return fmt.Sprintf("thư mục đích không trống và không được tạo bởi guong (thiếu tệp %s), nên guong không xóa nó; hãy chọn thư mục khác bằng -d (%v)", publish.Marker, err)
	case errors.Is(err, publish.ErrLocked):
		return fmt.Sprintf("đang có một lần tạo trang khác ghi vào thư mục này; hãy đợi nó xong (%v)", err)
	}
	return err.Error()
}

func roundDuration(d time.Duration) time.Duration {
	if d > time.Second {
		return d.Round(10 * time.Millisecond)
	}
	return d.Round(time.Millisecond)
}

// lastCommitsOnce reads, for enableGitInfo, the dates of the last
// commits of the content files of the site folder dir once, for a
// command that builds once: guong build asks before building (is anything changed?), while
// building, and after (to record what it built from).
func lastCommitsOnce(dir string) func(context.Context) (map[string]time.Time, error) {
	var once sync.Once
	var commits map[string]time.Time
	var err error
	return func(ctx context.Context) (map[string]time.Time, error) {
		once.Do(func() { commits, err = gitinfo.LastCommits(ctx, dir, content.Dir) })
		return commits, err
	}
}
