package feed

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
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
	if !ok || label == "" || !utf8.Valid(body) {
		return body
	}
	if enc, _ := charset.Lookup(label); enc != nil {
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
