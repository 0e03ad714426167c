package vi

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"
)

func TestNFC(t *testing.T) {
	tests := []struct{ name, in string }{
		{"duong", "Đường"},
		{"lanh su", "Lãnh sự"},
		{"nguyen", "Nguyễn Thị Ánh"},
		{"stacked marks", "Chị Hoàng Thị Lan – người cán bộ dân vận khéo nơi biên giới"},
		{"ascii", "plain ascii"},
		{"empty", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			composed := norm.NFC.String(tt.in)
			decomposed := norm.NFD.String(tt.in)
			if got := NFC(decomposed); got != composed {
				t.Errorf("NFC(%+q) = %+q, want %+q", decomposed, got, composed)
			}
			if got := NFC(composed); got != composed {
				t.Errorf("NFC(%+q) = %+q, want it unchanged", composed, got)
			}
		})
	}
	t.Run("decomposed differs", func(t *testing.T) {
		// Guard against the test data being accidentally all-ASCII.
		if norm.NFD.String("Đường") == "Đường" {
			t.Fatal("NFD did not decompose Đường")
		}
	})
}

// TestNFCQuick checks the quick path of NFC against norm on strings where
// it must say no (a rune that changes, or combines with the one before)
// and on Vietnamese text, where it must say yes, or it would save nothing.
func TestNFCQuick(t *testing.T) {
	for _, s := range []string{
		"Nguyễn Thị Ánh – “Dân vận khéo” … 12° € №",
		"e\u0301",       // a combining mark
		"\u2126",        // OHM SIGN: NFC makes it Ω (U+03A9)
		"\u1100\u1161",  // Hangul jamo L + V compose
		"\u0b47\u0b3e",  // Oriya vowel signs compose
		"\u0340",        // combining grave tone mark: replaced
		"a\xffb",        // invalid UTF-8
		"\U0001D15E",    // outside the table: norm decides
		"Ａ\u00c5\u212b", // ANGSTROM SIGN: NFC makes it Å
	} {
		if got, want := NFC(s), norm.NFC.String(s); got != want {
			t.Errorf("NFC(%+q) = %+q, want %+q", s, got, want)
		}
	}
	if !isNFC("Chị Hoàng Thị Lan – người cán bộ dân vận khéo nơi biên giới, ĐƯỜNG “ĐỔI MỚI”.") {
		t.Error("isNFC is false for Vietnamese text in NFC")
	}
	for _, s := range []string{"e\u0301", "\u2126", "\u1100\u1161", "\u0340"} {
		if isNFC(s) {
			t.Errorf("isNFC(%+q) is true", s)
		}
	}
}

// TestNFCBytes checks that text in NFC comes back as it is, bytes shared,
// and other text normalised into new bytes, the input left alone.
func TestNFCBytes(t *testing.T) {
	in := []byte("Chị Hoàng Thị Lan – “Dân vận khéo”")
	if out := NFCBytes(in); len(out) != len(in) || &out[0] != &in[0] {
		t.Errorf("NFCBytes(%q) = %q, a copy; want the same bytes", in, out)
	}
	decomposed := []byte("Hoàng é")
	orig := string(decomposed)
	if got, want := string(NFCBytes(decomposed)), "Hoàng é"; got != want {
		t.Errorf("NFCBytes(%+q) = %+q, want %+q", orig, got, want)
	}
	if string(decomposed) != orig {
		t.Errorf("NFCBytes changed its input to %+q", decomposed)
	}
	if got := NFCBytes(nil); len(got) != 0 {
		t.Errorf("NFCBytes(nil) = %q", got)
	}
}

