package desk

import (
	"bytes"

	"github.com/guong/guong/internal/diag"
	"github.com/guong/guong/internal/frontmatter"
)

// bom is the UTF-8 byte order mark some Windows editors put first.
const bom = "\ufeff"

// fileStyle is how a story file is written on disk: with a byte order
// mark or not, and its line end ("\r\n" from Windows editors, "\n", or a
// lone "\r"). The desk reads files cleaned (frontmatter.Clean) and writes
// them back in their own style.
type fileStyle struct {
	bom bool
	eol string
}

// styleOf is the style of src, by its first line end; LF if it has none.
func styleOf(src []byte) fileStyle {
	st := fileStyle{bom: bytes.HasPrefix(src, []byte(bom)), eol: "\n"}
	if i := bytes.IndexAny(src, "\r\n"); i >= 0 && src[i] == '\r' {
		st.eol = "\r"
		if i+1 < len(src) && src[i+1] == '\n' {
			st.eol = "\r\n"
		}
	}
	return st
}

// lines writes LF text with the style's line ends.
func (st fileStyle) lines(lf []byte) []byte {
	if st.eol == "\n" {
		return lf
	}
	return bytes.ReplaceAll(lf, []byte("\n"), []byte(st.eol))
}

// split reads the story file src as Load does: cleaned (frontmatter.Clean)
// and split; doc is nil if its front matter cannot be read.
func split(file string, src []byte) (clean []byte, doc *frontmatter.Document) {
	var ignored diag.List
	if clean = frontmatter.Clean(file, src, &ignored); clean == nil {
		return nil, nil
	}
	return clean, frontmatter.Split(file, clean, &ignored)
}

// rawBody returns the body of the story file src, whose split is doc, as
// its bytes on disk (its line ends, its Unicode form).
func rawBody(src []byte, doc *frontmatter.Document) []byte {
	// Clean keeps the lines: the body starts after as many line ends.
	raw := bytes.TrimPrefix(src, []byte(bom))
	for n := 1; n < doc.BodyLine; n++ {
		i := bytes.IndexAny(raw, "\r\n")
		if i < 0 {
			return nil
		}
		if raw[i] == '\r' && i+1 < len(raw) && raw[i+1] == '\n' {
			i++
		}
		raw = raw[i+1:]
	}
	return raw
}

// frontMatterYAML is the YAML between the fences of a cleaned file.
func frontMatterYAML(clean []byte, doc *frontmatter.Document) []byte {
	pre := clean[:len(clean)-len(doc.Body)]
	pre = pre[:bytes.LastIndexByte(bytes.TrimSuffix(pre, []byte("\n")), '\n')+1] // the closing fence
	if _, after, ok := bytes.Cut(pre, []byte("---\n")); ok {
		return after
	}
	return nil
}

// asWritten is the text of form written in the style of the file cur it
// was opened from (whose form is opened): the byte order mark kept, the
// front matter with cur's line ends and the comments about the keys it
// still has (keyComments), and the body as cur has it, byte for byte, if
// the form did not change it (else with cur's line ends).
func asWritten(rel string, cur []byte, opened, form *Form) []byte {
	st := styleOf(cur)
	text := form.Bytes()
	head, body := text[:len(text)-len(form.Body)], st.lines(form.Body)
	if clean, doc := split(rel, cur); doc != nil {
		if doc.Format == "yaml" {
			head = commentsOf(frontMatterYAML(clean, doc)).with(head)
		}
		if raw := rawBody(cur, doc); raw != nil && bytes.Equal(form.Body, opened.Body) {
			body = raw
		}
	}
	var b bytes.Buffer
	if st.bom {
		b.WriteString(bom)
	}
	b.Write(st.lines(head))
	b.Write(body)
	return b.Bytes()
}

// restyle writes LF text, as the conflict page sends it back, in the style
// of the file cur it replaces; a new file (cur nil) gets LF.
func restyle(cur, lf []byte) []byte {
	if cur == nil {
		return lf
	}
	st := styleOf(cur)
	lf = bytes.TrimPrefix(lf, []byte(bom))
	if st.bom {
		return append([]byte(bom), st.lines(lf)...)
	}
	return st.lines(lf)
}
