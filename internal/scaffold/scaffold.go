// Package scaffold writes the text of new content files: a story with every
// front matter field explained in Vietnamese, ready for a writer to fill in.
package scaffold

import (
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/guong/guong/internal/config"
	"github.com/guong/guong/internal/sitefs"
	"github.com/guong/guong/internal/vi"
)

// LinkError tells of a folder on the way to a new file that is a symbolic
// link, which Create does not follow.
type LinkError struct {
	Folder string // slash path relative to the site folder
}

func (e *LinkError) Error() string {
	return e.Folder + " " + sitefs.ErrLink.Error()
}

// Create writes data into the new file rel (slash-separated, relative to
// the site folder siteDir), making the folders on its way. No symbolic
// link among them is followed: a linked year folder would make guong write
// wherever it points, so it is refused with a *LinkError. An existing file,
// or a link, at rel is never replaced (an error that is fs.ErrExist).
func Create(siteDir, rel string, data []byte) error {
	dir := path.Dir(rel)
	parts := strings.Split(dir, "/")
	for i := range parts {
		folder := path.Join(parts[:i+1]...)
		if err := sitefs.Mkdir(filepath.Join(siteDir, filepath.FromSlash(folder))); err != nil {
			if errors.Is(err, sitefs.ErrLink) {
				return &LinkError{Folder: folder}
			}
			return err
		}
	}
	// O_EXCL: a link at rel is not followed, it makes the open fail.
	f, err := os.OpenFile(filepath.Join(siteDir, filepath.FromSlash(rel)), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// StoryPath returns where a new story with title goes:
// content/stories/<year>/<slug>.md. It returns "" if the title gives no slug.
func StoryPath(title string, now time.Time) string {
	slug := vi.Slug(title)
	if slug == "" {
		return ""
	}
	return fmt.Sprintf("content/stories/%d/%s.md", now.Year(), slug)
}

// Campaign is a campaign a new story may name, for its template's list.
type Campaign struct {
	Key, Title string
}

// Story returns the text of a new draft story titled title, dated now,
// with every field explained in Vietnamese and the site's departments,
// model types and campaigns named in comments so the writer can pick a key.
func Story(title string, now time.Time, cfg *config.Config, campaigns []Campaign) []byte {
	model, dept := "dan-van-kheo", "van-phong"
	if cfg != nil && len(cfg.Models) > 0 {
		model = cfg.Models[0].Key
	}
	if cfg != nil && len(cfg.Departments) > 0 {
		dept = cfg.Departments[0].Key
	}
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	w("---")
	w("# Tiêu đề bài viết, hiện ở đầu trang và trong các danh sách.")
	w("title: %q", title)
	w("# Ngày đăng: 2023-06-11, 2023-06-11T08:00:00+07:00 hoặc 11/06/2023 (ngày/tháng/năm).")
	w("# Bài có ngày trong tương lai chỉ được đăng khi đến ngày.")
	w("date: %s", now.Format("2006-01-02T15:04:05-07:00"))
	w("# Họ và tên cá nhân, hoặc tên tập thể (ví dụ \"Tập thể Phòng Lãnh sự\").")
	w("person: \"\"")
	w("# Chức vụ (không bắt buộc).")
	w("position: \"\"")
	w("# Giới tính của cá nhân: nam hoặc nữ (không bắt buộc; dùng cho dòng \"trong đó nữ\" của báo cáo).")
	w("# gender: nữ")
	w("# true nếu là tập thể, false nếu là cá nhân.")
	w("collective: false")
	w("# Đơn vị: một khóa trong mục departments của site.yaml.")
	if cfg != nil {
		for _, d := range cfg.Departments {
			w("#   %s: %s", d.Key, d.Name)
		}
	}
	w("department: %s", dept)
	w("# Loại mô hình: một khóa trong mục models của site.yaml.")
	if cfg != nil {
		for _, m := range cfg.Models {
			w("#   %s: %s", m.Key, m.Name)
		}
	}
	w("model: %s", model)
	w("# Các phong trào thi đua: tên tệp (không có .md) trong content/campaigns/, ví dụ [thi-dua-ai-quoc-75].")
	for _, c := range campaigns {
		w("#   %s: %s", c.Key, c.Title)
	}
	w("campaigns: []")
	w("# Chủ đề, ví dụ [\"biên giới\", \"cải cách hành chính\"].")
	w("tags: []")
	w("# Tóm tắt một hai câu (không bắt buộc; nếu bỏ trống sẽ dùng đoạn đầu của bài).")
	w("summary: \"\"")
	w("# Ảnh bìa, đặt cạnh tệp này (không bắt buộc), và lời mô tả ảnh cho người khiếm thị.")
	w("# cover: anh-bia.jpg")
	w("# coverAlt: \"\"")
	w("# Danh hiệu thi đua, hình thức khen thưởng (không bắt buộc): kind là một khóa trong mục awards của site.yaml;")
	w("# year là năm đạt thành tích (mặc định là năm của ngày quyết định); issuer là người ký quyết định.")
	if cfg != nil {
		for _, a := range cfg.Awards {
			w("#   %s: %s", a.Key, a.Name)
		}
	}
	w("# awards:")
	w("#   - {kind: bang-khen-tinh, decision: \"123/QĐ-UBND\", date: 2023-05-20, issuer: \"Chủ tịch UBND tỉnh\", year: 2022}")
	w("# Tác giả và nguồn, in cuối bài (không bắt buộc), ví dụ author: \"Nguyễn Văn Minh\",")
	w("# source: \"Báo Biên phòng\" nếu bài đã đăng ở nơi khác.")
	w("author: \"\"")
	w("source: \"\"")
	w("# Khi sửa bài sau khi đã đăng, ghi ngày giờ cập nhật (sau date), ví dụ updated: 2023-06-20T14:30:00+07:00;")
	w("# trang sẽ hiện \"Cập nhật lúc 14:30, 20/6/2023\".")
	w("# updated:")
	w("# Bản nháp không được đăng; đổi thành false khi bài đã sẵn sàng.")
	w("draft: true")
	w("---")
	w("")
	w("Đoạn mở đầu: giới thiệu ngắn gọn về gương điển hình.")
	w("")
	w("## Những việc làm nổi bật")
	w("")
	w("Nội dung bài viết.")
	return []byte(b.String())
}

// PersonPath returns where the profile of the person or collective name
// goes: content/people/<slug>.md. It returns "" if the name gives no slug.
func PersonPath(name string) string {
	slug := vi.Slug(name)
	if slug == "" {
		return ""
	}
	return "content/people/" + slug + ".md"
}

// Person returns the text of a new profile of name, with every field
// explained in Vietnamese: what the person's page shows above their
// stories.
func Person(name string) []byte {
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	w("---")
	w("# Họ và tên, hoặc tên tập thể: phải viết đúng như ở trường person của các bài viết về người này.")
	w("name: %q", name)
	w("# Chức vụ hiện nay (không bắt buộc): thay cho chức vụ ghi trong bài mới nhất.")
	w("position: \"\"")
	w("# Giới tính, nam hoặc nữ (không bắt buộc; dùng cho dòng \"trong đó nữ\" của báo cáo).")
	w("# gender: nữ")
	w("# Ảnh chân dung đặt cạnh tệp này (không bắt buộc), ví dụ anh-chan-dung.jpg.")
	w("# photo: anh-chan-dung.jpg")
	w("---")
	w("")
	w("Vài dòng giới thiệu về nhân vật: quê quán, quá trình công tác, những thành tích nổi bật.")
	return []byte(b.String())
}