func TestSlug(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"duong", "Đường", "duong"},
		{"lanh su", "Lãnh sự", "lanh-su"},
		{"title with en dash", "Chị Hoàng Thị Lan – người cán bộ dân vận khéo nơi biên giới", "chi-hoang-thi-lan-nguoi-can-bo-dan-van-kheo-noi-bien-gioi"},
		{"tap the", "Tập thể Phòng Lãnh sự", "tap-the-phong-lanh-su"},
		{"upper d stroke", "ĐÀ NẴNG", "da-nang"},
		{"all tones", "a à á ả ã ạ", "a-a-a-a-a-a"},
		{"all vowels", "ăâêôơư ẮẰẲẴẶ ẤẦẨẪẬ ỀẾỂỄỆ ỐỒỔỖỘ ỚỜỞỠỢ ỨỪỬỮỰ ỲÝỶỸỴ", "aaeoou-aaaaa-aaaaa-eeeee-ooooo-ooooo-uuuuu-yyyyy"},
		{"punctuation runs", "  --Hà Nội!!! (2023)?? ", "ha-noi-2023"},
		{"digits", "Năm 2023: 15 người", "nam-2023-15-nguoi"},
		{"already slug", "lanh-su", "lanh-su"},
		{"apostrophe", "Tom's", "tom-s"},
		{"other script dropped", "Hà Nội 河内", "ha-noi"},
		{"other script between", "Москва Hà Nội", "ha-noi"},
		{"only other script", "河内", ""},
		{"empty", "", ""},
		{"only punctuation", " -–— ", ""},
		{"legacy eth", "Ðà Lạt", "da-lat"},
		{"german", "Straße", "strasse"},
		{"ligature", "ﬁnal", "final"},
		{"invalid utf8", "a\xffb", "a-b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Slug(tt.in); got != tt.want {
				t.Errorf("Slug(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if d := norm.NFD.String(tt.in); Slug(d) != tt.want {
				t.Errorf("Slug(NFD %+q) = %q, want %q", d, Slug(d), tt.want)
			}
			if tt.want != "" && !ValidSlug(tt.want) {
				t.Errorf("ValidSlug(%q) = false", tt.want)
			}
		})
	}
}

func TestValidSlug(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"duong", true},
		{"lanh-su", true},
		{"a", true},
		{"2023", true},
		{"a-1-b", true},
		{"", false},
		{"-a", false},
		{"a-", false},
		{"-", false},
		{"a--b", false},
		{"A", false},
		{"a_b", false},
		{"a b", false},
		{"đường", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := ValidSlug(tt.in); got != tt.want {
				t.Errorf("ValidSlug(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestFold(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"dan van kheo", "Dân Vận Khéo", "dan van kheo"},
		{"duong", "Đường", "duong"},
		{"punctuation kept", "Chị Hoàng Thị Lan – người cán bộ!", "chi hoang thi lan – nguoi can bo!"},
		{"lower ascii unchanged", "abc, 123", "abc, 123"},
		{"upper ascii", "ABC", "abc"},
		{"empty", "", ""},
		{"all tones", "A À Á Ả Ã Ạ", "a a a a a a"},
		{"shape marks", "ĂÂÊÔƠƯ", "aaeoou"},
		{"other scripts kept", "Hà Nội 河内", "ha noi 河内"},
		{"greek", "Ά", "α"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Fold(tt.in); got != tt.want {
				t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if d := norm.NFD.String(tt.in); Fold(d) != tt.want {
				t.Errorf("Fold(NFD %+q) = %q, want %q", d, Fold(d), tt.want)
			}
		})
	}
}

func TestCompare(t *testing.T) {
	tests := []struct {
		name string
		a, b string
		want int
	}{
		{"A before Ă", "A", "Ă", -1},
		{"Ă before Â", "Ă", "Â", -1},
		{"Â before B", "Â", "B", -1},
		{"D before Đ", "D", "Đ", -1},
		{"Đ before E", "Đ", "E", -1},
		{"E before Ê", "E", "Ê", -1},
		{"O before Ô before Ơ", "Ô", "Ơ", -1},
		{"U before Ư", "Ư", "U", 1},
		{"tone is secondary", "Ánh", "Anh", 1},
		{"letter beats tone", "Ánh", "Ăn", -1},
		{"prefix first", "An", "Ánh", -1},
		{"Ngọc before Ngô", "Ngọc", "Ngô", -1},
		{"equal", "Lan", "Lan", 0},
		{"decomposed equal", "Nguyễn", norm.NFD.String("Nguyễn"), 0},
	}
	s := NewSorter()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Compare(tt.a, tt.b); got != tt.want {
				t.Errorf("Compare(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
			}
			if got := Compare(tt.b, tt.a); got != -tt.want {
				t.Errorf("Compare(%q, %q) = %d, want %d", tt.b, tt.a, got, -tt.want)
			}
			if got := s.Compare(tt.a, tt.b); got != tt.want {
				t.Errorf("Sorter.Compare(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
			}
			if got := bytes.Compare(s.Key(tt.a), s.Key(tt.b)); got != tt.want {
				t.Errorf("bytes.Compare(Key(%q), Key(%q)) = %d, want %d", tt.a, tt.b, got, tt.want)
			}
		})
	}
}

