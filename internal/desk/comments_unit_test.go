package desk

import (
	"strings"
	"testing"
)

// TestCommentsWith: comments go back where a reader put them, and the text
// still reads as the same form, for block values (awards) and values that
// flow over several lines (a key the form does not show).
func TestCommentsWith(t *testing.T) {
	long := strings.Repeat("một đoạn rất dài ", 8)
	src := "---\n# ảnh của\nphotographer: {name: \"" + long + "\", note: \"" + long + "\"} # ai chụp\ntitle: \"A\"\ndate: 2023-06-11\n" +
		"awards: # các giấy khen\n  - {kind: giay-khen, year: 2022}\n---\nThân bài.\n"
	form, _ := Load("content/stories/2023/a.md", []byte(src))
	clean, doc := split("content/stories/2023/a.md", []byte(src))
	text := form.Bytes()
	head := string(commentsOf(frontMatterYAML(clean, doc)).with(text[:len(text)-len(form.Body)]))
	for _, want := range []string{"\nawards: # các giấy khen\n", "\n# ảnh của\n"} {
		if !strings.Contains(head, want) {
			t.Errorf("%q lost:\n%s", want, head)
		}
	}
	if !strings.Contains(head, "# ai chụp") {
		t.Errorf("the line comment of a long value is lost:\n%s", head)
	}
	again, d := Load("content/stories/2023/a.md", []byte(head+string(form.Body)))
	if again == nil || !again.Equal(form) {
		t.Errorf("with its comments, the text reads as another story (%v):\n%s", d, head)
	}
}
