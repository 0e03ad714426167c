package diag

import (
	"fmt"
	"sort"
)

// Code names a message of the catalogue. Its Vietnamese and English forms
// are fmt formats that take the diagnostic's Args.
type Code string

// Word is an argument that is itself translated: a type name, a field
// description.
type Word struct{ VI, EN string }

// Format renders the code's message in lang with args; Word args are
// translated first.
func (c Code) Format(lang string, args ...any) string {
	m, ok := catalogue[c]
	if !ok {
		return fmt.Sprint(append([]any{string(c) + ": "}, args...)...)
	}
	local := make([]any, len(args))
	for i, a := range args {
		if w, ok := a.(Word); ok {
			a = Text(lang, w.VI, w.EN)
		}
		local[i] = a
	}
	return fmt.Sprintf(Text(lang, m.vi, m.en), local...)
}

// The catalogue's codes. Key names and values are quoted exactly as written.
const (
	ReadFailed        Code = "read-failed"
	FileTooLarge      Code = "file-too-large"
	InvalidUTF8       Code = "invalid-utf8"
	Symlink           Code = "symlink"
	NoFrontMatter     Code = "no-front-matter"
	UnterminatedFence Code = "unterminated-fence"
	SyntaxYAML        Code = "syntax-yaml"
	SyntaxTOML        Code = "syntax-toml"
	SyntaxJSON        Code = "syntax-json"
	NotAMapping       Code = "not-a-mapping"
	DuplicateKey      Code = "duplicate-key"
	UnknownKey        Code = "unknown-key"
	UnknownKeyHint    Code = "unknown-key-hint"
	MissingField      Code = "missing-field"
	WrongType         Code = "wrong-type"
	EmptyValue        Code = "empty-value"
	BadDate           Code = "bad-date"
	BadDateDetail     Code = "bad-date-detail"
	UnknownRef        Code = "unknown-ref"
	UnknownRefHint    Code = "unknown-ref-hint"
	UnknownRefNone    Code = "unknown-ref-none"
	BadSlug           Code = "bad-slug"
	EmptySlug         Code = "empty-slug"
	DuplicateSlug     Code = "duplicate-slug"
	DuplicateItem     Code = "duplicate-item"
	BadPath           Code = "bad-path"
	MissingFile       Code = "missing-file"
	NotAnImage        Code = "not-an-image"
	EndBeforeStart    Code = "end-before-start"
	BadURL            Code = "bad-url"
	BadTimeZone       Code = "bad-time-zone"
	BadNumber         Code = "bad-number"
	BadLanguage       Code = "bad-language"
	NoSiteFile        Code = "no-site-file"
	MarkdownLink      Code = "markdown-link"
	TemplateError     Code = "template-error"
	OutputError       Code = "output-error"
	TooDeep           Code = "too-deep"
	UnusedProfile     Code = "unused-profile"
	EmptyBody         Code = "empty-body"
	BadImage          Code = "bad-image"
	ImageTooLarge     Code = "image-too-large"
	AwardFreeText     Code = "award-free-text"
	AwardFreeTextHint Code = "award-free-text-hint"
	AwardNameIgnored  Code = "award-name-ignored"
	AwardNotFor       Code = "award-not-for"
	OddDecision       Code = "odd-decision"
	BadYear           Code = "bad-year"
)

type message struct{ vi, en string }

