package content

import (
	"errors"
	"io/fs"

	"github.com/guong/guong/internal/diag"
	"github.com/guong/guong/internal/frontmatter"
)

// ErrChanged is ReadBody's error for a story file that is no longer what
// Load read: it was saved again while the site was being built.
var ErrChanged = errors.New("the file changed since the build read it")

// ReadBody reads the Markdown body of a story from its file, as Load read
// it. Load keeps no story's body: at 100,000 stories their Markdown is
// some 460 MB, and a build needs each only while it makes the story's
// page. A file whose bytes changed since is an ErrChanged.
func ReadBody(fsys fs.FS, st *Story) ([]byte, error) {
	src, err := fs.ReadFile(fsys, st.File)
	if err != nil {
		return nil, err
	}
	if !st.cleanAsRead {
		var ignored diag.List // Load reported them
		src = frontmatter.Clean(st.File, src, &ignored)
	}
	// Version is the fingerprint of the cleaned bytes.
	if version(src) != st.Version || len(src) < st.bodySize {
		return nil, ErrChanged
	}
	return src[len(src)-st.bodySize:], nil
}
