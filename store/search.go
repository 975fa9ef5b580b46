package store

import (
	"context"
	"fmt"
	"html"
	"sort"
	"strings"
	"unicode"
)

// maxSearchText caps the text indexed per item, bounding the cost of
// indexing a huge (or hostile) body.
const maxSearchText = 256 << 10

// searchText is the text of an item that search indexes: its cleaned
// Markdown when known, else the text of its content (or summary) HTML, and
// its image caption.
func searchText(it NewItem) string {
	body := it.Markdown
	if body == "" {
		body = it.Content
		if strings.TrimSpace(body) == "" {
			body = it.Summary
		}
		body = htmlText(body)
	}
	if it.ImageCaption != "" {
		body = htmlText(it.ImageCaption) + "\n" + body
	}
	if len(body) > maxSearchText {
		body = body[:maxSearchText]
	}
	return body
}

// htmlText strips tags (and the contents of script and style elements) from
// an HTML fragment and decodes entities. It is only used to feed the search
// index, so it is lenient rather than exact.
func htmlText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for len(s) > 0 {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			b.WriteString(s)
			break
		}
		b.WriteString(s[:i])
		s = s[i:]
		end := strings.IndexByte(s, '>')
		if end < 0 {
			break // an unterminated tag: drop the rest
		}
		tag := strings.ToLower(s[:end])
		s = s[end+1:]
		for _, skip := range []string{"script", "style"} {
			if strings.HasPrefix(tag, "<"+skip) {
				if j := strings.Index(strings.ToLower(s), "</"+skip); j >= 0 {
					s = s[j:]
				} else {
					s = ""
				}
			}
		}
		b.WriteByte(' ') // tags separate words
	}
	return html.UnescapeString(b.String())
}

// ftsQuery turns what a user typed into a safe FTS5 query: every
// whitespace-separated term becomes a quoted string (so AND, OR, NOT, NEAR,
// parentheses, '*', ':' and '^' lose their meaning), terms with no letter or
// digit are dropped, and the last term matches as a prefix. The terms are
// ANDed. It returns "" when nothing is left to search for.
func ftsQuery(q string) string {
	// Control characters (NUL above all) would end or corrupt the query.
	q = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, q)
	var terms []string
	for _, f := range strings.Fields(q) {
		if !strings.ContainsFunc(f, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) {
			continue
		}
		terms = append(terms, `"`+strings.ReplaceAll(f, `"`, `""`)+`"`)
	}
	if len(terms) == 0 {
		return ""
	}
	terms[len(terms)-1] += "*"
	return strings.Join(terms, " ")
}

// Search finds items and bookmarks whose title or text match query, newest
// first (by when herald first saw them: relevance ranking would have to
// score every match, too slow for a common word over 100k items), at most
// limit (0 means 50). Query syntax is plain words, all
// of which must match; the last may be the start of a word. Bookmarks whose
// item is gone come back rebuilt from the bookmark (see Item), with the
// saved article as Markdown; other results carry no bodies, as with Items.
func (s *Store) Search(ctx context.Context, query string, limit int) ([]Item, error) {
	if limit <= 0 {
		limit = 50
	}
	m := ftsQuery(query)
	if m == "" {
		return nil, nil
	}
	op := fmt.Sprintf("search %q", query)
	var hits []Item
	seen := map[int64]bool{}

	rows, err := s.r.QueryContext(ctx, `SELECT `+itemCols+`
		FROM (SELECT rowid AS id FROM items_fts WHERE items_fts MATCH ? ORDER BY rowid DESC LIMIT ?) m
		JOIN items i ON i.id = m.id JOIN feeds f ON f.id = i.feed_id ORDER BY i.id DESC`, m, limit)
	if err != nil {
		return nil, wrap(op, err)
	}
	for rows.Next() {
		it, err := scanItem(rows)
		if err != nil {
			rows.Close()
			return nil, wrap(op, err)
		}
		seen[it.ID] = true
		hits = append(hits, it)
	}
	if err := rows.Err(); err != nil {
		rows.Close()
		return nil, wrap(op, err)
	}
	rows.Close()

	// Bookmarks: their full saved text is indexed separately. A bookmark
	// whose item still exists is returned as that item.
	rows, err = s.r.QueryContext(ctx, `SELECT `+bookmarkItemCols+`, b.markdown
		FROM (SELECT rowid AS id FROM bookmarks_fts WHERE bookmarks_fts MATCH ? ORDER BY rowid DESC LIMIT ?) m
		JOIN bookmarks b ON b.item_id = m.id
		LEFT JOIN items i ON i.id = b.item_id
		LEFT JOIN feeds f ON f.id = i.feed_id`, m, limit)
	if err != nil {
		return nil, wrap(op, err)
	}
	defer rows.Close()
	for rows.Next() {
		var md string
		it, err := scanItem(rows, &md)
		if err != nil {
			return nil, wrap(op, err)
		}
		if seen[it.ID] {
			continue
		}
		if it.FeedID == 0 { // the item is gone: the bookmark is all there is
			it.Markdown = md
		}
		seen[it.ID] = true
		hits = append(hits, it)
	}
	if err := rows.Err(); err != nil {
		return nil, wrap(op, err)
	}
	sort.Slice(hits, func(a, b int) bool { return hits[a].ID > hits[b].ID })
	if len(hits) > limit {
		hits = hits[:limit]
	}
	return hits, nil
}
