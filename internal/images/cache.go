package images

import (
	"io/fs"
	"path/filepath"
	"strings"

	"github.com/guong/guong/internal/sitefs"
)

// Cache keeps encoded outputs between builds. Keys are file names made of
// the source's SHA-256 and the output's spec, so an entry never goes stale:
// a changed source has another key. Implementations are safe for
// concurrent use.
type Cache interface {
	Get(key string) ([]byte, bool)
	Put(key string, data []byte) error
}

// Dir is a Cache in the folder Sub of the folder Root, created when first
// written. Entries are written to a temporary file and renamed, so an
// interrupted build never leaves half a picture behind. Any entry, or the
// whole folder, can be deleted at any time.
//
// No symbolic link is followed from Root down, Root included: a cached
// entry replaced by a link to a file elsewhere is not read (it would be
// published as a picture), and a Root or Sub that is a link is neither
// read nor written (it would make guong write outside the site). Only
// regular files are read. Root's own parents may be links.
type Dir struct {
	Root string // the cache folder, e.g. "site/.guong-cache"
	Sub  string // a folder name inside it, e.g. "images"
}

func validKey(key string) bool {
	return key != "" && !strings.ContainsAny(key, `/\`) && !strings.HasPrefix(key, ".")
}

// Get returns the entry under key.
func (d Dir) Get(key string) ([]byte, bool) {
	if !validKey(key) {
		return nil, false
	}
	fsys, err := sitefs.Folder(d.Root)
	if err != nil {
		return nil, false
	}
	data, err := fs.ReadFile(fsys, d.Sub+"/"+key)
	if err != nil || len(data) == 0 {
		return nil, false
	}
	return data, true
}

// Put stores data under key.
func (d Dir) Put(key string, data []byte) error {
	if !validKey(key) {
		return fs.ErrInvalid
	}
	if err := sitefs.Mkdir(d.Root); err != nil {
		return err
	}
	return sitefs.WriteFile(filepath.Join(d.Root, d.Sub), key, data)
}
