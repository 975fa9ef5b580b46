package greader

import (
	"bytes"
	"encoding/json"
	"math"
	"strconv"
	"strings"
)

// The server's JSON is decoded leniently: a field of the wrong type reads
// as empty instead of failing the whole answer, since servers disagree on
// types (a number as a string and back) and a hostile one may send
// anything. Only an answer that is not the object expected fails.

// flexStr is a string that also accepts a number; anything else reads as "".
type flexStr string

func (s *flexStr) UnmarshalJSON(b []byte) error {
	*s = ""
	switch {
	case len(b) > 0 && b[0] == '"':
		var v string
		if json.Unmarshal(b, &v) == nil {
			*s = flexStr(v)
		}
	case len(b) > 0 && (b[0] == '-' || b[0] >= '0' && b[0] <= '9'):
		*s = flexStr(b)
	}
	return nil
}

// flexInt is an integer that also accepts a numeric string; anything else,
// or a number out of range, reads as 0.
type flexInt int64

func (n *flexInt) UnmarshalJSON(b []byte) error {
	*n = 0
	var s flexStr
	_ = s.UnmarshalJSON(b)
	t := strings.TrimSpace(string(s))
	if v, err := strconv.ParseInt(t, 10, 64); err == nil {
		*n = flexInt(v)
	} else if f, err := strconv.ParseFloat(t, 64); err == nil && f > math.MinInt64 && f < math.MaxInt64 {
		*n = flexInt(f)
	}
	return nil
}

// list is an array whose elements that fail to decode (not an object, for
// a struct) are dropped; a single object reads as a list of one, anything
// else as empty.
type list[T any] []T

func (l *list[T]) UnmarshalJSON(b []byte) error {
	*l = nil
	b = bytes.TrimSpace(b)
	var raws []json.RawMessage
	switch {
	case len(b) > 0 && b[0] == '[':
		var all []T
		if json.Unmarshal(b, &all) == nil { // the usual case, in one pass
			*l = all
			return nil
		}
		if json.Unmarshal(b, &raws) != nil {
			return nil
		}
	case len(b) > 0 && b[0] == '{':
		raws = []json.RawMessage{b}
	}
	for _, r := range raws {
		var v T
		if json.Unmarshal(r, &v) == nil {
			*l = append(*l, v)
		}
	}
	return nil
}

// object decodes b into v when b is a JSON object, and leaves v empty
// otherwise; the UnmarshalJSON methods below use it so a field of the
// wrong type never fails its item.
func object[T any](b []byte, v *T) error {
	var zero T
	*v = zero
	if b = bytes.TrimSpace(b); len(b) > 0 && b[0] == '{' {
		_ = json.Unmarshal(b, v)
	}
	return nil
}

// subscriptionList is subscription/list's answer.
type subscriptionList struct {
	Subscriptions list[wireSub] `json:"subscriptions"`
}

type wireSub struct {
	ID         flexStr            `json:"id"`
	Title      flexStr            `json:"title"`
	URL        flexStr            `json:"url"`
	HTMLURL    flexStr            `json:"htmlUrl"`
	Categories list[wireCategory] `json:"categories"`
}

// wireCategory is a subscription's category: {"id": "user/-/label/X",
// "label": "X"}, or only its id as a string.
type wireCategory struct {
	ID    flexStr `json:"id"`
	Label flexStr `json:"label"`
}

func (c *wireCategory) UnmarshalJSON(b []byte) error {
	if b = bytes.TrimSpace(b); len(b) > 0 && b[0] == '"' {
		*c = wireCategory{}
		return c.ID.UnmarshalJSON(b)
	}
	type plain wireCategory
	return object(b, (*plain)(c))
}

// folder is the category's name, from its label or else its id.
func (c wireCategory) folder() string {
	if c.Label != "" {
		return string(c.Label)
	}
	id := string(c.ID)
	if i := strings.Index(id, "/label/"); i >= 0 && strings.HasPrefix(id, "user/") {
		return id[i+len("/label/"):]
	}
	return ""
}

// quickAdd is subscription/quickadd's answer.
type quickAdd struct {
	NumResults flexInt `json:"numResults"`
	Query      flexStr `json:"query"`
	StreamID   flexStr `json:"streamId"`
	StreamName flexStr `json:"streamName"`
}

// itemIDs is stream/items/ids's answer. The continuation is an offset
// (Miniflux) or the last item's id (FreshRSS), a string or a number.
type itemIDs struct {
	ItemRefs     list[itemRef] `json:"itemRefs"`
	Continuation flexStr       `json:"continuation"`
}

type itemRef struct {
	ID flexStr `json:"id"`
}

// itemContents is stream/items/contents's answer. Its items are decoded one
// by one, so one the server mangled is dropped alone.
type itemContents struct {
	Items list[wireItem] `json:"items"`
}

type wireItem struct {
	ID            flexStr         `json:"id"`
	Title         flexStr         `json:"title"`
	Author        flexStr         `json:"author"`
	Published     flexInt         `json:"published"`
	CrawlTimeMsec flexInt         `json:"crawlTimeMsec"`
	TimestampUsec flexInt         `json:"timestampUsec"`
	Canonical     list[wireLink]  `json:"canonical"`
	Alternate     list[wireLink]  `json:"alternate"`
	Summary       wireText        `json:"summary"`
	Content       wireText        `json:"content"`
	Origin        wireOrigin      `json:"origin"`
	Categories    list[flexStr]   `json:"categories"`
	Enclosure     list[wireMedia] `json:"enclosure"`
}

type wireLink struct {
	Href flexStr `json:"href"`
}

// wireText is {"content": …}, or a bare string.
type wireText struct {
	Content flexStr `json:"content"`
}

func (t *wireText) UnmarshalJSON(b []byte) error {
	if b = bytes.TrimSpace(b); len(b) > 0 && b[0] == '"' {
		*t = wireText{}
		return t.Content.UnmarshalJSON(b)
	}
	type plain wireText
	return object(b, (*plain)(t))
}

type wireOrigin struct {
	StreamID flexStr `json:"streamId"`
}

func (o *wireOrigin) UnmarshalJSON(b []byte) error {
	type plain wireOrigin
	return object(b, (*plain)(o))
}

// wireMedia is an enclosure: FreshRSS and the original API say href,
// Miniflux says url.
type wireMedia struct {
	Href   flexStr `json:"href"`
	URL    flexStr `json:"url"`
	Type   flexStr `json:"type"`
	Length flexInt `json:"length"`
}
