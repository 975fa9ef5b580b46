package article

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/herald-reader/herald/sanitize"
)

var (
	// copyrightCredit is a trailing "© NAME - AGENCY".
	copyrightCredit *lazyRegexp
	// labelCredit is a trailing "Photo: NAME/AGENCY", "Photograph: …",
	// "Credit: …", "Credit...NAME" (The New York Times), "Image source, …",
	// "Foto: …", "Photo : …" (French), "Illustration: …", "Photo by NAME".
	labelCredit *lazyRegexp
	// leadingLabel is the label in front of a credit, as a credit <span>
	// may repeat it after the caption's own: "Image credit: ", "Photo by ".
	leadingLabel *lazyRegexp
	// kindLabel is a label that says the picture is not a photograph:
	// "Illustration: NAME/The Guardian" keeps its kind.
	kindLabel *lazyRegexp
	// danglingLabel is what a caption keeps of a label when its credit
	// started with "©": "(Image: © NASA)".
	danglingLabel *lazyRegexp
	// labelOnly matches the BBC's visually hidden labels.
	captionLabel *lazyRegexp
	sourceLabel  *lazyRegexp
	// creditSep separates a photographer from an agency.
	creditSep *lazyRegexp
	// stockSite is a free picture library named after the photographer
	// the way Unsplash asks: "Jane Doe on Unsplash", "… via Pexels".
	stockSite *lazyRegexp
)

// creditKinds are the labels of a picture that is not a photograph, as
// the Guardian writes them ("Illustration: NAME/The Guardian").
const creditKinds = `photo[- ]illustration|illustration|graphics?|composite|video|animation`

// creditKind returns how a credit labelled l is written: "Illustration",
// "Graphic", "Composite", "Video", "Animation"; "Photo" for a photograph
// or a label that does not say.
func creditKind(l string) string {
	l = strings.ToLower(l)
	switch {
	case strings.Contains(l, "illustration"):
		return "Illustration"
	case strings.HasPrefix(l, "graphic"):
		return "Graphic"
	case l == "composite":
		return "Composite"
	case l == "video":
		return "Video"
	case l == "animation":
		return "Animation"
	}
	return "Photo"
}

// splitCredit splits a trailing photo credit off a caption. It returns the
// caption without the credit and the credit normalised by normCredit ("" when
// there is none). A photo viewer's buttons ("Enlarge this image", "[+]")
// go too.
func splitCredit(s string) (caption, credit string) {
	s = strings.TrimSpace(s)
	if m := sourceLabel.FindStringIndex(s); m != nil {
		// "Image source, AGENCY" is a credit on its own line.
		return "", normCredit(s[m[1]:])
	}
	s = stripCounter(stripExpanders(stripCaptionLabel(s)))
	if c, cr, ok := toggleCredit(s); ok {
		if cr != "" {
			return c, cr
		}
		s = c
	}
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
		return creditless(s[:off+m[0]]), normCredit(tail[m[2]:m[3]])
	}
	if containsAny(lt, "photo", "pictur", "image", "credit", "foto", "crédit") ||
		strings.Contains(lt, ":") && containsAny(lt, "illustration", "graphic", "composite", "video", "animation") {
		if m := labelCredit.FindStringSubmatchIndex(tail); m != nil && creditLike(tail[m[2]:m[3]]) {
			return creditless(s[:off+m[0]]), normCredit(tail[m[0]:]) // with its label: its kind
		}
	}
	if c, cr, ok := agencyCredit(tail); ok {
		return creditless(s[:off] + c), cr
	}
	return s, ""
}

// creditless tidies what is left of a caption once its credit is split
// off: no label left dangling, no button that stood before the credit.
func creditless(s string) string {
	return trimCaption(stripExpanders(trimCaption(danglingLabel.ReplaceAllString(s, ""))))
}

// creditLike reports whether s is short enough to be a name and an agency
// rather than a sentence. Its words start with a capital, but for a few
// small words ("de", "via") and agencies written in lower case ("picture
// alliance/dpa", "on Unsplash").
func creditLike(s string) bool {
	words := strings.Fields(s)
	if len(words) < 1 || len(words) > 10 || strings.ContainsAny(s, "!?\"“”") {
		return false
	}
	for i, w := range words {
		r, _ := utf8.DecodeRuneInString(strings.TrimLeft(w, "([/-–—|"))
		if unicode.IsLower(r) && !creditSmallWords[strings.ToLower(strings.Trim(w, "([/-–—,.|"))] && !lowerAgency(words, i) {
			return false
		}
	}
	return true
}

// lowerAgency reports whether words[i], which starts in lower case, is an
// agency or part of one ("dpa", "picture alliance", "imago images"), or the
// "on" of "NAME on Unsplash".
func lowerAgency(words []string, i int) bool {
	w := agencyToken(words[i])
	if agencyNames[w] || agencyNames[strings.SplitN(w, "-", 2)[0]] {
		return true
	}
	if i+1 < len(words) && agencyNames[w+" "+agencyToken(words[i+1])] {
		return true
	}
	if i > 0 && agencyNames[agencyToken(words[i-1])+" "+w] {
		return true
	}
	return (w == "on" || w == "from") && i+1 < len(words) && stockSite.MatchString(" via "+strings.Join(words[i+1:], " "))
}

