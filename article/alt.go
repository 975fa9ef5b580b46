package article

import (
	"net/url"
	"path"
	"strings"
)

// Alt text is a caption only when it says something. Publishers fill it
// with the article's title, the image's file name or a word for the slot
// the image sits in ("hero image"); none of those captions a photo.

// genericAlt is alt text that names the image's slot, not what it shows.
var genericAlt *lazyRegexp

// fileNameAlt is alt text written like a file name: no spaces between
// words, with digits, underscores or an extension ("ios2", "IMG_2041",
// "screen_500 (1)", "harbour-at-dawn.jpg").
var fileNameAlt *lazyRegexp

// meaningfulAlt reports whether alt text (its credit split off) can serve
// as the caption of the image at src in an article titled title.
func meaningfulAlt(alt, src, title string) bool {
	a := strings.TrimSpace(alt)
	if wordCount(a) < 3 || genericAlt.MatchString(a) || fileNameAlt.MatchString(a) {
		return false
	}
	if strings.ContainsAny(a, "/\\") || hasImageExt(a) {
		return false
	}
	n := norm(a)
	if n == norm(title) || n == norm(fileStem(src)) || titleWithSite(a, title) {
		return false
	}
	if mayDescribeItself(a) && machineAlt.MatchString(a) {
		return false
	}
	return true
}

// machineAlt is alt text a network wrote by itself: Facebook's and
// Instagram's "May be an image of 2 people and text", "Image may contain:
// …", "No photo description available."
var machineAlt *lazyRegexp

// mayDescribeItself is the cheap test before machineAlt.
func mayDescribeItself(a string) bool {
	return containsAny(strings.ToLower(a), "may be", "may contain", "no photo", "no image")
}

// titleSeparators set a site's name apart from a title.
var titleSeparators = []string{" | ", " - ", " – ", " — ", " :: ", " · ", " • ", " » "}

// maxSiteWords is the most words a site's or section's name has.
const maxSiteWords = 5

// titleWithSite reports whether alt is the title with a site's or
// section's name before or after it ("Title | Kelpie Bay Gazette",
// "Gazette - Title"), or the title is alt with such a name.
func titleWithSite(alt, title string) bool {
	nt := norm(title)
	if nt == "" {
		return false
	}
	long, short := alt, nt
	if len(norm(alt)) < len(nt) {
		long, short = title, norm(alt)
	}
	if short == "" {
		return false
	}
	for _, sep := range titleSeparators {
		for i := strings.Index(long, sep); i >= 0; {
			head, tail := long[:i], long[i+len(sep):]
			if norm(head) == short && wordCount(tail) <= maxSiteWords || norm(tail) == short && wordCount(head) <= maxSiteWords {
				return true
			}
			j := strings.Index(tail, sep)
			if j < 0 {
				break
			}
			i += len(sep) + j
		}
	}
	return false
}

// hasImageExt reports whether s ends like an image file name.
func hasImageExt(s string) bool {
	s = strings.ToLower(s)
	for _, ext := range []string{".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".svg"} {
		if strings.HasSuffix(s, ext) {
			return true
		}
	}
	return false
}

// fileStem is an image address's file name without extension, size and
// separators: ".../harbour-at-dawn-1024x683.jpg" gives "harbour at dawn".
func fileStem(src string) string {
	u, err := url.Parse(src)
	if err != nil {
		return ""
	}
	base := path.Base(u.Path)
	base = strings.TrimSuffix(base, path.Ext(base))
	base = sizeSuffix.ReplaceAllString(base, "")
	return strings.NewReplacer("-", " ", "_", " ", "+", " ").Replace(base)
}

func init() {
	register(func() {
		genericAlt = compileLater(`(?i)^(?:(?:the\s+)?(?:hero|featured|feature|header|cover|lead|main|top|banner|post|article|thumbnail|preview|social|og|default|placeholder)[\s_-]+(?:image|photo|picture|img|pic)(?:\s+for\s+.*)?|image|photo|picture|pic|img|screenshot|screen shot|untitled|thumbnail|(?:img|dsc|dscn|pxl|image|photo|screenshot|screen[\s_-]?shot)[\s_-]*[\d_ ()-]+)$`)
		fileNameAlt = compileLater(`(?i)^[\p{L}\p{N}_.-]+(?:\s*\(\d+\))?$`)
		machineAlt = compileLater(`(?i)(?:^|[.:]\s+)(?:may be (?:an? )?(?:image|photo|picture|graphic|illustration|cartoon|meme|screenshot|close-up|closeup|selfie|video|text|drawing|poster)\b|(?:image|photo) may contain\b|no (?:photo|image) description available)`)
	})
}
