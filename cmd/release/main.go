// Command release builds the release archives of guong: for each target,
// guong cross-compiled with its version stamped, packed with the sample
// site (this repository's site.yaml and content/), the writers' guide and a
// Vietnamese quick start, BAT-DAU.txt. Windows gets a .zip, the others a
// .tar.gz. Run it from the repository's root:
//
//	go run ./cmd/release [-version v1.2.0] [-out dist] [-targets windows/amd64,linux/amd64]
//
// The version defaults to "git describe --tags --always --dirty".
package main

import (
	"archive/tar"
	"archive/zip"
	"compress/gzip"
	"context"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"time"
)

// Targets are the platforms a release is built for.
var Targets = []string{"windows/amd64", "windows/arm64", "darwin/arm64", "darwin/amd64", "linux/amd64", "linux/arm64"}

func main() {
	version := flag.String("version", "", "the version to stamp (default: git describe --tags --always --dirty)")
	out := flag.String("out", "dist", "the folder the archives are written to")
	targets := flag.String("targets", strings.Join(Targets, ","), "comma-separated GOOS/GOARCH list")
	flag.Parse()
	if *version == "" {
		*version = gitVersion()
	}
	archives, err := Build(context.Background(), ".", *out, *version, strings.Split(*targets, ","))
	for _, a := range archives {
		fmt.Println(a)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "release:", err)
		os.Exit(1)
	}
}

func gitVersion() string {
	out, err := exec.Command("git", "describe", "--tags", "--always", "--dirty").Output()
	if v := strings.TrimSpace(string(out)); err == nil && v != "" {
		return v
	}
	return "dev"
}

