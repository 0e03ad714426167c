package build

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/guong/guong/internal/config"
	"github.com/guong/guong/internal/content"
	"github.com/guong/guong/internal/sitefs"
)

// Inputs fingerprints everything a build's output depends on: every file of
// site.yaml, content/ and themes/, the built-in themes, the options and the
// version of guong. Two builds with the same inputs (before the manifest's
// ValidUntil) write the same bytes. It reads every file; a build's own
// fingerprint is better made with Record, from the bytes the build read.
func Inputs(siteFS fs.FS, opts Options, version string) (string, error) {
	return fingerprint(siteFS, opts, version, nil)
}

// fingerprint is Inputs, taking the digest of the files known has read
// from known instead of reading them (known may be nil).
func fingerprint(siteFS fs.FS, opts Options, version string, known *Digests) (string, error) {
	h := sha256.New()
	fmt.Fprintf(h, "guong %s\ndrafts %v future %v minify %v\n", version, opts.Drafts, opts.Future, !opts.NoMinify)
	// Each file adds a line: label, path, size and the SHA-256 of its bytes.
	addFile := func(fsys fs.FS, label, p string, known *Digests) error {
		d, ok := known.get(p)
		if !ok {
			data, err := fs.ReadFile(fsys, p)
			if err != nil {
				return err
			}
			d = digestOf(data)
		}
		fmt.Fprintf(h, "%s %s %d %x\n", label, p, d.size, d.sum)
		return nil
	}
	hashTree := func(fsys fs.FS, root, label string, known *Digests) error {
		return fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if p == root && errors.Is(err, fs.ErrNotExist) {
					return nil
				}
				return err
			}
			if d.IsDir() || !d.Type().IsRegular() {
				if d.Type()&fs.ModeSymlink != 0 {
					fmt.Fprintf(h, "%s link %s\n", label, p)
				}
				return nil
			}
			return addFile(fsys, label, p, known)
		})
	}
	if err := addFile(siteFS, "site", config.File, known); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return "", err
	}
	hashCommits(h, siteFS, opts)
	for _, root := range []string{content.Dir, "themes"} {
		if err := hashTree(siteFS, root, "site", known); err != nil {
			return "", err
		}
	}
	if opts.Themes != nil {
		if err := hashTree(opts.Themes, ".", "builtin", nil); err != nil {
			return "", err
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// hashCommits adds the dates of the content files' last commits to h when
// site.yaml may set enableGitInfo: a commit changes the pages' update
// dates without changing any file's bytes. Without git the dates are
// absent, as they are from the build.
func hashCommits(h io.Writer, siteFS fs.FS, opts Options) {
	if opts.LastCommits == nil {
		return
	}
	if data, err := fs.ReadFile(siteFS, config.File); err != nil || !bytes.Contains(data, []byte("enableGitInfo")) {
		return
	}
	commits, err := opts.LastCommits(context.Background())
	if err != nil {
		return
	}
	names := slices.Sorted(maps.Keys(commits))
	for _, name := range names {
		fmt.Fprintf(h, "git %s %s\n", name, commits[name].UTC().Format(time.RFC3339))
	}
}

// Digests remembers the digest of every file read through the file system
// Record returned with it, so that a build's fingerprint (Digests.Inputs)
// is made from the bytes the build read: reading every input a second time
// costs a build of 100,000 stories two seconds of CPU.
type Digests struct {
	fsys fs.FS
	mu   sync.Mutex
	sums map[string]digest
}

// digest is a file's size and the SHA-256 of its bytes.
type digest struct {
	size int
	sum  [sha256.Size]byte
}

func digestOf(data []byte) digest {
	return digest{size: len(data), sum: sha256.Sum256(data)}
}

// get returns the digest of the file at p as it was read, if it was.
func (d *Digests) get(p string) (digest, bool) {
	if d == nil {
		return digest{}, false
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	sum, ok := d.sums[p]
	return sum, ok
}

// Record returns siteFS as a file system that records, in the Digests it
// returns too, the digest of every file read with ReadFile (as fs.ReadFile
// does). Everything else it passes through unchanged.
func Record(siteFS fs.FS) (fs.FS, *Digests) {
	d := &Digests{fsys: siteFS, sums: map[string]digest{}}
	return recordingFS{fsys: siteFS, digests: d}, d
}

// Inputs returns what Inputs would return for the file system given to
// Record, taking the digest of every file read through it from the bytes
// read then, and reading only the others. The fingerprint is of what the
// build read, should a file have changed since.
func (d *Digests) Inputs(opts Options, version string) (string, error) {
	return fingerprint(d.fsys, opts, version, d)
}

// recordingFS is the file system Record returns.
type recordingFS struct {
	fsys    fs.FS
	digests *Digests
}

func (r recordingFS) Open(name string) (fs.File, error)          { return r.fsys.Open(name) }
func (r recordingFS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(r.fsys, name) }
func (r recordingFS) Stat(name string) (fs.FileInfo, error)      { return fs.Stat(r.fsys, name) }
func (r recordingFS) Lstat(name string) (fs.FileInfo, error)     { return fs.Lstat(r.fsys, name) }
func (r recordingFS) ReadLink(name string) (string, error)       { return fs.ReadLink(r.fsys, name) }

func (r recordingFS) ReadFile(name string) ([]byte, error) {
	data, err := fs.ReadFile(r.fsys, name)
	r.digests.mu.Lock()
	_, seen := r.digests.sums[name]
	r.digests.mu.Unlock()
	// A story's file is read twice, the second time for its body (see
	// content.ReadBody), which fails the build if the file changed since.
	if err == nil && !seen {
		d := digestOf(data)
		r.digests.mu.Lock()
		r.digests.sums[name] = d
		r.digests.mu.Unlock()
	}
	return data, err
}

// Manifest records the last successful build of a site, in its cache
// folder, so that a build with nothing changed can leave the output alone.
type Manifest struct {
	Inputs     string    `json:"inputs"`     // see Inputs
	Dest       string    `json:"dest"`       // the destination folder, absolute
	ValidUntil time.Time `json:"validUntil"` // when the output may change with the date alone
}

// manifestFile is the manifest's name in the cache folder.
const manifestFile = "last-build.json"

// ReadManifest reads the manifest from cacheDir; a missing or unreadable
// one is the zero Manifest, and so is one whose read ctx stopped (see
// sitefs.ReadFileIn). Neither cacheDir nor the manifest is read through a
// symbolic link, nor if it is not a regular file.
func ReadManifest(ctx context.Context, cacheDir string) Manifest {
	var m Manifest
	if cacheDir == "" {
		return m
	}
	data, err := sitefs.ReadFileIn(ctx, cacheDir, manifestFile)
	if err == nil {
		json.Unmarshal(data, &m)
	}
	return m
}

// WriteManifest records a successful build in cacheDir, made if it does not
// exist (its parent must). A cacheDir that is a symbolic link is refused,
// and the manifest is written to a new temporary file renamed over it: a
// link in the cache is replaced, never written through.
func WriteManifest(cacheDir string, m Manifest) error {
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	return sitefs.WriteFile(cacheDir, manifestFile, data)
}

// ValidUntil returns when the output of a build made at now stops being
// what a new build would write although no file changed: at the next
// midnight in the site's time zone (campaigns start and end by the day),
// or when the first scheduled story falls due, whichever comes first.
func ValidUntil(r *Result, now time.Time) time.Time {
	loc := time.UTC
	if r.Config != nil && r.Config.TimeZone != nil {
		loc = r.Config.TimeZone
	}
	n := now.In(loc)
	until := time.Date(n.Year(), n.Month(), n.Day()+1, 0, 0, 0, 0, loc)
	for _, s := range r.Skipped {
		if s.Reason == content.SkippedFuture && s.Date.Before(until) {
			until = s.Date
		}
	}
	return until
}

// UpToDate reports whether the output in dest was built from inputs and
// is still valid at now, according to the manifest in cacheDir and the
// stamp the build left in dest.
func UpToDate(m Manifest, inputs, dest, stamp string, now time.Time) bool {
	return MayBeUpToDate(m, dest, stamp, now) && inputs == m.Inputs
}

// MayBeUpToDate reports whether the output in dest can be up to date at
// now, whatever the inputs are now: the manifest and the stamp agree on
// the inputs the output was built from, for this destination, and the
// output is still valid. If not, there is no need to fingerprint the
// inputs before building.
func MayBeUpToDate(m Manifest, dest, stamp string, now time.Time) bool {
	abs, err := filepath.Abs(dest)
	return err == nil && m.Inputs != "" && m.Dest == abs &&
		stamp == m.Inputs && now.Before(m.ValidUntil) && !strings.ContainsAny(m.Inputs, " \n")
}
