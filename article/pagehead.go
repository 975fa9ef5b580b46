package article

import (
	"strings"
	"time"
	"unicode"
)

// Lines of a page's header that are chrome: bylines, dates, the names of
// sections, papers and roles, reading and listening times. Short lines of
// content ("Serves 4", "Takes 30 minutes, plus chilling") are none of
// these.

// readingUnit is a unit of a reading time.
const readingUnit = `(?:min(?:ute)?s?|minuten|minutos|minuti|m|hours?|hrs?|h)`

var (
	// readingLine is a reading or listening time, or a player's label:
	// "Reading time: 4 minutes", "4 min read", "Listen to this article ·
	// 6 min".
	readingLine *lazyRegexp

	// countLine is a number alone or a count of readers or comments:
	// "3.409", "3.409 reads", "12 comments".
	countLine *lazyRegexp
	// agencyLine names a newsroom rather than a writer: "Detroit News wire
	// services", "Staff and wire reports".
	agencyLine *lazyRegexp
	// datePart is a date inside a line: a year, a day of a month.
	datePart *lazyRegexp
	// pictureCredit credits the lead picture: "Image: Hanwha Q cells",
	// "(All photos: Atlas staff)", "Portrait by NAME".
	pictureCredit *lazyRegexp
	// pageTool is the label of a page's link or button near the headline:
	// "Skip to content", "Print this article", "View comments".
	pageTool *lazyRegexp

	// byName is a byline after a date: "by Ruth Okafor".
	byName *lazyRegexp
)

// titled reports whether every word of s begins with a capital, but for
// short joining words ("Sioux Falls Argus Leader", "Editor of the Year"),
// or is in a script without capitals.
func titled(s string) bool {
	for _, w := range strings.Fields(s) {
		switch strings.ToLower(w) {
		case "of", "the", "and", "&", "for", "in", "on", "at", "to", "a", "an", "de", "la", "le", "du", "des", "del", "y", "e", "et", "und", "van", "von", "-", "–", "—", "|", "/", "·":
			continue
		}
		for _, r := range w {
			if unicode.IsLetter(r) {
				if unicode.IsLower(r) {
					return false
				}
				break
			}
		}
	}
	return true
}

// hasDigit reports whether s holds a digit.
func hasDigit(s string) bool {
	return strings.IndexFunc(s, unicode.IsDigit) >= 0
}

// shortLabel reports whether a short line of a page's header is a label: a
// count, a dateline ("TNW中文站 10月14日报道"), a newsroom, or a name (of
// a section, a paper, a role) of a few words without figures.
func shortLabel(s string) bool {
	if countLine.MatchString(s) || datePart.MatchString(s) || agencyLine.MatchString(s) {
		return true
	}
	return !hasDigit(s) && (wordCount(s) <= 2 || titled(s))
}

// datedByline reports whether s is a date followed by a byline, "April 2,
// 2025 by Ruth Okafor", that the meta line says again: it names the
// article's author, or the date is the article's.
func datedByline(s, byline string, published time.Time) bool {
	s = strings.TrimPrefix(strings.TrimSpace(s), "on ")
	m := byName.FindStringSubmatchIndex(s)
	if m == nil || !isDateLine(strings.TrimRight(s[:m[0]], " ·|,-–—")) {
		return false
	}
	if bn := norm(byline); bn != "" && (norm(s[m[2]:m[3]]) == bn || strings.HasPrefix(norm(s[m[2]:m[3]]), bn+" ")) {
		return true
	}
	d, ok := lineDate(strings.TrimRight(s[:m[0]], " ·|,-–—"))
	if !ok || isEpoch(published) {
		return false
	}
	diff := d.Sub(time.Date(published.Year(), published.Month(), published.Day(), 0, 0, 0, 0, time.UTC))
	return diff >= -36*time.Hour && diff <= 36*time.Hour // time zones
}

