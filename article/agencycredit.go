package article

// Credits written without a label ("… Getty Images", "courtesy of the
// family"): telling a picture agency's name from the end of a caption.

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// agencyCredit splits off a trailing credit written without a label: the
// agencies' "(AP Photo/NAME)", "NAME/Getty Images", "(Reuters)", "Courtesy
// of NAME". The credit is the earliest trailing segment (after a sentence,
// a dash or an opening bracket) that reads as one.
func agencyCredit(s string) (caption, credit string, ok bool) {
	if !mayHoldAgencyCredit(s) {
		return "", "", false
	}
	starts := []int{0}
	for _, m := range segmentStart.FindAllStringIndex(s, -1) {
		starts = append(starts, m[1])
	}
	for _, at := range starts {
		seg := strings.TrimSpace(s[at:])
		seg = strings.TrimRight(seg, " .")
		if strings.HasSuffix(seg, ")") || strings.HasSuffix(seg, "]") {
			if at == 0 || !strings.ContainsAny(s[at-1:at], "([") {
				continue // a bracket closing what opened before the segment
			}
			seg = strings.TrimSpace(seg[:len(seg)-1])
		}
		if seg == "" || strings.ContainsAny(seg, "()[]") || innerSentence(seg) {
			continue
		}
		if cr := unlabelledCredit(seg); cr != "" {
			return trimCaption(s[:at]), cr, true
		}
	}
	return "", "", false
}

// mayHoldAgencyCredit is a cheap test run before agencyCredit's search:
// a slash, "courtesy", " via ", or an agency's name at the end.
func mayHoldAgencyCredit(s string) bool {
	lower := strings.ToLower(s)
	if strings.Contains(s, "/") || strings.Contains(lower, "courtesy") || strings.Contains(lower, " via ") {
		return true
	}
	words := strings.Fields(s)
	if len(words) == 0 {
		return false
	}
	last := strings.Trim(words[len(words)-1], ".()[]")
	return isAgency(last) || isAgency(strings.ToLower(last)) || agencyWords[strings.ToLower(last)]
}

// innerSentence reports whether s holds a sentence end other than after an
// initial ("J. Doe").
func innerSentence(s string) bool {
	for _, m := range sentenceEnd.FindAllStringIndex(s, -1) {
		if s[m[0]] != '.' {
			return true
		}
		before := strings.Fields(s[:m[0]])
		if len(before) == 0 || utf8.RuneCountInString(before[len(before)-1]) > 2 {
			return true
		}
	}
	return false
}

// unlabelledCredit returns seg normalised when it is a credit with no
// label, else "".
func unlabelledCredit(seg string) string {
	if cr := bareAgencyCredit(seg); cr != "" {
		return cr
	}
	if m := courtesyCredit.FindStringSubmatch(seg); m != nil && courtesyName(m[1]) {
		return normCredit(seg)
	}
	if !creditLike(seg) {
		return ""
	}
	if agencyPhoto.MatchString(seg) || agencyPhotoAlone.MatchString(seg) {
		return normCredit(seg)
	}
	if agencyName(seg) {
		return normCredit(seg) // "(Reuters)", "Getty Images"
	}
	parts := creditSep.Split(seg, -1)
	if len(parts) < 2 && !strings.Contains(seg, " via ") {
		return ""
	}
	for _, p := range parts {
		if agencyLike(p) {
			return normCredit(seg)
		}
	}
	return ""
}

// courtesyName reports whether s names who lent a picture: a name, or a
// few words after "the" ("the family", "the Harbour Trust").
func courtesyName(s string) bool {
	s = strings.TrimSpace(s)
	if creditLike(s) {
		return true
	}
	return strings.HasPrefix(strings.ToLower(s), "the ") && wordCount(s) <= 4 && !strings.ContainsAny(s, ",;:!?\"“”")
}

// agencyNames are photo agencies and picture libraries, lower-cased; the
// short upper-case ones are in agencyAcronyms, matched as written.
var agencyNames = map[string]bool{
	"reuters": true, "getty images": true, "getty": true, "associated press": true,
	"agence france-presse": true, "shutterstock": true, "alamy": true, "alamy stock photo": true,
	"bloomberg": true, "nurphoto": true, "xinhua": true, "anadolu": true, "anadolu agency": true,
	"sopa images": true, "lightrocket": true, "sipa": true, "sipa usa": true, "zuma": true,
	"zuma press": true, "zuma wire": true, "istock": true, "istockphoto": true, "unsplash": true,
	"pexels": true, "pixabay": true, "nasa": true, "wikimedia commons": true, "corbis": true,
	"redux": true, "magnum": true, "magnum photos": true, "keystone": true, "kyodo": true,
	"yonhap": true, "imago": true, "abaca": true, "polaris": true, "the canadian press": true,
	"canadian press": true, "pa images": true, "pa wire": true, "pa media": true, "dpa": true,
	"flickr": true, "handout": true, "pool": true, "stringer": true, "contributor": true,
	"afp via getty images": true, "epa-efe": true, "efe": true, "tass": true, "sputnik": true,
	"rex": true, "rex features": true, "shutterstock editorial": true, "noaa": true, "esa": true,
	"picture alliance": true, "picture-alliance": true, "imago images": true, "anp": true,
	"belga": true, "ansa": true, "sda": true, "apa": true, "ntb": true, "scanpix": true,
	"ritzau scanpix": true, "wikimedia": true, "freepik": true, "stocksnap": true,
}

// agencyAcronyms are agencies known by capitals that are also words or
// common letters in other cases ("AP", "PA").
var agencyAcronyms = map[string]bool{
	"AP": true, "AFP": true, "EPA": true, "PA": true, "CP": true, "UPI": true, "AAP": true,
	"ANP": true, "EFE": true, "STF": true, "TASS": true, "NASA": true, "ESA": true, "DPA": true,
	"KCNA": true, "WPA": true, "NPR": true, "BBC": true, "REUTERS": true, "XINHUA": true,
}

// agencyWords end the name of a picture source: "Harbour Archive", "Oslo
// City Museum", "SOPA Images".
var agencyWords = map[string]bool{
	"images": true, "photos": true, "pictures": true, "photography": true, "press": true,
	"wire": true, "archive": true, "archives": true, "collection": true, "library": true,
	"museum": true, "agency": true, "media": true, "studio": true, "studios": true,
	"commons": true, "news": true, "photo": true,
}

// isAgency reports whether a single word names an agency.
func isAgency(w string) bool {
	return agencyAcronyms[w] || agencyNames[w]
}

// agencyName reports whether s is nothing but an agency's name.
func agencyName(s string) bool {
	s = strings.TrimSpace(s)
	return agencyAcronyms[s] || agencyNames[strings.ToLower(collapse(s))]
}

// agencyLike reports whether one part of a credit names an agency or a
// picture library: a known name, or a name ending in "Images", "Archive",
// "Museum" and the like.
func agencyLike(p string) bool {
	p = strings.TrimSpace(p)
	if _, ok := newsAgency(p); ok || agencyName(p) {
		return true
	}
	words := strings.Fields(p)
	for i, w := range words {
		w = strings.Trim(w, ",;")
		if agencyAcronyms[w] || agencyNames[strings.ToLower(w)] && len(w) > 4 {
			return true
		}
		if i > 0 && agencyWords[strings.ToLower(w)] && startsUpper(words[0]) {
			return true
		}
		if i+1 < len(words) && strings.EqualFold(w, "via") {
			return agencyLike(strings.Join(words[i+1:], " "))
		}
	}
	return false
}

// startsUpper reports whether s starts with a capital letter.
func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}
