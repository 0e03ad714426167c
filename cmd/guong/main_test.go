package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	if os.Getenv("GUONG_TEST_AS_MAIN") == "1" { // a subprocess of TestKilledBuild
		os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
	}
	testscript.Main(m, map[string]func(){
		"guong": func() { os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs the end-to-end scripts in testdata/script: each is a
// small site and the guong commands a user would type, with what they print.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		Cmds:                map[string]func(*testscript.TestScript, bool, []string){"waitfile": waitFile},
	})
}

// waitFile is the script command "waitfile FILE": it waits, up to 30
// seconds, until FILE exists and is not empty (written by a background
// command).
func waitFile(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: waitfile FILE")
	}
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if fi, err := os.Stat(ts.MkAbs(args[0])); err == nil && fi.Size() > 0 {
			return
		}
	}
	ts.Fatalf("%s did not appear", args[0])
}

// TestExitCodes checks the documented exit codes: 0 success, 1 content
// errors, 2 usage errors.
func TestExitCodes(t *testing.T) {
	good := map[string]string{
		"site.yaml":            "title: \"T\"\nbaseURL: \"https://example.gov.vn/\"\ndepartments:\n  van-phong: {name: \"Văn phòng Sở\"}\n",
		"content/stories/a.md": "---\ntitle: \"A\"\ndate: 2023-06-11\nperson: \"Hoàng Thị Lan\"\ndepartment: van-phong\nmodel: dan-van-kheo\n---\nBody.\n",
	}
	bad := map[string]string{
		"site.yaml":            good["site.yaml"],
		"content/stories/a.md": strings.Replace(good["content/stories/a.md"], "dan-van-kheo", "dan-van", 1),
	}
	tests := []struct {
		name  string
		files map[string]string
		args  []string
		want  int
	}{
		{"build ok", good, []string{"build"}, exitOK},
		{"check ok", good, []string{"check"}, exitOK},
		{"build content error", bad, []string{"build"}, exitContent},
		{"check content error", bad, []string{"check"}, exitContent},
		{"no command", good, nil, exitUsage},
		{"unknown command", good, []string{"frobnicate"}, exitUsage},
		{"unknown flag", good, []string{"build", "--nope"}, exitUsage},
		{"extra argument", good, []string{"build", "extra"}, exitUsage},
		{"destination is the site", good, []string{"build", "-d", "SITE"}, exitUsage},
		{"destination holds the site", good, []string{"build", "-d", "SITE/.."}, exitUsage},
		{"destination in content", good, []string{"build", "-d", "SITE/content/public"}, exitUsage},
		{"help", good, []string{"build", "--help"}, exitOK},
		{"version", good, []string{"version"}, exitOK},
		{"new without title", good, []string{"new", "story"}, exitUsage},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, data := range tc.files {
				p := filepath.Join(dir, filepath.FromSlash(name))
				os.MkdirAll(filepath.Dir(p), 0o755)
				if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			var args []string
			for _, a := range tc.args {
				args = append(args, strings.Replace(a, "SITE", dir, 1))
			}
			if len(args) > 0 && (args[0] == "build" || args[0] == "check" || args[0] == "new") {
				args = append(args, "-s", dir)
			}
			var stdout, stderr bytes.Buffer
			if got := run(context.Background(), args, &stdout, &stderr); got != tc.want {
				t.Errorf("guong %s: exit %d, want %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), got, tc.want, &stdout, &stderr)
			}
		})
	}
}
