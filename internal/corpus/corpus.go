// Package corpus generates deterministic sample sites of any size in guong's
// content format, for benchmarks and for tests that need many stories:
// Vietnamese text with full diacritics, 400–900 words per story with
// headings, lists, links, tables and blockquotes, about N/4 people, 8
// departments, 12 campaigns, dates over 2022–2025, awards and tags.
package corpus

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
	"math/rand/v2"
	"sort"
	"strings"
	"testing/fstest"
	"time"
	"unicode"

	"github.com/guong/guong/internal/vi"
)

// Departments are the generated site's departments: key and name.
var departments = [][2]string{
	{"van-phong", "Văn phòng Sở"},
	{"thanh-tra", "Thanh tra Sở"},
	{"phong-lanh-su", "Phòng Lãnh sự"},
	{"phong-hop-tac-quoc-te", "Phòng Hợp tác quốc tế"},
	{"phong-quan-ly-bien-gioi", "Phòng Quản lý biên giới"},
	{"phong-kinh-te-doi-ngoai", "Phòng Kinh tế đối ngoại"},
	{"trung-tam-thong-tin", "Trung tâm Thông tin và Dịch vụ đối ngoại"},
	{"phong-to-chuc-can-bo", "Phòng Tổ chức cán bộ"},
}

// models are the generated site's model types: the plan's three, as
// config.DefaultModels has them (not imported: config's own imports' tests
// generate sites with this package). corpus_test checks they agree.
var models = []struct{ Key, Name, Short string }{
	{"hoc-tap-va-lam-theo-bac", "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", "Làm theo Bác"},
	{"dan-van-kheo", "Dân vận khéo", "Dân vận khéo"},
	{"chuyen-mon", "Điển hình trong thực hiện nhiệm vụ chuyên môn", "Chuyên môn"},
}

var campaignTitles = []string{
	"Kỷ niệm 75 năm ngày Chủ tịch Hồ Chí Minh ra lời kêu gọi thi đua ái quốc",
	"Cả tỉnh chung sức xây dựng chính quyền số",
	"Đẩy mạnh cải cách hành chính, nâng cao chỉ số năng lực cạnh tranh",
	"Chung tay xây dựng đường biên giới hòa bình, hữu nghị",
	"Thi đua thực hiện thắng lợi nhiệm vụ đối ngoại địa phương",
	"Cán bộ, công chức thi đua thực hiện văn hóa công sở",
	"Phụ nữ tích cực học tập, lao động sáng tạo",
	"Tuổi trẻ xung kích, tình nguyện vì cộng đồng",
	"Đổi mới, sáng tạo trong phục vụ người dân và doanh nghiệp",
	"Chung sức xây dựng nông thôn mới vùng biên",
	"Dân vận khéo trong thực hiện nhiệm vụ chính trị",
	"Thi đua liên kết cụm các sở, ngành",
}

