package sitefs

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// ErrLink is the error of a folder guong would write into, or read from,
// that is a symbolic link: guong never follows links, in the site's own
// folders (its cache, a story's year folder) as in its content.
var ErrLink = errors.New("is a symbolic link, which guong never follows")

// Folder returns dir as a file system that reads like Dir's but refuses
// dir itself if it is a link (Dir follows links among the folder's own
// parents, as a site folder reached through a link is read). It is for
// folders guong keeps inside a site, such as its cache: nothing in them,
// nor they themselves, may lead elsewhere.
func Folder(dir string) (fs.FS, error) {
	info, err := os.Lstat(dir)
	if err != nil {
		return nil, err
	}
	if info.Mode()&fs.ModeSymlink != 0 {
		return nil, &fs.PathError{Op: "open", Path: dir, Err: ErrLink}
	}
	if !info.IsDir() {
		return nil, &fs.PathError{Op: "open", Path: dir, Err: fmt.Errorf("not a folder")}
	}
	return Dir(dir), nil
}

// Mkdir makes the folder dir if it does not exist (its parent must), and
// refuses a dir that is a link (ErrLink) or not a folder: unlike
// os.MkdirAll, it never takes a link to a folder for the folder.
func Mkdir(dir string) error {
	info, err := os.Lstat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		err = os.Mkdir(dir, 0o755)
		if errors.Is(err, fs.ErrExist) { // made meanwhile: look again
			return Mkdir(dir)
		}
		return err
	case err != nil:
		return err
	case info.Mode()&fs.ModeSymlink != 0:
		return &fs.PathError{Op: "mkdir", Path: dir, Err: ErrLink}
	case !info.IsDir():
		return &fs.PathError{Op: "mkdir", Path: dir, Err: fs.ErrExist}
	}
	return nil
}

// WriteFile writes data to the file name in the folder dir, which must
// exist and is refused if it is a link. The bytes go to a new temporary
// file first (created exclusively, so never through a link that someone
// put in its place), which is then renamed over name: a link at name is
// replaced, never written through, and an interrupted write leaves the
// old file whole.
func WriteFile(dir, name string, data []byte) error {
	if err := Mkdir(dir); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, "."+name+".tmp-*")
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Chmod(0o644)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), filepath.Join(dir, name))
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}
