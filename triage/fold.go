package triage

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// fold returns s in a form where strings.EqualFold becomes == and
// compatible forms agree: each rune is replaced by the lower case of the
// smallest rune of its case orbit (so "ſ" is "s" and "ς" is "σ"), then, if
// the result is not in NFKC, it is normalised (so "ﬁ" is "fi", full-width
// "ＡＢＣ" is "abc" and "e\u0301" is "é") and folded again. Byte offsets in
// the result are not those of s.
func fold(s string) string {
	i := 0
	for i < len(s) && s[i] < utf8.RuneSelf && (s[i] < 'A' || s[i] > 'Z') {
		i++
	}
	if i == len(s) {
		return s // the common case for text already in lower case
	}
	if isASCII(s[i:]) {
		b := []byte(s)
		for j, c := range b[i:] {
			b[i+j] = lower[c]
		}
		return string(b)
	}
	b := make([]byte, 0, len(s)+utf8.UTFMax)
	return normalFold(appendFold(b, s), false)
}

// appendFold appends s to b with each rune folded.
func appendFold(b []byte, s string) []byte {
	for j := 0; j < len(s); {
		if c := s[j]; c < utf8.RuneSelf {
			b = append(b, lower[c])
			j++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[j:])
		b = utf8.AppendRune(b, foldRune(r))
		j += n
	}
	return b
}

// normalFold finishes fold on b, runes folded: unless b is known to be
// ASCII, it checks for NFKC and, when b is not, normalises and folds again.
func normalFold(b []byte, ascii bool) string {
	if ascii || norm.NFKC.IsNormal(b) {
		return string(b)
	}
	s := norm.NFKC.String(string(b))
	return string(appendFold(make([]byte, 0, len(s)+utf8.UTFMax), s))
}

// lower maps each ASCII byte to its lower case.
var lower = func() (t [utf8.RuneSelf]byte) {
	for i := range t {
		t[i] = byte(i)
		if 'A' <= i && i <= 'Z' {
			t[i] += 'a' - 'A'
		}
	}
	return t
}()

func foldRune(r rune) rune {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}
	m := r
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		m = min(m, f)
	}
	return unicode.ToLower(m)
}

// isWordRune reports whether r is part of a word: a letter, a digit or a
// combining mark.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r|0x20 && r|0x20 <= 'z' || '0' <= r && r <= '9'
	}
	return isWordRuneSlow(r)
}

func isWordRuneSlow(r rune) bool {
	return unicode.In(r, unicode.L, unicode.Nd, unicode.M)
}

// isUnspaced reports whether r belongs to a script written without spaces
// between words, where whole-word matching cannot apply.
func isUnspaced(r rune) bool {
	return r >= 0x0E00 && isUnspacedSlow(r)
}

func isUnspacedSlow(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana,
		unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar)
}

// isCJK reports whether r is a Han, hiragana or katakana character.
func isCJK(r rune) bool {
	return r >= 0x2E80 && isCJKSlow(r)
}

func isCJKSlow(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana)
}

func isSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return r == ' ' || '\t' <= r && r <= '\r'
	}
	return unicode.IsSpace(r)
}
