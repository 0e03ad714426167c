package desk

import (
	"net/http/httptest"
	"net/url"
	"testing"
)

// TestFilterWholeSyllables: the list's search matches whole syllables,
// whatever the diacritics and case.
func TestFilterWholeSyllables(t *testing.T) {
	list := []entry{
		{File: "a", form: &Form{Title: "Chị Hoàng Thị Lan – dân vận khéo", Person: "Hoàng Thị Lan"}},
		{File: "b", form: &Form{Title: "Phòng Lãnh sự", Person: "Tập thể Phòng Lãnh sự", Model: "chuyen-mon"}},
	}
	for q, want := range map[string]string{"lan": "a", "LÃNH sự": "b", "hoang thi lan": "a", "thi": "a", "": "ab"} {
		r := httptest.NewRequest("GET", "/?q="+url.QueryEscape(q), nil)
		got := ""
		for _, e := range filter(list, query{r}) {
			got += e.File
		}
		if got != want {
			t.Errorf("%q finds %q, want %q", q, got, want)
		}
	}
}
