package feed

import (
	"bytes"
	"mime"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/encoding/unicode/utf32"
)

// fromUTF32 converts a UTF-32 body (by its BOM, or by a '<' written as a
// four-byte unit) to UTF-8 with its declaration saying so, like fromUTF16.
func fromUTF32(body []byte) []byte {
	var order utf32.Endianness
	switch {
	case bytes.HasPrefix(body, []byte{0xFF, 0xFE, 0, 0}), bytes.HasPrefix(body, []byte{'<', 0, 0, 0}):
		order = utf32.LittleEndian
	case bytes.HasPrefix(body, []byte{0, 0, 0xFE, 0xFF}), bytes.HasPrefix(body, []byte{0, 0, 0, '<'}):
		order = utf32.BigEndian
	default:
		return body
	}
	out, err := utf32.UTF32(order, utf32.UseBOM).NewDecoder().Bytes(body)
	if err != nil {
		return body
	}
	return declareUTF8(out)
}

// declareUTF8 makes the XML declaration of a body converted to UTF-8 say
// UTF-8, whatever it said before (UTF-16, UCS-4, ISO-8859-1…).
func declareUTF8(out []byte) []byte {
	if _, ok := xmlDeclEncoding(out); ok {
		end := bytes.Index(out, []byte("?>"))
		decl := encodingDecl.ReplaceAll(out[:end], []byte(`encoding="UTF-8"`))
		out = append(decl, out[end:]...)
	}
	return out
}

// unknownLabelUTF8 makes a declaration naming no known encoding
// (encoding="invalid") say UTF-8 when the body is valid UTF-8, so that the
// parser reads it instead of refusing it whole.
func unknownLabelUTF8(body []byte) []byte {
	label, ok := xmlDeclEncoding(body)
	if !ok || label == "" {
		return body
	}
	// Nearly every feed names a known encoding: look the label up before
	// reading the whole body for utf8.Valid, as prepare runs on every parse.
	if enc, _ := charset.Lookup(label); enc != nil || !utf8.Valid(body) {
		return body
	}
	return declareUTF8(body)
}

// westernLabels are the single-byte Western encodings that publishers
// declare for UTF-8 text by mistake (the "CafÃ©" of a feed).
var westernLabels = map[string]bool{
	"iso-8859-1": true, "iso8859-1": true, "latin1": true, "latin-1": true, "l1": true,
	"iso-8859-15": true, "iso8859-15": true, "latin9": true,
	"windows-1252": true, "cp1252": true, "us-ascii": true, "ascii": true,
}

// misdeclaredUTF8 reports whether a body declared (or served) as a
// single-byte Western encoding is in fact UTF-8: valid UTF-8 with
// multi-byte characters, which Latin-1 text almost never forms by chance.
func misdeclaredUTF8(body []byte, label string) bool {
	if !westernLabels[strings.ToLower(strings.TrimSpace(label))] || !utf8.Valid(body) {
		return false
	}
	for _, c := range body {
		if c >= 0x80 {
			return true
		}
	}
	return false
}

// xmlDeclEncoding returns the encoding named in the XML declaration, if any.
func xmlDeclEncoding(body []byte) (string, bool) {
	b := bytes.TrimPrefix(bytes.TrimLeft(body, " \t\r\n"), utf8BOM)
	if !bytes.HasPrefix(b, []byte("<?xml")) {
		return "", false
	}
	end := bytes.Index(b, []byte("?>"))
	if end < 0 || end > 512 {
		return "", false
	}
	m := encodingDecl.FindSubmatch(b[:end])
	if m == nil {
		return "", false
	}
	return string(m[1]), true
}

// fromUTF16 converts a UTF-16 document, known by its byte-order mark or by
// a '<' spelled in two bytes, to UTF-8, and makes an XML declaration that
// names UTF-16 say UTF-8: encoding/xml cannot read the declaration of a
// UTF-16 document, and would decode the converted bytes a second time.
func fromUTF16(body []byte) []byte {
	if b := fromUTF32(body); len(b) != len(body) {
		return b
	}
	var order unicode.Endianness
	switch {
	case bytes.HasPrefix(body, []byte{0xFF, 0xFE}) && !bytes.HasPrefix(body, []byte{0xFF, 0xFE, 0, 0}),
		asciiUnits(body, 0) == '<':
		order = unicode.LittleEndian
	case bytes.HasPrefix(body, []byte{0xFE, 0xFF}), asciiUnits(body, 1) == '<':
		order = unicode.BigEndian
	default:
		return body
	}
	out, err := unicode.UTF16(order, unicode.UseBOM).NewDecoder().Bytes(body)
	if err != nil {
		return body
	}
	// Whatever the declaration says (UTF-16, UCS-2, …), it is UTF-8 now.
	return declareUTF8(out)
}

