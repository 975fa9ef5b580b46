package article

import (
	"path"
	"sort"
	"strconv"
	"strings"
)

// The same photo arrives at several addresses: a feed's thumbnail and the
// body's copy, a thumbnail linked to its full size. CMSs and CDNs put the
// size in the file name ("-1024x683", "@2x"), in a path segment (Blogger's
// "/s400/" and "/w640-h480/", Cloudinary's "/c_fill,w_600/", "/resize/600x/",
// "/600x400/", Wikimedia's "/thumb/…/800px-…"), after an "=" (Google's
// "=s1600") or in the query (WordPress Photon's "?w=600"). Two addresses
// that differ only there show one photo; the larger copy is kept.

// sizeSuffix is the size a CMS appends to an image's file name
// ("-1024x683", "-scaled", "@2x", "_small").
var sizeSuffix *lazyRegexp

var (
	// sizeSegment is a path segment that only says at what size or crop
	// the image is served.
	sizeSegment *lazyRegexp
	// googleSize is the size Google's image hosts append: "=s1600",
	// "=w640-h480-c".
	googleSize *lazyRegexp
	// photonHost is WordPress's image CDN, which serves another host's
	// image under its own: i0.wp.com/example.com/a.jpg.
	photonHost *lazyRegexp
	// widthIn finds the width an address asks for, in the order tried.
	widthIn = []*lazyRegexp{
		compileLater(`[?&](?:w|width|resize|fit)=(\d{2,5})\b`),
		compileLater(`=[sw](\d{2,5})(?:-[a-z0-9]+)*$`),
		compileLater(`/(?:[sw]|w_)(\d{2,5})(?:[-,][^/]*)?/`),
		compileLater(`/(?:[^/]*,)?w_(\d{2,5})(?:,[^/]*)?/`),
		compileLater(`/(\d{2,5})(?:x\d{0,5}|px-[^/]+)/?`),
		compileLater(`[-_](\d{2,4})x\d{2,4}(?:@[23]x)?\.[A-Za-z]+$`),
	}
	// widthHints are, for each pattern of widthIn, strings it cannot match
	// without.
	widthHints = [][]string{{"w=", "width=", "resize=", "fit="}, {"=s", "=w"}, {"/s", "/w"}, {"w_"}, {"x"}, {"x"}}
)

// sizeParams are the query parameters that only say at what size, crop,
// quality or format an image is served (WordPress Photon, imgix,
// Cloudinary's and other CDNs' forms): any other parameter names the
// image (getimage.php?id=101).
var sizeParams = map[string]bool{
	"w": true, "h": true, "width": true, "height": true, "resize": true, "fit": true, "crop": true,
	"quality": true, "q": true, "dpr": true, "format": true, "fm": true, "auto": true, "s": true,
	"sz": true, "size": true, "zoom": true, "strip": true, "ssl": true, "scale": true, "mode": true,
	"maxwidth": true, "maxheight": true, "imwidth": true, "ixlib": true, "ixid": true, "cs": true, "ar": true,
	"rect": true, "fp-x": true, "fp-y": true, "fp-z": true, "itok": true,
}

// imageKey reduces an image address to what names the photo: no scheme
// or fragment, of the query only the parameters that are not a size, no
// size in its path or file name, no Photon host.
func imageKey(s string) string {
	query := ""
	if i := strings.IndexByte(s, '#'); i >= 0 {
		s = s[:i]
	}
	if i := strings.IndexByte(s, '?'); i >= 0 {
		query = identityQuery(s[i+1:])
		s = s[:i]
	}
	s = strings.TrimPrefix(strings.TrimPrefix(s, "https:"), "http:")
	if photonHost.MatchString(s) {
		s = "/" + s[strings.Index(s[2:], "/")+2:]
	}
	s = googleSize.ReplaceAllString(s, "")
	segs := strings.Split(s, "/")
	last := len(segs) - 1
	// Wikimedia's thumbnails: …/thumb/a/ab/File.jpg/800px-File.jpg.
	if last > 0 && strings.HasSuffix(segs[last], "-"+segs[last-1]) && strings.Contains(segs[last], "px-") {
		segs, last = segs[:last], last-1
	}
	kept := segs[:0]
	for i, seg := range segs {
		// The host (segs[2] of "//host/…") and the file name stay.
		if i > 2 && i < last && sizeSegment.MatchString(seg) {
			continue
		}
		kept = append(kept, seg)
	}
	s = strings.Join(kept, "/")
	ext := path.Ext(s)
	s = sizeSuffix.ReplaceAllString(strings.TrimSuffix(s, ext), "") + strings.ToLower(ext)
	if query != "" {
		s += "?" + query
	}
	return s
}

// identityQuery is what of query q names an image: its parameters but
// the sizes, in order.
func identityQuery(q string) string {
	var kept []string
	for _, p := range strings.Split(q, "&") {
		k, _, _ := strings.Cut(p, "=")
		if k == "" || sizeParams[strings.ToLower(k)] {
			continue
		}
		kept = append(kept, p)
	}
	sort.Strings(kept)
	return strings.Join(kept, "&")
}

// sameImage compares two image addresses by imageKey: the same photo at
// two sizes is one figure.
func sameImage(a, b string) bool {
	return a != "" && imageKey(a) == imageKey(b)
}

// imageWidth is the width an image address asks for, 0 when it names none.
func imageWidth(src string) int {
	if !strings.ContainsAny(src, "0123456789") {
		return 0
	}
	for i, re := range widthIn {
		// Each pattern holds one of its hints: looking for them first
		// spares most addresses the regular expressions.
		if !containsAny(src, widthHints[i]...) {
			continue
		}
		if m := re.FindStringSubmatch(src); m != nil {
			n, _ := strconv.Atoi(m[1])
			return n
		}
	}
	return 0
}

// sized reports whether an image address names a size: a thumbnail or a
// resized copy a CMS or CDN made.
func sized(src string) bool {
	if imageWidth(src) > 0 {
		return true
	}
	if i := strings.IndexAny(src, "?#"); i >= 0 {
		src = src[:i]
	}
	base := strings.TrimSuffix(path.Base(src), path.Ext(src))
	return sizeSuffix.MatchString(base)
}

// largerCopy reports whether a is a larger copy of a photo than b: the
// wider of two sized copies, or the original against a sized copy.
func largerCopy(a, b string) bool {
	wa, wb := imageWidth(a), imageWidth(b)
	if wa > 0 && wb > 0 {
		return wa > wb
	}
	return !sized(a) && sized(b)
}

func init() {
	register(func() {
		sizeSuffix = compileLater(`(?i)(?:[-_]\d{2,4}x\d{2,4}|[-_]scaled|@[23]x|[-_](?:small|medium|large|thumb|thumbnail|full|orig|original))+$`)
		sizeSegment = compileLater(`(?i)^(?:[swh]\d{2,5}(?:-[a-z0-9]+)*|w\d{2,5}-h\d{2,5}(?:-[a-z0-9]+)*|\d{2,5}x\d{0,5}|x\d{2,5}|(?:[a-z]{1,4}_[a-z0-9.:]+,)*(?:w|h|c|q|f|dpr|ar|g)_[a-z0-9.:]+(?:,[a-z]{1,4}_[a-z0-9.:]+)*|resize|resized|fit-in|fit|crop|cropped|smart|unsafe|trim|thumbs?|thumbnails?|filters:[^/]*)$`)
		googleSize = compileLater(`=[swh]\d+(?:-[a-z0-9]+)*$`)
		photonHost = compileLater(`^//i\d\.wp\.com/`)
	})
}
