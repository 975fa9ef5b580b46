package article

import (
	"net/url"
	"path"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// An image's address is not always its src: lazy loaders put a placeholder
// there (a data: URI, a 1x1 gif, "blank.gif") and the real address in
// data-src or a srcset that their script swaps in. Relative addresses are
// resolved against the article's link (a feed item's link, which the feed
// has resolved against xml:base or the feed's address).

// lazySrcAttrs hold the real address of a lazy-loaded image.
var lazySrcAttrs = []string{"data-src", "data-lazy-src", "data-original", "data-lazy"}

// srcsetAttrs hold candidate lists ("a.jpg 480w, b.jpg 1200w").
var srcsetAttrs = []string{"srcset", "data-srcset", "data-lazy-srcset"}

// placeholderName is the file name of a lazy loader's stand-in image.
var placeholderName *lazyRegexp

// imageURL returns the absolute address of the image img shows: src, unless
// it is missing or a placeholder, else a lazy loader's attribute, else the
// largest candidate of a srcset (pictureSources gave it its <picture>'s).
func (b *builder) imageURL(img *html.Node) string {
	// What a lazy loader will show wins over what src shows meanwhile (a
	// spacer, a blurred thumbnail).
	for _, k := range lazySrcAttrs {
		if v := lazyValue(attr(img, k)); v != "" && !dataURI(v) {
			return b.resolve(v)
		}
	}
	src := strings.TrimSpace(attr(img, "src"))
	if src != "" && !placeholderSrc(src) {
		return b.resolve(src)
	}
	if v := largestCandidate(img); v != "" {
		return b.resolve(v)
	}
	if v := strings.TrimSpace(attr(img, "data-url")); v != "" && !placeholderSrc(v) {
		return b.resolve(v)
	}
	if src != "" && !dataURI(src) {
		return b.resolve(src) // a real image after all, named like a spacer
	}
	return ""
}

// pictureSources gives each image of a <picture> whose src is missing or a
// placeholder the largest candidate of the picture's <source> elements as
// its srcset, before the images leave their pictures to become figures.
func pictureSources(imgs []*html.Node) {
	for _, img := range imgs {
		p := img.Parent
		if p == nil || p.DataAtom != atom.Picture || largestCandidate(img) != "" {
			continue
		}
		if src := strings.TrimSpace(attr(img, "src")); src != "" && !placeholderSrc(src) {
			continue
		}
		for c := p.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && c.DataAtom == atom.Source {
				if v := largestCandidate(c); v != "" {
					img.Attr = append(img.Attr, html.Attribute{Key: "srcset", Val: v})
					break
				}
			}
		}
	}
}

// linkedFullSizes gives each image of imgs that links to a larger copy of
// itself ("…-300x200.jpg" inside <a href="…-1024x683.jpg">, Blogger's
// "/s400/" inside a link to "/s1600/") that copy's address, as a lazy
// loader would.
func linkedFullSizes(imgs []*html.Node) {
	for _, img := range imgs {
		a := img.Parent
		if a != nil && a.DataAtom == atom.Picture {
			a = a.Parent
		}
		if a == nil || a.DataAtom != atom.A {
			continue
		}
		href := strings.TrimSpace(attr(a, "href"))
		if href == "" || strings.HasPrefix(href, "#") {
			continue
		}
		own := ""
		for _, k := range lazySrcAttrs {
			if v := lazyValue(attr(img, k)); v != "" && !dataURI(v) {
				own = v
				break
			}
		}
		if own == "" {
			own = strings.TrimSpace(attr(img, "src"))
		}
		// Both name their size: an unsized link may be an original or a
		// page, and the body may show a larger copy further on.
		if own == "" || own == href || !similarNames(own, href) || placeholderSrc(own) ||
			imageWidth(own) == 0 || imageWidth(href) <= imageWidth(own) || !sameImage(own, href) {
			continue
		}
		setAttr(img, "data-src", href)
	}
}

// similarNames is the cheap test two addresses pass before they are
// compared as copies of one image: their file names start alike
// ("quay-300x200.jpg", "quay-1024x683.jpg"); a link to a page does not.
func similarNames(a, b string) bool {
	a, b = lastSegment(a), lastSegment(b)
	n := min(len(a), len(b), 4)
	return n > 0 && a[:n] == b[:n]
}

