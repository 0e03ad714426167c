package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/guong/guong/internal/build"
	"github.com/guong/guong/internal/config"
	"github.com/guong/guong/internal/content"
	"github.com/guong/guong/internal/diag"
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
	opts := build.Options{Drafts: *drafts, Future: *future, Themes: themes.FS, CacheDir: filepath.Join(*src, build.CacheDir)}
	siteFS := sitefs.Dir(*src)

	// Nothing changed since the last build: its output is what a new build
	// would write, so it stays as it is. Fingerprinting the inputs reads
	// every one of them, so it is done only when the last build's records
	// say the output may be up to date.
	start := time.Now()
	manifest, stamp := build.ReadManifest(opts.CacheDir), publish.ReadStamp(*dest)
	if !*force && build.MayBeUpToDate(manifest, *dest, stamp, start) {
		inputs, err := build.Inputs(siteFS, opts, Version)
		if err == nil && build.UpToDate(manifest, inputs, *dest, stamp, start) {
			fmt.Fprintf(stdout, "Không có gì thay đổi từ lần tạo trước: %s giữ nguyên (%s). Dùng --force để tạo lại.\n", *dest, roundDuration(time.Since(start)))
			return exitOK
		}
	}

	out, err := publish.Open(*dest)
	if err != nil {
		fmt.Fprintf(stderr, "guong build: %s\n", destError(siteLang(*src), err))
		return exitContent
	}
	stopLimit := softMemoryLimit(buildMemoryTarget)
	// The output's stamp fingerprints the inputs from the bytes the build
	// reads (see build.Record), not from a second reading of every file.
	recording, digests := build.Record(siteFS)
	r, err := build.Run(ctx, recording, out, opts)
	stopLimit()
	if info, lerr := os.Lstat(opts.CacheDir); lerr == nil && info.Mode()&os.ModeSymlink != 0 {
		// Neither read nor written (see images.Dir, build.WriteManifest):
		// every build resizes every cover again until it is a folder.
		r.Diags.Warnf(diag.Position{File: build.CacheDir}, diag.LinkedFolder, build.CacheDir)
	}
	for _, left := range out.Leftovers {
		r.Diags.Warnf(diag.Position{}, diag.LeftoverFolder, left)
	}
	relabelOutputErrors(r.Diags)
	printResult(stderr, r)
	if err != nil {
		out.Abort()
		if _, isList := diag.AsList(err); !isList {
			fmt.Fprintf(stderr, "guong build: %v\n", err)
		}
		fmt.Fprintln(stderr, diag.Text(r.Lang(), "Không tạo trang vì có lỗi; thư mục đích giữ nguyên như trước.", "Nothing was published because of errors; the destination is unchanged."))
		return exitContent
	}
	if inputs, err := digests.Inputs(opts, Version); err == nil {
		out.Stamp = inputs
	}
	var left *publish.LeftoverError
	if err := out.Commit(); errors.As(err, &left) {
		// Published: the old output is what is left over.
		d := diag.Diagnostic{Severity: diag.Warning, Code: diag.OldOutputLeft, Args: []any{*dest, left.Path, left.Err}}
		fmt.Fprintf(stderr, "guong build: %s\n", d.Format(r.Lang()))
	} else if err != nil {
		fmt.Fprintf(stderr, "guong build: %s\n", destError(r.Lang(), err))
		return exitContent
	}
	if out.Stamp != "" {
		abs, _ := filepath.Abs(*dest)
		build.WriteManifest(opts.CacheDir, build.Manifest{Inputs: out.Stamp, Dest: abs, ValidUntil: build.ValidUntil(r, start)})
	}
	fmt.Fprintln(stdout, diag.Text(r.Lang(),
		fmt.Sprintf("Đã tạo %d trang (%d tệp) vào %s trong %s.", r.Pages, r.Files, *dest, roundDuration(r.Elapsed)),
		fmt.Sprintf("Built %d pages (%d files) into %s in %s.", r.Pages, r.Files, *dest, roundDuration(r.Elapsed))))
	if im := r.Images; im.Resized+im.Cached > 0 {
		fmt.Fprintln(stdout, diag.Text(r.Lang(),
			fmt.Sprintf("Ảnh bìa: %d ảnh mới thu nhỏ, %d ảnh lấy lại từ %s.", im.Resized, im.Cached, build.CacheDir),
			fmt.Sprintf("Covers: %d pictures resized, %d reused from %s.", im.Resized, im.Cached, build.CacheDir)))
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
	r := build.Check(ctx, sitefs.Dir(*src), build.Options{Drafts: *drafts})
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

// relabelOutputErrors gives the errors of writing the output their own
// label. build.run reports every error its writer met as a template error
// (build.go, "r.Diags.Errorf(diag.Position{}, diag.TemplateError, w.err)"),
// the output's write errors (a full disk, a quota) among them; until it
// tells them apart itself, they are told apart here by their type.
func relabelOutputErrors(l diag.List) {
	for i, d := range l {
		if d.Code != diag.TemplateError || len(d.Args) != 1 {
			continue
		}
		var we *publish.WriteError
		if err, ok := d.Args[0].(error); ok && errors.As(err, &we) {
			l[i].Code, l[i].Args = diag.OutputError, []any{we}
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
