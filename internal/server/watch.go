package server

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Quiet is how long the watcher waits after the last file event before it
// reports a burst of them as one change, when every changed file is there
// and not empty: an editor's save is a burst of events a few microseconds
// apart (truncate and write, or write a temporary file and rename it over
// the old one). When a changed file is missing or empty, which is also how
// a file looks between the two halves of such a save, it waits Unsettled
// in all before it reports, so that a save is not seen as a deletion or an
// emptied story first. MaxWait bounds the wait while events keep coming (a
// git pull touching hundreds of files). A burst cut short is still
// correct: the events after it make another change.
const (
	Quiet     = 5 * time.Millisecond
	Unsettled = 30 * time.Millisecond
	MaxWait   = 300 * time.Millisecond
)

// Watch watches the site folder root — site.yaml, content/ and themes/,
// including folders created later — and calls onChange with the
// slash-separated paths (relative to root) of each burst of changes, until
// ctx is done. Editors' temporary files and hidden folders are ignored.
// ready, if not nil, is called once every folder is watched.
func Watch(ctx context.Context, root string, ready func(), onChange func(paths []string)) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	defer w.Close()
	if err := w.Add(root); err != nil {
		return err
	}
	for _, dir := range []string{"content", "themes"} {
		addTree(w, filepath.Join(root, dir))
	}
	if ready != nil {
		ready()
	}

	// pending maps each changed path to whether it did not exist before
	// the burst: an editor's temporary file, created and renamed away
	// within one burst, is not worth reporting.
	pending := map[string]bool{}
	var quiet, deadline <-chan time.Time
	waited := false // the quiet after the last event was Unsettled
	flush := func() {
		if len(pending) == 0 {
			return
		}
		paths := make([]string, 0, len(pending))
		for p, created := range pending {
			if _, err := os.Lstat(filepath.Join(root, filepath.FromSlash(p))); created && err != nil {
				continue
			}
			paths = append(paths, p)
		}
		sort.Strings(paths)
		pending = map[string]bool{}
		quiet, deadline, waited = nil, nil, false
		if len(paths) > 0 {
			onChange(paths)
		}
	}
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			rel, err := filepath.Rel(root, ev.Name)
			if err != nil || !watched(filepath.ToSlash(rel)) {
				continue
			}
			if ev.Has(fsnotify.Create) {
				if info, err := os.Lstat(ev.Name); err == nil && info.IsDir() {
					// A new folder: watch it, and count what is already in it.
					for _, p := range addTree(w, ev.Name) {
						if r, err := filepath.Rel(root, p); err == nil {
							pending[filepath.ToSlash(r)] = false
						}
					}
				}
			}
			if _, seen := pending[filepath.ToSlash(rel)]; !seen {
				pending[filepath.ToSlash(rel)] = ev.Has(fsnotify.Create)
			}
			quiet, waited = time.After(Quiet), false
			if deadline == nil {
				deadline = time.After(MaxWait)
			}
		case <-quiet:
			if !waited && !settled(root, pending) {
				quiet, waited = time.After(Unsettled-Quiet), true
				continue
			}
			flush()
		case <-deadline:
			flush()
		case <-w.Errors:
			// An overflowing event queue: report a change of everything.
			pending["."] = false
			quiet, waited = time.After(Quiet), false
		}
	}
}

// settled reports whether every changed path (relative to root) is a file
// with something in it, or a folder: not missing nor empty, as a file is
// between the truncate and the write of a save, or between the rename and
// the create of another. A burst that was only an editor's temporary file
// (created, then gone) is settled.
func settled(root string, pending map[string]bool) bool {
	for p, created := range pending {
		info, err := os.Lstat(filepath.Join(root, filepath.FromSlash(p)))
		switch {
		case err != nil && !created:
			return false
		case err == nil && info.Mode().IsRegular() && info.Size() == 0:
			return false
		}
	}
	return true
}

// watched reports whether a path relative to the site folder is a source:
// site.yaml, or a file under content/ or themes/ that is not hidden and not
// an editor's temporary file.
func watched(rel string) bool {
	if rel == "site.yaml" {
		return true
	}
	if !strings.HasPrefix(rel, "content/") && !strings.HasPrefix(rel, "themes/") && rel != "content" && rel != "themes" {
		return false
	}
	for _, part := range strings.Split(rel, "/") {
		if strings.HasPrefix(part, ".") || strings.HasPrefix(part, "#") || strings.HasSuffix(part, "~") ||
			strings.HasSuffix(part, ".swp") || strings.HasSuffix(part, ".swx") || part == "4913" {
			return false
		}
	}
	return true
}

// addTree watches dir and every folder under it (links are not followed),
// returning the files found.
func addTree(w *fsnotify.Watcher, dir string) []string {
	var files []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() {
			if p != dir && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			w.Add(p)
			return nil
		}
		if d.Type().IsRegular() {
			files = append(files, p)
		}
		return nil
	})
	return files
}