func TestSorter(t *testing.T) {
	tests := []struct {
		name     string
		in, want []string
	}{
		{
			"alphabet",
			[]string{"Đào", "Dung", "An", "Ân", "Ăn", "Bình", "Ánh"},
			// Tones are secondary, so An < Ánh by the extra "h"; Ánh < Ăn < Ân
			// because A, Ă, Â are different letters.
			[]string{"An", "Ánh", "Ăn", "Ân", "Bình", "Dung", "Đào"},
		},
		{
			"tones in traditional order",
			[]string{"Hạ", "Há", "Hã", "Hả", "Hà", "Ha"},
			// ngang, huyền, hỏi, ngã, sắc, nặng
			[]string{"Ha", "Hà", "Hả", "Hã", "Há", "Hạ"},
		},
		{
			"o and u shapes",
			[]string{"Ưa", "Ơn", "Ua", "Ôn", "On"},
			[]string{"On", "Ôn", "Ơn", "Ua", "Ưa"},
		},
		{
			"given names",
			personSortNames("Trần Văn Tú", "Hoàng Thị Lan", "Nguyễn Ánh", "Lê Văn Đức", "Phạm Dũng"),
			[]string{"Ánh Nguyễn", "Dũng Phạm", "Đức Lê Văn", "Lan Hoàng Thị", "Tú Trần Văn"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := NewSorter()
			got := slices.Clone(tt.in)
			s.Strings(got)
			if !slices.Equal(got, tt.want) {
				t.Errorf("Strings(%q) = %q, want %q", tt.in, got, tt.want)
			}
			keys := make([][]byte, len(tt.in))
			for i, x := range tt.in {
				keys[i] = s.Key(x)
			}
			byKey := slices.Clone(tt.in)
			slices.SortFunc(byKey, func(a, b string) int {
				return bytes.Compare(keys[slices.Index(tt.in, a)], keys[slices.Index(tt.in, b)])
			})
			if !slices.Equal(byKey, tt.want) {
				t.Errorf("sorted by Key: %q, want %q", byKey, tt.want)
			}
			byCompare := slices.Clone(tt.in)
			slices.SortFunc(byCompare, Compare)
			if !slices.Equal(byCompare, tt.want) {
				t.Errorf("sorted by Compare: %q, want %q", byCompare, tt.want)
			}
		})
	}
}

// personSortNames applies PersonSortName to each name.
func personSortNames(names ...string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = PersonSortName(n)
	}
	return out
}

func TestKeyIsCopied(t *testing.T) {
	s := NewSorter()
	a := s.Key("An")
	a0 := slices.Clone(a)
	_ = s.Key("Đào Duy Anh")
	if !bytes.Equal(a, a0) {
		t.Errorf("Key result changed after another call: %v, was %v", a, a0)
	}
}

func TestAlphabet(t *testing.T) {
	want := strings.Fields("A Ă Â B C D Đ E Ê G H I K L M N O Ô Ơ P Q R S T U Ư V X Y")
	got := Alphabet()
	if !slices.Equal(got, want) {
		t.Fatalf("Alphabet() = %q, want %q", got, want)
	}
	if len(got) != 29 {
		t.Errorf("len(Alphabet()) = %d, want 29", len(got))
	}
	got[0] = "Z"
	if Alphabet()[0] != "A" {
		t.Error("Alphabet() returned a shared slice")
	}
	t.Run("sorted", func(t *testing.T) {
		s := NewSorter()
		sorted := Alphabet()
		s.Strings(sorted)
		if !slices.Equal(sorted, want) {
			t.Errorf("collation order of Alphabet() = %q", sorted)
		}
	})
	t.Run("initials", func(t *testing.T) {
		for _, l := range want {
			if got := Initial(strings.ToLower(l)); got != l {
				t.Errorf("Initial(%q) = %q, want %q", strings.ToLower(l), got, l)
			}
		}
	})
}

