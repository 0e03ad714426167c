package search_test

// The ranking's tests for names, phrases and diacritics: a submitted
// query matches whole syllables, a query typed as the phrase of a name or
// title comes first, a query typed with diacritics ranks and counts the
// stories spelling it so, and a name no story's person has is told.

import (
	"slices"
	"testing"

	"github.com/guong/guong/internal/search"
	"github.com/guong/guong/internal/search/jstest"
)

// names is a small site of people with names alike.
var names = []search.Doc{
	// Matched by "nguyen van an" only through nguyện, vận and ảnh.
	0: {Title: "Chị Hoàng Thị Lan và tâm nguyện nơi biên cương", Person: "Hoàng Thị Lan", Year: "2025",
		Text: "Chị vận động bà con, chụp ảnh từng hộ gia đình."},
	// The words of "nguyen van binh" in its title, two by two, but not
	// as a phrase, in a heavy field.
	1: {Title: "Nguyễn Văn Hùng và Trần Văn Bình, đôi bạn Bình Văn", Person: "Nguyễn Văn Hùng", Year: "2025",
		Text: "Anh Hùng và anh Bình cùng làm."},
	// The phrase as its person's name, the words nowhere else.
	2: {Title: "Người thầy ở bản Lũng", Person: "Nguyễn Văn Bình", Year: "2024", Text: "Thầy dạy học."},
	// đồng, spelt so, with nai apart.
	3: {Title: "Cánh đồng lúa", Person: "Lê Thị Hoa", Year: "2024", Text: "Đồng lúa chín. Mùa nai về."},
	// động nai together, often: heavier, folded.
	4: {Title: "Chuyện ở bản", Person: "Phạm Văn Tư", Year: "2023",
		Text: "Hang động nai rừng. Động nai, động nai, động nai. Vận động bà con."},
	5: {Title: "Đóng góp", Person: "Lê Văn Bình", Year: "2023", Text: "Đóng góp cho bản."},
}

func TestSubmittedMatchesWholeSyllables(t *testing.T) {
	ix, _ := open(t, names, search.Options{})
	// Typing, "an" may still become "anh": Lan's story (nguyện, vận,
	// ảnh) is a candidate. Submitted, it is not.
	if res := searchAs(t, ix, "nguyen van an", jstest.Filter{}, true); !slices.Contains(res.Docs, 0) {
		t.Errorf("typing nguyen van an: %v, want Lan's story (ảnh) among them", res.Docs)
	}
	if res := searchT(t, ix, "nguyen van an", jstest.Filter{}); len(res.Docs) != 0 {
		t.Errorf("nguyen van an, submitted: %v, want none", res.Docs)
	}
	// Syllables: the last is a prefix only while typing.
	res := searchT(t, ix, "nguyen van an", jstest.Filter{})
	if last := res.Syllables[len(res.Syllables)-1]; last.Prefix {
		t.Errorf("submitted, the last syllable %+v is a prefix", last)
	}
}

func TestPhraseInNameFirst(t *testing.T) {
	ix, _ := open(t, names, search.Options{})
	for _, tc := range []struct {
		name, q string
		want    []int
	}{
		// 1 has the three words, two by two, in its title; 2 has them
		// as its person's name.
		{"a person's full name", "nguyen van binh", []int{2, 1}},
		{"as typed, with diacritics", "Nguyễn Văn Bình", []int{2, 1}},
		// Both have "van binh"; 2 as a phrase of the name, 1 and 5 too
		// ("Trần Văn Bình" in 1's title, "Lê Văn Bình" 5's person).
		{"two syllables", "van binh", []int{1, 2, 5}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if res := searchT(t, ix, tc.q, jstest.Filter{}); !slices.Equal(res.Docs, tc.want) {
				t.Errorf("Search(%q) = %v, want %v", tc.q, res.Docs, tc.want)
			}
		})
	}
}

func TestExactDiacriticsFirstAndCounted(t *testing.T) {
	ix, _ := open(t, names, search.Options{})
	for _, tc := range []struct {
		name, q string
		want    []int
		exact   *int
	}{
		// 5 has Đóng in its title, 4 and 0 động in their text.
		{"Đồng: the story spelling it so, then đóng and động", "Đồng", []int{3, 5, 4, 0}, ptr(1)},
		// 4 has "động nai" together, four times; 3 has đồng and nai
		// apart: spelt as typed comes first all the same.
		{"Đồng nai: spelt so, before together", "Đồng nai", []int{3, 4}, ptr(1)},
		{"without diacritics nothing is counted", "dong", []int{3, 5, 4, 0}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := searchT(t, ix, tc.q, jstest.Filter{})
			if !slices.Equal(res.Docs, tc.want) {
				t.Errorf("Search(%q) = %v, want %v", tc.q, res.Docs, tc.want)
			}
			if (res.Exact == nil) != (tc.exact == nil) || res.Exact != nil && *res.Exact != *tc.exact {
				t.Errorf("Search(%q): exact %v, want %v", tc.q, deref(res.Exact), deref(tc.exact))
			}
		})
	}
	// The count follows the filters.
	if res := searchT(t, ix, "Đồng", jstest.Filter{Year: "2023"}); !slices.Equal(res.Docs, []int{5, 4}) || res.Exact == nil || *res.Exact != 0 {
		t.Errorf("Đồng in 2023: %v, exact %v, want [5 4] and 0", res.Docs, deref(res.Exact))
	}
}

func TestNoPersonOfThatName(t *testing.T) {
	ix, _ := open(t, append(slices.Clone(names), search.Doc{Title: "Bình an nơi bản Nguyễn, Văn", Person: "Đỗ Văn Sơn", Year: "2022"}), search.Options{})
	for _, tc := range []struct {
		q                  string
		nameLike, noPerson bool
	}{
		{"nguyen van an", true, true}, // found in story 6, which is nobody's name
		{"nguyen van binh", true, false},
		{"Văn Bình", false, false}, // văn is no surname here
		{"lan", false, false},      // one syllable
		{"ban lung", false, false},
	} {
		res := searchT(t, ix, tc.q, jstest.Filter{})
		if res.NameLike != tc.nameLike || res.NoPerson != tc.noPerson {
			t.Errorf("%q: name-like %v, no person %v, want %v, %v (results %v, persons %d)", tc.q, res.NameLike, res.NoPerson, tc.nameLike, tc.noPerson, res.Docs, res.Persons)
		}
	}
	if res := searchT(t, ix, "nguyen van an", jstest.Filter{}); !slices.Equal(res.Docs, []int{6}) {
		t.Errorf("nguyen van an: %v, want the partial match, 6", res.Docs)
	}
}

func ptr(i int) *int { return &i }

func deref(p *int) any {
	if p == nil {
		return nil
	}
	return *p
}

// TestNoPersonOnASiteWithoutTheSurname: the case. Nobody on the
// site is a Nguyễn; Lan's story has nguyện, vận and an (whole): it is a
// partial match, and the page says that nobody is named so.
func TestNoPersonOnASiteWithoutTheSurname(t *testing.T) {
	ix, _ := open(t, []search.Doc{{Title: "Bình an nơi biên giới", Person: "Hoàng Thị Lan", Text: "Nguyện vọng của bà con, chị vận động từng nhà."}}, search.Options{})
	res := searchT(t, ix, "nguyen van an", jstest.Filter{})
	if !slices.Equal(res.Docs, []int{0}) || !res.NameLike || !res.NoPerson {
		t.Errorf("nguyen van an: %v, name-like %v, no person %v; want Lan's story, told as a partial match", res.Docs, res.NameLike, res.NoPerson)
	}
}
