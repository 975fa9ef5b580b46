package feed

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
)

// Finding the items of a JSON Feed (cap.go): the elements of the
// top-level member that encoding/json decodes into gofeed's Items, a
// name that folds to "items".

// itemsArray is the value of one top-level "items" member of a JSON Feed:
// its elements, or none when it is not an array.
type itemsArray struct {
	open, close int // '[' and ']'; open < 0 when the value is not an array
	elems       []itemSpan
}

// capJSON cuts a JSON Feed of up to objects objects down to limit items.
func capJSON(body []byte, limit, objects int) ([]byte, int, error) {
	// Room for every item: each takes at least 3 bytes ("{},").
	arrays, err := scanJSON(body, min(objects, len(body)/len("{},")))
	if err != nil {
		return nil, 0, err
	}
	for _, a := range arrays {
		if len(a.elems) <= limit {
			continue
		}
		if len(arrays) > 1 {
			// encoding/json decodes every member whose name folds to
			// "items" into the same slice, merging elements by index.
			return nil, 0, errors.New(`more than one "items" member`)
		}
		keep, _ := keepNewest(a.elems, limit)
		out := make([]byte, 0, len(body))
		out = append(out, body[:a.open+1]...)
		sep := false
		for i, e := range a.elems {
			if !keep[i] {
				continue
			}
			if sep {
				out = append(out, ',')
			}
			out, sep = append(out, body[e.start:e.end]...), true
		}
		return append(out, body[a.close:]...), len(a.elems) - limit, nil
	}
	return body, 0, nil
}

var errJSON = errors.New("malformed JSON")

// scanJSON finds the top-level members of a JSON object whose names fold
// to "items", with each array element's span and date; objects is how
// many elements to make room for. It checks the structure only: gofeed
// checks the rest of what is kept.
func scanJSON(b []byte, objects int) ([]itemsArray, error) {
	p := skipJSONSpace(b, 0)
	if p >= len(b) || b[p] != '{' {
		return nil, errors.New("JSON Feed is not an object")
	}
	var arrays []itemsArray
	for p = skipJSONSpace(b, p+1); p < len(b) && b[p] != '}'; {
		keyEnd := skipJSONValue(b, p)
		if b[p] != '"' || keyEnd < 0 {
			return nil, errJSON
		}
		isItems := jsonKeyIs(b[p:keyEnd], "items")
		if p = skipJSONSpace(b, keyEnd); p >= len(b) || b[p] != ':' {
			return nil, errJSON
		}
		if p = skipJSONSpace(b, p+1); p >= len(b) {
			return nil, errJSON
		}
		switch {
		case isItems && b[p] == '[':
			a := itemsArray{open: p, elems: make([]itemSpan, 0, objects)}
			objects = 0 // a later one grows as it needs
			for p = skipJSONSpace(b, p+1); p < len(b) && b[p] != ']'; {
				end := skipJSONValue(b, p)
				if end <= p {
					return nil, errJSON
				}
				a.elems = append(a.elems, itemSpan{start: p, end: end, date: jsonItemDate(b[p:end])})
				if p = skipJSONSpace(b, end); p < len(b) && b[p] == ',' {
					p = skipJSONSpace(b, p+1)
				} else if p < len(b) && b[p] != ']' {
					return nil, errJSON
				}
			}
			if p >= len(b) {
				return nil, errJSON
			}
			a.close = p
			arrays = append(arrays, a)
			p++
		default:
			if isItems {
				arrays = append(arrays, itemsArray{open: -1})
			}
			end := skipJSONValue(b, p)
			if end <= p {
				return nil, errJSON
			}
			p = end
		}
		if p = skipJSONSpace(b, p); p < len(b) && b[p] == ',' {
			p = skipJSONSpace(b, p+1)
		} else if p < len(b) && b[p] != '}' {
			return nil, errJSON
		}
	}
	if p >= len(b) {
		return nil, errJSON
	}
	return arrays, nil
}

// jsonKeyIs reports whether a quoted member name matches name the way
// encoding/json matches field names.
func jsonKeyIs(quoted []byte, name string) bool {
	raw := quoted[1 : len(quoted)-1]
	if bytes.IndexByte(raw, '\\') < 0 {
		return bytes.EqualFold(raw, []byte(name))
	}
	var s string
	return json.Unmarshal(quoted, &s) == nil && strings.EqualFold(s, name)
}

func skipJSONSpace(b []byte, p int) int {
	for p < len(b) && isXMLSpace(b[p]) { // JSON's white space is XML's
		p++
	}
	return p
}

// skipJSONValue returns the end of the value at b[p], or -1 when it does
// not end.
func skipJSONValue(b []byte, p int) int {
	depth := 0
	for ; p < len(b); p++ {
		switch b[p] {
		case '"':
			for p++; p < len(b) && b[p] != '"'; p++ {
				if b[p] == '\\' {
					p++
				}
			}
			if p >= len(b) {
				return -1
			}
			if depth == 0 {
				return p + 1
			}
		case '{', '[':
			depth++
		case '}', ']':
			if depth == 0 {
				return p // a literal's end, at its parent's
			}
			if depth--; depth == 0 {
				return p + 1
			}
		case ',', ' ', '\t', '\n', '\r':
			if depth == 0 {
				return p
			}
		}
	}
	if depth > 0 {
		return -1
	}
	return p
}

// jsonItemDate returns a JSON Feed item's date_published, else its
// date_modified, in Unix seconds, or noDate.
func jsonItemDate(item []byte) int64 {
	// Every spelling of either name has a 'd', or an escape.
	if len(item) < 2 || item[0] != '{' || bytes.IndexAny(item, `dD\`) < 0 {
		return noDate
	}
	var dates struct {
		Published string `json:"date_published"`
		Modified  string `json:"date_modified"`
	}
	if json.Unmarshal(item, &dates) != nil {
		return noDate
	}
	return publishedElseUpdated([]byte(dates.Published), []byte(dates.Modified))
}
