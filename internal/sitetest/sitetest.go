// Package sitetest gives tests a copy of this repository's own site (its
// site.yaml and content/), to change without touching the repository.
package sitetest

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// Copy copies the repository's site.yaml and content/ into a temporary
// folder of t's and returns the folder.
func Copy(t testing.TB) string {
	t.Helper()
	_, here, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatal("sitetest: cannot tell where the repository is")
	}
	root := filepath.Join(filepath.Dir(here), "..", "..")
	dir := t.TempDir()
	yaml, err := os.ReadFile(filepath.Join(root, "site.yaml"))
	if err == nil {
		err = os.WriteFile(filepath.Join(dir, "site.yaml"), yaml, 0o644)
	}
	if err == nil {
		err = os.CopyFS(filepath.Join(dir, "content"), os.DirFS(filepath.Join(root, "content")))
	}
	if err != nil {
		t.Fatal(err)
	}
	return dir
}
