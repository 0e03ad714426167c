// Package urls is the site's URL scheme, in one place: the folders of its
// sections and the address of every kind of page, relative to the site's
// base URL. content, index, the build and the theme's templates (through
// the "section" template function) all read it from here.
//
//	bai-viet/<slug>/         a story          mo-hinh/<key>/    a model type
//	phong-trao/<key>/        a campaign       don-vi/<key>/     a department
//	nhan-vat/<slug>/         a person         chu-de/<key>/     a topic (tag)
//	nam/<year>/              a year           <slug>/           a page of its own
//	<list>trang/<n>/         page n of a list tim-kiem/         the search page
//	tim-kiem/chi-muc/        the search index nhung/moi-nhat/   the embedded list
//	nhung/<list>             the embedded list of a model type, campaign or department (nhung/mo-hinh/<key>/)
//	nhung/                   the portal's copy-paste snippets
//	bao-cao/                 the report       bao-cao/<year>/   the report of a year
//	bao-cao/phong-trao/<key>/  the report of a campaign
//	bang-vang/<year>/        the roll of honour of a year
//	bang-vang/phong-trao/<key>/  the roll of honour of a campaign
//	bang-vang/ma-qr/<slug>.svg   the QR code of a person's page, for the rolls
//	du-lieu/guong-dien-hinh.json, .csv  the open data
//	kha-nang-tiep-can/       the accessibility statement
//	bieu-trung/<file>        the agency's emblem
//	anh/<name>-<width>w.<hash>.jpg  a picture shown in a body, in one width
package urls

import (
	"strconv"
	"strings"
)

// The folders of the site's sections.
const (
	Stories     = "bai-viet/"
	Models      = "mo-hinh/"
	Campaigns   = "phong-trao/"
	Departments = "don-vi/"
	People      = "nhan-vat/"
	Tags        = "chu-de/"
	Years       = "nam/"
	Search      = "tim-kiem/"
	SearchIndex = Search + "chi-muc/"
	Report      = "bao-cao/"
	// Honour is the roll of honour (bảng vàng).
	Honour = "bang-vang/"
	// Data is the folder of the open data files.
	Data = "du-lieu/"
	// DataJSON and DataCSV are the open data: stories, people and awards.
	DataJSON = Data + "guong-dien-hinh.json"
	DataCSV  = Data + "guong-dien-hinh.csv"
	// honourQR is the folder of the QR codes the rolls of honour show.
	honourQR = Honour + "ma-qr/"
	// byCampaign is the folder of a report's or roll's campaign pages.
	byCampaign = "phong-trao/"
	// Embeds is the folder of the embedded lists, and the page of their
	// snippets for the portal's staff.
	Embeds = "nhung/"
	// Embed is the page of the latest stories that other sites (the
	// department's portal) show in an iframe.
	Embed = Embeds + "moi-nhat/"
	// Accessibility is the accessibility statement (Tuyên bố về khả
	// năng tiếp cận).
	Accessibility = "kha-nang-tiep-can/"
	// Emblem is the folder the agency's emblem is published in.
	Emblem = "bieu-trung/"
	// Pictures is the folder of the pictures bodies show, resized: one
	// file per width, named by its bytes' fingerprint, shared by every
	// page that shows it.
	Pictures = "anh/"
	// NotFound is the page served for a missing address.
	NotFound = "404.html"
	// pages is the folder of a list's further pages.
	pages = "trang/"
)

// Story is the address of the story with the given slug.
func Story(slug string) string { return Stories + slug + "/" }

// StorySlug returns the slug of the story whose page's output file is
// file ("bai-viet/<slug>/index.html", see File), and false if file cannot
// be a story's page.
func StorySlug(file string) (string, bool) {
	slug, ok := strings.CutPrefix(file, Stories)
	if !ok {
		return "", false
	}
	slug, ok = strings.CutSuffix(slug, "/index.html")
	if !ok || slug == "" || strings.Contains(slug, "/") {
		return "", false
	}
	return slug, true
}

// Model is the address of a model type's list.
func Model(key string) string { return Models + key + "/" }

// Department is the address of a department's list.
func Department(key string) string { return Departments + key + "/" }

// Campaign is the address of a campaign's page.
func Campaign(key string) string { return Campaigns + key + "/" }

// Person is the address of a person's or a collective's page.
func Person(slug string) string { return People + slug + "/" }

// Tag is the address of a topic's list.
func Tag(key string) string { return Tags + key + "/" }

// Year is the address of a year's list.
func Year(key string) string { return Years + key + "/" }

// ReportYear is the address of the report of one year.
func ReportYear(year string) string { return Report + year + "/" }

// ReportCampaign is the address of the report of one campaign.
func ReportCampaign(key string) string { return Report + byCampaign + key + "/" }

// HonourYear is the address of the roll of honour of one year.
func HonourYear(year string) string { return Honour + year + "/" }

// HonourCampaign is the address of the roll of honour of one campaign.
func HonourCampaign(key string) string { return Honour + byCampaign + key + "/" }

// EmbedList is the address of the embedded list of the list at list (a
// model type's, a campaign's or a department's address): "mo-hinh/x/"
// is embedded at "nhung/mo-hinh/x/".
func EmbedList(list string) string { return Embeds + list }

// HonourQR is the address of the QR code (SVG) of the page of the person
// with the given slug, which the rolls of honour show: one file per
// exemplar, however many rolls they are on.
func HonourQR(slug string) string { return honourQR + slug + ".svg" }

// Picture is the address of a file of a picture a body shows.
func Picture(name string) string { return Pictures + name }

// Page is the address of a page of the site's own (content/pages).
func Page(slug string) string { return slug + "/" }

// ListPage is the address of page n of the list at list: page 1 is the
// list itself, page n is list + "trang/n/".
func ListPage(list string, n int) string {
	if n <= 1 {
		return list
	}
	return list + pages + strconv.Itoa(n) + "/"
}

// Section returns the folder of a section by its name in templates
// ("stories", "models", "campaigns", "departments", "people", "tags",
// "years", "search", "report", "honour", "data", "embed", "embeds", "accessibility"), and false for
// another name.
func Section(name string) (string, bool) {
	switch name {
	case "stories":
		return Stories, true
	case "models":
		return Models, true
	case "campaigns":
		return Campaigns, true
	case "departments":
		return Departments, true
	case "people":
		return People, true
	case "tags":
		return Tags, true
	case "years":
		return Years, true
	case "search":
		return Search, true
	case "searchIndex":
		return SearchIndex, true
	case "report":
		return Report, true
	case "honour":
		return Honour, true
	case "data":
		return Data, true
	case "embed":
		return Embed, true
	case "embeds":
		return Embeds, true
	case "accessibility":
		return Accessibility, true
	}
	return "", false
}

// File is the output file of a page address: "bai-viet/x/" is
// "bai-viet/x/index.html"; an address naming a file is that file.
func File(url string) string {
	if url == "" || url[len(url)-1] == '/' {
		return url + "index.html"
	}
	return url
}
