package article

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Captions carry more than a credit label: the buttons of a photo viewer
// ("Enlarge this image", "[+]", "toggle caption") and credits written the
// agencies' way, with no label at all: "(AP Photo/NAME)", "NAME/Getty
// Images", "(Reuters)", "Courtesy of NAME". The rules here find those.

var (
	// expanderAnywhere is a photo viewer's button label that never belongs
	// to a caption, wherever it sits in it.
	expanderAnywhere *lazyRegexp
	// expanderStart and expanderEnd are a button label at the start or the
	// end of a caption: "[+]", "+", "Expand image", "View larger image",
	// "[Zoom]". A bare "Zoom", "Expand" or "Enlarge" is a button only set
	// apart from the caption (bareStart, bareEnd): "Pupils join the lesson
	// on Zoom" keeps its last word.
	expanderStart *lazyRegexp
	expanderEnd   *lazyRegexp
	// bareStart is a bare button word alone or before a bar, a dash, a
	// bullet or a "+"; bareEnd after one of those or after a sentence,
	// whose end ($1) stays: "Volunteers clear seaweed. Expand".
	bareStart *lazyRegexp
	bareEnd   *lazyRegexp
	// toggleCaption separates NPR's caption from its credit: "CAPTION
	// toggle caption NAME/NPR".
	toggleCaption *lazyRegexp
	// agencyPhoto is the agencies' own form, "AP Photo/NAME" or "CP
	// PHOTO/NAME, File"; the agency may be missing ("Photo/NAME").
	agencyPhoto *lazyRegexp
	// agencyPhotoAlone is "(AP Photo)": an agency's initials.
	agencyPhotoAlone *lazyRegexp
	// courtesyCredit is "Courtesy of NAME", "Photo courtesy NAME".
	courtesyCredit *lazyRegexp
	// segmentStart ends what comes before a credit written without a
	// label: a sentence, a dash or a bar, an opening bracket.
	segmentStart *lazyRegexp
	// sentenceEnd ends a sentence.
	sentenceEnd *lazyRegexp
)

// buttonWord is a photo viewer's button written as a bare word;
// buttonLabel is one that says what it acts on ("Expand image", "View
// larger image"), a button wherever it stands.
const (
	buttonWord  = `(?:Expand|Enlarge|Zoom(?: in)?|Fullscreen|Full screen)`
	buttonLabel = `(?:(?:Expand|Enlarge|Zoom|Fullscreen|Full screen|View) (?:image|photo|picture)|View (?:larger|full[ -]?size)(?: (?:image|photo|picture))?)`
)

// stripExpanders removes a photo viewer's button labels from a caption.
// Cheap tests come first: it runs on every paragraph that may be a caption.
func stripExpanders(s string) string {
	s = stripLicensing(strings.TrimSpace(s))
	if containsAny(strings.ToLower(s), "enlarge this", "caption", "click") {
		s = strings.TrimSpace(expanderAnywhere.ReplaceAllString(s, " "))
	}
	for {
		t := s
		if expanderAtStart(t) {
			t = strings.TrimSpace(expanderStart.ReplaceAllString(t, ""))
			if t != "" && strings.IndexByte("EZF", t[0]) >= 0 {
				t = strings.TrimSpace(bareStart.ReplaceAllString(t, ""))
			}
		}
		if expanderAtEnd(t) {
			t = strings.TrimSpace(expanderEnd.ReplaceAllString(t, ""))
			if buttonAtEnd(t) {
				t = strings.TrimSpace(bareEnd.ReplaceAllString(t, "$1"))
			}
		}
		if t == s {
			return s
		}
		s = t
	}
}

// expanderAtStart reports whether s may start with a button label that
// expanderStart or bareStart matches.
func expanderAtStart(s string) bool {
	switch {
	case s == "":
		return false
	case s[0] == '(':
		return containsAny(s[:min(len(s), 16)], "Expand", "Enlarge", "Zoom", "Full")
	}
	return strings.IndexByte("[+EZFV", s[0]) >= 0
}

