package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/guong/guong/internal/build"
	"github.com/guong/guong/internal/report"
	"github.com/guong/guong/internal/sitefs"
)

const reportSynopsis = "report [-s THƯ_MỤC_TRANG] [--from NĂM] [--to NĂM] [--department KHÓA] [--campaign KHÓA] [-o TỆP.xlsx|.csv|.json]"

func cmdReport(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("report", reportSynopsis, stderr)
	src := siteFlag(fs)
	from := fs.Int("from", 0, "từ năm (ví dụ 2022)")
	to := fs.Int("to", 0, "đến năm (ví dụ 2025)")
	dept := fs.String("department", "", "chỉ tính một đơn vị: khóa trong mục departments của site.yaml")
	camp := fs.String("campaign", "", "chỉ tính một phong trào: tên tệp trong content/campaigns/ (không có .md)")
	out := fs.String("o", "", "ghi báo cáo vào TỆP; định dạng theo đuôi tệp: .xlsx (Excel), .csv (UTF-8 có BOM) hoặc .json")
	fs.StringVar(out, "output", "", "như -o")
	pos, code, ok := parseFlags(fs, args)
	if !ok {
		return code
	}
	if len(pos) > 0 {
		fmt.Fprintf(stderr, "guong report: thừa tham số %q\n", pos[0])
		return exitUsage
	}
	format := report.Format("")
	if *out != "" {
		if format, ok = report.FormatOf(*out); !ok {
			fmt.Fprintf(stderr, "guong report: không biết ghi tệp %q: hãy dùng đuôi .xlsx, .csv hoặc .json\n", *out)
			return exitUsage
		}
	}
	r := build.Model(ctx, sitefs.Dir(*src), build.Options{})
	if r.Diags.HasErrors() || r.Site == nil {
		printResult(stderr, r)
		return exitContent
	}
	filter := report.Filter{From: *from, To: *to, Department: *dept, Campaign: *camp}
	if err := filter.Check(r.Site); err != nil {
		fmt.Fprintf(stderr, "guong report: %v\n", err)
		return exitUsage
	}
	rep := report.Compute(r.Site, filter)
	if *out == "" {
		fmt.Fprintf(stdout, "BÁO CÁO %s\n%s", report.Heading, rep.Organization)
		if rep.Period != "" {
			fmt.Fprintf(stdout, " – %s", rep.Period)
		}
		fmt.Fprintf(stdout, "\n%d bài viết về %d gương điển hình (%d tập thể, %d cá nhân, trong đó %d nữ); %d lượt khen thưởng.\n",
			rep.Stories, rep.Exemplars, rep.Collectives, rep.Individuals, rep.Women, rep.Awards)
		fmt.Fprintln(stdout, "Dùng -o bao-cao.xlsx (hoặc .csv, .json) để ghi đủ các bảng.")
		return exitOK
	}
	var buf bytes.Buffer
	if err := rep.Write(&buf, format); err != nil {
		fmt.Fprintf(stderr, "guong report: không tạo được báo cáo: %v\n", err)
		return exitContent
	}
	if err := writeFileAtomic(*out, buf.Bytes()); err != nil {
		fmt.Fprintf(stderr, "guong report: không ghi được %s: %v\n", *out, err)
		return exitContent
	}
	fmt.Fprintf(stdout, "Đã ghi báo cáo vào %s (%d bảng; %d bài viết, %d gương điển hình, %d lượt khen thưởng).\n",
		*out, len(rep.Tables), rep.Stories, rep.Exemplars, rep.Awards)
	return exitOK
}

// writeFileAtomic writes data to name through a temporary file beside it,
// so that a reader never sees half a report.
func writeFileAtomic(name string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(name), ".guong-report-*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Chmod(f.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(f.Name(), name)
}