// lastSegment is the last segment of an address's path: its file name.
func lastSegment(s string) string {
	if i := strings.IndexAny(s, "?#"); i >= 0 {
		s = s[:i]
	}
	return s[strings.LastIndexByte(s, '/')+1:]
}

// dataURI reports whether an address is a data: URI.
func dataURI(s string) bool {
	return len(s) >= 5 && strings.EqualFold(s[:5], "data:")
}

// jsonAddress is the first address quoted in a JSON value.
var jsonAddress *lazyRegexp

// lazyValue returns the address in a lazy loader's attribute: the value
// itself, or the first address of a JSON value ({"default":"//…"}).
func lazyValue(v string) string {
	v = strings.TrimSpace(v)
	if strings.HasPrefix(v, "{") || strings.HasPrefix(v, "[") {
		if m := jsonAddress.FindStringSubmatch(v); m != nil {
			return m[1]
		}
		return ""
	}
	return v
}

// placeholderSrc reports whether an image address is a stand-in: a data:
// URI, or a file named like a spacer ("blank.gif", "placeholder.png").
func placeholderSrc(src string) bool {
	if dataURI(src) {
		return true
	}
	u, err := url.Parse(src)
	if err != nil {
		return true
	}
	return placeholderName.MatchString(path.Base(u.Path))
}

// largestCandidate returns the widest (or densest) real address in the
// srcset attributes of n, "" when there is none.
func largestCandidate(n *html.Node) string {
	for _, k := range srcsetAttrs {
		if v := strings.TrimSpace(attr(n, k)); v != "" {
			if best := largestInSrcset(v); best != "" {
				return best
			}
		}
	}
	return ""
}

// largestInSrcset picks from a srcset the candidate with the largest width
// ("1200w") or density ("2x"); the first one when none says.
func largestInSrcset(set string) string {
	best, bestSize := "", -1.0
	for _, cand := range splitSrcset(set) {
		f := strings.Fields(cand)
		if len(f) == 0 || placeholderSrc(f[0]) {
			continue
		}
		size := 0.0
		if len(f) > 1 {
			d := strings.ToLower(f[1])
			if n, err := strconv.ParseFloat(strings.TrimRight(d, "wx"), 64); err == nil {
				size = n
				if strings.HasSuffix(d, "x") {
					size *= 1000 // a density outranks no descriptor
				}
			}
		}
		if size > bestSize {
			best, bestSize = f[0], size
		}
	}
	return best
}

// splitSrcset splits a srcset at the commas between candidates, not at the
// commas inside an address ("…/c_fill,w_800/a.jpg 800w").
func splitSrcset(set string) []string {
	var out []string
	start := 0
	for i := 0; i < len(set); i++ {
		if set[i] != ',' {
			continue
		}
		// A candidate ends at a comma after its descriptor or followed by
		// white space.
		before := strings.TrimSpace(set[start:i])
		if i+1 < len(set) && set[i+1] != ' ' && !strings.ContainsAny(before, " \t\n") {
			continue
		}
		out = append(out, before)
		start = i + 1
	}
	return append(out, strings.TrimSpace(set[start:]))
}

// resolve makes ref absolute against the article's address; with no
// address, "//host/…" becomes https. Only web addresses are kept (a
// relative one when there is nothing to resolve it against).
func (b *builder) resolve(ref string) string {
	u, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	if b.base != nil {
		u = b.base.ResolveReference(u)
	} else if u.Scheme == "" && u.Host != "" {
		u.Scheme = "https"
	}
	switch u.Scheme {
	case "http", "https", "":
	default:
		return ""
	}
	return u.String()
}

func init() {
	register(func() {
		placeholderName = compileLater(`(?i)^(?:blank|spacer|pixel|transparent|placeholder|lazy|lazyload|loading|loader|spinner|ajax[-_]loader|grey|gray|empty|dummy|1x1|clear|trans|px|lazy[-_]placeholder|image[-_]placeholder|img[-_]placeholder)(?:[-_.]?\d+x\d+)?\.(?:gif|png|svg)$`)
		jsonAddress = compileLater(`"((?:https?:)?//[^"\s]+)"`)
	})
}
