package feed

import (
	"net/url"
	"path"
	"strconv"
	"strings"

	"github.com/mmcdole/gofeed"
	ext "github.com/mmcdole/gofeed/extensions"
)

// The lead image of an item, from media:*, enclosures and gofeed.

// mediaImage picks the lead image: media:content (also inside media:group),
// then media:thumbnail, then an image enclosure, then gofeed's item image.
// Caption and credit come from the chosen element's children and, for a
// top-level media:content, from item-level media:description/credit (the
// NYT layout). Extensions are keyed by the canonical prefix "media".
func mediaImage(it *gofeed.Item) (imageURL, caption, credit string) {
	media := it.Extensions["media"]
	if media != nil {
		if e, ok := bestImage(media["content"]); ok {
			caption, credit = childText(e, "description", "title"), childText(e, "credit")
			if caption == "" {
				caption = firstValue(media["description"])
			}
			if credit == "" {
				credit = firstValue(media["credit"])
			}
			return e.Attrs["url"], caption, credit
		}
		for _, g := range media["group"] {
			if e, ok := bestImage(g.Children["content"]); ok {
				credit = childText(e, "credit")
				if credit == "" {
					credit = firstValue(g.Children["credit"])
				}
				return e.Attrs["url"], childText(e, "description", "title"), credit
			}
		}
		for _, g := range media["group"] {
			if e, ok := bestImage(g.Children["thumbnail"]); ok {
				return e.Attrs["url"], "", firstValue(g.Children["credit"])
			}
		}
		if e, ok := bestImage(media["thumbnail"]); ok {
			return e.Attrs["url"], childText(e, "description", "title"), firstValue(media["credit"])
		}
	}
	for _, enc := range it.Enclosures {
		if enc == nil || strings.TrimSpace(enc.URL) == "" {
			continue
		}
		if strings.HasPrefix(strings.ToLower(enc.Type), "image/") || (enc.Type == "" && imageExt(enc.URL)) {
			return strings.TrimSpace(enc.URL), "", ""
		}
	}
	if it.Image != nil && strings.TrimSpace(it.Image.URL) != "" {
		return strings.TrimSpace(it.Image.URL), "", ""
	}
	return "", "", ""
}

// bestImage returns the widest image among media elements (the first when
// none gives a width).
func bestImage(es []ext.Extension) (ext.Extension, bool) {
	var best ext.Extension
	bestW, found := -1, false
	for _, e := range es {
		if strings.TrimSpace(e.Attrs["url"]) == "" || !isImageMedia(e) {
			continue
		}
		w, _ := strconv.Atoi(e.Attrs["width"])
		if !found || w > bestW {
			best, bestW, found = e, w, true
		}
	}
	return best, found
}

// isImageMedia reports whether a media element is an image: by medium, by
// type, or, when neither is given, unless its URL names audio or video.
func isImageMedia(e ext.Extension) bool {
	medium := strings.ToLower(e.Attrs["medium"])
	typ := strings.ToLower(e.Attrs["type"])
	switch {
	case medium == "image" || strings.HasPrefix(typ, "image/"):
		return true
	case medium != "" || typ != "":
		return false
	case e.Name == "thumbnail":
		return true
	}
	switch strings.ToLower(path.Ext(urlPath(e.Attrs["url"]))) {
	case ".mp3", ".m4a", ".ogg", ".oga", ".opus", ".wav", ".mp4", ".m4v", ".webm", ".mov", ".pdf":
		return false
	}
	return true
}

func imageExt(u string) bool {
	switch strings.ToLower(path.Ext(urlPath(u))) {
	case ".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".svg":
		return true
	}
	return false
}

func urlPath(u string) string {
	if p, err := url.Parse(strings.TrimSpace(u)); err == nil {
		return p.Path
	}
	return u
}

func childText(e ext.Extension, names ...string) string {
	for _, n := range names {
		if v := strings.TrimSpace(firstValue(e.Children[n])); v != "" {
			return v
		}
	}
	return ""
}

func firstValue(es []ext.Extension) string {
	for _, e := range es {
		if v := strings.TrimSpace(e.Value); v != "" {
			return v
		}
	}
	return ""
}