// asciiUnits returns the first character after leading white space of b
// read as UTF-16 code units whose ASCII byte is at offset at (0: little
// endian, 1: big endian) and whose other byte is zero, or 0 when b does not
// start that way.
func asciiUnits(b []byte, at int) byte {
	for i := 0; i+1 < len(b) && i < 64; i += 2 {
		c, zero := b[i+at], b[i+1-at]
		if zero != 0 || c == 0 || c >= 0x80 {
			return 0
		}
		if c != ' ' && c != '\t' && c != '\r' && c != '\n' {
			return c
		}
	}
	return 0
}

// toUTF8 applies the Content-Type charset to a body without an XML encoding
// declaration (gofeed never sees HTTP headers, STACK.md §6.2), and repairs
// stray non-UTF-8 bytes in a body that claims or defaults to UTF-8 by
// reading them as windows-1252, so one bad byte does not lose the feed.
func toUTF8(body []byte, contentType string) []byte {
	declared, hasDecl := xmlDeclEncoding(body)
	if !hasDecl {
		// A UTF-16 body was converted by prepare (fromUTF16); the header
		// still names UTF-16, which must not be applied a second time.
		if cs := contentTypeCharset(contentType); cs != "" && !isUTF8Label(cs) && !isUTF16Label(cs) && !misdeclaredUTF8(body, cs) {
			if enc, _ := charset.Lookup(cs); enc != nil {
				if out, err := enc.NewDecoder().Bytes(body); err == nil {
					return out
				}
			}
		}
	} else if misdeclaredUTF8(body, declared) {
		return declareUTF8(body) // UTF-8 under a Latin-1 label: read as UTF-8
	} else if !isUTF8Label(declared) {
		return body // gofeed decodes declared encodings itself
	}
	if utf8.Valid(body) {
		return body
	}
	return repairUTF8(body)
}

func contentTypeCharset(ct string) string {
	if ct == "" {
		return ""
	}
	_, params, err := mime.ParseMediaType(ct)
	if err != nil {
		return ""
	}
	return strings.TrimSpace(params["charset"])
}

func isUTF16Label(s string) bool {
	s = strings.ToLower(s)
	return strings.HasPrefix(s, "utf-16") || strings.HasPrefix(s, "utf16") || s == "ucs-2" || s == "iso-10646-ucs-2" || s == "unicode"
}

func isUTF8Label(s string) bool {
	s = strings.ToLower(s)
	return s == "utf-8" || s == "utf8" || s == "us-ascii" || s == "ascii"
}

// repairUTF8 keeps valid UTF-8 sequences and decodes every other byte as
// windows-1252.
func repairUTF8(b []byte) []byte {
	dec := charmap.Windows1252
	out := make([]byte, 0, len(b)+len(b)/8)
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size <= 1 {
			out = utf8.AppendRune(out, dec.DecodeByte(b[0]))
			b = b[1:]
			continue
		}
		out = append(out, b[:size]...)
		b = b[size:]
	}
	return out
}

var encodingDecl = regexp.MustCompile(`encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']`)

// stripIllegalCharRefs removes numeric character references to characters
// XML forbids (&#27; and friends), the way gofeed already drops raw C0
// bytes. It is used only when a feed failed to parse.
func stripIllegalCharRefs(body []byte) []byte {
	if !bytes.Contains(body, []byte("&#")) {
		return body
	}
	var out []byte // allocated on the first illegal reference only
	last := 0
	for i := 0; i < len(body); {
		j := bytes.Index(body[i:], []byte("&#"))
		if j < 0 {
			break
		}
		start := i + j
		end := bytes.IndexByte(body[start:min(len(body), start+16)], ';')
		if end < 0 {
			i = start + 2
			continue
		}
		end += start
		ref := string(body[start+2 : end])
		var n uint64
		var err error
		if strings.HasPrefix(ref, "x") || strings.HasPrefix(ref, "X") {
			n, err = strconv.ParseUint(ref[1:], 16, 32)
		} else {
			n, err = strconv.ParseUint(ref, 10, 32)
		}
		if err == nil && !xmlChar(rune(n)) {
			if out == nil {
				out = make([]byte, 0, len(body))
			}
			out = append(out, body[last:start]...)
			last = end + 1
		}
		i = end + 1
	}
	if out == nil {
		return body
	}
	return append(out, body[last:]...)
}

// xmlChar reports whether r is allowed in an XML 1.0 document.
func xmlChar(r rune) bool {
	return r == 0x9 || r == 0xA || r == 0xD ||
		(r >= 0x20 && r <= 0xD7FF) || (r >= 0xE000 && r <= 0xFFFD) || (r >= 0x10000 && r <= 0x10FFFF)
}
