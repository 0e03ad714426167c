// Package gitinfo reads when the files of a site folder were last
// committed to git, for site.yaml's enableGitInfo: one "git log" over a
// folder gives the date of every file in it, rather than one git process
// per file.
package gitinfo

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"
	"sync"
	"time"

	"github.com/guong/guong/internal/vi"
)

// ErrNoGit is returned when the git command is not installed.
var ErrNoGit = errors.New("git is not installed")

// ErrNotRepository is returned, wrapped, when the folder is not in a git
// work tree.
var ErrNotRepository = errors.New("not in a git repository")

// LastCommits returns the committer date of the last commit that changed
// each file under folder, a slash path relative to dir, keyed by the
// file's slash path relative to dir, normalised to NFC. dir must be in a
// git work tree. Files never committed are absent; in a shallow clone the
// oldest commit fetched stands for the history before it.
func LastCommits(ctx context.Context, dir, folder string) (map[string]time.Time, error) {
	if _, err := exec.LookPath("git"); err != nil {
		return nil, ErrNoGit
	}
	// %x1e starts each commit; -z ends its date and each name with NUL;
	// --relative names files from dir; core.quotePath=false keeps
	// Vietnamese file names as they are.
	cmd := exec.CommandContext(ctx, "git", "-c", "core.quotePath=false", "log", "--format=%x1e%cI",
		"--name-only", "--no-renames", "--relative", "-z", "--", folder)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		if strings.Contains(stderr.String(), "not a git repository") {
			return nil, fmt.Errorf("git log: %w", ErrNotRepository)
		}
		if msg, _, _ := strings.Cut(strings.TrimSpace(stderr.String()), "\n"); msg != "" {
			return nil, fmt.Errorf("git log: %s: %w", msg, err)
		}
		return nil, fmt.Errorf("git log: %w", err)
	}
	return parseLog(out)
}

// parseLog reads the output of LastCommits' git log: for each commit,
// newest first, "\x1e" DATE "\x00" then "\n"NAME "\x00" NAME "\x00" ….
func parseLog(out []byte) (map[string]time.Time, error) {
	dates := map[string]time.Time{}
	for _, rec := range bytes.Split(out, []byte{0x1e}) {
		if len(rec) == 0 {
			continue
		}
		fields := strings.Split(string(rec), "\x00")
		when, err := time.Parse(time.RFC3339, strings.TrimSpace(fields[0]))
		if err != nil {
			return nil, fmt.Errorf("git log: reading the date %q: %w", fields[0], err)
		}
		for _, name := range fields[1:] {
			name = vi.NFC(strings.TrimLeft(name, "\n"))
			if _, seen := dates[name]; name != "" && !seen {
				dates[name] = when // the newest commit comes first
			}
		}
	}
	return dates, nil
}

// Reader reads LastCommits again only when the repository's HEAD has moved:
// the dates change with commits, not with edits, and the live preview asks
// on every rebuild. Safe for concurrent use.
type Reader struct {
	dir, folder string

	mu    sync.Mutex
	head  string
	dates map[string]time.Time
}

// NewReader returns a Reader of the files under folder, relative to dir.
func NewReader(dir, folder string) *Reader { return &Reader{dir: dir, folder: folder} }

// LastCommits is the package's LastCommits, kept while HEAD names the same
// commit.
func (r *Reader) LastCommits(ctx context.Context) (map[string]time.Time, error) {
	head, err := headCommit(ctx, r.dir)
	r.mu.Lock()
	defer r.mu.Unlock()
	if err == nil && head == r.head && r.dates != nil {
		return r.dates, nil
	}
	dates, err := LastCommits(ctx, r.dir, r.folder)
	if err != nil {
		return nil, err
	}
	r.head, r.dates = head, dates
	return dates, nil
}

// headCommit returns the commit HEAD names, "" with an error if none.
func headCommit(ctx context.Context, dir string) (string, error) {
	cmd := exec.CommandContext(ctx, "git", "rev-parse", "--verify", "-q", "HEAD")
	cmd.Dir = dir
	out, err := cmd.Output()
	return strings.TrimSpace(string(out)), err
}
