package feed

// From gofeed's result to herald's Feed: items with valid dates, their
// authors, absolute addresses and plain-text titles.

import (
	"net/url"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"
)

// convert maps gofeed's universal feed onto ours.
func convert(gf *gofeed.Feed, baseURL string) *Feed {
	base := absURL(baseURL, nil)
	f := &Feed{
		Title:       htmlToText(gf.Title),
		SiteURL:     resolve(base, gf.Link),
		Description: gf.Description,
		Items:       make([]Item, 0, len(gf.Items)),
	}
	if base == nil {
		base = absURL(f.SiteURL, nil)
	}
	for _, it := range gf.Items {
		if it == nil {
			continue
		}
		f.Items = append(f.Items, convertItem(it, base))
	}
	return f
}

func convertItem(it *gofeed.Item, base *url.URL) Item {
	out := Item{
		GUID:    strings.TrimSpace(it.GUID),
		Title:   htmlToText(it.Title),
		Author:  authors(it),
		Summary: it.Description,
		Content: it.Content,
	}
	if strings.TrimSpace(out.Content) == "" {
		out.Content = it.Description
	}
	link := strings.TrimSpace(it.Link)
	if link == "" && len(it.Links) > 0 {
		link = strings.TrimSpace(it.Links[0])
	}
	out.Link = resolve(base, link)

	out.Published = validDate(it.PublishedParsed)
	out.Updated = validDate(it.UpdatedParsed)
	if out.Published.IsZero() {
		out.Published = out.Updated
	}

	img, caption, credit := mediaImage(it)
	out.ImageURL = resolve(base, img)
	out.ImageCaption = strings.TrimSpace(caption)
	out.ImageCredit = strings.TrimSpace(credit)
	out.Media = itemMedia(it, base, out.Link)
	return out
}

// validDate treats a missing, zero or Unix-epoch (or earlier) date as
// missing: feeds emit "1970-01-01" for "unknown".
func validDate(t *time.Time) time.Time {
	if t == nil || t.IsZero() || t.Year() <= 1970 {
		return time.Time{}
	}
	return *t
}

// authors joins an item's author names as plain text, without repeats.
func authors(it *gofeed.Item) string {
	var names []string
	add := func(p *gofeed.Person) {
		if p == nil {
			return
		}
		n := p.Name
		if strings.TrimSpace(n) == "" {
			n = p.Email
		}
		// An RSS <author> written as an Atom person (<name>, <email>,
		// <department>… inside it) arrives as that markup: its name.
		if m := personName.FindStringSubmatch(n); m != nil {
			n = m[1]
		}
		n = htmlToText(n)
		if n == "" {
			return
		}
		for _, have := range names {
			if have == n {
				return
			}
		}
		names = append(names, n)
	}
	for _, p := range it.Authors {
		add(p)
	}
	if len(names) == 0 {
		add(it.Author) //nolint:staticcheck // older feeds fill only Author
	}
	if len(names) == 0 && it.DublinCoreExt != nil {
		for _, c := range it.DublinCoreExt.Creator {
			add(&gofeed.Person{Name: c})
		}
	}
	return strings.Join(names, ", ")
}

// absURL parses s as an absolute http(s) URL (resolved against base when
// relative); nil when it cannot be used as a base.
func absURL(s string, base *url.URL) *url.URL {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	u, err := url.Parse(s)
	if err != nil {
		return nil
	}
	if !u.IsAbs() {
		if base == nil {
			return nil
		}
		u = base.ResolveReference(u)
	}
	if u.Host == "" && u.Scheme != "file" {
		return nil
	}
	return u
}

// resolve makes ref absolute against base. Absolute references are returned
// unchanged (they may be dedupe keys); unparsable ones are kept raw.
func resolve(base *url.URL, ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" || base == nil {
		return ref
	}
	u, err := url.Parse(ref)
	if err != nil || u.IsAbs() {
		return ref
	}
	return base.ResolveReference(u).String()
}

// htmlToText converts an HTML (or plain) title to one line of text: tags
// stripped, entities decoded once, whitespace collapsed. Control characters
// are kept; the output layer removes them.
func htmlToText(s string) string {
	if s == "" {
		return ""
	}
	if strings.IndexByte(s, '<') >= 0 && tagLike.MatchString(s) {
		s = stripTags(s)
	} else if strings.IndexByte(s, '&') >= 0 {
		s = html.UnescapeString(s)
	}
	return oneLine(s)
}

func stripTags(s string) string {
	z := html.NewTokenizer(strings.NewReader(s))
	var b strings.Builder
	skip := 0 // inside <script>/<style>
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return b.String()
		case html.TextToken:
			if skip == 0 {
				b.Write(z.Text())
			}
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			tn := string(name)
			if !blockTags[tn] && !titleTags[tn] && !strings.ContainsRune(tn, ':') { // o:p and other Word junk goes too
				// Not markup a title would carry: text such as "Vec<T>"
				// or "vector<int>", kept as written.
				if skip == 0 {
					b.Write(z.Raw())
				}
				continue
			}
			if tn == "script" || tn == "style" {
				if tt == html.StartTagToken {
					skip++
				} else if skip > 0 {
					skip--
				}
			}
			if blockTags[tn] {
				b.WriteByte(' ')
			}
		}
	}
}