var (
	familyNames = []string{"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Âu", "Đàm", "Lương", "Triệu", "Nông", "Hà", "Lục", "Chu"}
	middleNames = []string{"Văn", "Thị", "Minh", "Thu", "Ngọc", "Đức", "Hữu", "Thanh", "Quốc", "Kim", "Xuân", "Hồng"}
	givenNames  = []string{"An", "Ánh", "Ân", "Bình", "Cường", "Dũng", "Dung", "Đức", "Dục", "Giang", "Hà", "Hải", "Hạnh", "Hiền", "Hùng", "Hương", "Khánh", "Lan", "Linh", "Long", "Mai", "Minh", "Nam", "Ngọc", "Oanh", "Ơn", "Phúc", "Phương", "Quang", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Uyên", "Ưng", "Vân", "Việt", "Xuân", "Yến"}
	tagWords    = []string{"biên giới", "dân vận", "cột mốc", "thi đua yêu nước", "cải cách hành chính", "hợp pháp hóa lãnh sự", "dịch vụ công trực tuyến", "chuyển đổi số", "lưu trữ", "sáng kiến", "đạo đức công vụ", "xây dựng đảng", "bảo hộ công dân", "cửa khẩu", "thanh tra", "thông tin đối ngoại", "hợp tác quốc tế", "hỗ trợ doanh nghiệp", "xúc tiến đầu tư", "văn hóa công sở", "an sinh xã hội", "phòng, chống tham nhũng", "tình nguyện", "tiếng dân tộc"}
	// awardForms are the awards given, as keys of config.DefaultAwards:
	// an individual's and, where it differs, a collective's.
	awardForms = [][2]string{
		{"bang-khen-tinh", "bang-khen-tinh"},
		{"giay-khen", "giay-khen"},
		{"chien-si-thi-dua-co-so", "tap-the-lao-dong-tien-tien"},
		{"lao-dong-tien-tien", "tap-the-lao-dong-xuat-sac"},
		{"bang-khen-bo", "bang-khen-bo"},
	}
	headings  = []string{"Nói để dân hiểu, làm để dân tin", "Những kết quả cụ thể", "Sáng kiến từ công việc hằng ngày", "Gần dân, trọng dân", "Lan tỏa tấm gương", "Vượt khó hoàn thành nhiệm vụ", "Đổi mới cách làm", "Bài học kinh nghiệm"}
	sentences = []string{
		"Gần mười năm gắn bó với công tác chuyên môn, đồng chí luôn được đồng nghiệp tin tưởng, nhân dân quý mến.",
		"Mỗi hồ sơ được tiếp nhận đều được kiểm tra kỹ lưỡng, trả kết quả đúng hẹn và công khai trên cổng dịch vụ công.",
		"Đơn vị đã chủ động phối hợp với đồn biên phòng, chính quyền xã tổ chức các buổi tuyên truyền tại thôn bản.",
		"Những buổi họp thôn được tổ chức vào buổi tối để bà con đi làm nương về vẫn kịp tham dự.",
		"Nhờ ứng dụng công nghệ thông tin, thời gian giải quyết thủ tục hành chính đã giảm gần một nửa.",
		"Tấm gương ấy đã lan tỏa sâu rộng trong cơ quan, trở thành động lực để các phòng, đơn vị thi đua.",
		"Đồng chí thường nói rằng làm việc gì cũng phải đặt lợi ích của người dân và doanh nghiệp lên trên hết.",
		"Bên cạnh nhiệm vụ chuyên môn, tập thể còn tích cực tham gia các hoạt động nhân đạo, từ thiện do tỉnh phát động.",
		"Các sáng kiến được Hội đồng sáng kiến của Sở công nhận và áp dụng rộng rãi trong toàn ngành.",
		"Việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh được cụ thể hóa bằng những việc làm thiết thực.",
		"Nhiều đoàn khách quốc tế đã bày tỏ sự hài lòng về tính chuyên nghiệp và chu đáo trong công tác lễ tân đối ngoại.",
		"Trong điều kiện thời tiết khắc nghiệt, đoàn công tác vẫn vượt hàng chục cây số đường đèo để đến với bà con.",
		"Kết quả ấy là minh chứng sinh động cho tinh thần trách nhiệm, sự tận tụy và lòng yêu nghề.",
		"Đồng chí cũng dành thời gian học thêm tiếng Tày, tiếng Nùng để trò chuyện với người cao tuổi.",
		"Từ đầu năm, đơn vị đã số hóa hơn hai nghìn hồ sơ lưu trữ, giúp việc tra cứu nhanh chóng, chính xác.",
		"Ý kiến đóng góp của người dân được ghi nhận đầy đủ và trả lời trong thời gian sớm nhất.",
	}
	quotes = []string{
		"Bà con nơi biên giới rất chân chất. Mình đến bằng sự chân thành thì bà con sẽ tin mình.",
		"Việc nhỏ mà làm đến nơi đến chốn thì người dân sẽ thấy được sự thay đổi.",
		"Học Bác là học từ những việc bình thường nhất, ngay trong công việc hằng ngày.",
	}
)

// Options choose what to generate.
type Options struct {
	Stories int    // number of stories
	Seed    uint64 // the same seed always gives the same site
	// BaseURL of the generated site; "https://example.gov.vn/guong-dien-hinh/" if empty.
	BaseURL string
	// Pictures, if not 0, makes every Pictures-th story's body show a
	// photo of its own (PictureWidth×PictureHeight pixels, a JPEG beside
	// the story). The stories are the same with or without them.
	Pictures int
}

// The size of the photos bodies show (see Options.Pictures).
const (
	PictureWidth  = 1600
	PictureHeight = 1000
)

// File is one generated file.
type File struct {
	Path string // slash path relative to the site folder
	Data []byte
}

// FS returns a generated site in memory, for tests and benchmarks.
func FS(opts Options) (fstest.MapFS, error) {
	fsys := fstest.MapFS{}
	err := Generate(opts, func(f File) error {
		fsys[f.Path] = &fstest.MapFile{Data: f.Data, Mode: 0o644}
		return nil
	})
	return fsys, err
}

// Stories returns the paths of the stories of fsys, sorted.
func Stories(fsys fstest.MapFS) []string {
	var out []string
	for name := range fsys {
		if strings.HasPrefix(name, "content/stories/") && strings.HasSuffix(name, ".md") {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

// Generate returns the files of a site with opts.Stories stories, calling
// emit for each (so a large site can be written without holding it).
func Generate(opts Options, emit func(File) error) error {
	r := rand.New(rand.NewPCG(opts.Seed, opts.Seed^0x9e3779b97f4a7c15))
	base := opts.BaseURL
	if base == "" {
		base = "https://example.gov.vn/guong-dien-hinh/"
	}
	if err := emit(File{Path: "site.yaml", Data: siteYAML(base)}); err != nil {
		return err
	}
	type campaign struct {
		key        string
		start, end time.Time
	}
	loc := time.FixedZone("ICT", 7*3600)
	var camps []campaign
	for i, title := range campaignTitles {
		start := time.Date(2021+i%3, time.Month(1+i%12), 1+i, 0, 0, 0, 0, loc)
		c := campaign{key: vi.Slug(title)[:min(40, len(vi.Slug(title)))], start: start}
		c.key = strings.TrimRight(c.key, "-")
		var end string
		if i%3 == 0 {
			c.end = start.AddDate(3, 6, 0)
			end = fmt.Sprintf("end: %s\n", c.end.Format("2006-01-02"))
		}
		camps = append(camps, c)
		body := fmt.Sprintf("---\ntitle: %q\nstart: %s\n%s---\n%s\n\n%s\n", title, start.Format("2006-01-02"), end,
			sentences[i%len(sentences)], sentences[(i+3)%len(sentences)])
		if err := emit(File{Path: "content/campaigns/" + c.key + ".md", Data: []byte(body)}); err != nil {
			return err
		}
	}
	if err := emit(File{Path: "content/pages/gioi-thieu.md", Data: []byte("---\ntitle: \"Giới thiệu\"\n---\nTrang tuyên truyền gương điển hình tiên tiến.\n")}); err != nil {
		return err
	}

	// People: about one for four stories; a fifth of them collectives.
	nPeople := max(1, opts.Stories/4)
	type person struct {
		name       string
		collective bool
		dept       int
	}
	people := make([]person, nPeople)
	seen := map[string]bool{}
	maxNames := len(familyNames) * len(middleNames) * len(givenNames) * len(middleNames)
	for i := range people {
		p := person{dept: r.IntN(len(departments))}
		if i%5 == 4 {
			p.collective = true
			p.name = fmt.Sprintf("Tập thể %s (tổ %d)", departments[p.dept][1], i)
		} else {
			// A three-part name not used yet; once those grow scarce, a
			// four-part one ("Nguyễn Thị Thu Hà"), so that a large site
			// still has about N/4 distinct people.
			for try := 0; ; try++ {
				m := r.IntN(len(middleNames))
				p.name = familyNames[r.IntN(len(familyNames))] + " " + middleNames[m] + " "
				if try >= 8 {
					p.name += middleNames[(m+1+r.IntN(len(middleNames)-1))%len(middleNames)] + " "
				}
				p.name += givenNames[r.IntN(len(givenNames))]
				if !seen[p.name] || len(seen) > maxNames/2 {
					break
				}
			}
		}
		seen[p.name] = true
		people[i] = p
	}

	start := time.Date(2022, 1, 1, 7, 0, 0, 0, loc)
	span := time.Date(2025, 12, 31, 0, 0, 0, 0, loc).Sub(start)
	var slugs []string
	for i := 0; i < opts.Stories; i++ {
		p := people[r.IntN(nPeople)]
		date := start.Add(time.Duration(r.Int64N(int64(span/time.Minute))) * time.Minute)
		slug := fmt.Sprintf("%s-%d", vi.Slug(p.name), i)
		model := models[r.IntN(len(models))]
		var storyCamps []string
		for _, c := range camps {
			if !date.Before(c.start) && (c.end.IsZero() || date.Before(c.end)) && r.IntN(3) == 0 && len(storyCamps) < 2 {
				storyCamps = append(storyCamps, c.key)
			}
		}
		tags := pick(r, tagWords, 2+r.IntN(3))
		var b strings.Builder
		fmt.Fprintf(&b, "---\ntitle: %q\n", storyTitle(r, p.name, p.collective, model.Name))
		fmt.Fprintf(&b, "date: %s\n", date.Format(time.RFC3339))
		fmt.Fprintf(&b, "person: %q\n", p.name)
		if !p.collective {
			fmt.Fprintf(&b, "position: %q\n", "Chuyên viên "+departments[p.dept][1])
			if g := Gender(p.name); g != "" {
				fmt.Fprintf(&b, "gender: %s\n", g)
			}
		}
		fmt.Fprintf(&b, "collective: %v\ndepartment: %s\nmodel: %s\n", p.collective, departments[p.dept][0], model.Key)
		fmt.Fprintf(&b, "campaigns: [%s]\n", strings.Join(storyCamps, ", "))
		fmt.Fprintf(&b, "tags: [%s]\n", quoteAll(tags))
		if r.IntN(2) == 0 {
			fmt.Fprintf(&b, "summary: %q\n", sentences[r.IntN(len(sentences))])
		}
		if r.IntN(3) == 0 {
			ad := date.AddDate(0, -1-r.IntN(6), 0)
			form := awardForms[r.IntN(len(awardForms))][boolIndex(p.collective)]
			agency, issuer := awardIssuer(form)
			fmt.Fprintf(&b, "awards:\n  - {kind: %s, decision: \"%d/QĐ-%s\", date: %s, issuer: %q", form, 100+r.IntN(900), agency, ad.Format("2006-01-02"), issuer)
			if ad.Month() <= time.March {
				// Decisions early in a year reward the year before.
				fmt.Fprintf(&b, ", year: %d", ad.Year()-1)
			}
			b.WriteString("}\n")
		}
		b.WriteString("---\n")
		writeBody(&b, r, p.name, slugs)
		year := date.Year()
		if opts.Pictures > 0 && i%opts.Pictures == 0 {
			photo := fmt.Sprintf("anh-%d.jpg", i)
			fmt.Fprintf(&b, "\n![Ảnh %s tại cơ quan](%s)\n", p.name, photo)
			if err := emit(File{Path: fmt.Sprintf("content/stories/%d/%s", year, photo), Data: Photo(i)}); err != nil {
				return err
			}
		}
		if err := emit(File{Path: fmt.Sprintf("content/stories/%d/%s.md", year, slug), Data: []byte(b.String())}); err != nil {
			return err
		}
		slugs = append(slugs, slug)
	}
	return nil
}

// Photo returns the n-th generated photo: a JPEG of PictureWidth ×
// PictureHeight pixels, different for every n, the same for the same n.
func Photo(n int) []byte {
	img := image.NewYCbCr(image.Rect(0, 0, PictureWidth, PictureHeight), image.YCbCrSubsampleRatio420)
	cb, cr := uint8(40+n*37%176), uint8(40+n*91%176)
	for y := 0; y < PictureHeight; y++ {
		for x := 0; x < PictureWidth; x++ {
			// A gradient with rings around a point that moves with n:
			// enough detail for the encoder to work as on a photo.
			dx, dy := x-(n*131)%PictureWidth, y-(n*71)%PictureHeight
			img.Y[y*img.YStride+x] = uint8(x*255/PictureWidth/2 + ((dx*dx+dy*dy)>>9)%128)
		}
	}
	for i := range img.Cb {
		img.Cb[i], img.Cr[i] = cb+uint8(i%7), cr
	}
	var buf bytes.Buffer
	_ = jpeg.Encode(&buf, img, &jpeg.Options{Quality: 85}) // cannot fail writing to memory
	return buf.Bytes()
}

// Gender is the gender the generator gives an individual: "nữ" for a
// middle name "Thị", "nam" for "Văn", none for the others (so that a
// report meets people whose gender is unknown).
func Gender(name string) string {
	switch {
	case strings.Contains(name, " Thị "):
		return "nữ"
	case strings.Contains(name, " Văn "):
		return "nam"
	}
	return ""
}

// awardIssuer returns the agency code of a decision on an award and who
// signs it.
func awardIssuer(form string) (agency, issuer string) {
	switch form {
	case "bang-khen-tinh", "tap-the-lao-dong-xuat-sac":
		return "UBND", "Chủ tịch UBND tỉnh"
	case "bang-khen-bo":
		return "BNG", "Bộ trưởng Bộ Ngoại giao"
	}
	return "SNgV", "Giám đốc Sở Ngoại vụ"
}

func boolIndex(b bool) int {
	if b {
		return 1
	}
	return 0
}

func siteYAML(base string) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "title: \"Gương điển hình tiên tiến – Sở Ngoại vụ\"\nbaseURL: %q\nlanguage: vi\npaginate: 10\nmodels:\n", base)
	for _, m := range models {
		fmt.Fprintf(&b, "  %s: {name: %q, short: %q}\n", m.Key, m.Name, m.Short)
	}
	b.WriteString("departments:\n")
	for _, d := range departments {
		fmt.Fprintf(&b, "  %s: {name: %q}\n", d[0], d[1])
	}
	return []byte(b.String())
}

func storyTitle(r *rand.Rand, name string, collective bool, model string) string {
	forms := []string{"%s – tấm gương %s", "%s: bền bỉ với nghề, tận tụy vì dân (%s)", "Gương sáng %s trong phong trào %s"}
	return fmt.Sprintf(forms[r.IntN(len(forms))], name, strings.ToLower(model))
}

func pick(r *rand.Rand, xs []string, n int) []string {
	idx := r.Perm(len(xs))[:n]
	out := make([]string, n)
	for i, j := range idx {
		out[i] = xs[j]
	}
	return out
}

func quoteAll(xs []string) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = fmt.Sprintf("%q", x)
	}
	return strings.Join(q, ", ")
}

