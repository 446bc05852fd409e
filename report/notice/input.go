package notice

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/text/encoding/charmap"

	"github.com/ropadesk/ropadesk/model"
)

// MaxNoticeSize is the largest notice file read: a privacy notice is a few
// pages, so anything larger is not one.
const MaxNoticeSize = 5 << 20

// ReadNoticeFile reads a published notice from path as plain text (an .html
// or .htm file, or text that starts like HTML, has its tags stripped). It
// refuses, with a message saying why, a file that is empty, too large,
// binary or in an encoding it cannot read; text that is not UTF-8 is read
// as Windows-1252, the encoding a notice saved from Word on Windows has.
func ReadNoticeFile(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", model.Errorf(model.ENOTFOUND, "Cannot open the notice %s: check the file exists and you can read it.", path)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxNoticeSize+1))
	if err != nil {
		return "", fmt.Errorf("read notice %s: %w", path, err)
	}
	ext := strings.ToLower(filepath.Ext(path))
	return DecodeNotice(data, filepath.Base(path), ext == ".html" || ext == ".htm")
}

// DecodeNotice turns a notice file's bytes into text; name says which file
// in messages.
func DecodeNotice(data []byte, name string, isHTML bool) (string, error) {
	switch {
	case len(data) > MaxNoticeSize:
		return "", model.Errorf(model.EINVALID, "The notice %s is larger than %d MB; a privacy notice is a few pages, so this is probably not one. Save the notice's page as text or HTML and check that.", name, MaxNoticeSize>>20)
	case len(bytes.TrimSpace(data)) == 0:
		return "", model.Errorf(model.EINVALID, "The notice %s is empty: there is nothing to check.", name)
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return "", model.Errorf(model.EINVALID, "The notice %s is saved as UTF-16 text, which ROPA Desk does not read. Save it again as UTF-8 text (in Notepad: Save as, Encoding UTF-8).", name)
	case bytes.HasPrefix(data, []byte("%PDF")) || bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return "", model.Errorf(model.EINVALID, "The notice %s is a PDF or Word document, not text. Copy the notice's text into a .txt file, or save its web page as HTML, and check that.", name)
	case bytes.IndexByte(data, 0) >= 0 || controlShare(data) > 0.02:
		return "", model.Errorf(model.EINVALID, "The notice %s is not text (it looks like a binary file). Check a .txt or .html copy of the notice.", name)
	}
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	text := string(data)
	if !utf8.Valid(data) {
		dec, err := charmap.Windows1252.NewDecoder().Bytes(data)
		if err != nil {
			return "", model.Errorf(model.EINVALID, "The notice %s is neither UTF-8 nor Windows-1252 text. Save it again as UTF-8 text.", name)
		}
		text = string(dec)
	}
	if isHTML || looksLikeHTML(text) {
		text = stripHTML(text)
		if strings.TrimSpace(text) == "" {
			return "", model.Errorf(model.EINVALID, "The notice %s is an HTML page with no text in it.", name)
		}
	}
	return text, nil
}

// controlShare is the share of bytes that are control characters other
// than tab, line feed, carriage return and form feed.
func controlShare(data []byte) float64 {
	n := 0
	for _, c := range data {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' {
			n++
		}
	}
	return float64(n) / float64(len(data))
}

func looksLikeHTML(s string) bool {
	head := strings.ToLower(strings.TrimSpace(s))
	if len(head) > 512 {
		head = head[:512]
	}
	return strings.HasPrefix(head, "<!doctype html") || strings.HasPrefix(head, "<html") || strings.Contains(head, "<body") || strings.Contains(head, "<p>")
}

// blockTags end a line of text; list items become bullet lines, so the
// checker sees a list the way the text seeds show one.
var blockTags = map[string]bool{
	"p": true, "div": true, "br": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"li": true, "ul": true, "ol": true, "tr": true, "table": true, "section": true, "article": true, "header": true,
	"footer": true, "main": true, "blockquote": true, "dt": true, "dd": true, "title": true, "hr": true,
}

// stripHTML returns the text of an HTML document, one block a line, leaving
// out scripts, styles and other invisible content.
func stripHTML(s string) string {
	z := html.NewTokenizer(strings.NewReader(s))
	var b strings.Builder
	skip := 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return b.String()
		case html.TextToken:
			if skip == 0 {
				t := z.Text()
				if len(t) > 0 && (t[0] == ' ' || t[0] == '\n' || t[0] == '\t') {
					b.WriteString(" ")
				}
				b.WriteString(html.UnescapeString(strings.Join(strings.Fields(string(t)), " ")) + spaceAfter(t))
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			switch t := string(name); {
			case t == "script" || t == "style" || t == "noscript" || t == "template" || t == "svg":
				skip++
			case t == "li":
				b.WriteString("\n• ")
			case blockTags[t]:
				b.WriteString("\n")
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			switch t := string(name); {
			case t == "script" || t == "style" || t == "noscript" || t == "template" || t == "svg":
				if skip > 0 {
					skip--
				}
			case blockTags[t]:
				b.WriteString("\n")
			}
		}
	}
}

func spaceAfter(t []byte) string {
	if len(t) > 0 && (t[len(t)-1] == ' ' || t[len(t)-1] == '\n' || t[len(t)-1] == '\t') {
		return " "
	}
	return ""
}
