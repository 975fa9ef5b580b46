package article

import (
	"net/url"
	"path"
	"regexp"
	"strings"
)

// Alt text is a caption only when it says something. Publishers fill it
// with the article's title, the image's file name or a word for the slot
// the image sits in ("hero image"); none of those captions a photo.

// genericAlt is alt text that names the image's slot, not what it shows.
var genericAlt = regexp.MustCompile(`(?i)^(?:(?:the\s+)?(?:hero|featured|feature|header|cover|lead|main|top|banner|post|article|thumbnail|preview|social|og|default|placeholder)[\s_-]+(?:image|photo|picture|img|pic)(?:\s+for\s+.*)?|image|photo|picture|pic|img|screenshot|screen shot|untitled|thumbnail|(?:img|dsc|dscn|pxl|image|photo|screenshot|screen[\s_-]?shot)[\s_-]*[\d_ ()-]+)$`)

// fileNameAlt is alt text written like a file name: no spaces between
// words, with digits, underscores or an extension ("ios2", "IMG_2041",
// "screen_500 (1)", "harbour-at-dawn.jpg").
var fileNameAlt = regexp.MustCompile(`(?i)^[\p{L}\p{N}_.-]+(?:\s*\(\d+\))?$`)

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
	if n == norm(title) || n == norm(fileStem(src)) {
		return false
	}
	return true
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

// sizeSuffix is the size a CMS appends to an image's file name
// ("-1024x683", "-scaled", "@2x", "_small").
var sizeSuffix = regexp.MustCompile(`(?i)(?:[-_]\d{2,4}x\d{2,4}|[-_]scaled|@[23]x|[-_](?:small|medium|large|thumb|thumbnail|full|orig|original))+$`)

// sized reports whether an image address names a size in its file name (a
// thumbnail or a resized copy a CMS made).
func sized(src string) bool {
	u, err := url.Parse(src)
	if err != nil {
		return false
	}
	base := strings.TrimSuffix(path.Base(u.Path), path.Ext(u.Path))
	return sizeSuffix.MatchString(base)
}

// sameImage compares two image addresses, ignoring the query string (sizes,
// crops), the scheme and a size in the file name ("-1024x683", "@2x"): the
// same photo at two sizes is one figure.
func sameImage(a, b string) bool {
	strip := func(s string) string {
		if i := strings.IndexAny(s, "?#"); i >= 0 {
			s = s[:i]
		}
		s = strings.TrimPrefix(strings.TrimPrefix(s, "https:"), "http:")
		ext := path.Ext(s)
		return sizeSuffix.ReplaceAllString(strings.TrimSuffix(s, ext), "") + strings.ToLower(ext)
	}
	return a != "" && strip(a) == strip(b)
}
