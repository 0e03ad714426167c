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
	ChangedMidBuild   Code = "changed-mid-build"
	FileTooLarge      Code = "file-too-large"
	InvalidUTF8       Code = "invalid-utf8"
	Symlink           Code = "symlink"
	NoFrontMatter     Code = "no-front-matter"
	UnterminatedFence Code = "unterminated-fence"
	SyntaxYAML        Code = "syntax-yaml"
	SyntaxTOML        Code = "syntax-toml"
	SyntaxJSON        Code = "syntax-json"

	// YAML syntax mistakes, each with where it is and how to fix it.
	YAMLTab             Code = "yaml-tab"
	YAMLColonInValue    Code = "yaml-colon-in-value"
	YAMLNoSpace         Code = "yaml-no-space"
	YAMLNoColon         Code = "yaml-no-colon"
	YAMLNoDash          Code = "yaml-no-dash"
	YAMLIndented        Code = "yaml-indented"
	YAMLMisaligned      Code = "yaml-misaligned"
	YAMLUnclosedQuote   Code = "yaml-unclosed-quote"
	YAMLUnclosedBracket Code = "yaml-unclosed-bracket"
	YAMLWrongBracket    Code = "yaml-wrong-bracket"
	YAMLExtraBracket    Code = "yaml-extra-bracket"
	YAMLTextAfterQuote  Code = "yaml-text-after-quote"
	YAMLSpecialStart    Code = "yaml-special-start"
	YAMLBadEscape       Code = "yaml-bad-escape"
	YAMLControlChar     Code = "yaml-control-char"
	NotAMapping         Code = "not-a-mapping"
	DuplicateKey        Code = "duplicate-key"
	UnknownKey          Code = "unknown-key"
	UnknownKeyHint      Code = "unknown-key-hint"
	UnknownKeyLoses     Code = "unknown-key-loses"
	StrayCharacters     Code = "stray-characters"
	RefByName           Code = "ref-by-name"
	NoCoverAlt          Code = "no-cover-alt"
	PersonSpelling      Code = "person-spelling"
	MissingField        Code = "missing-field"
	WrongType           Code = "wrong-type"
	EmptyValue          Code = "empty-value"
	BadDate             Code = "bad-date"
	BadDateDetail       Code = "bad-date-detail"
	UnknownRef          Code = "unknown-ref"
	UnknownRefHint      Code = "unknown-ref-hint"
	UnknownRefNone      Code = "unknown-ref-none"
	BadSlug             Code = "bad-slug"
	EmptySlug           Code = "empty-slug"
	DuplicateSlug       Code = "duplicate-slug"
	DuplicateItem       Code = "duplicate-item"
	BadPath             Code = "bad-path"
	MissingFile         Code = "missing-file"
	NotAnImage          Code = "not-an-image"
	EndBeforeStart      Code = "end-before-start"
	BadURL              Code = "bad-url"
	BadTimeZone         Code = "bad-time-zone"
	BadNumber           Code = "bad-number"
	BadLanguage         Code = "bad-language"
	NoSiteFile          Code = "no-site-file"
	MarkdownLink        Code = "markdown-link"
	TemplateError       Code = "template-error"
	OutputError         Code = "output-error"
	TooDeep             Code = "too-deep"
	UnusedProfile       Code = "unused-profile"
	EmptyBody           Code = "empty-body"
	BadImage            Code = "bad-image"
	ImageTooLarge       Code = "image-too-large"
	NotRegular          Code = "not-regular"
	NoPermission        Code = "no-permission"
	LinkedFolder        Code = "linked-folder"
	FileSizeUnit        Code = "file-size-unit"
	MountPoint          Code = "mount-point"
	OldOutputLeft       Code = "old-output-left"
	LeftoverFolder      Code = "leftover-folder"
	NameTooLong         Code = "name-too-long"
	HostRefused         Code = "host-refused"
	DeskHostRefused     Code = "desk-host-refused"
	AwardFreeText       Code = "award-free-text"
	AwardFreeTextHint   Code = "award-free-text-hint"
	AwardNameIgnored    Code = "award-name-ignored"
	AwardNotFor         Code = "award-not-for"
	OddDecision         Code = "odd-decision"
	BadYear             Code = "bad-year"
	ShortTooLong        Code = "short-too-long"
	ShortMissing        Code = "short-missing"
	AgencyMissing       Code = "agency-missing"
	BadEmail            Code = "bad-email"
	UpdatedBeforeDate   Code = "updated-before-date"
	GitInfoUnavailable  Code = "git-info-unavailable"
	EmblemPath          Code = "emblem-path"
	EmblemNotImage      Code = "emblem-not-image"
)