// expanderAtEnd reports whether s may end with a button label that
// expanderEnd or bareEnd matches.
func expanderAtEnd(s string) bool {
	if s == "" {
		return false
	}
	if c := s[len(s)-1]; c == ']' || c == '+' {
		return true
	}
	return containsAny(s[max(0, len(s)-30):], "Expand", "Enlarge", "Zoom", "Full", "View")
}

// buttonAtEnd reports whether one of the words of buttonWord ends s.
func buttonAtEnd(s string) bool {
	return containsAny(s[max(0, len(s)-16):], "Expand", "Enlarge", "Zoom", "Full")
}

// toggleCredit splits NPR's "CAPTION toggle caption CREDIT".
func toggleCredit(s string) (caption, credit string, ok bool) {
	if !strings.Contains(s, "oggle") && !strings.Contains(s, "OGGLE") {
		return "", "", false
	}
	m := toggleCaption.FindStringIndex(s)
	if m == nil {
		return "", "", false
	}
	caption, rest := strings.TrimSpace(s[:m[0]]), strings.TrimSpace(s[m[1]:])
	if rest == "" || !creditLike(rest) {
		return strings.TrimSpace(caption + " " + rest), "", true
	}
	return caption, normCredit(rest), true
}

// captionClass has "caption" as a word of a class ("wp-caption-text",
// "image__caption", not "has-captions"); captionButton is a viewer's button
// that shows or hides a caption.
var (
	captionClass  *lazyRegexp
	captionButton *lazyRegexp
)

// captionBlock reports whether block n holds a caption: its class says
// so and it holds a caption's few words, not a section of the article.
func captionBlock(n *html.Node) bool {
	c := strings.ToLower(attr(n, "class"))
	if !strings.Contains(c, "caption") || !captionClass.MatchString(c) || captionButton.MatchString(c) {
		return false
	}
	return wordCount(textOf(n)) <= 60
}

// markCaptions marks the paragraphs built since start as captions.
func (b *builder) markCaptions(start int) {
	for i := start; i < len(b.items); i++ {
		if b.items[i].Kind == Paragraph {
			b.items[i].captioned = true
		}
	}
}

// creditTail returns the text of the element that ends n when its class
// marks it as a credit (`<span class="credit">`), else "".
func creditTail(n *html.Node) string {
	for c := n.LastChild; c != nil; c = c.PrevSibling {
		switch {
		case c.Type == html.TextNode && strings.TrimSpace(c.Data) == "":
			continue
		case c.Type == html.ElementNode && c.DataAtom == atom.Br:
			continue
		case c.Type == html.ElementNode && !skipped(c):
			if creditClass.MatchString(attr(c, "class")) {
				return textOf(c)
			}
			return creditTail(c)
		}
		return ""
	}
	return ""
}

// lineOf parses a paragraph that may caption a figure. A credit marked up
// as one (it.creditText) counts even without a label or an agency: "Mary
// Holt" in `<span class="credit">`. An author's byline ("By …") does not.
func lineOf(it *item) captionLine {
	cl := parseCaption(it.plain)
	t := it.creditText
	if cl.credit != "" || t == "" || !strings.HasSuffix(it.plain, t) {
		return cl
	}
	if !creditLike(t) || strings.HasPrefix(strings.ToLower(t), "by ") {
		return cl
	}
	cl.caption, cl.credit = trimCaption(strings.TrimSuffix(it.plain, t)), normCredit(t)
	cl.caption, _ = splitCredit(cl.caption) // its own expander junk
	return cl
}

