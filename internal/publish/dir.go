package publish

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"

	"github.com/guong/guong/internal/sitefs"
)

// Marker is the file guong leaves in every destination it writes. A folder
// that is neither empty nor marked is never replaced.
const Marker = ".guong-output"

// Dir is an Output that writes into a private temporary folder beside the
// destination and swaps it in by Commit. Until then the destination is
// untouched; Abort removes the temporary folder.
type Dir struct {
	// Stamp, if set before Commit, is written into the marker file: the
	// fingerprint of the inputs the output was built from (see ReadStamp).
	Stamp string

	dest string // the destination folder, absolute
	tmp  string // the temporary folder being written
	lock *lock  // held from Open to Commit or Abort

	// Files are written by one goroutine, in the order Write queues them:
	// see writeLoop.
	start   sync.Once
	queue   chan queued
	stopped chan struct{}
	made    map[string]bool // folders made inside tmp, by their path relative to it

	mu  sync.Mutex
	err error // the first write that failed

	// Leftovers are folders of earlier builds, beside the destination,
	// that Open could not remove (see recoverDir): the build goes on, and
	// the caller may warn about them.
	Leftovers []string
}

// errNoExchange is exchange's error where folders cannot be swapped in one
// step.
var errNoExchange = errors.New("no atomic exchange of folders here")

// WriteError is the error of writing a file of the output: a full disk, a
// quota, a name the file system refuses. It is an output error, not one of
// the content or the theme.
type WriteError struct {
	Name string // the file, relative to the output
	Err  error
}

func (e *WriteError) Error() string { return fmt.Sprintf("writing %s: %v", e.Name, e.Err) }
func (e *WriteError) Unwrap() error { return e.Err }

// MountPointError is returned for a destination that is a mount point: a
// mount point cannot be renamed, so it cannot be swapped for a new output.
// Building into a folder inside it works.
type MountPointError struct {
	Dest string
}

func (e *MountPointError) Error() string {
	return fmt.Sprintf("%s is a mount point, which cannot be replaced; build into a folder inside it, such as %s", e.Dest, filepath.Join(e.Dest, "public"))
}

// LeftoverError is returned by Commit when the new output is in place but
// the old one, set aside, could not be removed (a read-only folder or an
// immutable file in it): the build IS published, and Path is left beside
// it. The next Open tries again to remove it, and does not fail if it
// cannot.
type LeftoverError struct {
	Path string
	Err  error
}

func (e *LeftoverError) Error() string {
	return fmt.Sprintf("the new output is published, but the old one could not be removed: %s is left (%v)", e.Path, e.Err)
}
func (e *LeftoverError) Unwrap() error { return e.Err }

// removeAll is os.RemoveAll and exchangeFolders exchange; tests make them
// fail, or watch them.
var (
	removeAll       = os.RemoveAll
	exchangeFolders = exchange
)

// queued is a file waiting to be written.
type queued struct {
	name    string
	data    []byte
	release func() // if not nil, called once data is written
}

// temporary folder names, beside the destination: .<base>.guong-tmp-*,
// .<base>.guong-old-*.
func tmpPattern(dest string) string {
	return "." + filepath.Base(dest) + ".guong-tmp-"
}

func oldPattern(dest string) string {
	return "." + filepath.Base(dest) + ".guong-old-"
}

