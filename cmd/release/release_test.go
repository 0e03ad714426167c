package main

import (
	"archive/tar"
	"archive/zip"
	"compress/gzip"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestArchives builds release archives into a temporary folder, checks
// what each holds, and runs the one for this machine, if built, on its
// sample site from a clean folder: "guong version" prints the stamped
// version and "guong build" builds the site. It cross-compiles every
// target, so it is skipped under -short; .ci/run builds the archives
// before the tests, so that the build cache is warm for it.
func TestArchives(t *testing.T) {
	if testing.Short() {
		t.Skip("cross-compiles guong")
	}
	targets := Targets
	out := t.TempDir()
	archives, err := Build(context.Background(), "../..", out, "v9.8.7-test", targets)
	if err != nil {
		t.Fatal(err)
	}
	if len(archives) != len(targets) {
		t.Fatalf("archives = %q, want one for each of %q", archives, targets)
	}
	for _, a := range archives {
		names := list(t, a)
		base := strings.TrimSuffix(strings.TrimSuffix(filepath.Base(a), ".zip"), ".tar.gz")
		exe := "guong"
		if strings.Contains(base, "windows") {
			exe = "guong.exe"
		}
		for _, want := range []string{exe, "BAT-DAU.txt", "HUONG-DAN-VIET-BAI.md", "site.yaml", "content/pages/gioi-thieu.md"} {
			if !names[base+"/"+want] {
				t.Errorf("%s has no %s/%s", filepath.Base(a), base, want)
			}
		}
	}
	if runtime.GOOS+"/"+runtime.GOARCH != "linux/amd64" {
		t.Skipf("the archive built for this machine is not run on %s/%s", runtime.GOOS, runtime.GOARCH)
	}
	var linux string
	for _, a := range archives {
		if strings.HasSuffix(a, "-linux-amd64.tar.gz") {
			linux = a
		}
	}
	if linux == "" {
		t.Fatalf("no linux/amd64 archive among %q", archives)
	}
	dir := t.TempDir()
	untar(t, linux, dir)
	site := filepath.Join(dir, "guong-v9.8.7-test-linux-amd64")
	guong := filepath.Join(site, "guong")
	if got := run(t, site, guong, "version"); got != "guong v9.8.7-test\n" {
		t.Errorf("guong version = %q, want %q", got, "guong v9.8.7-test\n")
	}
	run(t, site, guong, "build")
	if _, err := os.Stat(filepath.Join(site, "public", "index.html")); err != nil {
		t.Errorf("guong build in the unpacked archive wrote no public/index.html: %v", err)
	}
}

func run(t *testing.T, dir, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "CI=true")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", filepath.Base(name), strings.Join(args, " "), err, out)
	}
	return string(out)
}

func list(t *testing.T, archive string) map[string]bool {
	t.Helper()
	names := map[string]bool{}
	if strings.HasSuffix(archive, ".zip") {
		zr, err := zip.OpenReader(archive)
		if err != nil {
			t.Fatal(err)
		}
		defer zr.Close()
		for _, f := range zr.File {
			names[f.Name] = true
		}
		return names
	}
	forTar(t, archive, func(h *tar.Header, r io.Reader) { names[h.Name] = true })
	return names
}

func untar(t *testing.T, archive, dir string) {
	t.Helper()
	forTar(t, archive, func(h *tar.Header, r io.Reader) {
		p := filepath.Join(dir, filepath.FromSlash(h.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		w, err := os.OpenFile(p, os.O_CREATE|os.O_WRONLY, os.FileMode(h.Mode))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.Copy(w, r); err != nil {
			t.Fatal(err)
		}
		w.Close()
	})
}

func forTar(t *testing.T, archive string, each func(*tar.Header, io.Reader)) {
	t.Helper()
	f, err := os.Open(archive)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(gz)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		each(h, tr)
	}
}
