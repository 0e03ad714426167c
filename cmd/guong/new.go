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
	fs := newFlags("new", `new story "Tiêu đề bài viết" [-s THƯ_MỤC_TRANG]`, stderr)
	src := siteFlag(fs)
	pos, code, ok := parseFlags(fs, args)
	if !ok {
		return code
	}
	if len(pos) != 2 || pos[0] != "story" {
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
	rel := scaffold.StoryPath(pos[1], now)
	if rel == "" {
		fmt.Fprintf(stderr, "guong new: không tạo được tên tệp từ tiêu đề %q\n", pos[1])
		return exitUsage
	}
	err := scaffold.Create(*src, rel, scaffold.Story(pos[1], now, cfg, campaignsOf(sitefs.Dir(*src))))
	var linked *scaffold.LinkError
	switch {
	case errors.As(err, &linked):
		d := diag.Diagnostic{Pos: diag.Position{File: linked.Folder}, Code: diag.LinkedFolder, Args: []any{linked.Folder}}
		fmt.Fprintf(stderr, "guong new: %s\n", d.Format(cfg.Language))
		return exitContent
	case errors.Is(err, os.ErrExist):
		fmt.Fprintf(stderr, "guong new: tệp %s đã có; hãy đặt tiêu đề khác\n", rel)
		return exitContent
	case err != nil:
		fmt.Fprintf(stderr, "guong new: %v\n", err)
		return exitContent
	}
	fmt.Fprintln(stdout, diag.Text(cfg.Language, "Đã tạo bài viết mới (bản nháp): ", "Created a new draft story: ")+rel)
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
