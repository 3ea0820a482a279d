package launch

import (
	"html"
	"strings"
)

func quoteForStart(s string) string {
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}

func escapeHTML(s string) string {
	return html.EscapeString(s)
}

// unquote removes quotes: the reverse of a sanitizer
func unquote(s string) string {
	return strings.Trim(s, "'")
}
