package sitefs

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// TestReadFileIn: a file of a local folder is read, not once the context
// is done, and not through a linked folder.
func TestReadFileIn(t *testing.T) {
	dir := t.TempDir()
	cache := filepath.Join(dir, "cache")
	if err := os.Mkdir(cache, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(cache, "last-build.json"), []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	if data, err := ReadFileIn(context.Background(), cache, "last-build.json"); err != nil || string(data) != "{}" {
		t.Errorf("ReadFileIn = %q, %v", data, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := ReadFileIn(ctx, cache, "last-build.json"); !errors.Is(err, context.Canceled) {
		t.Errorf("ReadFileIn after the cancel = %v, want context.Canceled", err)
	}
	linked := filepath.Join(dir, "linked")
	if err := os.Symlink(cache, linked); err != nil {
		t.Skip(err)
	}
	if _, err := ReadFileIn(context.Background(), linked, "last-build.json"); err == nil {
		t.Error("ReadFileIn read through a linked folder")
	}
}
