package build

import (
	"strings"
	"testing"
	"testing/fstest"
)

// TestPeopleIndex checks that the people index says how it is sorted and
// files individuals and collectives apart, collectives by their name
// after "Tập thể", so that they do not all pile up under T.
func TestPeopleIndex(t *testing.T) {
	fsys := loadTxtar(t, "testdata/small.txtar")
	fsys["content/stories/2024/tap-the-van-phong.md"] = &fstest.MapFile{Data: []byte("---\ntitle: \"Tập thể Văn phòng Sở\"\ndate: 2024-02-01\nperson: \"Tập thể Văn phòng Sở\"\ncollective: true\ndepartment: van-phong\nmodel: chuyen-mon\n---\nNội dung.\n")}
	fsys["content/stories/2024/thanh-tra.md"] = &fstest.MapFile{Data: []byte("---\ntitle: \"Thanh tra viên Triệu Văn Hưng\"\ndate: 2024-02-02\nperson: \"Triệu Văn Hưng\"\ndepartment: van-phong\nmodel: chuyen-mon\n---\nNội dung.\n")}
	mem, r := buildMemory(t, fsys, Options{})
	if len(r.Diags) != 0 {
		t.Fatalf("diagnostics: %v", r.Diags)
	}
	page := string(get(t, mem, "nhan-vat/index.html"))
	individuals, collectives, ok := strings.Cut(page, `<h2 id="tap-the">Tập thể</h2>`)
	if !ok || !strings.Contains(individuals, `<h2 id="ca-nhan">Cá nhân</h2>`) {
		t.Fatal("no sections for individuals and collectives")
	}
	for _, want := range []string{"Xếp theo tên (chữ cuối của họ và tên)", `<h3 id="ca-nhan-chu-h" class="letter">H</h3>`, "Triệu Văn Hưng"} {
		if !strings.Contains(individuals, want) {
			t.Errorf("the individuals have no %q", want)
		}
	}
	for _, want := range []string{"không kể hai chữ “Tập thể”", `<h3 id="tap-the-chu-p" class="letter">P</h3>`, `<h3 id="tap-the-chu-v" class="letter">V</h3>`} {
		if !strings.Contains(collectives, want) {
			t.Errorf("the collectives have no %q", want)
		}
	}
	if strings.Contains(collectives, `id="tap-the-chu-t"`) || strings.Contains(individuals, "Tập thể Văn phòng Sở") {
		t.Error("collectives filed under T, or among individuals")
	}
	if p, v := strings.Index(collectives, "Tập thể Phòng Lãnh sự"), strings.Index(collectives, "Tập thể Văn phòng Sở"); p < 0 || v < p {
		t.Errorf("collectives out of order: Phòng Lãnh sự at %d, Văn phòng Sở at %d", p, v)
	}
}
