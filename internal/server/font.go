package server

import "bytes"

// TextFont is the font stack of what guong shows writers over or beside
// their site — the error overlay of live.js, the writer's desk. It is
// proportional on purpose: the common monospace fonts (DejaVu Sans Mono,
// Liberation Mono, Menlo) have no precomposed ề, ế, ỗ and draw
// Vietnamese marks loose.
const TextFont = `system-ui,-apple-system,"Segoe UI",Roboto,sans-serif`

// FontPlaceholder stands for TextFont in the embedded script and style
// sheets (live.js, the desk's desk.css), so that the stack is written once.
const FontPlaceholder = "__GUONG_TEXT_FONT__"

// WithTextFont returns src with TextFont in place of every FontPlaceholder.
func WithTextFont(src []byte) []byte {
	return bytes.ReplaceAll(src, []byte(FontPlaceholder), []byte(TextFont))
}