func TestInitial(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"circumflex with tone", "ấn", "Â"},
		{"d stroke", "đào", "Đ"},
		{"acute", "Ánh", "A"},
		{"horn", "Ơn", "Ơ"},
		{"breve with tone", "Ắc", "Ă"},
		{"e circumflex", "ệ", "Ê"},
		{"o circumflex", "Ồng", "Ô"},
		{"u horn with tone", "ừ", "Ư"},
		{"plain", "lan", "L"},
		{"y with tone", "Ỷ", "Y"},
		{"upper D stroke", "Đức", "Đ"},
		{"legacy eth", "Ðức", "Đ"},
		{"F", "fansipan", "F"},
		{"J", "Jack", "J"},
		{"W", "wifi", "W"},
		{"Z", "zê", "Z"},
		{"foreign diacritic", "Über", "U"},
		{"leading space and quote", "  “Ấn”", "Â"},
		{"digit", "2023", "#"},
		{"other script", "河内", "#"},
		{"cyrillic", "Москва", "#"},
		{"empty", "", "#"},
		{"symbol", "+1", "#"},
		{"stray mark", "\u0301Ánh", "A"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Initial(tt.in); got != tt.want {
				t.Errorf("Initial(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if d := norm.NFD.String(tt.in); Initial(d) != tt.want {
				t.Errorf("Initial(NFD %+q) = %q, want %q", d, Initial(d), tt.want)
			}
		})
	}
}

