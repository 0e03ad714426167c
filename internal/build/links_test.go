package build

import (
	"bytes"
	"net/url"
	"path"
	"sort"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/guong/guong/internal/publish"
	"github.com/guong/guong/internal/urls"
)

// page is what checkLinks reads of one HTML file.
type page struct {
	links []string // href, src and form action values, as written
	ids   map[string]bool
}

func parsePage(t *testing.T, name string, data []byte) page {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	p := page{ids: map[string]bool{}}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			for _, a := range n.Attr {
				switch a.Key {
				case "href", "src", "action":
					p.links = append(p.links, a.Val)
				case "srcset":
					for _, part := range strings.Split(a.Val, ",") {
						if f := strings.Fields(part); len(f) > 0 {
							p.links = append(p.links, f[0])
						}
					}
				case "id":
					p.ids[a.Val] = true
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return p
}

// checkLinks walks every HTML file of mem: each link into the site (under
// basePath, or relative) must name a built file, a fragment must name an id
// of its page, and every page must be reachable from the home page (but
// the 404 page and the embedded lists and their snippets, under nhung/,
// which are for other sites).
func checkLinks(t *testing.T, mem *publish.Memory, basePath string) {
	t.Helper()
	pages := map[string]page{}
	for _, name := range mem.Names() {
		if path.Ext(name) == ".html" {
			data, _ := mem.Get(name)
			if bytes.Contains(data, []byte("&amp;lt;")) || bytes.Contains(data, []byte("&amp;#")) {
				t.Errorf("%s: double-escaped text", name)
			}
			pages[name] = parsePage(t, name, data)
		}
	}
	edges := map[string][]string{}
	for name, p := range pages {
		for _, link := range p.links {
			target, frag, internal := resolve(name, link, basePath)
			if !internal {
				continue
			}
			if _, ok := mem.Get(target); !ok {
				t.Errorf("%s: broken link %q (no file %s)", name, link, target)
				continue
			}
			if frag != "" {
				if tp, ok := pages[target]; ok && !tp.ids[frag] {
					t.Errorf("%s: link %q names no id %q in %s", name, link, frag, target)
				}
			}
			edges[name] = append(edges[name], target)
		}
	}
	seen := map[string]bool{"index.html": true}
	queue := []string{"index.html"}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		for _, m := range edges[n] {
			if !seen[m] {
				seen[m] = true
				queue = append(queue, m)
			}
		}
	}
	var unreachable []string
	for name := range pages {
		if !seen[name] && name != "404.html" && !strings.HasPrefix(name, urls.Embeds) {
			unreachable = append(unreachable, name)
		}
	}
	sort.Strings(unreachable)
	for _, name := range unreachable {
		t.Errorf("%s is not reachable from the home page", name)
	}
}

// resolve turns a link found in page from into an output file name.
// internal is false for links to other sites.
func resolve(from, link, basePath string) (target, frag string, internal bool) {
	u, err := url.Parse(link)
	if err != nil || u.Scheme != "" || u.Host != "" {
		return "", "", false
	}
	frag = u.Fragment
	p := u.Path
	switch {
	case p == "":
		p = from
	case strings.HasPrefix(p, "/"):
		if !strings.HasPrefix(p, basePath) {
			return "", "", false
		}
		p = strings.TrimPrefix(p, basePath)
		if p == "" || strings.HasSuffix(p, "/") {
			p += "index.html"
		}
	default:
		dir := path.Dir(from)
		trailing := strings.HasSuffix(p, "/")
		p = path.Join(dir, p)
		if trailing {
			p += "/index.html"
		}
	}
	return p, frag, true
}
