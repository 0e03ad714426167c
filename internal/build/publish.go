package build

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/guong/guong/internal/diag"
	"github.com/guong/guong/internal/publish"
	"github.com/guong/guong/internal/sitefs"
)

// PublishOptions control Publish beyond the build's Options.
type PublishOptions struct {
	// Force builds even when nothing changed since the last build.
	Force bool
	// Version is guong's version: a build by another guong is not the
	// same build.
	Version string
}

// Publish builds the site in siteFS into the folder dest, which is
// replaced only when the whole build succeeded (see publish.Dir): a failed
// build leaves it exactly as it was. When nothing changed since the last
// build (the same inputs, options and guong, and no date passed that
// changes the output: see Manifest) and not p.Force, dest is left as it
// is and the Result says UpToDate. The inputs' fingerprint is stamped into
// the output and, with opts.CacheDir, recorded in the cache's manifest.
//
// An error is a diag.ListError when the content has errors; any other
// error is the destination's (publish.Open, publish.Dir.Commit).
func Publish(ctx context.Context, siteFS fs.FS, dest string, opts Options, p PublishOptions) (*Result, error) {
	start := time.Now()
	// Fingerprinting the inputs reads every one of them, so it is done
	// only when the last build's records say the output may be up to date.
	manifest, stamp := ReadManifest(ctx, opts.CacheDir), publish.ReadStamp(ctx, dest)
	if !p.Force && MayBeUpToDate(manifest, dest, stamp, start) {
		inputs, err := Inputs(sitefs.WithContext(ctx, siteFS), opts, p.Version)
		if err == nil && UpToDate(manifest, inputs, dest, stamp, start) {
			return &Result{UpToDate: true, Elapsed: time.Since(start)}, nil
		}
	}
	if err := ctx.Err(); err != nil {
		return &Result{}, err // stopped before anything was made
	}
	out, err := publish.Open(dest)
	if err != nil {
		return &Result{}, err
	}
	var warnings diag.List
	if info, err := os.Lstat(opts.CacheDir); err == nil && info.Mode()&os.ModeSymlink != 0 {
		// Neither read nor written (see images.Dir, WriteManifest): every
		// build resizes every cover again until it is a folder.
		warnings.Warnf(diag.Position{File: CacheDir}, diag.LinkedFolder, CacheDir)
	}
	for _, left := range out.Leftovers {
		warnings.Warnf(diag.Position{}, diag.LeftoverFolder, left)
	}
	// The output's stamp fingerprints the inputs from the bytes the build
	// reads (see Record), not from a second reading of every file.
	recording, digests := Record(siteFS)
	r, err := Run(ctx, recording, out, opts)
	r.Diags = append(r.Diags, warnings...)
	r.Diags.Sort()
	if err != nil {
		out.Abort()
		return r, err
	}
	if inputs, err := digests.Inputs(opts, p.Version); err == nil {
		out.Stamp = inputs
	}
	var left *publish.LeftoverError
	if err := out.Commit(); errors.As(err, &left) {
		// Published: what is left is the old output.
		r.Diags.Warnf(diag.Position{}, diag.OldOutputLeft, dest, left.Path, left.Err)
	} else if err != nil {
		return r, err
	}
	if out.Stamp != "" && opts.CacheDir != "" {
		abs, _ := filepath.Abs(dest)
		if err := WriteManifest(opts.CacheDir, Manifest{Inputs: out.Stamp, Dest: abs, ValidUntil: ValidUntil(r, start)}); err != nil {
			// The output is published; only the next no-change check
			// is lost.
			r.Diags.Warnf(diag.Position{File: opts.CacheDir}, diag.OutputError, err)
		}
	}
	r.Elapsed = time.Since(start)
	return r, nil
}
