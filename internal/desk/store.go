package desk

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/guong/guong/internal/content"
	"github.com/guong/guong/internal/sitefs"
)

// BackupsDir is where the desk keeps the versions it replaced or deleted,
// relative to the site folder: one folder per story, named like the story.
const BackupsDir = ".guong-cache/desk-backups"

// KeepBackups is how many backups of one story are kept; older ones go.
const KeepBackups = 20

// Store reads and writes a site's content files for the desk. Every path
// is slash-separated, relative to the site folder, and confined to
// content/ (see Confine); nothing is written outside the site folder, and
// no symbolic link is followed on the way.
type Store struct {
	root string           // the site folder
	now  func() time.Time // when a backup is made
	mu   sync.Mutex       // one write at a time: the conflict check and the write are one step
}

// NewStore returns the store of the site folder root.
func NewStore(root string) *Store { return &Store{root: root, now: time.Now} }

// Errors of the store. A *ConflictError says the file changed on disk.
var (
	ErrPath     = errors.New("not a path the desk may write: it must be a .md file under content/, without .., hidden folders or links")
	ErrExists   = errors.New("a file of that name already exists")
	ErrNoBackup = errors.New("no such backup")
)

// ConflictError is the error of a write to a file that changed on disk
// since the form was opened: Current is what the file holds now (nil if it
// was deleted), and Hash its Hash.
type ConflictError struct {
	Current []byte
	Hash    string
}

func (e *ConflictError) Error() string { return "the file changed on disk since the form was opened" }

