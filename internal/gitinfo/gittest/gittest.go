// Package gittest runs git for tests, in a repository of their own, with
// fixed dates and identity and none of the machine's git settings.
package gittest

import (
	"os"
	"os/exec"
	"testing"
)

// Git runs git with args in dir, as authored and committed at date (a
// date git reads, "2024-03-05T10:00:00+07:00"), failing t on error.
func Git(t testing.TB, dir, date string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_AUTHOR_DATE="+date, "GIT_COMMITTER_DATE="+date,
		"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.gov.vn", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.gov.vn",
		"GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
}
