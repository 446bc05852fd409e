package exchange

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"github.com/ropadesk/ropadesk/model"
)

// What Excel writes when it saves a CSV: "CSV UTF-8" (with a byte order
// mark), "CSV (Comma delimited)" in the PC's code page (Windows-1252 in the
// UK), "Unicode Text" (UTF-16 little-endian, tab-separated), and on an old
// Mac, lines ended by a carriage return alone. A "sep=;" first line tells
// Excel the separator. decodeCSVText turns all of these into UTF-8 text
// with line feeds, and says which it found.

type csvText struct {
	data     []byte
	encoding string // in words, for messages
	sep      rune   // from a "sep=" line; 0 if none
}

func decodeCSVText(data []byte, name string) (csvText, error) {
	out := csvText{encoding: "UTF-8"}
	var dec *encoding.Decoder
	switch {
	case bytes.HasPrefix(data, []byte(utf8BOM)):
		data = data[len(utf8BOM):]
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		dec, out.encoding = unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder(), "UTF-16 (Unicode text)"
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		dec, out.encoding = unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder(), "UTF-16 (Unicode text)"
	case looksUTF16(data, 1):
		dec, out.encoding = unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewDecoder(), "UTF-16 (Unicode text)"
	case looksUTF16(data, 0):
		dec, out.encoding = unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM).NewDecoder(), "UTF-16 (Unicode text)"
	case !utf8.Valid(data):
		dec, out.encoding = charmap.Windows1252.NewDecoder(), "Windows-1252"
	}
	if dec != nil {
		d, err := dec.Bytes(data)
		if err != nil {
			return out, model.Errorf(model.EINVALID, "%s could not be read as %s text. In Excel choose File › Save As › \"CSV UTF-8 (Comma delimited)\", then import that file.", name, out.encoding)
		}
		data = bytes.TrimPrefix(d, []byte(utf8BOM))
	}
	if i := bytes.IndexRune(data, utf8.RuneError); i >= 0 && out.encoding != "UTF-8" {
		line := bytes.Count(data[:i], []byte("\n")) + 1
		return out, model.Errorf(model.EINVALID, "%s, line %d: a character could not be read as %s. In Excel choose File › Save As › \"CSV UTF-8 (Comma delimited)\", then import that file.", name, line, out.encoding)
	}
	// Old Mac Excel ends lines with a carriage return alone.
	if bytes.IndexByte(data, '\n') < 0 && bytes.IndexByte(data, '\r') >= 0 {
		data = bytes.ReplaceAll(data, []byte("\r"), []byte("\n"))
	}
	// "sep=;" (perhaps quoted) on a line of its own, first.
	first, rest, _ := bytes.Cut(data, []byte("\n"))
	line := strings.Trim(strings.TrimSpace(string(bytes.TrimSuffix(first, []byte("\r")))), `"`)
	if v, ok := strings.CutPrefix(strings.ToLower(line), "sep="); ok {
		if r, size := utf8.DecodeRuneInString(v); size > 0 && size == len(v) && r != '"' && r != '\n' && r != '\r' && r != utf8.RuneError {
			out.sep, data = r, rest
		} else {
			return out, model.Errorf(model.EINVALID, "%s: the first line %q should name one separator character, such as sep=; or sep=,", name, truncate(line, 20))
		}
	}
	out.data = data
	return out, nil
}

// looksUTF16 reports whether data is UTF-16 without a byte order mark: a
// text of mostly Latin letters has a zero byte in every other place (odd
// places for little-endian, nul=1; even for big-endian, nul=0).
func looksUTF16(data []byte, nul int) bool {
	n := min(len(data), 4096) &^ 1
	if n < 4 {
		return false
	}
	zeros, others := 0, 0
	for i := 0; i < n; i += 2 {
		if data[i+nul] == 0 {
			zeros++
		}
		if data[i+1-nul] == 0 {
			others++
		}
	}
	return zeros > n/2*3/4 && others < n/2/10
}

// mojibake reports whether s is UTF-8 text that was read as Windows-1252
// (or Latin-1) somewhere on its way: "ZoÃ«" for "Zoë". It returns the text
// as it was meant.
func mojibake(s string) (meant string, ok bool) {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return "", false
	}
	// Undo the wrong reading: each character back to the Windows-1252
	// byte it was read from. Windows maps the five bytes Windows-1252
	// leaves undefined to the C1 controls of the same number, so those
	// come back as themselves.
	raw := make([]byte, 0, len(s))
	for _, r := range s {
		switch b, ok := cp1252Byte[r]; {
		case ok:
			raw = append(raw, b)
		case r < 0x100:
			raw = append(raw, byte(r))
		default:
			return "", false
		}
	}
	b := string(raw)
	if b == s || !utf8.ValidString(b) {
		return "", false
	}
	return b, true
}

func mojibakeError(name string, row int, col int, heading, text, meant string) error {
	where := fmt.Sprintf("row %d, column %s", row, colLetter(col))
	if heading != "" {
		where += fmt.Sprintf(" (%s)", truncate(heading, 50))
	}
	return model.Errorf(model.EINVALID, "%s: %s reads %q, which looks like %q garbled by a wrong text encoding. Nothing was imported. Save the file again from the original as \"CSV UTF-8 (Comma delimited)\" and import that.", name, where, truncate(text, 60), truncate(meant, 60))
}

// cp1252Byte maps the characters Windows-1252 puts at 0x80–0x9F (€, ‘, ’,
// “, ” and so on) back to their bytes.
var cp1252Byte = func() map[rune]byte {
	m := map[rune]byte{}
	for b := 0x80; b < 0xA0; b++ {
		if r := charmap.Windows1252.DecodeByte(byte(b)); r != utf8.RuneError && r != rune(b) {
			m[r] = byte(b)
		}
	}
	return m
}()