// Open prepares a build into dest. It recovers from an interrupted earlier
// build (restoring a destination left aside mid-swap, removing its
// temporary folders) and refuses a destination that guong did not write.
func Open(dest string) (*Dir, error) {
	dest, err := filepath.Abs(dest)
	if err != nil {
		return nil, err
	}
	parent := filepath.Dir(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	lock, err := lockDest(dest)
	if err != nil {
		return nil, err
	}
	d, err := open(dest)
	if err != nil {
		lock.release()
		return nil, err
	}
	d.lock = lock
	return d, nil
}

func open(dest string) (*Dir, error) {
	leftovers, err := recoverDir(dest)
	if err != nil {
		return nil, err
	}
	if err := checkOwned(dest); err != nil {
		return nil, err
	}
	// Found before a whole output is written beside it for nothing.
	if mountPoint(dest) {
		return nil, &MountPointError{Dest: dest}
	}
	tmp, err := os.MkdirTemp(filepath.Dir(dest), tmpPattern(dest))
	if err != nil {
		return nil, fmt.Errorf("creating a temporary folder beside %s: %w", dest, err)
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		os.RemoveAll(tmp)
		return nil, err
	}
	return &Dir{dest: dest, tmp: tmp, Leftovers: leftovers}, nil
}

// mountPoint is isMountPoint; tests pretend.
var mountPoint = isMountPoint

// ErrNotOurs is returned for a destination that is neither empty nor marked
// as guong's output.
var ErrNotOurs = errors.New("destination is not empty and was not written by guong")

// checkOwned refuses a destination that exists, is not empty and carries no marker.
func checkOwned(dest string) error {
	info, err := os.Lstat(dest)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !info.IsDir() {
		return fmt.Errorf("%s: %w", dest, ErrNotOurs)
	}
	if _, err := os.Stat(filepath.Join(dest, Marker)); err == nil {
		return nil
	}
	entries, err := os.ReadDir(dest)
	if err != nil {
		return err
	}
	if len(entries) > 0 {
		return fmt.Errorf("%s: %w", dest, ErrNotOurs)
	}
	return nil
}

// recoverDir cleans up after a build that was killed: if the destination is
// missing but a copy set aside during a two-rename swap exists, it is put
// back; stale temporary folders are removed. A folder it cannot remove
// (or put back) does not stop the build: it is returned, to be reported,
// and tried again next time. Only an unreadable parent folder is an error.
func recoverDir(dest string) (leftovers []string, err error) {
	parent := filepath.Dir(dest)
	entries, err := os.ReadDir(parent)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	_, statErr := os.Lstat(dest)
	destMissing := errors.Is(statErr, os.ErrNotExist)
	for _, e := range entries {
		name := e.Name()
		full := filepath.Join(parent, name)
		old := strings.HasPrefix(name, oldPattern(dest))
		if !e.IsDir() || !old && !strings.HasPrefix(name, tmpPattern(dest)) {
			continue
		}
		if old && destMissing {
			if err := os.Rename(full, dest); err == nil {
				destMissing = false
				continue
			}
		}
		if err := removeAll(full); err != nil {
			leftovers = append(leftovers, full)
		}
	}
	return leftovers, nil
}

// Path returns the temporary folder being written.
func (d *Dir) Path() string { return d.tmp }

// Dest returns the destination folder.
func (d *Dir) Dest() string { return d.dest }

// Write queues data to be written to name inside the temporary folder, and
// returns at once; the caller must not change data afterwards. An error of
// an earlier write is returned by the next Write, by Flush and by Commit.
func (d *Dir) Write(name string, data []byte) error {
	return d.WriteRelease(name, data, nil)
}

// WriteRelease is Write, then calls release, if it is not nil, once data
// is written (or at once, if it is refused).
func (d *Dir) WriteRelease(name string, data []byte, release func()) error {
	if !ValidPath(name) {
		if release != nil {
			release()
		}
		return fmt.Errorf("publish: invalid output path %q", name)
	}
	if err := d.firstErr(); err != nil {
		if release != nil {
			release()
		}
		return err
	}
	d.start.Do(func() {
		d.queue = make(chan queued, 64)
		d.stopped = make(chan struct{})
		d.made = map[string]bool{}
		go d.writeLoop()
	})
	if d.queue == nil {
		if release != nil {
			release()
		}
		return errors.New("publish: write after the output was flushed")
	}
	d.queue <- queued{name, data, release}
	return nil
}

// writeLoop does all the file system work of a build's writes, one file
// after another. Making folders and files is most of a build's time on a
// slow file system, and it is kernel time: two threads making files in the
// same tree slow each other down more than they gain (measured on the 2-core
// machine the benchmarks run on), while one thread writing leaves the other
// core to the templates.
func (d *Dir) writeLoop() {
	defer close(d.stopped)
	for q := range d.queue {
		if d.firstErr() == nil { // else the build failed: drain the queue
			if err := d.writeNow(q.name, q.data); err != nil {
				d.mu.Lock()
				d.err = &WriteError{Name: q.name, Err: err}
				d.mu.Unlock()
			}
		}
		if q.release != nil {
			q.release()
		}
	}
}

func (d *Dir) firstErr() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.err
}

// Flush waits until every queued file is written and returns the first
// write error. Nothing may be written after it.
func (d *Dir) Flush() error {
	d.start.Do(func() {}) // never started: no writes
	if d.queue != nil {
		close(d.queue)
		<-d.stopped
		d.queue = nil
	}
	return d.firstErr()
}

func (d *Dir) writeNow(name string, data []byte) error {
	if dir := path.Dir(name); dir != "." {
		if err := d.mkdir(dir); err != nil {
			return err
		}
	}
	return writeFile(filepath.Join(d.tmp, filepath.FromSlash(name)), data)
}

// mkdir makes the folder dir (slash-separated, relative to the temporary
// folder) and its parents, each once per build: making a folder is the
// dearest thing a build asks of the file system, and os.MkdirAll would also
// look each one up first, for every file.
func (d *Dir) mkdir(dir string) error {
	if d.made[dir] {
		return nil
	}
	if parent := path.Dir(dir); parent != "." {
		if err := d.mkdir(parent); err != nil {
			return err
		}
	}
	err := os.Mkdir(filepath.Join(d.tmp, filepath.FromSlash(dir)), 0o755)
	if err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	d.made[dir] = true
	return nil
}