// repeatedCaptions shows a credited caption once: a later photo with the
// same caption and the same credit as an earlier one keeps its image only.
// Uncredited labels (an icon's alt text at each step of a how-to) and a
// credit alone ("Photo: Getty Images" under every picture) stay with each.
func (c *cleaner) repeatedCaptions() {
	seen := map[string]bool{}
	for _, it := range c.kept() {
		f := it.Figure
		if it.Kind != FigureBlock || f.ImageURL == "" || f.Credit == "" || wordCount(f.Caption) < 3 {
			continue
		}
		key := norm(f.Caption) + "|" + norm(f.Credit)
		if seen[key] {
			f.Caption, f.Credit = "", ""
			continue
		}
		seen[key] = true
	}
}

// A photo's licensing links close a caption or a credit: Reuters'
// "Purchase Licensing Rights", "Buy this photo", "License this image",
// "Order a print". They are buttons, glued to the credit or apart; a
// sentence that ends in lower case ("readers can buy this photo") stays.
var licensingEnd *lazyRegexp

// stripLicensing removes licensing buttons from the end of s.
func stripLicensing(s string) string {
	for {
		tail := strings.ToLower(s[max(0, len(s)-40):])
		if !containsAny(tail, "licen", "buy", "print", "purchase") {
			return s
		}
		t := strings.TrimSpace(licensingEnd.ReplaceAllString(s, ""))
		if t == s {
			return s
		}
		s = t
	}
}

// A slideshow numbers its pictures: "1 of 3", "Image 2/12", "(Slide 3 /
// 8)", "1 von 3". The counter is never a caption: it goes from the start
// or the end of one, and a line that is only a counter goes.
const (
	counterLabel = `(?:images?|photos?|pictures?|slides?|fotos?|bild|imagen|imagem|diapo(?:sitiva)?)`
	counterCore  = `\d{1,3}\s*(?:/|\b(?:of|von|sur|de|di|van|av|af|z|из)\b)\s*\d{1,3}`
	counterAny   = `[(\[]?\s*(?:` + counterLabel + `\s+)?` + counterCore + `\s*[)\]]?`
)

var (
	counterLine *lazyRegexp
	// counterStart is a counter before the caption's first word, which
	// starts with a capital or a quote: "1 of 3 People…" would be read as
	// one, "1 of 3 people surveyed" is not.
	counterStart *lazyRegexp
	// counterEnd is a counter after the caption's last word: labelled or
	// bracketed after a space, bare after a sentence's end or a bar.
	counterEnd *lazyRegexp
)

// isCounter reports whether s is nothing but a slideshow's counter.
func isCounter(s string) bool {
	return len(s) < 40 && strings.ContainsAny(s, "0123456789") && counterLine.MatchString(s)
}

// stripCounter removes a slideshow's counter from the start or the end
// of caption s; a counter alone leaves nothing. Cheap tests first: it runs
// on every paragraph that may be a caption.
func stripCounter(s string) string {
	if s == "" || !strings.ContainsAny(s[:min(len(s), 24)], "0123456789") && !strings.ContainsAny(s[max(0, len(s)-12):], "0123456789") {
		return s
	}
	if isCounter(s) {
		return ""
	}
	if strings.ContainsAny(s[:min(len(s), 24)], "0123456789") {
		if m := counterStart.FindStringSubmatchIndex(s); m != nil {
			s = s[m[2]:]
		}
	}
	// A counter at the end is short: match in the last bytes only (a
	// regular expression anchored at the end still scans the whole text).
	off := max(0, len(s)-48)
	for off > 0 && !utf8.RuneStart(s[off]) {
		off++
	}
	if tail := s[off:]; strings.ContainsAny(tail, "0123456789") {
		if m := counterEnd.FindStringSubmatchIndex(tail); m != nil {
			end := m[0]
			if m[2] >= 0 {
				end = m[3] // the sentence's end stays
			}
			s = strings.TrimSpace(s[:off+end])
		}
	}
	return s
}

// bareAgencyLabel is "photo" or "foto" before an agency with no colon, as
// Italian and French captions write it: "(foto ANSA/NAME)", "(Photo AFP)".
var bareAgencyLabel *lazyRegexp

