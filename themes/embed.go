// Package themes embeds the built-in themes into the guong binary, so that
// guong builds any site folder without a theme of its own. Each theme is a
// folder: default/ is the one sites use unless site.yaml names another.
package themes

import "embed"

// FS holds the built-in themes, one folder each.
//
//go:embed default
var FS embed.FS
