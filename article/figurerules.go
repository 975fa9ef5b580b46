package article

// The cleaner's figure passes: caption lines without an image become one
// figure, and a figure absorbs the caption and credit lines around it.

import (
	"strings"
	"unicode/utf8"
)

// captionLine describes a paragraph that may be a caption.
type captionLine struct {
	caption, credit string
	labelled        bool // "Image caption, …"
}

func parseCaption(plain string) captionLine {
	cap, cr := splitCredit(plain)
	if cr != "" && noticeLike(plain) {
		cap, cr = plain, "" // "Republished with permission. © NAME"
	}
	return captionLine{caption: cap, credit: cr, labelled: captionLabel.MatchString(plain)}
}

// copyrightNotice is the wording of a copyright or licence notice, which
// names who owns a text, not who took a photo.
var copyrightNotice *lazyRegexp

// noticeLike reports whether s, a line ending in a credit, is a copyright
// or licence notice ("This article is republished with permission. ©
// Harbour Times", "Lyrics reproduced by permission, © NAME").
func noticeLike(s string) bool {
	return copyrightNotice.MatchString(s)
}

// captionGroups turns caption lines without an image — repeated lines, one
// of them with a credit, or a line ending in "© NAME - AGENCY" (or in any
// "© NAME" next to an image) — into one figure. A copyright notice is no
// caption (parseCaption).
func (c *cleaner) captionGroups() {
	for i := 0; i < len(c.items); i++ {
		it := &c.items[i]
		if it.drop {
			continue
		}
		if it.Kind != Paragraph || wordCount(it.plain) > 80 {
			continue
		}
		cl := parseCaption(it.plain)
		key := norm(cl.caption)
		if key == "" {
			continue
		}
		group := []int{i}
		credit := cl.credit
		signal := cl.labelled || strings.Contains(it.plain, "©")
		for j := c.next(i); j >= 0 && c.items[j].Kind == Paragraph; j = c.next(j) {
			o := parseCaption(c.items[j].plain)
			if norm(o.caption) != key {
				break
			}
			group = append(group, j)
			if credit == "" {
				credit = o.credit
			}
			signal = signal || o.labelled || o.credit != ""
		}
		switch {
		case len(group) >= 2 && wordCount(cl.caption) >= 3 && signal:
		case len(group) == 1 && cl.labelled:
		case len(group) == 1 && strings.Contains(it.plain, "©") && cl.credit != "" &&
			(c.imageBeside(i) || agencyCredited(cl.credit)):
			// A lone line ending in "© NAME": a caption beside an image,
			// or with an agency's credit, "© NAME - AFP".
		default:
			continue
		}
		*it = item{Block: Block{Kind: FigureBlock, Figure: &Figure{Caption: cl.caption, Credit: credit}}}
		for _, j := range group[1:] {
			c.items[j].drop = true
		}
		i = group[len(group)-1]
	}
}

// imageBeside reports whether the item before or after item i is an image.
func (c *cleaner) imageBeside(i int) bool {
	for _, j := range []int{c.prev(i), c.next(i)} {
		if j >= 0 && c.items[j].Kind == FigureBlock && c.items[j].Figure.ImageURL != "" {
			return true
		}
	}
	return false
}

// agencyCredited reports whether normalised credit cr names an agency or
// a picture library: "Photo: NAME / AFP", "Photo: Getty Images".
func agencyCredited(cr string) bool {
	_, names, _ := strings.Cut(cr, ": ")
	for _, p := range strings.Split(names, " / ") {
		if agencyLike(p) {
			return true
		}
	}
	return false
}

// matches reports whether caption text s repeats figure it's caption or
// one of its alt texts.
func (c *cleaner) matches(it *item, s string) bool {
	n := norm(s)
	if n == "" {
		return false
	}
	if n == norm(it.Figure.Caption) {
		return true
	}
	for _, a := range it.alts {
		if ac, _ := splitCredit(a); n == norm(ac) {
			return true
		}
	}
	return false
}

