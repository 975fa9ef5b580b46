package greader

import (
	"fmt"
	"strconv"
	"strings"
)

// longIDPrefix starts an item id in its long form, followed by 16 hex
// digits: stream/items/contents and edit-tag answers use it, while
// stream/items/ids gives the same id as a decimal number.
const longIDPrefix = "tag:google.com,2005:reader/item/"

// normID returns the one form herald keeps an item id in: the decimal
// number, as stream/items/ids gives it (signed, as Google Reader wrote it,
// so hex ids of 2^63 and more read as negative). Ids in neither form
// (another server's opaque ids) are kept as they are; "" means no id.
func normID(id string) string {
	id = strings.TrimSpace(id)
	if hex, ok := strings.CutPrefix(id, longIDPrefix); ok {
		// NetNewsWire and others drop the zero padding: accept 1 to 16 digits.
		if len(hex) > 0 && len(hex) <= 16 {
			if u, err := strconv.ParseUint(hex, 16, 64); err == nil {
				return strconv.FormatInt(int64(u), 10)
			}
		}
		return id
	}
	if n, err := strconv.ParseInt(id, 10, 64); err == nil {
		return strconv.FormatInt(n, 10)
	}
	if u, err := strconv.ParseUint(id, 10, 64); err == nil {
		return strconv.FormatInt(int64(u), 10)
	}
	return id
}

// wireID is the form an id normalised by normID is sent in: the decimal
// number, which Miniflux, FreshRSS and the original API accept, but the
// long form for a negative number, which FreshRSS would misread.
func wireID(id string) string {
	if n, err := strconv.ParseInt(id, 10, 64); err == nil && n < 0 {
		return fmt.Sprintf("%s%016x", longIDPrefix, uint64(n))
	}
	return id
}

// feedStream returns the stream id of a feed: ids without the "feed/"
// prefix get it.
func feedStream(id string) string {
	if strings.HasPrefix(id, feedPrefix) {
		return id
	}
	return feedPrefix + id
}