var catalogue = map[Code]message{
	ReadFailed:        {"không đọc được tệp: %v", "cannot read the file: %v"},
	FileTooLarge:      {"tệp quá lớn (%d MB); giới hạn là %d MB", "file too large (%d MB); the limit is %d MB"},
	InvalidUTF8:       {"tệp không phải văn bản UTF-8 hợp lệ; hãy lưu lại với bảng mã UTF-8", "the file is not valid UTF-8 text; save it again as UTF-8"},
	Symlink:           {"bỏ qua liên kết tượng trưng (symlink) %q: guong không đi theo liên kết", "skipping symbolic link %q: guong never follows links"},
	NoFrontMatter:     {"thiếu phần thông tin đầu bài: tệp phải mở đầu bằng một dòng \"---\", các trường, rồi một dòng \"---\"", "missing front matter: the file must begin with a \"---\" line, the fields, then a \"---\" line"},
	UnterminatedFence: {"phần thông tin đầu bài mở bằng %q nhưng thiếu dòng %q đóng lại", "front matter opened with %q is never closed by a %q line"},
	SyntaxYAML:        {"lỗi cú pháp YAML: %s", "YAML syntax error: %s"},
	SyntaxTOML:        {"lỗi cú pháp TOML: %s", "TOML syntax error: %s"},
	SyntaxJSON:        {"lỗi cú pháp JSON: %s", "JSON syntax error: %s"},
	NotAMapping:       {"phần thông tin đầu bài phải là các cặp \"khóa: giá trị\"", "front matter must be a set of \"key: value\" pairs"},
	DuplicateKey:      {"khóa %q xuất hiện hai lần (lần đầu ở dòng %d)", "key %q appears twice (first on line %d)"},
	UnknownKey:        {"khóa %q không được hỗ trợ nên bị bỏ qua", "unknown key %q is ignored"},
	UnknownKeyHint:    {"khóa %q không được hỗ trợ nên bị bỏ qua (có phải ý bạn là %q?)", "unknown key %q is ignored (did you mean %q?)"},
	MissingField:      {"thiếu trường bắt buộc %q", "missing required field %q"},
	WrongType:         {"%q phải là %s, không phải %s", "%q must be %s, not %s"},
	EmptyValue:        {"%q không được để trống", "%q must not be empty"},
	BadDate:           {"không đọc được ngày %q ở trường %q; hãy viết dạng 2023-06-11 hoặc 11/06/2023", "cannot read %q as a date in %q; write 2023-06-11 or 11/06/2023"},
	BadDateDetail:     {"ngày %q ở trường %q không hợp lệ: %s", "invalid date %q in %q: %s"},
	UnknownRef:        {"không có %s %q; các giá trị hợp lệ: %s", "unknown %s %q; valid values: %s"},
	UnknownRefHint:    {"không có %s %q (có phải ý bạn là %q?)", "unknown %s %q (did you mean %q?)"},
	UnknownRefNone:    {"không có %s %q: chưa khai báo %s nào", "unknown %s %q: no %s is defined"},
	BadSlug:           {"slug %q không hợp lệ: chỉ dùng chữ thường không dấu a-z, chữ số 0-9 và dấu gạch ngang", "invalid slug %q: use only a-z, 0-9 and '-'"},
	EmptySlug:         {"không tạo được slug từ tên tệp %q; hãy đặt tên tệp bằng chữ không dấu hoặc thêm trường \"slug\"", "cannot make a slug from the file name %q; rename the file or add a \"slug\" field"},
	DuplicateSlug:     {"trùng đường dẫn %q với %s", "duplicate page address %q (also used by %s)"},
	DuplicateItem:     {"%q được ghi hai lần trong %q", "%q is listed twice in %q"},
	BadPath:           {"đường dẫn %q không hợp lệ: phải là đường dẫn tương đối nằm trong thư mục của bài, không chứa \"..\"", "invalid path %q: it must be relative, inside the story's folder, without \"..\""},
	MissingFile:       {"không tìm thấy tệp %q", "file %q not found"},
	NotAnImage:        {"tệp %q không phải ảnh JPEG, PNG, GIF hay WebP", "file %q is not a JPEG, PNG, GIF or WebP image"},
	EndBeforeStart:    {"ngày kết thúc %s trước ngày bắt đầu %s", "end date %s is before start date %s"},
	BadURL:            {"địa chỉ %q không hợp lệ: %s", "invalid address %q: %s"},
	BadTimeZone:       {"không biết múi giờ %q (ví dụ đúng: \"Asia/Ho_Chi_Minh\")", "unknown time zone %q (for example \"Asia/Ho_Chi_Minh\")"},
	BadNumber:         {"%q phải là một số nguyên dương, không phải %q", "%q must be a positive whole number, not %q"},
	BadLanguage:       {"ngôn ngữ %q chưa được hỗ trợ; dùng \"vi\" hoặc \"en\"", "language %q is not supported; use \"vi\" or \"en\""},
	NoSiteFile:        {"không tìm thấy tệp site.yaml: đây có phải thư mục của trang không?", "site.yaml not found: is this a site folder?"},
	MarkdownLink:      {"liên kết %q bị bỏ vì không an toàn", "link %q was dropped as unsafe"},
	TemplateError:     {"lỗi giao diện (template): %v", "template error: %v"},
	OutputError:       {"không ghi được thư mục đích: %v", "could not write the output: %v"},
	TooDeep:           {"cấu trúc lồng nhau quá sâu (quá %d cấp)", "nesting too deep (over %d levels)"},
	UnusedProfile:     {"hồ sơ của %q không khớp với nhân vật của bài viết nào", "profile of %q matches no story's person"},
	EmptyBody:         {"bài viết chưa có nội dung", "the story has no text yet"},
	BadImage:          {"không đọc được ảnh %q: tệp hỏng hoặc không đúng định dạng (%v)", "cannot read the image %q: the file is damaged or in another format (%v)"},
	AwardFreeText:     {"khen thưởng %q ghi bằng tên tự do nên không được thống kê; hãy ghi \"kind:\" là một khóa của danh mục awards trong site.yaml", "award %q is written as free text, so it is not counted; write \"kind:\" with a key of the awards registry in site.yaml"},
	AwardFreeTextHint: {"khen thưởng %q ghi bằng tên tự do nên không được thống kê; hãy ghi \"kind: %s\"", "award %q is written as free text, so it is not counted; write \"kind: %s\""},
	AwardNameIgnored:  {"đã có \"kind\" thì tên khen thưởng lấy theo danh mục; \"name\" bị bỏ qua (ghi chú riêng để ở \"note\")", "with \"kind\" the award's name comes from the registry; \"name\" is ignored (put remarks in \"note\")"},
	AwardNotFor:       {"%q không dành cho %s (xem \"for\" trong danh mục awards của site.yaml)", "%q is not given to %s (see \"for\" in the awards registry of site.yaml)"},
	OddDecision:       {"số quyết định %q không theo mẫu thường gặp \"123/QĐ-UBND\"", "decision number %q does not look like the usual \"123/QĐ-UBND\""},
	BadYear:           {"năm %q không hợp lệ", "invalid year %q"},
	ImageTooLarge:     {"ảnh %q quá lớn (%d×%d điểm ảnh); hãy thu nhỏ ảnh xuống dưới %d triệu điểm ảnh", "the image %q is too large (%d×%d pixels); make it smaller than %d million pixels"},
}

// Entry is one message of the catalogue, for documentation.
type Entry struct {
	Code   Code
	VI, EN string // fmt formats
}

// Entries returns the whole catalogue, sorted by code.
func Entries() []Entry {
	out := make([]Entry, 0, len(catalogue))
	for c, m := range catalogue {
		out = append(out, Entry{Code: c, VI: m.vi, EN: m.en})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out
}
