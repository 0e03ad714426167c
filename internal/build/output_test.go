package build

import (
	"context"
	"strings"
	"syscall"
	"testing"

	"github.com/guong/guong/internal/diag"
	"github.com/guong/guong/internal/publish"
	"github.com/guong/guong/themes"
)

// fullOutput takes a few files, then fails as a full disk does.
type fullOutput struct {
	*publish.Memory
	room int
}

func (o *fullOutput) Write(name string, data []byte) error {
	if o.room == 0 {
		return syscall.ENOSPC
	}
	o.room--
	return o.Memory.Write(name, data)
}

// TestFullDiskIsAnOutputError: a destination that cannot take a file is
// said to be the output's problem, not the theme's.
func TestFullDiskIsAnOutputError(t *testing.T) {
	fsys := loadTxtar(t, "testdata/small.txtar")
	r, err := Run(context.Background(), fsys, &fullOutput{Memory: publish.NewMemory(), room: 3}, Options{Themes: themes.FS, Now: buildNow})
	if err == nil {
		t.Fatal("a build into a full disk succeeded")
	}
	if len(r.Diags) != 1 || r.Diags[0].Code != diag.OutputError {
		t.Fatalf("diagnostics %v, want one %s", r.Diags.Err(), diag.OutputError)
	}
	if got := r.Diags[0].Format("vi"); !strings.Contains(got, "không ghi được thư mục đích") || !strings.Contains(got, "no space left on device") || strings.Contains(got, "giao diện") {
		t.Errorf("message %q", got)
	}
}