// Hash names a version of a file: the SHA-256 of its bytes, in hex; ""
// for a file that does not exist.
func Hash(data []byte) string {
	if data == nil {
		return ""
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// Confine checks that rel is a path the desk may touch: a valid slash path
// under content/ whose parts are neither "..", hidden nor symbolic links,
// and which, if it exists, is a regular file.
func (s *Store) Confine(rel string) error {
	if !fs.ValidPath(rel) || !strings.HasPrefix(rel, content.Dir+"/") || strings.Contains(rel, "\\") {
		return fmt.Errorf("%s: %w", rel, ErrPath)
	}
	parts := strings.Split(rel, "/")
	for i, p := range parts {
		if strings.HasPrefix(p, ".") || p == "" {
			return fmt.Errorf("%s: %w", rel, ErrPath)
		}
		info, err := os.Lstat(s.abs(path.Join(parts[:i+1]...)))
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return nil // nothing below it exists either
		case err != nil:
			return err
		case info.Mode()&fs.ModeSymlink != 0:
			return fmt.Errorf("%s: %w", rel, sitefs.ErrLink)
		case i < len(parts)-1 && !info.IsDir(), i == len(parts)-1 && !info.Mode().IsRegular():
			return fmt.Errorf("%s: %w", rel, sitefs.ErrNotRegular)
		}
	}
	return nil
}

func (s *Store) abs(rel string) string { return filepath.Join(s.root, filepath.FromSlash(rel)) }

// Read returns the bytes of the file rel, nil if it does not exist.
func (s *Store) Read(rel string) ([]byte, error) {
	if err := s.Confine(rel); err != nil {
		return nil, err
	}
	data, err := fs.ReadFile(sitefs.Dir(s.root), rel)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	return data, err
}

// Save writes data to rel, atomically (a temporary file in the same
// folder, renamed over it), if the file still is the version named base
// (its Hash; "" for a new file): otherwise nothing is written and the
// error is a *ConflictError. The version replaced is kept as a backup.
// Saving the bytes the file already holds writes nothing.
func (s *Store) Save(rel string, data []byte, base string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	cur, err := s.current(rel, base)
	if err != nil {
		return err
	}
	if cur != nil && string(cur) == string(data) {
		return nil
	}
	if cur != nil {
		if err := s.backup(rel, cur); err != nil {
			return err
		}
	}
	return s.write(rel, data)
}

// current reads rel and checks it is the version base.
func (s *Store) current(rel, base string) ([]byte, error) {
	cur, err := s.Read(rel)
	if err != nil {
		return nil, err
	}
	if h := Hash(cur); h != base {
		return nil, &ConflictError{Current: cur, Hash: h}
	}
	return cur, nil
}

// write writes data to rel atomically, making its folders, none of which
// may be a link (sitefs.Mkdir).
func (s *Store) write(rel string, data []byte) error {
	dir := path.Dir(rel)
	parts := strings.Split(dir, "/")
	for i := range parts {
		if err := sitefs.Mkdir(s.abs(path.Join(parts[:i+1]...))); err != nil {
			return err
		}
	}
	if err := s.Confine(rel); err != nil { // a link put in place meanwhile
		return err
	}
	return sitefs.WriteFile(s.abs(dir), path.Base(rel), data)
}

// Delete moves rel to its backups, if it still is the version base.
func (s *Store) Delete(rel, base string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	cur, err := s.current(rel, base)
	if err != nil {
		return err
	}
	if cur == nil {
		return fmt.Errorf("%s: %w", rel, fs.ErrNotExist)
	}
	if err := s.backup(rel, cur); err != nil {
		return err
	}
	return os.Remove(s.abs(rel))
}

// Backup is one kept version of a story.
type Backup struct {
	Name string // the backup's file name, which Restore takes
	Time time.Time
	Size int
}

// backupFolder is the folder of rel's backups, relative to the site folder.
func backupFolder(rel string) string { return BackupsDir + "/" + rel }

// backupTime is the layout of a backup's name: it sorts as time does.
const backupTime = "20060102T150405.000000000Z"

// backup keeps data as the newest backup of rel and drops the oldest
// beyond KeepBackups.
func (s *Store) backup(rel string, data []byte) error {
	folder := backupFolder(rel)
	parts := strings.Split(folder, "/")
	for i := range parts {
		if err := sitefs.Mkdir(s.abs(path.Join(parts[:i+1]...))); err != nil {
			return err
		}
	}
	name := s.now().UTC().Format(backupTime) + "-" + Hash(data)[:8] + ".md"
	if err := sitefs.WriteFile(s.abs(folder), name, data); err != nil {
		return err
	}
	list, err := s.Backups(rel)
	if err != nil {
		return err
	}
	for _, b := range list[min(len(list), KeepBackups):] {
		if err := os.Remove(filepath.Join(s.abs(folder), b.Name)); err != nil {
			return err
		}
	}
	return nil
}

// Backups lists the backups of rel, newest first.
func (s *Store) Backups(rel string) ([]Backup, error) {
	if err := s.Confine(rel); err != nil {
		return nil, err
	}
	entries, err := fs.ReadDir(sitefs.Dir(s.root), backupFolder(rel))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []Backup
	for _, e := range entries {
		stamp, _, ok := strings.Cut(e.Name(), "-")
		t, err := time.Parse(backupTime, stamp)
		if !ok || err != nil || !e.Type().IsRegular() {
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue
		}
		out = append(out, Backup{Name: e.Name(), Time: t, Size: int(info.Size())})
	}
	slices.SortFunc(out, func(a, b Backup) int { return strings.Compare(b.Name, a.Name) })
	return out, nil
}

// ReadBackup returns the bytes of one of rel's backups.
func (s *Store) ReadBackup(rel, name string) ([]byte, error) {
	if err := s.Confine(rel); err != nil {
		return nil, err
	}
	list, err := s.Backups(rel)
	if err != nil {
		return nil, err
	}
	if !slices.ContainsFunc(list, func(b Backup) bool { return b.Name == name }) {
		return nil, ErrNoBackup
	}
	return fs.ReadFile(sitefs.Dir(s.root), backupFolder(rel)+"/"+name)
}

// Restore puts back one of rel's backups, if rel still is the version base
// ("" if it was deleted); the version it replaces becomes a backup itself.
func (s *Store) Restore(rel, name, base string) error {
	data, err := s.ReadBackup(rel, name)
	if err != nil {
		return err
	}
	return s.Save(rel, data, base)
}

// Deleted lists the stories that have backups and no file any more, for
// the desk's list of what can be restored.
func (s *Store) Deleted() ([]string, error) {
	var out []string
	root := BackupsDir + "/" + content.StoriesDir
	err := fs.WalkDir(sitefs.Dir(s.root), root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == root && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipAll
			}
			return err
		}
		if !d.IsDir() || !strings.HasSuffix(p, ".md") {
			return nil
		}
		rel := strings.TrimPrefix(p, BackupsDir+"/")
		if cur, err := s.Read(rel); err == nil && cur == nil {
			out = append(out, rel)
		}
		return fs.SkipDir
	})
	return out, err
}