type message struct{ vi, en string }

var catalogue = map[Code]message{
	ReadFailed:        {"không đọc được tệp: %v", "cannot read the file: %v"},
	ChangedMidBuild:   {"tệp được lưu lại trong lúc đang dựng trang; hãy dựng lại", "the file was saved again while the site was being built; build again"},
	FileTooLarge:      {"tệp quá lớn (%d MB); giới hạn là %d MB", "file too large (%d MB); the limit is %d MB"},
	InvalidUTF8:       {"tệp không phải văn bản UTF-8 hợp lệ; hãy lưu lại với bảng mã UTF-8", "the file is not valid UTF-8 text; save it again as UTF-8"},
	Symlink:           {"bỏ qua liên kết tượng trưng (symlink) %q: guong không đi theo liên kết", "skipping symbolic link %q: guong never follows links"},
	NoFrontMatter:     {"thiếu phần thông tin đầu bài: tệp phải mở đầu bằng một dòng \"---\", các trường, rồi một dòng \"---\"", "missing front matter: the file must begin with a \"---\" line, the fields, then a \"---\" line"},
	UnterminatedFence: {"phần thông tin đầu bài mở bằng %q nhưng thiếu dòng %q đóng lại", "front matter opened with %q is never closed by a %q line"},
	SyntaxYAML:        {"lỗi cú pháp YAML ở dòng này; hãy xem lại dấu hai chấm, dấu ngoặc, dấu gạch đầu dòng và cách thụt dòng (%s)", "YAML syntax error on this line; check its colons, quotes, brackets, dashes and indentation (%s)"},
	SyntaxTOML:        {"lỗi cú pháp TOML ở đây; hãy xem lại dấu bằng, dấu ngoặc kép và dấu ngoặc (%s)", "TOML syntax error here; check its equals signs, quotes and brackets (%s)"},
	SyntaxJSON:        {"lỗi cú pháp JSON ở đây; hãy xem lại dấu phẩy, dấu ngoặc kép và dấu ngoặc (%s)", "JSON syntax error here; check its commas, quotes and brackets (%s)"},

	YAMLTab:             {"dấu Tab dùng để thụt dòng: YAML không nhận Tab; hãy dùng dấu cách thay cho phím Tab", "a tab indents this line, and YAML does not allow tabs: indent with spaces instead of the Tab key"},
	YAMLColonInValue:    {"giá trị của %q có dấu hai chấm nên bị hiểu nhầm là một trường mới; hãy đặt %s trong dấu ngoặc kép: %s", "the value of %q holds a colon, which YAML reads as a new key; put %s in double quotes: %s"},
	YAMLNoSpace:         {"thiếu dấu cách sau dấu hai chấm của %q; hãy viết %s", "a space is missing after the colon of %q; write %s"},
	YAMLNoColon:         {"dòng %q thiếu dấu hai chấm sau tên trường; hãy viết %s", "the line %q lacks the colon after its key; write %s"},
	YAMLNoDash:          {"mục %q của danh sách thiếu dấu gạch đầu dòng; hãy viết %s", "the list item %q lacks its dash; write %s"},
	YAMLIndented:        {"dòng này thụt vào sâu hơn trường %q ở dòng %d, nên bị hiểu là phần tiếp theo của giá trị đó; hãy bỏ dấu cách ở đầu dòng cho thẳng cột với %[1]q", "this line is indented deeper than %q on line %d, so it reads as more of that value; remove the spaces before it to line it up with %[1]q"},
	YAMLMisaligned:      {"dòng này không thẳng cột: hãy thụt vào cho thẳng với dòng %d (bắt đầu ở cột %d)", "this line is not lined up: indent it to line up with line %d (at column %d)"},
	YAMLUnclosedQuote:   {"%s mở ở đây chưa được đóng; hãy thêm dấu %s ở cuối giá trị", "the %s opened here is never closed; add a %s at the end of the value"},
	YAMLUnclosedBracket: {"dấu ngoặc %q mở ở đây chưa được đóng; hãy thêm dấu %q ở cuối danh sách", "the bracket %q opened here is never closed; add a %q at the end of the list"},
	YAMLWrongBracket:    {"dấu ngoặc %q được đóng bằng %q; hãy dùng %q", "the bracket %q is closed by %q; use %q"},
	YAMLExtraBracket:    {"thừa dấu ngoặc %q không có dấu mở tương ứng; hãy xóa nó", "the bracket %q closes nothing; delete it"},
	YAMLTextAfterQuote:  {"có chữ sau dấu ngoặc kép đóng giá trị; nếu trong giá trị có dấu ngoặc kép, hãy đặt cả giá trị trong dấu nháy đơn: %s", "there is text after the closing quote; if the value holds double quotes, put the whole value in single quotes: %s"},
	YAMLSpecialStart:    {"giá trị của %q bắt đầu bằng %q, một ký tự có nghĩa riêng trong YAML; hãy đặt cả giá trị trong dấu ngoặc kép: %s", "the value of %q begins with %q, which means something else in YAML; put the whole value in double quotes: %s"},
	YAMLBadEscape:       {"dấu \\ trong dấu ngoặc kép phải viết thành \\\\; hoặc đặt giá trị trong dấu nháy đơn", "a \\ inside double quotes must be written \\\\; or put the value in single quotes"},
	YAMLControlChar:     {"có một ký tự điều khiển không nhìn thấy được (%U); hãy xóa nó (thường do chép từ tệp khác)", "an invisible control character (%U); delete it (it often comes with copied text)"},
	NotAMapping:         {"phần thông tin đầu bài phải là các cặp \"khóa: giá trị\"", "front matter must be a set of \"key: value\" pairs"},
	DuplicateKey:        {"khóa %q xuất hiện hai lần (lần đầu ở dòng %d)", "key %q appears twice (first on line %d)"},
	UnknownKey:          {"khóa %q không được hỗ trợ nên bị bỏ qua", "unknown key %q is ignored"},
	UnknownKeyHint:      {"khóa %q không được hỗ trợ nên bị bỏ qua (có phải ý bạn là %q?)", "unknown key %q is ignored (did you mean %q?)"},
	UnknownKeyLoses:     {"khóa %q không được hỗ trợ nên bị bỏ qua, và %s (có phải ý bạn là %q?)", "unknown key %q is ignored, so %s (did you mean %q?)"},
	StrayCharacters:     {"%q có %s bao quanh hoặc ở đầu, cuối giá trị; guong đã bỏ chúng, hãy xóa chúng khỏi tệp", "%q has %s around or at the ends of its value; guong removed them: delete them from the file"},
	RefByName:           {"%q là tên của %s, không phải khóa: guong hiểu là %q, hãy viết %s: %s", "%q is the name of a %s, not its key: guong reads it as %q; write %s: %s"},
	NoCoverAlt:          {"ảnh bìa %q chưa có lời mô tả: hãy thêm coverAlt (cho người khiếm thị và khi ảnh không tải được)", "the cover %q has no description: add coverAlt (for blind readers, and when the picture does not load)"},
	PersonSpelling:      {"nhân vật %q được viết khác với %q ở %s (chỉ khác chữ hoa, dấu cách hay cách gõ dấu) nên sẽ thành hai nhân vật; hãy viết giống nhau", "the person %q is written unlike %q in %s (only case, spaces or the way the marks are typed differ), so they become two people; write them alike"},
	MissingField:        {"thiếu trường bắt buộc %q", "missing required field %q"},
	WrongType:           {"%q phải là %s, không phải %s", "%q must be %s, not %s"},
	EmptyValue:          {"%q không được để trống", "%q must not be empty"},
	BadDate:             {"không đọc được ngày %q ở trường %q; hãy viết dạng 2023-06-11 hoặc 11/06/2023", "cannot read %q as a date in %q; write 2023-06-11 or 11/06/2023"},
	BadDateDetail:       {"ngày %q ở trường %q không hợp lệ: %s", "invalid date %q in %q: %s"},
	UnknownRef:          {"không có %s %q; các giá trị hợp lệ: %s", "unknown %s %q; valid values: %s"},
	UnknownRefHint:      {"không có %s %q (có phải ý bạn là %q?)", "unknown %s %q (did you mean %q?)"},
	UnknownRefNone:      {"không có %s %q: chưa khai báo %s nào", "unknown %s %q: no %s is defined"},
	BadSlug:             {"slug %q không hợp lệ: chỉ dùng chữ thường không dấu a-z, chữ số 0-9 và dấu gạch ngang", "invalid slug %q: use only a-z, 0-9 and '-'"},
	EmptySlug:           {"không tạo được slug từ tên tệp %q; hãy đặt tên tệp bằng chữ không dấu hoặc thêm trường \"slug\"", "cannot make a slug from the file name %q; rename the file or add a \"slug\" field"},
	DuplicateSlug:       {"trùng đường dẫn %q với %s", "duplicate page address %q (also used by %s)"},
	DuplicateItem:       {"%q được ghi hai lần trong %q", "%q is listed twice in %q"},
	BadPath:             {"đường dẫn %q không hợp lệ: phải là đường dẫn tương đối nằm trong thư mục của bài, không chứa \"..\"", "invalid path %q: it must be relative, inside the story's folder, without \"..\""},
	MissingFile:         {"không tìm thấy tệp %q", "file %q not found"},
	NotAnImage:          {"tệp %q không phải ảnh JPEG, PNG, GIF hay WebP", "file %q is not a JPEG, PNG, GIF or WebP image"},
	EndBeforeStart:      {"ngày kết thúc %s trước ngày bắt đầu %s", "end date %s is before start date %s"},
	BadURL:              {"địa chỉ %q không hợp lệ: %s", "invalid address %q: %s"},
	BadTimeZone:         {"không biết múi giờ %q (ví dụ đúng: \"Asia/Ho_Chi_Minh\")", "unknown time zone %q (for example \"Asia/Ho_Chi_Minh\")"},
	BadNumber:           {"%q phải là một số nguyên dương, không phải %q", "%q must be a positive whole number, not %q"},
	BadLanguage:         {"ngôn ngữ %q chưa được hỗ trợ; dùng \"vi\" hoặc \"en\"", "language %q is not supported; use \"vi\" or \"en\""},
	NoSiteFile:          {"không tìm thấy tệp site.yaml: đây có phải thư mục của trang không?", "site.yaml not found: is this a site folder?"},
	MarkdownLink:        {"liên kết %q bị bỏ vì không an toàn", "link %q was dropped as unsafe"},
	TemplateError:       {"lỗi giao diện (template): %v", "template error: %v"},
	OutputError:         {"không ghi được thư mục đích: %v", "could not write the output: %v"},
	TooDeep:             {"cấu trúc lồng nhau quá sâu (quá %d cấp)", "nesting too deep (over %d levels)"},
	UnusedProfile:       {"hồ sơ của %q không khớp với nhân vật của bài viết nào", "profile of %q matches no story's person"},
	EmptyBody:           {"bài viết chưa có nội dung", "the story has no text yet"},
	BadImage:            {"không đọc được ảnh %q: tệp hỏng hoặc không đúng định dạng (%v)", "cannot read the image %q: the file is damaged or in another format (%v)"},
	NotRegular:          {"%q không phải tệp thường (mà là ống dẫn có tên, thiết bị hay socket); guong chỉ đọc tệp thường: hãy thay nó bằng một tệp", "%q is not a regular file (it is a named pipe, a device or a socket); guong reads only regular files: replace it with a file"},
	NoPermission:        {"không có quyền đọc %q; hãy cho người dùng chạy guong quyền đọc nó (ví dụ chmod a+rX), hoặc chạy guong bằng người dùng sở hữu nó", "no permission to read %q; give the user running guong read access to it (for example chmod a+rX), or run guong as its owner"},
	LinkedFolder:        {"%q là một liên kết tượng trưng (symlink): guong không đọc hay ghi qua liên kết; hãy thay nó bằng một thư mục thật", "%q is a symbolic link: guong never reads or writes through links; replace it with a real folder"},
	FileSizeUnit:        {"maxFileSize tính bằng MB: %d MB là quá lớn, giới hạn là %d MB (ví dụ maxFileSize: 10 là 10 MB)", "maxFileSize is in MB: %d MB is too large, the limit is %d MB (for example maxFileSize: 10 is 10 MB)"},
	MountPoint:          {"thư mục đích %s là một điểm gắn kết (mount point) nên guong không thay nó được; hãy tạo trang vào một thư mục bên trong nó, ví dụ -d %s", "the destination %s is a mount point, which guong cannot replace; build into a folder inside it, for example -d %s"},
	OldOutputLeft:       {"trang mới ĐÃ được đăng vào %s, nhưng không xóa được bản cũ: %s còn lại (%v); guong sẽ thử xóa lại ở lần tạo sau, hoặc bạn có thể tự xóa nó", "the new site IS published in %s, but the old output could not be removed: %s is left (%v); guong tries again on the next build, or you may delete it"},
	LeftoverFolder:      {"còn lại từ một lần tạo trước mà guong không xóa được: %s; lần tạo này vẫn tiếp tục, hãy xóa nó khi có thể", "left by an earlier build, which guong could not remove: %s; this build goes on; delete it when you can"},
	NameTooLong:         {"%s quá dài: nó tạo ra tên %d ký tự trong địa chỉ trang, tối đa là %d ký tự (không dấu); hãy viết ngắn lại", "%s is too long: it makes a name of %d characters in the page's address, at most %d (without diacritics); shorten it"},
	HostRefused:         {"bản xem trước chỉ trả lời địa chỉ của chính nó (127.0.0.1, localhost, [::1] hoặc %q): hãy mở nó bằng một trong các địa chỉ đó", "the preview answers only its own addresses (127.0.0.1, localhost, [::1] or %q): open it at one of them"},
	DeskHostRefused:     {"bàn viết chỉ mở được trên chính máy chạy guong serve, tại http://127.0.0.1 hoặc http://localhost: nó ghi vào thư mục trang, nên không trả lời máy khác trong mạng", "the writer's desk opens only on the machine running guong serve, at http://127.0.0.1 or http://localhost: it writes into the site folder, so it answers no other machine on the network"},
	ImageTooLarge:       {"%s %q quá lớn (%d×%d điểm ảnh); hãy thu nhỏ ảnh xuống dưới %d triệu điểm ảnh", "%s %q is too large (%d×%d pixels); make it smaller than %d million pixels"},
	AwardFreeText:       {"khen thưởng %q ghi bằng tên tự do nên không được thống kê; hãy ghi \"kind:\" là một khóa của danh mục awards trong site.yaml", "award %q is written as free text, so it is not counted; write \"kind:\" with a key of the awards registry in site.yaml"},
	AwardFreeTextHint:   {"khen thưởng %q ghi bằng tên tự do nên không được thống kê; hãy ghi \"kind: %s\"", "award %q is written as free text, so it is not counted; write \"kind: %s\""},
	AwardNameIgnored:    {"đã có \"kind\" thì tên khen thưởng lấy theo danh mục; \"name\" bị bỏ qua (ghi chú riêng để ở \"note\")", "with \"kind\" the award's name comes from the registry; \"name\" is ignored (put remarks in \"note\")"},
	AwardNotFor:         {"%q không dành cho %s (xem \"for\" trong danh mục awards của site.yaml)", "%q is not given to %s (see \"for\" in the awards registry of site.yaml)"},
	OddDecision:         {"số quyết định %q không theo mẫu thường gặp \"123/QĐ-UBND\"", "decision number %q does not look like the usual \"123/QĐ-UBND\""},
	BadYear:             {"năm %q không hợp lệ", "invalid year %q"},
	ShortTooLong:        {"tên ngắn %q của loại mô hình \"%s\" dài %d ký tự, tối đa là %d: danh mục trên điện thoại cần tên ngắn; hãy viết ngắn lại, ví dụ \"Dân vận khéo\"", "short name %q of model type \"%s\" is %d characters long, at most %d: the menu on phones needs a short name; shorten it, e.g. \"Dân vận khéo\""},
	ShortMissing:        {"loại mô hình \"%s\" chưa có khóa \"short\" (tên ngắn trong danh mục): tên đầy đủ dài %d ký tự, quá %d ký tự, nên danh mục sẽ hiện cả tên dài; hãy thêm, ví dụ short: \"Làm theo Bác\"", "model type \"%s\" has no \"short\" key (its short name in the menu): its full name is %d characters long, over %d, so the menu shows the whole long name; add one, e.g. short: \"Làm theo Bác\""},
	AgencyMissing:       {"thiếu %s: trang thông tin điện tử của cơ quan nhà nước cần ghi rõ thông tin này; hãy thêm %q vào khối \"agency\" của site.yaml", "missing %s: a state agency's information page should carry it; add %q to the \"agency\" block of site.yaml"},
	UpdatedBeforeDate:   {"ngày cập nhật %s (updated) không sau ngày đăng %s (date); hãy sửa một trong hai ngày", "the update %s (updated) is not after the date %s (date); correct one of them"},
	GitInfoUnavailable:  {"enableGitInfo đang bật nhưng không đọc được ngày sửa các tệp từ git: %s; bài chỉ ghi \"Cập nhật lúc\" theo trường \"updated\"", "enableGitInfo is on but the files' dates cannot be read from git: %s; stories show an update only from their \"updated\" field"},
	BadEmail:            {"địa chỉ thư điện tử %q không hợp lệ (ví dụ đúng: \"songoaivu@langson.gov.vn\")", "invalid e-mail address %q (for example \"songoaivu@langson.gov.vn\")"},
	EmblemPath:          {"biểu trưng %q phải là một tệp trong thư mục content/ của trang, viết từ thư mục của trang, không có \"..\" (ví dụ \"content/bieu-trung.svg\")", "the emblem %q must be a file in the site's content/ folder, written from the site folder, without \"..\" (for example \"content/bieu-trung.svg\")"},
	EmblemNotImage:      {"tệp %q không phải ảnh SVG, PNG, JPEG, GIF hay WebP", "file %q is not an SVG, PNG, JPEG, GIF or WebP image"},
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