// agencyToken is word w lower-cased up to a "/" or "|" that joins it to
// the next name: "alliance/dpa" is "alliance".
func agencyToken(w string) string {
	w = strings.TrimLeft(w, "([/-–—|")
	if i := strings.IndexAny(w, "/|"); i > 0 {
		w = w[:i]
	}
	return strings.ToLower(strings.TrimRight(w, ",.;)]"))
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
// label and separators it came with: one label only, however many it had
// ("Photo: Image credit: X" is "Photo: X"), the agencies' "AP Photo/NAME"
// as "NAME / AP", "Courtesy of X" as "Photo: courtesy of X", "Jane Doe on
// Unsplash" as "Jane Doe / Unsplash". A picture labelled as no photograph
// keeps its kind: "Illustration: NAME / AGENCY". An empty credit stays
// empty.
func normCredit(s string) string {
	s = stripLicensing(sanitize.Line(s))
	courtesy := false
	kind := "Photo"
	for {
		t := s
		if m := kindLabel.FindStringSubmatch(t); m != nil && kind == "Photo" {
			kind = creditKind(m[1])
		}
		t = sourceLabel.ReplaceAllString(t, "")
		if m := copyrightCredit.FindStringSubmatchIndex(t); m != nil && m[0] == 0 {
			t = t[m[2]:m[3]]
		}
		if m := labelCredit.FindStringSubmatchIndex(t); m != nil && m[0] == 0 {
			t = t[m[2]:m[3]]
		}
		t = leadingLabel.ReplaceAllString(t, "")
		if m := courtesyCredit.FindStringSubmatch(t); m != nil {
			t, courtesy = m[1], true
		}
		t = strings.Trim(t, " .;,()[]")
		if t == s {
			break
		}
		s = t
	}
	if m := agencyPhoto.FindStringSubmatch(s); m != nil {
		s = m[2]
		if a := strings.TrimSpace(m[1]); a != "" {
			s += " / " + a
		}
	} else if m := agencyPhotoAlone.FindStringSubmatch(s); m != nil {
		s = strings.TrimSpace(m[1])
	}
	if s == "" {
		return ""
	}
	s = stockSite.ReplaceAllString(s, " / $1")
	parts := creditSep.Split(s, -1)
	kept := parts[:0]
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			kept = append(kept, p)
		}
	}
	if kept = agencyOrder(kept); len(kept) == 0 {
		return ""
	}
	if courtesy {
		return kind + ": courtesy of " + strings.Join(kept, " / ")
	}
	return kind + ": " + strings.Join(kept, " / ")
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

func init() {
	register(func() {
		copyrightCredit = compileLater(`(?i)\s*(?:©|\(c\)|copyright\b)\s*:?\s*([^©]{2,80}?)\s*\.?$`)
		labelCredit = compileLater(`(?i)(?:^|[\s.,;(\[|])(?:(?:(?:photo(?:graph|graphie)?s?|pictures?|images?|fotos?)(?: (?:credits?|source))?|credits?|source photo|crédits?(?: photo)?)\s*[:,]\s*|(?:` + creditKinds + `)\s*:\s*|(?-i:Credit|CREDIT)s?\s*(?:\.{2,3}|…)\s*|(?:photo(?:graph)?|picture|image)s? by\s+)([^:]{2,80}?)\s*[.)\]]?$`)
		leadingLabel = compileLater(`(?i)^(?:(?:(?:photo(?:graph|graphie)?s?|pictures?|images?|fotos?)(?:\s+(?:credits?|source|copyright))?|credits?|copyright|source|crédits?(?:\s+photo)?)\s*[:,]\s*|(?:` + creditKinds + `)\s*:\s*|(?-i:Credit|CREDIT)s?\s*(?:\.{2,3}|…)\s*|(?:photo(?:graph)?|picture|image)s?\s+by\s+)`)
		kindLabel = compileLater(`(?i)^[\s.,;(\[|]*(` + creditKinds + `)\s*:`)
		danglingLabel = compileLater(`(?i)\s*(?:[(\[]\s*(?:photo(?:graph)?|picture|image|credit)s?\s*:?|(?:photo(?:graph)?|picture|image|credit)s?\s*:)\s*$`)
		captionLabel = compileLater(`^\s*(?:[Ii]mage|[Pp]hoto|[Mm]edia|[Vv]ideo) [Cc]aption(?:\s*[,:]?\s+|\p{Lu})`)
		sourceLabel = compileLater(`(?i)^\s*(?:image|picture|photo) (?:source|copyright)\s*[,:]?\s+`)
		creditSep = compileLater(`\s*[/|]\s*|\s+[-–—]\s+`)
		stockSite = compileLater(`(?i)\s+(?:on|via|from)\s+(unsplash|pexels|pixabay|flickr|wikimedia(?: commons)?|freepik|stocksnap)$`)
	})
}
