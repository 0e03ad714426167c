package vi

import (
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// FuzzNFC checks NFC's quick path against norm.
func FuzzNFC(f *testing.F) {
	for _, s := range []string{"Đường", "Nguyễn Thị Ánh", "e\u0301", "\u2126", "\u1100\u1161", "a\xffb", "Ǿ ﬁ ½"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := NFC(s), norm.NFC.String(s); got != want {
			t.Fatalf("NFC(%+q) = %+q, want %+q", s, got, want)
		}
	})
}

func FuzzSlug(f *testing.F) {
	for _, s := range []string{
		"Đường",
		"Lãnh sự",
		"Chị Hoàng Thị Lan – người cán bộ dân vận khéo nơi biên giới",
		"Tập thể Phòng Lãnh sự",
		"--a--b--",
		"ﬁ ½ ß Ǿ",
		"河内 Москва",
		"a\xffb",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Slug(s)
		if got != "" && !ValidSlug(got) {
			t.Fatalf("Slug(%q) = %q, not a valid slug", s, got)
		}
		if again := Slug(got); again != got {
			t.Fatalf("Slug(Slug(%q)) = %q, want %q", s, again, got)
		}
		if utf8.ValidString(s) {
			if d := Slug(norm.NFD.String(s)); d != got {
				t.Fatalf("Slug(NFD(%q)) = %q, want %q", s, d, got)
			}
			if c := Slug(norm.NFC.String(s)); c != got {
				t.Fatalf("Slug(NFC(%q)) = %q, want %q", s, c, got)
			}
		}
	})
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{
		"2023-06-11T08:00:00+07:00",
		"2023-06-11 08:00",
		"2023-06-11",
		"11/06/2023",
		"11.6.2023 08:00",
		"Thứ Hai, ngày 12 tháng 6 năm 2023",
		"31/02/2023",
		"next Tuesday",
	} {
		f.Add(s)
	}
	hcm, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, loc := range []*time.Location{time.UTC, hcm} {
			d, _, err := ParseDate(s, loc)
			if err != nil {
				if d != (time.Time{}) {
					t.Fatalf("ParseDate(%q) = %v with error %v", s, d, err)
				}
				continue
			}
			if y := d.Year(); y < 1000 || y > 9999 {
				t.Fatalf("ParseDate(%q) = %v, year out of range", s, d)
			}
			n := NumericDate(d)
			d2, hasTime, err := ParseDate(n, loc)
			if err != nil {
				t.Fatalf("ParseDate(NumericDate(ParseDate(%q))) = ParseDate(%q): %v", s, n, err)
			}
			if hasTime {
				t.Fatalf("ParseDate(%q) reports a time of day", n)
			}
			y1, m1, d1 := d.Date()
			y2, m2, dd2 := d2.Date()
			if y1 != y2 || m1 != m2 || d1 != dd2 {
				t.Fatalf("ParseDate(%q) = %v, but %q parses as %v", s, d, n, d2)
			}
			for _, f := range []string{LongDate(d), ShortDate(d)} {
				if _, _, err := ParseDate(f, d.Location()); err != nil {
					t.Fatalf("ParseDate(%q) (formatted from %q): %v", f, s, err)
				}
			}
		}
	})
}

func FuzzFold(f *testing.F) {
	for _, s := range []string{
		"Dân Vận Khéo",
		"Đường",
		"Chị Hoàng Thị Lan – người cán bộ!",
		"ABC abc 123",
		"Ά ǅ İ ﬁ",
		"a\u0301\u0323\u20dd",
		"a\xffb",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Fold(s)
		for _, r := range got {
			if unicode.In(r, unicode.Mn, unicode.Me) {
				t.Fatalf("Fold(%q) = %+q contains combining mark %U", s, got, r)
			}
		}
		if utf8.ValidString(s) {
			if d := Fold(norm.NFD.String(s)); d != got {
				t.Fatalf("Fold(NFD(%q)) = %+q, want %+q", s, d, got)
			}
		}
	})
}