// Build cross-compiles guong from the repository at root for each target
// and writes one archive per target into out, returning their paths.
func Build(ctx context.Context, root, out, version string, targets []string) ([]string, error) {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp("", "guong-release-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	var archives []string
	for _, t := range targets {
		goos, goarch, ok := strings.Cut(strings.TrimSpace(t), "/")
		if !ok {
			return archives, fmt.Errorf("target %q is not GOOS/GOARCH", t)
		}
		exe := "guong"
		if goos == "windows" {
			exe += ".exe"
		}
		bin := filepath.Join(tmp, goos+"-"+goarch, exe)
		cmd := exec.CommandContext(ctx, "go", "build", "-trimpath",
			"-ldflags", "-s -w -X main.Version="+version, "-o", bin, "./cmd/guong")
		cmd.Dir = root
		cmd.Env = append(os.Environ(), "GOOS="+goos, "GOARCH="+goarch, "CGO_ENABLED=0")
		if msg, err := cmd.CombinedOutput(); err != nil {
			return archives, fmt.Errorf("building for %s: %v\n%s", t, err, msg)
		}
		name := fmt.Sprintf("guong-%s-%s-%s", version, goos, goarch)
		files, err := archiveFiles(root, bin, exe, goos == "windows")
		if err != nil {
			return archives, err
		}
		a := filepath.Join(out, name)
		if goos == "windows" {
			a += ".zip"
			err = writeZip(a, name, files)
		} else {
			a += ".tar.gz"
			err = writeTarGz(a, name, files)
		}
		if err != nil {
			return archives, err
		}
		archives = append(archives, a)
	}
	return archives, nil
}

// A file of an archive: its slash path in the archive's folder, where its
// bytes come from, and whether it is a program.
type file struct {
	name string
	src  string // a file on disk, or
	data []byte // its bytes
	exec bool
}

// archiveFiles lists what an archive holds: guong, the quick start, the
// guide, site.yaml and content/.
func archiveFiles(root, bin, exe string, windows bool) ([]file, error) {
	quick := quickStart(exe)
	if windows {
		quick = strings.ReplaceAll(quick, "\n", "\r\n") // for Notepad
	}
	files := []file{
		{name: exe, src: bin, exec: true},
		{name: "BAT-DAU.txt", data: []byte(quick)},
		{name: "HUONG-DAN-VIET-BAI.md", src: filepath.Join(root, "docs", "huong-dan-viet-bai.md")},
		{name: "site.yaml", src: filepath.Join(root, "site.yaml")},
	}
	err := filepath.WalkDir(filepath.Join(root, "content"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		rel, err := filepath.Rel(root, p)
		files = append(files, file{name: filepath.ToSlash(rel), src: p})
		return err
	})
	return files, err
}

func (f file) open() (io.ReadCloser, int64, error) {
	if f.src == "" {
		return io.NopCloser(strings.NewReader(string(f.data))), int64(len(f.data)), nil
	}
	r, err := os.Open(f.src)
	if err != nil {
		return nil, 0, err
	}
	fi, err := r.Stat()
	if err != nil {
		r.Close()
		return nil, 0, err
	}
	return r, fi.Size(), nil
}

func (f file) mode() int64 {
	if f.exec {
		return 0o755
	}
	return 0o644
}

// modTime is the time every file of an archive carries, so that an archive
// depends only on its contents.
var modTime = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

func writeZip(dest, dir string, files []file) error {
	w, err := os.Create(dest)
	if err != nil {
		return err
	}
	zw := zip.NewWriter(w)
	for _, f := range files {
		h := &zip.FileHeader{Name: path.Join(dir, f.name), Method: zip.Deflate, Modified: modTime}
		h.SetMode(fs.FileMode(f.mode()))
		fw, err := zw.CreateHeader(h)
		if err != nil {
			return err
		}
		if err := copyFile(fw, f); err != nil {
			return err
		}
	}
	if err := zw.Close(); err != nil {
		w.Close()
		return err
	}
	return w.Close()
}

func writeTarGz(dest, dir string, files []file) error {
	w, err := os.Create(dest)
	if err != nil {
		return err
	}
	gz := gzip.NewWriter(w)
	tw := tar.NewWriter(gz)
	for _, f := range files {
		r, size, err := f.open()
		if err != nil {
			return err
		}
		h := &tar.Header{Name: path.Join(dir, f.name), Mode: f.mode(), Size: size, ModTime: modTime, Typeflag: tar.TypeReg, Format: tar.FormatPAX}
		if err := tw.WriteHeader(h); err != nil {
			r.Close()
			return err
		}
		_, err = io.Copy(tw, r)
		r.Close()
		if err != nil {
			return err
		}
	}
	for _, c := range []io.Closer{tw, gz, w} {
		if err := c.Close(); err != nil {
			return err
		}
	}
	return nil
}

func copyFile(w io.Writer, f file) error {
	r, _, err := f.open()
	if err != nil {
		return err
	}
	defer r.Close()
	_, err = io.Copy(w, r)
	return err
}

// quickStart is BAT-DAU.txt, for a writer who has just unpacked the
// archive; exe is the program's file name.
func quickStart(exe string) string {
	run := "./" + exe
	if strings.HasSuffix(exe, ".exe") {
		run = ".\\" + exe
	}
	return `BẮT ĐẦU VỚI GUONG
=================

guong tạo trang tin “Gương điển hình tiên tiến” từ các bài viết. Thư mục này
có sẵn chương trình guong và một trang mẫu để bắt đầu ngay, không cần cài gì.

1. Giải nén
   Giải nén toàn bộ tệp nén vào một thư mục, ví dụ trong Tài liệu (Documents).
   Đừng chạy guong ngay trong tệp nén.

2. Xem trước trang
   - Trên Windows: nhấp đúp vào ` + exe + `. Nếu Windows hỏi, chọn “Thêm thông tin”
     (More info) rồi “Vẫn chạy” (Run anyway).
   - Hoặc mở cửa sổ dòng lệnh (PowerShell, Terminal) trong thư mục này và gõ:
         ` + run + ` serve
   guong tạo trang rồi tự mở trình duyệt ở trang xem trước
   (http://127.0.0.1:1313/…). Để cửa sổ của guong mở trong khi xem; đóng cửa sổ
   đó (hoặc bấm Ctrl+C) để dừng.

3. Viết một bài
   - Gõ: ` + run + ` new story "Tiêu đề bài viết"
     guong tạo một tệp mới trong content/stories/ (một bản nháp, có sẵn mọi
     trường kèm lời giải thích bằng tiếng Việt).
   - Mở tệp đó bằng Notepad hoặc trình soạn thảo khác, điền các trường ở đầu tệp
     (giữa hai dòng ---) và viết nội dung bên dưới. Lưu tệp bằng bảng mã UTF-8.
   - Mỗi lần lưu, trang xem trước tự tải lại. Nếu có lỗi, guong chỉ rõ tệp, dòng,
     cột và cách sửa, cả trong cửa sổ dòng lệnh lẫn trên trang xem trước.
   - Khi bài đã xong, đổi "draft: true" thành "draft: false".

4. Kiểm tra và tạo trang để đăng
   - ` + run + ` check   kiểm tra mọi bài, không ghi gì
   - ` + run + ` build   tạo trang vào thư mục public/, để đưa lên cổng thông tin

5. Hướng dẫn đầy đủ
   Tệp HUONG-DAN-VIET-BAI.md trong thư mục này (mở bằng Notepad), hoặc trên mạng:
   https://github.com/guong/guong/blob/main/docs/huong-dan-viet-bai.md
   Phiên bản của guong: ` + run + ` version
`
}
