package notice

import (
	"html"
	"strings"
)

// Markdown renders the notice as Markdown, escaping what the register's text
// would otherwise turn into formatting. Line endings are "\n" and the file
// ends with one, whatever the platform, so the bytes never vary.
func (d *Document) Markdown() []byte {
	var b strings.Builder
	b.WriteString("# " + mdEscape(d.Title) + "\n")
	for _, bl := range d.Blocks {
		b.WriteString("\n")
		switch bl.Kind {
		case Heading:
			b.WriteString("## " + mdEscape(bl.Text) + "\n")
		case Subheading:
			b.WriteString("### " + mdEscape(bl.Text) + "\n")
		case Paragraph:
			b.WriteString(mdEscape(bl.Text) + "\n")
		case List:
			for _, it := range bl.Items {
				b.WriteString("- " + mdEscape(it) + "\n")
			}
		}
	}
	return []byte(b.String())
}

var mdSpecial = strings.NewReplacer(
	`\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`, "<", `\<`, ">", `\>`, "#", `\#`, "|", `\|`,
	"\r\n", " ", "\n", " ", "\r", " ",
)

func mdEscape(s string) string {
	s = mdSpecial.Replace(s)
	// A line starting "1. " or "- " would become a list.
	if len(s) > 0 && (s[0] == '-' || s[0] == '+') {
		s = `\` + s
	}
	return s
}

// HTML renders the notice as one self-contained HTML document: no scripts,
// no outside resources, every piece of register text escaped, ready to paste
// into a website (the <main> element) or open as it is.
func (d *Document) HTML() []byte {
	var b strings.Builder
	b.WriteString("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n")
	b.WriteString("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
	b.WriteString("<title>" + html.EscapeString(d.Title) + "</title>\n")
	b.WriteString("<style>body{font-family:system-ui,sans-serif;line-height:1.5;max-width:46em;margin:2em auto;padding:0 1em;color:#1b1b1b}h1{font-size:1.6em}h2{font-size:1.3em;margin-top:1.6em}h3{font-size:1.1em;margin-top:1.4em}</style>\n")
	b.WriteString("</head>\n<body>\n<main>\n<h1>" + html.EscapeString(d.Title) + "</h1>\n")
	for _, bl := range d.Blocks {
		switch bl.Kind {
		case Heading:
			b.WriteString("<h2>" + html.EscapeString(bl.Text) + "</h2>\n")
		case Subheading:
			b.WriteString("<h3>" + html.EscapeString(bl.Text) + "</h3>\n")
		case Paragraph:
			b.WriteString("<p>" + html.EscapeString(bl.Text) + "</p>\n")
		case List:
			b.WriteString("<ul>\n")
			for _, it := range bl.Items {
				b.WriteString("<li>" + html.EscapeString(it) + "</li>\n")
			}
			b.WriteString("</ul>\n")
		}
	}
	b.WriteString("</main>\n</body>\n</html>\n")
	return []byte(b.String())
}
