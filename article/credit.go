package article

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/herald-reader/herald/sanitize"
)

var (
	// copyrightCredit is a trailing "© NAME - AGENCY".
	copyrightCredit = regexp.MustCompile(`(?i)\s*(?:©|\(c\)|copyright\b)\s*:?\s*([^©]{2,80}?)\s*\.?$`)
	// labelCredit is a trailing "Photo: NAME/AGENCY", "Photograph: …",
	// "Credit: …", "Image source, …", "Foto: …", "Photo : …" (French).
	labelCredit = regexp.MustCompile(`(?i)(?:^|[\s.,;(\[|])(?:(?:photo(?:graph|graphie)?s?(?: credit)?|pictures?|picture credit|images?|image source|credits?|foto|source photo|crédit(?: photo)?)\s*[:,]|(?:photo(?:graph)?|picture|image)s? by)\s+([^:]{2,80}?)\s*[.)\]]?$`)
	// danglingLabel is what a caption keeps of a label when its credit
	// started with "©": "(Image: © NASA)".
	danglingLabel = regexp.MustCompile(`(?i)\s*(?:[(\[]\s*(?:photo(?:graph)?|picture|image|credit)s?\s*:?|(?:photo(?:graph)?|picture|image|credit)s?\s*:)\s*$`)
	// labelOnly matches the BBC's visually hidden labels.
	captionLabel = regexp.MustCompile(`^\s*(?:[Ii]mage|[Pp]hoto|[Mm]edia|[Vv]ideo) [Cc]aption(?:\s*[,:]?\s+|\p{Lu})`)
	sourceLabel  = regexp.MustCompile(`(?i)^\s*(?:image|picture|photo) (?:source|copyright)\s*[,:]?\s+`)
	// creditSep separates a photographer from an agency.
	creditSep = regexp.MustCompile(`\s*/\s*|\s+[-–—]\s+`)
)

// splitCredit splits a trailing photo credit off a caption. It returns the
// caption without the credit and the credit normalised by normCredit ("" when
// there is none).
func splitCredit(s string) (caption, credit string) {
	s = strings.TrimSpace(s)
	if m := sourceLabel.FindStringIndex(s); m != nil {
		// "Image source, AGENCY" is a credit on its own line.
		return "", normCredit(s[m[1]:])
	}
	s = stripCaptionLabel(s)
	// A credit sits in the last hundred or so characters: match there only,
	// which keeps long paragraphs cheap.
	off := 0
	if len(s) > 160 {
		off = len(s) - 160
		for off < len(s) && !utf8.RuneStart(s[off]) {
			off++
		}
	}
	tail := s[off:]
	lt := strings.ToLower(tail)
	if !strings.Contains(lt, "©") && !strings.Contains(lt, "(c)") && !strings.Contains(lt, "copyright") {
		// No copyright sign: skip that pattern.
	} else if m := copyrightCredit.FindStringSubmatchIndex(tail); m != nil && creditLike(tail[m[2]:m[3]]) {
		return trimCaption(danglingLabel.ReplaceAllString(s[:off+m[0]], "")), normCredit(tail[m[2]:m[3]])
	}
	if !containsAny(lt, "photo", "pictur", "image", "credit", "foto", "crédit") {
		return s, ""
	}
	if m := labelCredit.FindStringSubmatchIndex(tail); m != nil && creditLike(tail[m[2]:m[3]]) {
		return trimCaption(s[:off+m[0]]), normCredit(tail[m[2]:m[3]])
	}
	return s, ""
}

// creditLike reports whether s is short enough to be a name and an agency
// rather than a sentence.
func creditLike(s string) bool {
	words := strings.Fields(s)
	if len(words) < 1 || len(words) > 10 || strings.ContainsAny(s, "!?\"“”") {
		return false
	}
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(strings.TrimLeft(w, "([/-–—"))
		if unicode.IsLower(r) && !creditSmallWords[strings.ToLower(strings.Trim(w, "([/-–—,."))] {
			return false
		}
	}
	return true
}

// creditSmallWords may start with a lower-case letter inside a credit
// ("Jane Doe for The Guardian", "Bob de Vries via Getty Images").
var creditSmallWords = map[string]bool{
	"via": true, "for": true, "de": true, "du": true, "des": true, "la": true, "le": true,
	"van": true, "von": true, "der": true, "den": true, "al": true, "el": true, "bin": true,
	"of": true, "and": true, "the": true, "et": true, "y": true, "da": true, "di": true,
	"dos": true, "ibn": true, "ap": true, "pa": true, "epa": true, "afp": true,
}

// trimCaption drops what separated a caption from its credit.
func trimCaption(s string) string {
	return strings.TrimRight(strings.TrimSpace(s), " -–—|(,;[")
}

// normCredit returns a credit in one form, "Photo: NAME / AGENCY", whatever
// label and separators it came with. An empty credit stays empty.
func normCredit(s string) string {
	s = sanitize.Line(s)
	for {
		t := s
		t = sourceLabel.ReplaceAllString(t, "")
		if m := copyrightCredit.FindStringSubmatchIndex(t); m != nil && m[0] == 0 {
			t = t[m[2]:m[3]]
		}
		if m := labelCredit.FindStringSubmatchIndex(t); m != nil && m[0] == 0 {
			t = t[m[2]:m[3]]
		}
		t = strings.Trim(t, " .;,()[]")
		if t == s {
			break
		}
		s = t
	}
	if s == "" {
		return ""
	}
	parts := creditSep.Split(s, -1)
	kept := parts[:0]
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			kept = append(kept, p)
		}
	}
	if len(kept) == 0 {
		return ""
	}
	return "Photo: " + strings.Join(kept, " / ")
}

// creditOnly reports whether s is nothing but a credit ("Photo: X/Y",
// "© AFP", "Image source, Getty Images") and returns it normalised.
func creditOnly(s string) (string, bool) {
	caption, credit := splitCredit(s)
	if credit == "" || norm(caption) != "" {
		return "", false
	}
	return credit, true
}

// containsAny reports whether s contains one of subs.
func containsAny(s string, subs ...string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// stripCaptionLabel removes a leading "Image caption, " (BBC), also when
// the label is glued to the caption ("Media captionWho is …").
func stripCaptionLabel(s string) string {
	m := captionLabel.FindStringIndex(s)
	if m == nil {
		return s
	}
	end := m[1]
	if r, size := utf8.DecodeLastRuneInString(s[:end]); unicode.IsUpper(r) {
		end -= size // the capital starts the caption
	}
	return s[end:]
}
