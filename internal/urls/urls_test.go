package urls

import "testing"

func TestAddresses(t *testing.T) {
	for _, tc := range []struct{ got, want string }{
		{Story("lan"), "bai-viet/lan/"},
		{Model("dan-van-kheo"), "mo-hinh/dan-van-kheo/"},
		{Campaign("thi-dua"), "phong-trao/thi-dua/"},
		{Department("van-phong"), "don-vi/van-phong/"},
		{Person("hoang-thi-lan"), "nhan-vat/hoang-thi-lan/"},
		{Tag("bien-gioi"), "chu-de/bien-gioi/"},
		{Year("2024"), "nam/2024/"},
		{Page("gioi-thieu"), "gioi-thieu/"},
		{ListPage(Model("x"), 1), "mo-hinh/x/"},
		{ListPage(Model("x"), 3), "mo-hinh/x/trang/3/"},
		{ListPage(Stories, 0), "bai-viet/"},
		{ListPage("", 3), "trang/3/"},
		{File(""), "index.html"},
		{File(Story("lan")), "bai-viet/lan/index.html"},
		{File(NotFound), "404.html"},
		{ReportYear("2024"), "bao-cao/2024/"},
		{ReportCampaign("chuyen-doi-so"), "bao-cao/phong-trao/chuyen-doi-so/"},
		{HonourYear("2024"), "bang-vang/2024/"},
		{HonourCampaign("chuyen-doi-so"), "bang-vang/phong-trao/chuyen-doi-so/"},
		{EmbedList(Model("dan-van-kheo")), "nhung/mo-hinh/dan-van-kheo/"},
		{EmbedList(Campaign("thi-dua")), "nhung/phong-trao/thi-dua/"},
		{HonourQR("lan"), "bang-vang/ma-qr/lan.svg"},
		{DataJSON, "du-lieu/guong-dien-hinh.json"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}

func TestStorySlug(t *testing.T) {
	for _, tc := range []struct {
		file, slug string
		ok         bool
	}{
		{File(Story("lan")), "lan", true},
		{File(Stories), "", false},
		{File(ListPage(Stories, 2)), "", false},
		{Story("lan") + "anh.jpg", "", false},
		{File(Person("lan")), "", false},
	} {
		if slug, ok := StorySlug(tc.file); slug != tc.slug || ok != tc.ok {
			t.Errorf("StorySlug(%q) = %q, %v; want %q, %v", tc.file, slug, ok, tc.slug, tc.ok)
		}
	}
}

func TestSection(t *testing.T) {
	for _, name := range []string{"stories", "models", "campaigns", "departments", "people", "tags", "years", "search", "searchIndex", "report", "honour", "data", "embed", "embeds", "accessibility"} {
		if p, ok := Section(name); !ok || p == "" || p[len(p)-1] != '/' {
			t.Errorf("Section(%q) = %q, %v", name, p, ok)
		}
	}
	if _, ok := Section("stroies"); ok {
		t.Errorf("an unknown section has a folder")
	}
}
