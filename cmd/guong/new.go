package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"strings"
	"time"

	"github.com/guong/guong/internal/config"
	"github.com/guong/guong/internal/diag"
	"github.com/guong/guong/internal/frontmatter"
	"github.com/guong/guong/internal/scaffold"
	"github.com/guong/guong/internal/sitefs"
)

func cmdNew(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("new", `new story "Tiêu đề bài viết" | new person "Họ Tên" [-s THƯ_MỤC_TRANG]`, stderr)
	src := siteFlag(fs)
	pos, code, ok := parseFlags(fs, args)
	if !ok {
		return code
	}
	if len(pos) != 2 || pos[0] != "story" && pos[0] != "person" {
		fs.Usage()
		return exitUsage
	}
	var diags diag.List
	cfg := config.Load(sitefs.Dir(*src), &diags)
	if cfg == nil {
		diags.Print(stderr, "vi")
		return exitContent
	}
	now := time.Now().In(cfg.TimeZone)
	rel, data := scaffold.StoryPath(pos[1], now), func() []byte { return scaffold.Story(pos[1], now, cfg, campaignsOf(sitefs.Dir(*src))) }
	done, what := diag.Text(cfg.Language, "Đã tạo bài viết mới (bản nháp): ", "Created a new draft story: "), "tiêu đề"
	if pos[0] == "person" {
		rel, data = scaffold.PersonPath(pos[1]), func() []byte { return scaffold.Person(pos[1]) }
		done, what = diag.Text(cfg.Language, "Đã tạo hồ sơ nhân vật: ", "Created a person's profile: "), "tên"
	}
	if rel == "" {
		fmt.Fprintf(stderr, "guong new: không tạo được tên tệp từ %s %q\n", what, pos[1])
		return exitUsage
	}
	err := scaffold.Create(*src, rel, data())
	var linked *scaffold.LinkError
	switch {
	case errors.As(err, &linked):
		d := diag.Diagnostic{Pos: diag.Position{File: linked.Folder}, Code: diag.LinkedFolder, Args: []any{linked.Folder}}
		fmt.Fprintf(stderr, "guong new: %s\n", d.Format(cfg.Language))
		return exitContent
	case errors.Is(err, os.ErrExist):
		fmt.Fprintf(stderr, "guong new: tệp %s đã có; hãy sửa tệp đó, hoặc đặt %s khác\n", rel, what)
		return exitContent
	case err != nil:
		fmt.Fprintf(stderr, "guong new: %v\n", err)
		return exitContent
	}
	fmt.Fprintln(stdout, done+rel)
	return exitOK
}

// campaignsOf lists the site's campaigns for a new story's template: the
// key and title of each file of content/campaigns/ that can be read.
func campaignsOf(siteFS fs.FS) []scaffold.Campaign {
	var out []scaffold.Campaign
	files, _ := fs.Glob(siteFS, "content/campaigns/*.md")
	for _, f := range files {
		src, err := fs.ReadFile(siteFS, f)
		if err != nil {
			continue
		}
		var diags diag.List
		doc := frontmatter.Split(f, src, &diags)
		if doc == nil {
			continue
		}
		title := doc.Fields.String("title", false)
		out = append(out, scaffold.Campaign{Key: strings.TrimSuffix(path.Base(f), ".md"), Title: title})
	}
	return out
}
