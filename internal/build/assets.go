package build

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"path"
	"strings"
)

// fingerprinted tells which static files get a content hash in their names:
// stylesheets and scripts, which change with the theme and are served with
// a long cache lifetime. Other static files (pictures, the icon) keep their
// names, so that stylesheets can refer to them and other sites may too.
func fingerprinted(name string) bool {
	switch path.Ext(name) {
	case ".css", ".js":
		return true
	}
	return false
}

// assetPaths returns the published path of each static file of the theme
// in fsys: "css/site.css" → "static/css/site.3f2a1b9c0d.css", the first ten
// hex digits of the SHA-256 of the file; other files stay as they are
// ("favicon.svg" → "static/favicon.svg"). A name the theme does not have
// is published unchanged, so a template's mistake shows as a broken link.
func assetPaths(fsys fs.FS) (func(string) string, error) {
	paths := map[string]string{}
	err := fs.WalkDir(fsys, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		name := strings.TrimPrefix(p, "static/")
		if !fingerprinted(name) {
			return nil
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		ext := path.Ext(name)
		paths[name] = "static/" + strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:])[:10] + ext
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	return func(name string) string {
		if p, ok := paths[name]; ok {
			return p
		}
		return "static/" + name
	}, nil
}
