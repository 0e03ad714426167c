package main

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/guong/guong/internal/corpus"
)

// treeSum fingerprints every file under dir, names and contents.
func treeSum(t *testing.T, dir string) string {
	t.Helper()
	var names []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			names = append(names, p)
		}
		return nil
	})
	sort.Strings(names)
	h := sha256.New()
	for _, n := range names {
		data, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(dir, n)
		h.Write([]byte(rel + "\x00"))
		h.Write(data)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// guongCmd runs this test binary as the guong command.
func guongCmd(args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "GUONG_TEST_AS_MAIN=1")
	return cmd
}

// TestKilledBuild kills a build mid-way: the destination must hold either
// the old output or the new one, whole, and the next build must clean up the
// killed build's temporary folder.
func TestKilledBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 1,500-story site three times")
	}
	root := t.TempDir()
	site := filepath.Join(root, "site")
	var first string
	err := corpus.Generate(corpus.Options{Stories: 1500, Seed: 5}, func(f corpus.File) error {
		if first == "" && strings.HasPrefix(f.Path, "content/stories/") {
			first = f.Path
		}
		p := filepath.Join(site, filepath.FromSlash(f.Path))
		os.MkdirAll(filepath.Dir(p), 0o755)
		return os.WriteFile(p, f.Data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(site, "public")
	if out, err := guongCmd("build", "-s", site).CombinedOutput(); err != nil {
		t.Fatalf("first build: %v\n%s", err, out)
	}
	old := treeSum(t, dest)

	// Change a story so that the new output differs, then kill the build
	// once its temporary folder is filling up.
	storyFile := filepath.Join(site, filepath.FromSlash(first))
	src, _ := os.ReadFile(storyFile)
	os.WriteFile(storyFile, []byte(strings.Replace(string(src), "title: \"", "title: \"Đã sửa – ", 1)), 0o644)
	cmd := guongCmd("build", "-s", site)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	killed := false
	for time.Now().Before(deadline) && !killed {
		tmps, _ := filepath.Glob(filepath.Join(site, ".public.guong-tmp-*"))
		for _, tmp := range tmps {
			if n := countFiles(tmp); n > 200 {
				cmd.Process.Kill()
				killed = true
				break
			}
		}
		time.Sleep(2 * time.Millisecond)
	}
	cmd.Wait()
	if !killed {
		t.Skip("the build finished before it could be killed")
	}
	if got := treeSum(t, dest); got != old {
		t.Errorf("after the kill the destination is not the old output")
	}
	if tmps, _ := filepath.Glob(filepath.Join(site, ".public.guong-*")); len(tmps) == 0 {
		t.Errorf("expected the killed build's temporary folder to be left behind")
	}

	// The next build completes and cleans up.
	if out, err := guongCmd("build", "-s", site).CombinedOutput(); err != nil {
		t.Fatalf("build after the kill: %v\n%s", err, out)
	}
	if tmps, _ := filepath.Glob(filepath.Join(site, ".public.guong-*")); len(tmps) != 0 {
		t.Errorf("temporary folders left after the next build: %v", tmps)
	}
	if got := treeSum(t, dest); got == old {
		t.Errorf("the build after the kill did not publish the change")
	}
}

func countFiles(dir string) int {
	n := 0
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			n++
		}
		return nil
	})
	return n
}
