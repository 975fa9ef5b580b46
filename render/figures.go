package render

// Figures: the image line and the caption and credit paragraph under it.

import "strings"

// imageLine recognises a paragraph that starts with an image link,
// `[Image](URL)` or `![alt](URL)`, alone on its line. It returns the URL and
// the rest of the paragraph (the lines after it).
func imageLine(para string) (u, rest string, ok bool) {
	first, rest, _ := strings.Cut(para, "\n")
	first = strings.TrimSpace(first)
	var text string
	var end int
	switch {
	case strings.HasPrefix(first, "!["):
		text, u, end, ok = parseLink(first, 1)
	case strings.HasPrefix(first, "["):
		text, u, end, ok = parseLink(first, 0)
		ok = ok && strings.EqualFold(strings.TrimSpace(text), "image")
	}
	if !ok || end != len(first) {
		return "", "", false
	}
	return u, strings.TrimSpace(rest), true
}

// creditPrefixes start a paragraph that is only a credit.
var creditPrefixes = []string{"photo:", "photo :", "photograph:", "photos:", "foto:", "credit:", "credits:", "image:", "image source", "picture:", "illustration:", "graphic:", "composite:", "video:", "animation:", "source:", "©", "(c) "}

// captionParagraph recognises the paragraph under an image:
// `*CAPTION* — CREDIT`, `*CAPTION*`, or a credit alone (`Photo: …`).
func captionParagraph(p string) (caption, credit string, ok bool) {
	p = strings.Join(strings.Fields(p), " ")
	if p == "" {
		return "", "", false
	}
	if d := p[0]; (d == '*' || d == '_') && !strings.HasPrefix(p, "**") && !strings.HasPrefix(p, "__") {
		end := closing(p, d)
		if end < 0 {
			return "", "", false
		}
		caption = p[1:end]
		credit = strings.TrimSpace(p[end+1:])
		credit = strings.TrimSpace(strings.TrimLeft(credit, "—–-|·"))
		if credit == "" && isCredit(caption) {
			// article writes a figure with only a credit as `*CREDIT*`.
			return "", caption, true
		}
		return caption, credit, caption != "" || credit != ""
	}
	if isCredit(p) {
		return "", p, true
	}
	return "", "", false
}

// isCredit reports whether p starts like a photo credit.
func isCredit(p string) bool {
	lp := strings.ToLower(p)
	for _, pre := range creditPrefixes {
		if strings.HasPrefix(lp, pre) {
			return true
		}
	}
	return false
}

// emphasisOnly reports whether p is one emphasised span, `*…*` or `_…_`,
// and returns its content.
func emphasisOnly(p string) (string, bool) {
	p = strings.Join(strings.Fields(p), " ")
	if len(p) < 3 || strings.HasPrefix(p, "**") || strings.HasPrefix(p, "__") {
		return "", false
	}
	d := p[0]
	if d != '*' && d != '_' {
		return "", false
	}
	if end := closing(p, d); end == len(p)-1 {
		return p[1:end], true
	}
	return "", false
}

// closing returns the index of the unescaped delimiter d that closes the
// emphasis opened at p[0], or -1.
func closing(p string, d byte) int {
	for i := 1; i < len(p); i++ {
		switch p[i] {
		case '\\':
			i++
		case d:
			if i > 1 && p[i-1] != ' ' && (i+1 == len(p) || p[i+1] != d) {
				return i
			}
		}
	}
	return -1
}
