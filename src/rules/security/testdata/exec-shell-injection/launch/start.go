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
