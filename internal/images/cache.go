package images

import (
	"os"
	"path/filepath"
	"strings"
)

// Cache keeps encoded outputs between builds. Keys are file names made of
// the source's SHA-256 and the output's spec, so an entry never goes stale:
// a changed source has another key. Implementations are safe for
// concurrent use.
type Cache interface {
	Get(key string) ([]byte, bool)
	Put(key string, data []byte) error
}

// Dir is a Cache in a folder of the file system, created when first
// written. Entries are written to a temporary file and renamed, so an
// interrupted build never leaves half a picture behind. Any entry, or the
// whole folder, can be deleted at any time.
type Dir string

func (d Dir) path(key string) (string, bool) {
	if key == "" || strings.ContainsAny(key, `/\`) || strings.HasPrefix(key, ".") {
		return "", false
	}
	return filepath.Join(string(d), key), true
}

// Get returns the entry under key.
func (d Dir) Get(key string) ([]byte, bool) {
	p, ok := d.path(key)
	if !ok {
		return nil, false
	}
	data, err := os.ReadFile(p)
	if err != nil || len(data) == 0 {
		return nil, false
	}
	return data, true
}

// Put stores data under key.
func (d Dir) Put(key string, data []byte) error {
	p, ok := d.path(key)
	if !ok {
		return os.ErrInvalid
	}
	if err := os.MkdirAll(string(d), 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(string(d), ".tmp-*")
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), p)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}