// figures collapses the captions and credits repeated around each figure
// into the figure.
func (c *cleaner) figures() {
	for i, it := range c.kept() {
		if it.Kind != FigureBlock {
			continue
		}
		f := it.Figure
		// Forward: the caption again, a credit line, "Image caption, …".
		for step, j := 0, c.next(i); step < 3 && j >= 0; step, j = step+1, c.next(j) {
			o := &c.items[j]
			if o.Kind == FigureBlock {
				if o.Figure.ImageURL == "" && (f.Caption == "" || c.matches(it, o.Figure.Caption)) {
					c.absorb(f, o.Figure.Caption, o.Figure.Credit)
					o.drop = true
					continue
				}
				if o.Figure.ImageURL != "" && sameImage(o.Figure.ImageURL, f.ImageURL) {
					c.absorb(f, o.Figure.Caption, o.Figure.Credit)
					it.alts = append(it.alts, o.alts...)
					if largerCopy(o.Figure.ImageURL, f.ImageURL) {
						f.ImageURL = o.Figure.ImageURL // the full size, not the thumbnail
					}
					o.drop = true
					continue
				}
				break
			}
			if o.Kind != Paragraph || wordCount(o.plain) > 80 {
				break
			}
			if isCounter(o.plain) { // a slideshow's "2 of 3" is no caption
				o.drop = true
				step--
				continue
			}
			cl := lineOf(o)
			switch {
			case norm(cl.caption) == "" && cl.credit != "":
				if f.Credit != "" && f.Credit != cl.credit {
					step = 3
					continue
				}
			case c.matches(it, cl.caption):
			case step == 0 && f.Caption == "" && (cl.labelled || o.captioned || cl.credit != "" && captionLike(o, cl)):
			default:
				step = 3
				continue
			}
			c.absorb(f, cl.caption, cl.credit)
			o.drop = true
		}
		// Backward: a caption or credit line just before the image.
		for step, j := 0, c.prev(i); step < 2 && j >= 0; step, j = step+1, c.prev(j) {
			o := &c.items[j]
			if o.Kind == FigureBlock && o.Figure.ImageURL == "" && f.ImageURL != "" &&
				(f.Caption == "" || c.matches(it, o.Figure.Caption)) {
				c.absorb(f, o.Figure.Caption, o.Figure.Credit)
				o.drop = true
				it.lead = it.lead || o.lead
				continue
			}
			if o.Kind != Paragraph || wordCount(o.plain) > 80 {
				break
			}
			if isCounter(o.plain) {
				o.drop = true
				step--
				continue
			}
			cl := lineOf(o)
			if (norm(cl.caption) == "" && cl.credit != "" && (f.Credit == "" || f.Credit == cl.credit)) || c.matches(it, cl.caption) {
				c.absorb(f, cl.caption, cl.credit)
				o.drop = true
				continue
			}
			break
		}
		if f.Caption == "" && c.altCaptions {
			for _, a := range it.alts {
				ac, cr := splitCredit(a)
				if meaningfulAlt(ac, f.ImageURL, c.m.Title) {
					c.absorb(f, ac, cr)
					break
				}
			}
		}
	}
}

// maxCaptionWords is the most words a paragraph after an image, marked
// as nothing, may have to be taken for its caption.
const maxCaptionWords = 40

// bracketThenStop is a bracketed credit that the sentence's full stop
// follows: the body's "… were lent (courtesy of the Harbour Trust)."
var bracketThenStop *lazyRegexp

// captionLike reports whether paragraph o, which ends in credit cl after
// an image without a caption, reads as that caption: set in <em>, <i> or
// <small>, or short (one or two sentences of at most maxCaptionWords)
// with its credit after its words, not inside its last sentence.
func captionLike(o *item, cl captionLine) bool {
	if o.aside {
		return true
	}
	if wordCount(o.plain) > maxCaptionWords || sentences(cl.caption) > 2 {
		return false
	}
	return !creditInSentence(strings.TrimSpace(o.plain), cl)
}

// creditInSentence reports whether the credit cl found at the end of
// paragraph p is part of its last sentence, which a full stop ends after
// it: in brackets ("… lent for the exhibition (courtesy of X)."), or a
// loan joined to the sentence ("… lent to us — courtesy of X.").
func creditInSentence(p string, cl captionLine) bool {
	if p == "" || !strings.ContainsAny(p[len(p)-1:], ".!?") && !strings.HasSuffix(p, "…") {
		return false
	}
	if bracketThenStop.MatchString(p) {
		return true
	}
	if !strings.Contains(strings.ToLower(cl.credit), "courtesy") || cl.caption == "" {
		return false
	}
	i := strings.Index(p, cl.caption)
	if i < 0 {
		return false
	}
	after := strings.TrimSpace(p[i+len(cl.caption):])
	return !strings.HasPrefix(after, ".") && !strings.HasPrefix(after, "!") && !strings.HasPrefix(after, "?")
}

// sentences counts the sentences of s; a full stop after a word of one or
// two letters ("J. Doe", "St. Ives") ends none.
func sentences(s string) int {
	n := 1
	for _, m := range sentenceEnd.FindAllStringIndex(s, -1) {
		before := strings.Fields(s[:m[0]])
		if s[m[0]] != '.' || len(before) > 0 && utf8.RuneCountInString(strings.Trim(before[len(before)-1], "\"“‘(")) > 2 {
			n++
		}
	}
	return n
}

// absorb completes f with a caption and credit found next to it; what f
// already has wins.
func (c *cleaner) absorb(f *Figure, caption, credit string) {
	if f.Caption == "" {
		f.Caption = caption
	}
	if f.Credit == "" {
		f.Credit = credit
	}
}

func init() {
	register(func() {
		copyrightNotice = compileLater(`(?i)\b(?:republished|reprinted|reposted|(?:originally|first) (?:published|appeared)|(?:reproduced|published|used|shared)(?: here)? (?:with|by|under) (?:a |the )?(?:kind )?(?:permission|licen[cs]e|agreement|arrangement)|(?:with|by) (?:kind )?permission|all rights reserved|licen[cs]ed (?:under|by|to)\b|under (?:a|the) (?:[\w-]+ ){0,3}licen[cs]e|creative commons|cc[ -]by\b|may not be (?:reproduced|copied|republished|redistributed))`)
		bracketThenStop = compileLater(`[)\]]\s*[.!?…]["”’]?$`)
	})
}
