// Package scaffold writes the text of new content files: a story with every
// front matter field explained in Vietnamese, ready for a writer to fill in.
package scaffold

import (
	"fmt"
	"strings"
	"time"

	"github.com/guong/guong/internal/config"
	"github.com/guong/guong/internal/vi"
)

// StoryPath returns where a new story with title goes:
// content/stories/<year>/<slug>.md. It returns "" if the title gives no slug.
func StoryPath(title string, now time.Time) string {
	slug := vi.Slug(title)
	if slug == "" {
		return ""
	}
	return fmt.Sprintf("content/stories/%d/%s.md", now.Year(), slug)
}

// Story returns the text of a new draft story titled title, dated now, that
// names the site's registries in comments so the writer can pick a key.
func Story(title string, now time.Time, cfg *config.Config) []byte {
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