// bareAgencyCredit returns seg normalised when it is a bare label and a
// credit that a news agency opens, else "".
func bareAgencyCredit(seg string) string {
	m := bareAgencyLabel.FindStringSubmatch(seg)
	if m == nil {
		return ""
	}
	first := creditSep.Split(m[1], 2)[0]
	if _, ok := newsAgency(first); !ok || !creditLike(m[1]) {
		return ""
	}
	return normCredit(m[1])
}

func init() {
	register(func() {
		expanderAnywhere = compileLater(`(?i)\s*\b(?:enlarge this (?:image|photo|picture)|(?:hide|show) caption|click (?:to|for) (?:enlarge|expand|zoom)(?: (?:image|photo))?)\b\s*`)
		expanderStart = compileLater(`^(?:\[\s*[+\-−]\s*\]|\+(?:\s*` + buttonWord + `\b)?|[\[(]\s*` + buttonWord + `\s*[\])]|` + buttonLabel + `)(?:\s+|$)`)
		expanderEnd = compileLater(`(?:^|\s+)(?:\[\s*[+\-−]\s*\]|(?:` + buttonWord + `\s*)?\+|[\[(]\s*` + buttonWord + `\s*[\])]|` + buttonLabel + `)$`)
		bareStart = compileLater(`^` + buttonWord + `(?:$|\s*[|·•+]\s*|\s+[-–—]\s+)`)
		bareEnd = compileLater(`(?:^|([.!?…]["”’)]?)\s+|\s*[|·•+]\s*|\s+[-–—]\s+)` + buttonWord + `$`)
		toggleCaption = compileLater(`(?i)\s*\btoggle caption\b\s*`)
		agencyPhoto = compileLater(`^(\p{Lu}[\p{L}.&'-]*\s+)?(?:[Pp]hoto(?:graph)?s?|PHOTOS?|[Ff]oto|FOTO)\s*/\s*(.{2,80})$`)
		agencyPhotoAlone = compileLater(`^(\p{Lu}[\p{Lu}.&-]{1,7})\s+(?:[Pp]hoto|PHOTO)s?$`)
		courtesyCredit = compileLater(`(?i)^(?:(?:photos?|images?|pictures?|video)\s*:?\s+)?courtesy(?:\s+of)?\s*:?\s+(.{2,80})$`)
		segmentStart = compileLater(`[.!?…]["”’)]?\s+|\s[-–—|]\s+|[(\[]\s*`)
		sentenceEnd = compileLater(`[.!?…]["”’)]?\s+`)
		captionClass = compileLater(`(?:^|[\s_-])caption(?:$|[\s_-])`)
		captionButton = compileLater(`(?:hide|show|toggle)[-_]?caption`)
		licensingEnd = compileLater(`\s*(?:[|·•]|\s[-–—])?\s*(?:P(?i:urchase (?:licen[cs]ing rights|(?:this )?(?:photo|image|picture)))|B(?i:uy (?:this )?(?:photo|image|picture|print)s?)|L(?i:icen[cs]e this (?:image|photo|picture))|O(?i:rder (?:a )?prints?)|I(?i:mage licen[cs]ing)|R(?i:eprints? (?:and|&) permissions))\s*[.]?$`)
		counterLine = compileLater(`(?i)^\s*` + counterAny + `\s*$`)
		counterStart = compileLater(`^(?i:` + counterAny + `)(?:\s*[|·•:–—-]\s*|\s+)([\p{Lu}"“‘'])`)
		counterEnd = compileLater(`(?:\s+(?i:[(\[]\s*(?:` + counterLabel + `\s+)?` + counterCore + `\s*[)\]]|` + counterLabel + `\s+` + counterCore + `)|([.!?…)"”])\s*(?i:` + counterCore + `)|\s+[|·•–—-]\s*(?i:` + counterAny + `))$`)
		bareAgencyLabel = compileLater(`(?i)^(?:photos?|fotos?)\s+(.{2,80})$`)
	})
}
