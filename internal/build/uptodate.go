package build

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/guong/guong/internal/content"
	"github.com/guong/guong/internal/site"
)

// Inputs fingerprints everything a build's output depends on: every file of
// site.yaml, content/ and themes/, the built-in themes, the options and the
// version of guong. Two builds with the same inputs (before the manifest's
// ValidUntil) write the same bytes.
func Inputs(siteFS fs.FS, opts Options, version string) (string, error) {
	h := sha256.New()
	fmt.Fprintf(h, "guong %s\ndrafts %v future %v minify %v\n", version, opts.Drafts, opts.Future, !opts.NoMinify)
	hashTree := func(fsys fs.FS, root, label string) error {
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
			data, err := fs.ReadFile(fsys, p)
			if err != nil {
				return err
			}
			fmt.Fprintf(h, "%s %s %d\n", label, p, len(data))
			h.Write(data)
			return nil
		})
	}
	if data, err := fs.ReadFile(siteFS, site.File); err == nil {
		fmt.Fprintf(h, "site %d\n", len(data))
		h.Write(data)
	}
	for _, root := range []string{content.Dir, "themes"} {
		if err := hashTree(siteFS, root, "site"); err != nil {
			return "", err
		}
	}
	if opts.Themes != nil {
		if err := hashTree(opts.Themes, ".", "builtin"); err != nil {
			return "", err
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
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
// one is the zero Manifest.
func ReadManifest(cacheDir string) Manifest {
	var m Manifest
	data, err := os.ReadFile(filepath.Join(cacheDir, manifestFile))
	if err == nil {
		json.Unmarshal(data, &m)
	}
	return m
}

// WriteManifest records a successful build in cacheDir.
func WriteManifest(cacheDir string, m Manifest) error {
	if err := os.MkdirAll(cacheDir, 0o755); err != nil {
		return err
	}
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	tmp := filepath.Join(cacheDir, manifestFile+".tmp")
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, filepath.Join(cacheDir, manifestFile))
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
