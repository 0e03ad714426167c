package site

import "strconv"

// Pager is one page of a paginated list.
type Pager struct {
	Number  int // from 1
	Total   int // number of pages, at least 1
	URL     string
	Stories []*Story
	First   int // 1-based number of the first story on the page, 0 if none
	All     []*Pager
}

// Prev returns the previous page, or nil on the first.
func (p *Pager) Prev() *Pager {
	if p.Number <= 1 {
		return nil
	}
	return p.All[p.Number-2]
}

// Next returns the next page, or nil on the last.
func (p *Pager) Next() *Pager {
	if p.Number >= p.Total {
		return nil
	}
	return p.All[p.Number]
}

// Paginate splits stories into pages of per stories. Page 1 lives at list
// itself ("mo-hinh/dan-van-kheo/"), page N at list + "trang/N/". An empty
// list still has one (empty) page.
func Paginate(list string, stories []*Story, per int) []*Pager {
	if per <= 0 {
		per = 10
	}
	total := (len(stories) + per - 1) / per
	if total == 0 {
		total = 1
	}
	pages := make([]*Pager, total)
	for i := range pages {
		lo, hi := i*per, min((i+1)*per, len(stories))
		p := &Pager{Number: i + 1, Total: total, URL: PageURL(list, i+1), All: pages}
		if lo < hi {
			p.Stories = stories[lo:hi]
			p.First = lo + 1
		}
		pages[i] = p
	}
	return pages
}

// PageURL returns the URL of page n of list.
func PageURL(list string, n int) string {
	if n <= 1 {
		return list
	}
	return list + PagePath + strconv.Itoa(n) + "/"
}

// Window returns the pages the numbered links of p show: the first and the
// last, and two on each side of p; a nil entry marks a gap ("…"). A list of
// 300 pages thus links to about seven of them from each page, not to all.
func (p *Pager) Window() []*Pager {
	const side = 2
	var out []*Pager
	last := 0
	for _, q := range p.All {
		n := q.Number
		if n != 1 && n != p.Total && (n < p.Number-side || n > p.Number+side) {
			continue
		}
		if last != 0 && n > last+1 {
			out = append(out, nil)
		}
		out = append(out, q)
		last = n
	}
	return out
}
