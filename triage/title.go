package triage

import (
	"html"
	"strings"
	"unicode"
)

// Thresholds below which a title is too generic to identify a story:
// "Weekly links", "Podcast", "Untitled", "Episode 12", "This week in Rust 543".
const (
	minTitleWords   = 4
	minTitleLetters = 20
)

// TitleKey returns title normalised for comparison: entities decoded, NFKC,
// case folded, punctuation and symbols turned into single spaces,
// apostrophes dropped ("Don't" is "dont"). It returns "" unless the key has
// at least 4 words and 20 letters; a Han or kana character, in scripts
// written without spaces, counts as a word and as two letters.
func TitleKey(title string) string {
	if strings.IndexByte(title, '&') >= 0 {
		title = html.UnescapeString(title)
	}
	var b strings.Builder
	b.Grow(len(title))
	words, letters, inWord := 0, 0, false
	for _, r := range fold(title) {
		switch {
		case r == '\'' || r == '’' || r == 'ʼ':
			// Joins rather than splits, whichever the feed typed.
		case isWordRune(r):
			if !inWord {
				if b.Len() > 0 {
					b.WriteByte(' ')
				}
				words++
				inWord = true
			}
			b.WriteRune(r)
			switch {
			case isCJK(r):
				words++
				letters += 2
			case unicode.IsLetter(r):
				letters++
			}
		default:
			inWord = false
		}
	}
	if words < minTitleWords || letters < minTitleLetters {
		return ""
	}
	return b.String()
}

// TitleHash is the 64-bit FNV-1a hash of TitleKey(title), 0 when it has
// none. It is stable across processes and versions: it is stored.
func TitleHash(title string) int64 {
	return hash64(TitleKey(title))
}