// Commit marks the new output as guong's and swaps it in for the
// destination. On Linux the swap is one step (renameat2 RENAME_EXCHANGE):
// at every moment the destination holds the old output or the new one,
// whole. Elsewhere, or on a file system that cannot exchange, it is two
// renames (the old output set aside, the new one put in its place), and a
// build killed between them leaves the destination missing until the next
// Open puts the old output back. The old output is then removed; if that
// fails, the new output is published all the same and Commit returns a
// *LeftoverError. On any other error the destination is as it was and the
// temporary folder is removed.
func (d *Dir) Commit() error {
	if err := d.Flush(); err != nil {
		d.Abort()
		return err
	}
	fail := func(err error) error {
		d.Abort()
		if busy(err) {
			return &MountPointError{Dest: d.dest}
		}
		return err
	}
	marker := "This folder is written by guong; it is replaced on every build.\n"
	if d.Stamp != "" {
		marker += "inputs " + d.Stamp + "\n"
	}
	if err := os.WriteFile(filepath.Join(d.tmp, Marker), []byte(marker), 0o644); err != nil {
		return fail(&WriteError{Name: Marker, Err: err})
	}
	if err := checkOwned(d.dest); err != nil { // it may have changed while building
		return fail(err)
	}
	defer d.lock.release()
	if _, err := os.Lstat(d.dest); errors.Is(err, fs.ErrNotExist) {
		if err := os.Rename(d.tmp, d.dest); err != nil {
			return fail(err)
		}
		return nil
	}
	old := d.tmp // after the exchange, it holds the old output
	switch err := exchangeFolders(d.tmp, d.dest); {
	case errors.Is(err, errNoExchange):
		old = filepath.Join(filepath.Dir(d.dest), oldPattern(d.dest)+filepath.Base(d.tmp)[len(tmpPattern(d.dest)):])
		if err := os.Rename(d.dest, old); err != nil {
			return fail(err)
		}
		if err := os.Rename(d.tmp, d.dest); err != nil {
			os.Rename(old, d.dest)
			return fail(err)
		}
	case err != nil:
		return fail(err)
	}
	if err := removeAll(old); err != nil {
		return &LeftoverError{Path: old, Err: err}
	}
	return nil
}

// Abort removes the temporary folder, leaving the destination as it was.
func (d *Dir) Abort() error {
	defer d.lock.release()
	d.Flush()
	return os.RemoveAll(d.tmp)
}

// UnsafeDestError tells why a destination was refused.
type UnsafeDestError struct {
	Dest   string
	Reason UnsafeReason
	Site   string
}

// UnsafeReason is why a destination may not be written.
type UnsafeReason int

const (
	// DestIsRoot is the file-system root.
	DestIsRoot UnsafeReason = iota
	// DestIsHome is the user's home folder.
	DestIsHome
	// DestHoldsSite is the site folder or a folder that contains it.
	DestHoldsSite
	// DestInSources lies inside content/ or themes/.
	DestInSources
)

func (e *UnsafeDestError) Error() string {
	switch e.Reason {
	case DestIsRoot:
		return fmt.Sprintf("refusing to write the output to the root folder %s", e.Dest)
	case DestIsHome:
		return fmt.Sprintf("refusing to write the output to the home folder %s", e.Dest)
	case DestHoldsSite:
		return fmt.Sprintf("refusing to write the output to %s: it holds the site folder %s", e.Dest, e.Site)
	}
	return fmt.Sprintf("refusing to write the output to %s: it is inside the site's sources", e.Dest)
}

// CheckDest refuses destinations a build must never replace: the site
// folder itself or any folder containing it, anything inside its content or
// themes folders, the file-system root and the home folder.
func CheckDest(siteDir, dest string) error {
	s, err := filepath.Abs(siteDir)
	if err != nil {
		return err
	}
	d, err := filepath.Abs(dest)
	if err != nil {
		return err
	}
	if rs, err := filepath.EvalSymlinks(s); err == nil {
		s = rs
	}
	if rd, err := evalExisting(d); err == nil {
		d = rd
	}
	home, _ := os.UserHomeDir()
	if rh, err := filepath.EvalSymlinks(home); err == nil {
		home = rh
	}
	fail := func(r UnsafeReason) error { return &UnsafeDestError{Dest: d, Reason: r, Site: s} }
	switch {
	case d == filepath.Dir(d):
		return fail(DestIsRoot)
	case home != "" && d == filepath.Clean(home):
		return fail(DestIsHome)
	case within(s, d):
		return fail(DestHoldsSite)
	case within(d, filepath.Join(s, "content")), within(d, filepath.Join(s, "themes")):
		return fail(DestInSources)
	}
	return nil
}

// within reports whether p is dir or inside it.
func within(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// evalExisting resolves links in the longest existing prefix of p.
func evalExisting(p string) (string, error) {
	if r, err := filepath.EvalSymlinks(p); err == nil {
		return r, nil
	}
	parent := filepath.Dir(p)
	if parent == p {
		return p, nil
	}
	rp, err := evalExisting(parent)
	if err != nil {
		return p, err
	}
	return filepath.Join(rp, filepath.Base(p)), nil
}

// ReadStamp returns the stamp of the output in dest, or "" if it has none
// or ctx is done first (the read is abandoned then: see
// sitefs.ReadFileIn). A marker that is a link, or not a regular file, is
// not read.
func ReadStamp(ctx context.Context, dest string) string {
	data, err := sitefs.ReadFileIn(ctx, dest, Marker)
	if err != nil {
		return ""
	}
	for _, line := range strings.Split(string(data), "\n") {
		if s, ok := strings.CutPrefix(line, "inputs "); ok {
			return s
		}
	}
	return ""
}