// writeBody writes a body of 400–900 words (CountWords): an opening
// paragraph, then sections under "##" headings holding, in every story, a
// list, a table, a blockquote and a paragraph of links (to an earlier story,
// or to the campaigns list for the first one, and to an outside site).
func writeBody(b *strings.Builder, r *rand.Rand, name string, earlier []string) {
	// The last sentence and heading added may overshoot the target by at
	// most a sentence (≤ 25 words) and a heading (≤ 8 words).
	const maxOvershoot = 35
	target := 400 + r.IntN(900-maxOvershoot-400+1)
	var blocks []string
	words := 0
	add := func(s string) {
		blocks = append(blocks, s)
		words += CountWords(s)
	}
	sentence := func() string { return sentences[r.IntN(len(sentences))] }
	para := func(n int) {
		p := make([]string, n)
		for i := range p {
			p[i] = sentence()
		}
		add(strings.Join(p, " "))
	}
	heading := func(s int) { add("## " + headings[(s+r.IntN(len(headings)))%len(headings)]) }

	add(fmt.Sprintf("Câu chuyện về %s là một trong những tấm gương tiêu biểu của Sở.", name))
	para(2)
	for s := range 4 {
		heading(s)
		para(2)
		switch s {
		case 0:
			add("- Tổ chức tuyên truyền tại thôn bản;\n- Hướng dẫn thủ tục trực tuyến;\n- Tiếp nhận, giải quyết kiến nghị của người dân.")
		case 1:
			var t strings.Builder
			t.WriteString("| Năm | Số hồ sơ | Đúng hạn |\n|---|---|---|")
			for y := 2022; y <= 2025; y++ {
				fmt.Fprintf(&t, "\n| %d | %d | %d%% |", y, 100+r.IntN(900), 90+r.IntN(11))
			}
			add(t.String())
		case 2:
			add("> " + quotes[r.IntN(len(quotes))])
		case 3:
			link := "[các phong trào thi đua](/phong-trao/)"
			if len(earlier) > 0 {
				link = fmt.Sprintf("[một tấm gương khác](/bai-viet/%s/)", earlier[r.IntN(len(earlier))])
			}
			add(fmt.Sprintf("Xem thêm %s cùng đơn vị; thủ tục được hướng dẫn trên [Cổng Dịch vụ công quốc gia](https://dichvucong.gov.vn/).", link))
		}
	}
	// More sections of up to five sentences until the target is reached.
	for s := 4; words < target; s++ {
		heading(s)
		blocks = append(blocks, "")
		last := len(blocks) - 1
		for n := 0; n < 5 && (n == 0 || words < target); n++ {
			sent := sentence()
			if n > 0 {
				blocks[last] += " "
			}
			blocks[last] += sent
			words += CountWords(sent)
		}
	}
	b.WriteString(strings.Join(blocks, "\n\n"))
	b.WriteString("\n")
}

// CountWords counts the words of Markdown text: the whitespace-separated
// tokens holding at least one letter (so "##", "|", "-", "2023" and
// "95%" are not words).
func CountWords(s string) int {
	n := 0
	for _, f := range strings.Fields(s) {
		if strings.IndexFunc(f, unicode.IsLetter) >= 0 {
			n++
		}
	}
	return n
}