func TestPersonSortName(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"three words", "Hoàng Thị Lan", "Lan Hoàng Thị"},
		{"two words", "Nguyễn Ánh", "Ánh Nguyễn"},
		{"four words", "Nguyễn Thị Minh Khai", "Khai Nguyễn Thị Minh"},
		{"single word", "Lan", "Lan"},
		{"extra spaces", "  Hoàng  Thị Lan ", "Lan Hoàng Thị"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := PersonSortName(tt.in); got != tt.want {
				t.Errorf("PersonSortName(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestCollectiveSortName(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"prefix", "Tập thể Phòng Lãnh sự", "Phòng Lãnh sự"},
		{"lower case", "tập thể Văn phòng Sở", "Văn phòng Sở"},
		{"decomposed marks", "Tập thể Thanh tra Sở", "Thanh tra Sở"},
		{"extra spaces", "Tập  thể   Chi bộ Văn phòng", "Chi bộ Văn phòng"},
		{"no prefix", "Chi bộ Văn phòng Sở", "Chi bộ Văn phòng Sở"},
		{"only the prefix", "Tập thể", "Tập thể"},
		{"a word beginning alike", "Tập thểdục", "Tập thểdục"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := CollectiveSortName(tt.in); got != tt.want {
				t.Errorf("CollectiveSortName(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseDate(t *testing.T) {
	hcm, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		t.Fatal(err)
	}
	at := func(y int, m time.Month, d, hh, mm, ss int, loc *time.Location) time.Time {
		return time.Date(y, m, d, hh, mm, ss, 0, loc)
	}
	plus7 := time.FixedZone("", 7*3600)
	tests := []struct {
		name     string
		in       string
		loc      *time.Location
		want     time.Time
		wantTime bool
	}{
		{"rfc3339", "2023-06-11T08:00:00+07:00", time.UTC, at(2023, 6, 11, 8, 0, 0, plus7), true},
		{"rfc3339 in matching loc", "2023-06-11T08:00:00+07:00", hcm, at(2023, 6, 11, 8, 0, 0, hcm), true},
		{"rfc3339 utc", "2023-06-11T01:00:00Z", hcm, at(2023, 6, 11, 1, 0, 0, time.UTC), true},
		{"rfc3339 fraction", "2023-06-11T08:00:00.5+07:00", hcm, time.Date(2023, 6, 11, 8, 0, 0, 500000000, hcm), true},
		{"iso local T", "2023-06-11T08:00:00", hcm, at(2023, 6, 11, 8, 0, 0, hcm), true},
		{"iso local space minutes", "2023-06-11 08:00", hcm, at(2023, 6, 11, 8, 0, 0, hcm), true},
		{"iso local space seconds", "2023-06-11 08:00:30", hcm, at(2023, 6, 11, 8, 0, 30, hcm), true},
		{"iso date", "2023-06-11", hcm, at(2023, 6, 11, 0, 0, 0, hcm), false},
		{"iso date utc", "2023-06-11", time.UTC, at(2023, 6, 11, 0, 0, 0, time.UTC), false},
		{"nil loc is utc", "2023-06-11", nil, at(2023, 6, 11, 0, 0, 0, time.UTC), false},
		{"dmy slash", "11/06/2023", hcm, at(2023, 6, 11, 0, 0, 0, hcm), false},
		{"dmy slash short month", "11/6/2023", hcm, at(2023, 6, 11, 0, 0, 0, hcm), false},
		{"dmy dash", "11-06-2023", hcm, at(2023, 6, 11, 0, 0, 0, hcm), false},
		{"dmy dot", "11.6.2023", hcm, at(2023, 6, 11, 0, 0, 0, hcm), false},
		{"day first", "1/2/2023", hcm, at(2023, 2, 1, 0, 0, 0, hcm), false},
		{"dmy with time", "11/06/2023 08:00", hcm, at(2023, 6, 11, 8, 0, 0, hcm), true},
		{"dmy dot with time", "11.6.2023 19:45", hcm, at(2023, 6, 11, 19, 45, 0, hcm), true},
		{"dmy with h time", "11/6/2023 lúc 8h30", hcm, at(2023, 6, 11, 8, 30, 0, hcm), true},
		{"long with weekday", "Thứ Hai, ngày 12 tháng 6 năm 2023", hcm, at(2023, 6, 12, 0, 0, 0, hcm), false},
		{"long sunday", "Chủ nhật, ngày 11 tháng 6 năm 2023", hcm, at(2023, 6, 11, 0, 0, 0, hcm), false},
		{"long with ngay", "ngày 11 tháng 6 năm 2023", hcm, at(2023, 6, 11, 0, 0, 0, hcm), false},
		{"long bare", "11 tháng 6 năm 2023", hcm, at(2023, 6, 11, 0, 0, 0, hcm), false},
		{"long decomposed", norm.NFD.String("Thứ Hai, ngày 12 tháng 6 năm 2023"), hcm, at(2023, 6, 12, 0, 0, 0, hcm), false},
		{"long odd case and spaces", "  THỨ HAI,   Ngày 12  tháng 06 năm 2023 ", hcm, at(2023, 6, 12, 0, 0, 0, hcm), false},
		{"weekday numeral and dmy", "Thứ 2, 12/6/2023, 08:00", hcm, at(2023, 6, 12, 8, 0, 0, hcm), true},
		{"surrounding spaces", " \t2023-06-11\n", hcm, at(2023, 6, 11, 0, 0, 0, hcm), false},
		{"leap day", "29/02/2024", hcm, at(2024, 2, 29, 0, 0, 0, hcm), false},
		{"leap day 2000", "2000-02-29", hcm, at(2000, 2, 29, 0, 0, 0, hcm), false},
		{"year 1000", "01/01/1000", time.UTC, at(1000, 1, 1, 0, 0, 0, time.UTC), false},
		{"year 9999", "31/12/9999", time.UTC, at(9999, 12, 31, 0, 0, 0, time.UTC), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, hasTime, err := ParseDate(tt.in, tt.loc)
			if err != nil {
				t.Fatalf("ParseDate(%q) error: %v", tt.in, err)
			}
			if !got.Equal(tt.want) || got.Location().String() != tt.want.Location().String() {
				t.Errorf("ParseDate(%q) = %v (%s), want %v (%s)", tt.in, got, got.Location(), tt.want, tt.want.Location())
			}
			_, gotOff := got.Zone()
			_, wantOff := tt.want.Zone()
			if gotOff != wantOff {
				t.Errorf("ParseDate(%q) offset %d, want %d", tt.in, gotOff, wantOff)
			}
			if hasTime != tt.wantTime {
				t.Errorf("ParseDate(%q) hasTime = %v, want %v", tt.in, hasTime, tt.wantTime)
			}
		})
	}

	t.Run("date only is local midnight", func(t *testing.T) {
		got, _, err := ParseDate("2023-06-11", hcm)
		if err != nil {
			t.Fatal(err)
		}
		if want := "2023-06-11T00:00:00+07:00"; got.Format(time.RFC3339) != want {
			t.Errorf("got %s, want %s", got.Format(time.RFC3339), want)
		}
		if want := time.Date(2023, 6, 10, 17, 0, 0, 0, time.UTC); !got.Equal(want) {
			t.Errorf("got %v, want the instant %v", got.UTC(), want)
		}
	})
}

func TestParseDateErrors(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		wantMsg string // substring of the error message
	}{
		{"feb 31", "31/02/2023", `"31/02/2023" is not a valid date: February 2023 has 28 days`},
		{"feb 29 non-leap", "29/02/2023", "February 2023 has 28 days"},
		{"feb 29 1900", "1900-02-29", "February 1900 has 28 days"},
		{"feb 30 leap", "30/02/2024", "February 2024 has 29 days"},
		{"iso feb 30", "2023-02-30", "February 2023 has 28 days"},
		{"april 31", "31 tháng 4 năm 2023", "April 2023 has 30 days"},
		{"month 13", "11/13/2023", "there is no month 13"},
		{"iso month 13", "2023-13-01", "there is no month 13"},
		{"month 0", "11/00/2023", "there is no month 0"},
		{"day 0", "00/06/2023", "there is no day 0"},
		{"hour 24", "11/06/2023 24:00", "there is no hour 24"},
		{"minute 60", "2023-06-11 08:60", "there is no minute 60"},
		{"second 60", "2023-06-11T08:00:60+07:00", "there is no second 60"},
		{"bad offset", "2023-06-11T08:00:00+25:00", "there is no UTC offset +25:00"},
		{"weekday mismatch", "Thứ Hai, ngày 11 tháng 6 năm 2023", `"Thứ Hai, ngày 11 tháng 6 năm 2023" has the wrong weekday: 11/06/2023 is a Sunday (Chủ nhật), not Thứ Hai`},
		{"weekday mismatch dmy", "Chủ nhật, 12/06/2023", "12/06/2023 is a Monday (Thứ Hai), not Chủ nhật"},
		{"two digit year", "11/06/23", "write the year in full"},
		{"year 999", "0999-01-01", "the year must be between 1000 and 9999"},
		{"year 10000", "01/01/10000", "the year must be between 1000 and 9999"},
		{"huge year", "01/01/99999999999999999999999", "the year must be between 1000 and 9999"},
		{"words", "next Tuesday", `cannot read "next Tuesday" as a date; write 2023-06-11 or 11/06/2023`},
		{"empty", "", "empty date"},
		{"spaces", "   ", "empty date"},
		{"mixed separators", "11/06-2023", "cannot read"},
		{"offset without time", "2023-06-11+07:00", "cannot read"},
		{"trailing text", "11/06/2023 abc", "cannot read"},
		{"month name", "11 June 2023", "cannot read"},
		{"unknown weekday", "Thứ Tám, 11/06/2023", "cannot read"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _, err := ParseDate(tt.in, time.UTC)
			if err == nil {
				t.Fatalf("ParseDate(%q) = %v, want an error", tt.in, got)
			}
			if !errors.Is(err, ErrDate) {
				t.Errorf("ParseDate(%q) error %v does not wrap ErrDate", tt.in, err)
			}
			if !strings.Contains(err.Error(), tt.wantMsg) {
				t.Errorf("ParseDate(%q) error %q, want it to contain %q", tt.in, err, tt.wantMsg)
			}
			if !got.IsZero() {
				t.Errorf("ParseDate(%q) returned time %v with an error", tt.in, got)
			}
		})
	}
}

func TestWeekday(t *testing.T) {
	tests := []struct {
		d    time.Weekday
		want string
	}{
		{time.Sunday, "Chủ nhật"},
		{time.Monday, "Thứ Hai"},
		{time.Tuesday, "Thứ Ba"},
		{time.Wednesday, "Thứ Tư"},
		{time.Thursday, "Thứ Năm"},
		{time.Friday, "Thứ Sáu"},
		{time.Saturday, "Thứ Bảy"},
	}
	for _, tt := range tests {
		t.Run(tt.d.String(), func(t *testing.T) {
			if got := Weekday(tt.d); got != tt.want {
				t.Errorf("Weekday(%v) = %q, want %q", tt.d, got, tt.want)
			}
		})
	}
}

func TestFormat(t *testing.T) {
	hcm, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name                   string
		t                      time.Time
		long, short, num, monY string
	}{
		{"monday", time.Date(2023, 6, 12, 8, 0, 0, 0, hcm),
			"Thứ Hai, ngày 12 tháng 6 năm 2023", "12/6/2023", "12/06/2023", "tháng 6 năm 2023"},
		{"sunday", time.Date(2023, 6, 11, 0, 0, 0, 0, hcm),
			"Chủ nhật, ngày 11 tháng 6 năm 2023", "11/6/2023", "11/06/2023", "tháng 6 năm 2023"},
		{"two digit day and month", time.Date(2024, 12, 25, 0, 0, 0, 0, time.UTC),
			"Thứ Tư, ngày 25 tháng 12 năm 2024", "25/12/2024", "25/12/2024", "tháng 12 năm 2024"},
		{"new year", time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC),
			"Thứ Hai, ngày 1 tháng 1 năm 2024", "1/1/2024", "01/01/2024", "tháng 1 năm 2024"},
		{"in own location", time.Date(2023, 6, 10, 18, 0, 0, 0, time.UTC).In(hcm),
			"Chủ nhật, ngày 11 tháng 6 năm 2023", "11/6/2023", "11/06/2023", "tháng 6 năm 2023"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := LongDate(tt.t); got != tt.long {
				t.Errorf("LongDate = %q, want %q", got, tt.long)
			}
			if got := ShortDate(tt.t); got != tt.short {
				t.Errorf("ShortDate = %q, want %q", got, tt.short)
			}
			if got := NumericDate(tt.t); got != tt.num {
				t.Errorf("NumericDate = %q, want %q", got, tt.num)
			}
			if got := MonthYear(tt.t); got != tt.monY {
				t.Errorf("MonthYear = %q, want %q", got, tt.monY)
			}
			// Every format except MonthYear parses back to the same day.
			for _, s := range []string{tt.long, tt.short, tt.num} {
				p, _, err := ParseDate(s, tt.t.Location())
				if err != nil {
					t.Errorf("ParseDate(%q): %v", s, err)
					continue
				}
				if y, m, d := p.Date(); y != tt.t.Year() || m != tt.t.Month() || d != tt.t.Day() {
					t.Errorf("ParseDate(%q) = %v, want the day of %v", s, p, tt.t)
				}
			}
		})
	}
}

func BenchmarkSlug(b *testing.B) {
	const title = "Chị Hoàng Thị Lan – người cán bộ dân vận khéo nơi biên giới"
	b.ReportAllocs()
	for b.Loop() {
		Slug(title)
	}
}

func BenchmarkFold(b *testing.B) {
	const title = "Chị Hoàng Thị Lan – người cán bộ dân vận khéo nơi biên giới"
	b.ReportAllocs()
	for b.Loop() {
		Fold(title)
	}
}

func TestDocumentDate(t *testing.T) {
	for _, tc := range []struct {
		d    time.Time
		want string
	}{
		{time.Date(2026, 12, 3, 0, 0, 0, 0, time.UTC), "ngày 03 tháng 12 năm 2026"},
		{time.Date(2025, 2, 14, 0, 0, 0, 0, time.UTC), "ngày 14 tháng 02 năm 2025"},
		{time.Date(2024, 6, 30, 0, 0, 0, 0, time.UTC), "ngày 30 tháng 6 năm 2024"},
	} {
		if got := DocumentDate(tc.d); got != tc.want {
			t.Errorf("DocumentDate(%v) = %q, want %q", tc.d, got, tc.want)
		}
	}
}
