package store

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxQueryTerms bounds the work one search can ask for.
const maxQueryTerms = 32

// maxSearchText caps the text indexed per item, bounding the cost of
// indexing a huge (or hostile) body.
const maxSearchText = 256 << 10

// appendSearchText appends to dst the text of an item that search indexes:
// its cleaned Markdown when known, else the text of its content (or
// summary) HTML, and its image caption. The indexer reuses one buffer for
// every item.
func appendSearchText(dst []byte, it NewItem) []byte {
	start := len(dst)
	if it.ImageCaption != "" {
		dst = append(appendHTMLText(dst, it.ImageCaption), '\n')
	}
	if body := it.Markdown; body != "" {
		dst = append(dst, body...)
	} else {
		body = it.Content
		if strings.TrimSpace(body) == "" {
			body = it.Summary
		}
		dst = appendHTMLText(dst, body)
	}
	if len(dst)-start > maxSearchText {
		n := start + maxSearchText
		for n > start && !utf8.RuneStart(dst[n]) {
			n--
		}
		dst = dst[:n]
	}
	return dst
}

// appendHTMLText appends the text of an HTML fragment to dst: tags (and
// the contents of script and style elements) stripped, entities decoded. It
// is only used to feed the search index, so it is lenient rather than
// exact, and fast.
func appendHTMLText(dst []byte, s string) []byte {
	start := len(dst)
	for {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			dst = append(dst, s...)
			break
		}
		dst = append(dst, s[:i]...)
		s = s[i:]
		end := strings.IndexByte(s, '>')
		if end < 0 {
			break // an unterminated tag: drop the rest
		}
		tag := s[1:end]
		s = s[end+1:]
		for _, name := range [...]string{"script", "style"} {
			if hasPrefixFold(tag, name) && (len(tag) == len(name) || strings.IndexByte(" \t\n\r/", tag[len(name)]) >= 0) {
				s = skipPastFold(s, "</"+name)
			}
		}
		dst = append(dst, ' ') // tags separate words
	}
	if bytes.IndexByte(dst[start:], '&') >= 0 {
		dst = append(dst[:start], html.UnescapeString(string(dst[start:]))...)
	}
	return dst
}

// hasPrefixFold is strings.HasPrefix, ignoring ASCII case.
func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// skipPastFold returns s from the first match of marker (ignoring ASCII
// case) on, or "" when there is none.
func skipPastFold(s, marker string) string {
	for i := 0; ; {
		j := strings.IndexByte(s[i:], '<')
		if j < 0 {
			return ""
		}
		i += j
		if hasPrefixFold(s[i:], marker) {
			return s[i:]
		}
		i++
	}
}

// ftsQuery turns what a user typed into a safe FTS5 query. It splits each
// word into the tokens the index holds (runs of letters and digits: the
// unicode61 tokenizer's default categories L* N* Co; so "e-mail" is two
// tokens) and quotes each one, so nothing the user types is FTS5 syntax
// (AND, NOT, NEAR, parentheses, '*', ':', '^', quotes all lose their
// meaning) and no quoted string holds more than one token, which the index
// (detail=none) could not match as a phrase.
//
// Words are ANDed, with two operators of the user's: "OR" (upper case)
// between two words matches either, binding tighter than the AND
// ("rain flood OR storm" is rain and one of the two), and a word written
// "-word" must not match (a query of exclusions alone matches nothing).
// The last word, unless excluded, matches as a prefix. It returns "" when
// no token is left.
//
// With marks, a combining mark after a letter stays in its token, as the
// tokenizer keeps (and with remove_diacritics drops) the diacritics it
// knows, so "e\u0301te\u0301" finds "été". Should the tokenizer split at
// some other mark, the query fails and Search retries without marks.
func ftsQuery(q string, marks bool) string {
	var (
		all     [][][]string // ANDed groups of ORed words, each word its tokens
		not     [][]string   // excluded words
		last    []string     // the last word's tokens, when it is not excluded
		orNext  bool
		nTokens int
	)
	for _, w := range strings.Fields(q) {
		if w == "OR" {
			// Between two included words only: "rain -flood OR storm"
			// must not make rain optional.
			orNext = last != nil
			continue
		}
		excluded := len(w) > 1 && w[0] == '-'
		if excluded {
			w = w[1:]
		}
		toks := queryTokens(w, marks)
		if len(toks) > maxQueryTerms-nTokens {
			toks = toks[:maxQueryTerms-nTokens]
		}
		if len(toks) == 0 {
			continue
		}
		nTokens += len(toks)
		switch {
		case excluded:
			not = append(not, toks)
		case orNext:
			all[len(all)-1] = append(all[len(all)-1], toks)
		default:
			all = append(all, [][]string{toks})
		}
		orNext = false
		last = nil
		if !excluded {
			last = toks
		}
	}
	if len(all) == 0 {
		return ""
	}
	if last != nil {
		last[len(last)-1] += "*"
	}
	parts := make([]string, len(all))
	for i, alts := range all {
		if len(alts) == 1 {
			parts[i] = strings.Join(alts[0], " ")
			continue
		}
		ors := make([]string, len(alts))
		for j, toks := range alts {
			ors[j] = group(toks)
		}
		parts[i] = "(" + strings.Join(ors, " OR ") + ")"
	}
	// FTS5 ANDs phrases side by side, but wants the operator spelled out
	// next to a parenthesised group.
	sep := " "
	if len(parts) > 1 && strings.Contains(strings.Join(parts, ""), "(") {
		sep = " AND "
	}
	out := strings.Join(parts, sep)
	if len(not) > 0 {
		out = "(" + out + ")"
		for _, toks := range not {
			out += " NOT " + group(toks)
		}
	}
	return out
}