// dateLayouts are the ways a header writes a day.
var dateLayouts = []string{
	"January 2, 2006", "January 2 2006", "Jan 2, 2006", "Jan. 2, 2006", "Jan 2 2006", "2 January 2006", "2 Jan 2006",
	"Monday, January 2, 2006", "Monday 2 January 2006", "Monday, 2 January 2006", "Mon, Jan 2, 2006",
	"2006-01-02", "02/01/2006", "01/02/2006", "02.01.2006",
}

// lineDate reads the day a date line names.
func lineDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(datedLabel.ReplaceAllString(strings.TrimSpace(s), ""))
	s = strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(strings.TrimSpace(s), "on "), ":"))
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// headerLine reports whether a line of the page's header is chrome:
// labelLine's chrome, a date with the byline the meta line gives again, or
// a short line naming the site ("From Wikipedia, the free encyclopedia").
func (c *cleaner) headerLine(s, byline string) bool {
	if labelLine(s, byline) || datedByline(s, byline, c.m.Published) {
		return true
	}
	return wordCount(s) <= 8 && !endsSentence(s) && c.namesSite(s)
}

// headerParagraph reports whether every line of a Markdown paragraph is
// header chrome (see headerLine).
func (c *cleaner) headerParagraph(md, byline string) bool {
	for _, l := range strings.Split(md, "\n") {
		if !c.headerLine(plainMarkdown(l), byline) {
			return false
		}
	}
	return true
}

func init() {
	register(func() {
		readingLine = compileLater(`(?i)^[^\pL\pN]*(?:` +
			`(?:(?:est(?:imated|\.)?\s+)?(?:reading|read|listening)\s+time|time to read|lesezeit|temps de lecture|tiempo de lectura|tempo di lettura|leestijd)\s*:?\s*` +
			`(?:about\s+|approx\.?\s+|ca\.?\s+|~\s*)?\d+(?:\s*[-–]\s*\d+)?\s*` + readingUnit + `\.?` +
			`|(?:about\s+|approx\.?\s+|~\s*)?\d+(?:\s*[-–]\s*\d+)?\s*` + readingUnit + `\.?\s+(?:read|listen)(?:ing)?(?:\s+time)?` +
			`|(?:listen|play|hear)(?:\s+(?:to|now))?(?:\s+(?:this|the))?(?:\s+(?:article|story|post|episode|piece|podcast))?` +
			`(?:\s*[·•|:,\-–—(]?\s*(?:\d+:\d{2}(?::\d{2})?|\d+\s*(?:` + readingUnit + `|sec(?:ond)?s?|s)\.?)\)?)?` +
			`)$`)
		countLine = compileLater(`(?i)^[\d.,]+\s*[km]?(?:\s+(?:reads?|views?|comments?|shares?|likes?|responses?|replies|claps?))?$`)
		agencyLine = compileLater(`(?i)(?:\b(?:wire|news) (?:services?|reports?)|\bstaff(?: and wire)? (?:reports?|writers?)|\bnews desk)$`)
		datePart = compileLater(`(?i)\b(?:19|20)\d\d|\d{1,2}月\d{1,2}日|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|\b\d{1,2}\.?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)`)
		pictureCredit = compileLater(`(?i)^\(?(?:(?:all|main|top|lead|header|hero)\s+)?(?:image|photo|picture|illustration|portrait|graphic)s?(?:\s+credit)?\s*(?::|by\b)\s*\S.{0,60}$`)
		pageTool = compileLater(`(?i)^(?:(?:skip|jump) to (?:the )?(?:main )?(?:content|navigation|article|recipe|comments|search|footer)|skip navigation` +
			`|(?:print|share|save|email|bookmark|gift) (?:this )?(?:article|story|page|post|recipe)|(?:view|show|read|see) (?:all )?comments|(?:text|font) size|follow (?:the )?(?:author|topic))$`)
		byName = compileLater(`(?i)\s+(?:by|von|par|por|door|di|da)\s+(\S+(?:\s+\S+){0,3})$`)
	})
}
