package markdown

// tooDeep looks for the first line of src whose block quotes and list
// items nest more than limit deep, and returns the byte offset of the
// marker that opens the container too many, or -1 if there is none.
//
// goldmark's block parser costs, on each line, about the depth of the
// blocks open times the line's indentation: a list nested 3,000 deep (9 MB
// of Markdown, each item two spaces further in) took a minute to parse,
// 1,000 deep 2.6 s. This scan costs one pass over the bytes, so a body
// nested too deep is refused before goldmark sees it, in a time linear in
// its size.
//
// It follows CommonMark's container rules closely enough to count what
// goldmark would open — block quotes, list items with their content
// column, fenced code (whose lines open nothing), thematic breaks (which
// are not list items), indented code — and errs, where it is simpler, on
// the side of counting less: a lazy continuation line closes what it does
// not continue, a blank line keeps everything open.
func tooDeep(src []byte, limit int) int {
	type container struct {
		quote bool
		col   int // a list item's content column
	}
	var stack []container
	inFence, fenceDepth, fenceLen := false, 0, 0
	var fenceChar byte
	for start := 0; start < len(src); {
		end := start
		for end < len(src) && src[end] != '\n' {
			end++
		}
		line := src[start:end]
		next := end + 1
		if blank(line) {
			start = next
			continue
		}
		i, col := 0, 0
		// advance moves past spaces and tabs while the column stays at most
		// stop; it returns the byte and column reached.
		advance := func(i, col, stop int) (int, int) {
			for i < len(line) {
				switch line[i] {
				case ' ':
					if col+1 > stop {
						return i, col
					}
					col++
				case '\t':
					if col+4-col%4 > stop {
						return i, col
					}
					col += 4 - col%4
				default:
					return i, col
				}
				i++
			}
			return i, col
		}
		// The containers this line continues.
		matched := 0
		for matched < len(stack) {
			c := stack[matched]
			if c.quote {
				j, jc := advance(i, col, col+3)
				if j < len(line) && line[j] == '>' {
					i, col = j+1, jc+1
					if i < len(line) && (line[i] == ' ' || line[i] == '\t') {
						i, col = i+1, col+1
					}
					matched++
					continue
				}
				break
			}
			j, jc := advance(i, col, c.col)
			if jc < c.col {
				break
			}
			i, col = j, jc
			matched++
		}
		if inFence {
			if matched >= fenceDepth {
				j, _ := advance(i, col, col+3)
				n := 0
				for j+n < len(line) && line[j+n] == fenceChar {
					n++
				}
				if n >= fenceLen && blank(line[j+n:]) {
					inFence = false
				}
				start = next
				continue
			}
			inFence = false
		}
		stack = stack[:matched]
		// A thematic break ("- - -", "***") is no list item: find where
		// the line's last run of one of -, * or _ (and spaces) begins.
		tb, tbChar, tbCount := len(line), byte(0), 0
		for k := len(line) - 1; k >= 0; k-- {
			ch := line[k]
			if ch == ' ' || ch == '\t' {
				tb = k
				continue
			}
			if tbChar == 0 && (ch == '-' || ch == '*' || ch == '_') {
				tbChar = ch
			}
			if ch != tbChar {
				break
			}
			tb, tbCount = k, tbCount+1
		}
		// The containers this line opens.
		for {
			j, jc := advance(i, col, col+3)
			if j >= len(line) || j < len(line) && (line[j] == ' ' || line[j] == '\t') {
				break // indented code, or nothing
			}
			ch := line[j]
			if ch == '>' {
				stack = append(stack, container{quote: true})
				if len(stack) > limit {
					return start + j
				}
				i, col = j+1, jc+1
				if i < len(line) && (line[i] == ' ' || line[i] == '\t') {
					i, col = i+1, col+1
				}
				continue
			}
			if j >= tb && tbCount >= 3 {
				break
			}
			m := j
			switch {
			case ch == '-' || ch == '+' || ch == '*':
				m++
			case ch >= '0' && ch <= '9':
				for m < len(line) && m-j < 9 && line[m] >= '0' && line[m] <= '9' {
					m++
				}
				if m < len(line) && (line[m] == '.' || line[m] == ')') {
					m++
				} else {
					m = j
				}
			}
			if m == j || m < len(line) && line[m] != ' ' && line[m] != '\t' {
				break
			}
			markerCol := jc + (m - j)
			k, kc := advance(m, markerCol, markerCol+5)
			content := kc
			if k >= len(line) || kc-markerCol > 4 {
				content = markerCol + 1 // an empty item, or indented code in it
				k, kc = advance(m, markerCol, markerCol+1)
			}
			stack = append(stack, container{col: content})
			if len(stack) > limit {
				return start + j
			}
			i, col = k, kc
		}
		// A fence opens code whose lines open nothing.
		j, _ := advance(i, col, col+3)
		if j+3 <= len(line) && (line[j] == '`' || line[j] == '~') {
			n := 0
			for j+n < len(line) && line[j+n] == line[j] {
				n++
			}
			if n >= 3 {
				inFence, fenceChar, fenceLen, fenceDepth = true, line[j], n, len(stack)
			}
		}
		start = next
	}
	return -1
}

// blank reports whether a line holds only spaces and tabs (or a \r).
func blank(line []byte) bool {
	for _, b := range line {
		if b != ' ' && b != '\t' && b != '\r' {
			return false
		}
	}
	return true
}