// group parenthesises a word of several tokens.
func group(toks []string) string {
	if len(toks) == 1 {
		return toks[0]
	}
	return "(" + strings.Join(toks, " ") + ")"
}

// queryTokens splits a word into quoted index tokens (see ftsQuery).
func queryTokens(w string, marks bool) []string {
	var (
		toks []string
		cur  []rune
	)
	flush := func() {
		if len(cur) > 0 {
			toks = append(toks, `"`+string(cur)+`"`)
			cur = cur[:0]
		}
	}
	for _, r := range w {
		switch {
		case unicode.In(r, unicode.L, unicode.N, unicode.Co):
			cur = append(cur, r)
		case marks && len(cur) > 0 && unicode.Is(unicode.Mn, r):
			cur = append(cur, r)
		default:
			flush()
		}
	}
	flush()
	return toks
}

// Search finds items and bookmarks whose title or text match query, newest
// first (by when herald first saw them: relevance ranking would have to
// score every match, too slow for a common word over 100k items), at most
// limit (0 means 50). Query syntax is plain words, all of which must match,
// "a OR b" for either and "-word" to exclude one; the last may be the start
// of a word; anything else is ignored (see ftsQuery), so no input is a
// syntax error. It first indexes the items stored or changed since the
// last search (IndexPending); when the database cannot be written (busy,
// read-only, full) it searches what was indexed before. Bookmarks whose
// item is gone
// come back rebuilt from the bookmark (see Item), with the saved article as
// Markdown; other results carry no bodies, as with Items.
func (s *Store) Search(ctx context.Context, query string, limit int) ([]Item, error) {
	if limit <= 0 {
		limit = 50
	}
	op := fmt.Sprintf("search %q", query)
	m := ftsQuery(query, true)
	if m == "" {
		return nil, nil
	}
	if _, err := s.IndexPending(ctx); err != nil && !errors.Is(err, ErrBusy) &&
		!errors.Is(err, ErrReadOnly) && !errors.Is(err, ErrFull) {
		// Another herald holding the writer past the busy timeout, a
		// read-only file or a full disk: search what is indexed already.
		return nil, wrap(op, err)
	}
	hits, err := s.search(ctx, m, limit)
	if err != nil {
		if strict := ftsQuery(query, false); strict != m && strict != "" {
			hits, err = s.search(ctx, strict, limit)
		}
	}
	if err != nil {
		return nil, wrap(op, err)
	}
	return hits, nil
}

// search runs an FTS5 query made by ftsQuery over items and bookmarks.
func (s *Store) search(ctx context.Context, m string, limit int) ([]Item, error) {
	var hits []Item
	seen := map[int64]bool{}

	// No ORDER BY on the rows: the hits are sorted below, in Go, where
	// SQLite would sort the whole rows in a temporary b-tree.
	rows, err := s.r.QueryContext(ctx, `SELECT `+itemCols+`
		FROM (SELECT rowid AS id FROM items_fts WHERE items_fts MATCH ? ORDER BY rowid DESC LIMIT ?) m
		JOIN items i ON i.id = m.id JOIN feeds f ON f.id = i.feed_id`, m, limit)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		it, err := scanItem(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		seen[it.ID] = true
		hits = append(hits, it)
	}
	if err := rows.Err(); err != nil {
		rows.Close()
		return nil, err
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
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var md string
		it, err := scanItem(rows, &md)
		if err != nil {
			return nil, err
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
		return nil, err
	}
	sort.Slice(hits, func(a, b int) bool { return hits[a].ID > hits[b].ID })
	if len(hits) > limit {
		hits = hits[:limit]
	}
	return hits, nil
}
