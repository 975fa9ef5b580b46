package store

// Work on new items that needs no database: done ahead of the single
// writer, on the callers' goroutines (see PrepareItems), so that the writer
// spends its time on SQLite alone.

import (
	"bytes"
	"errors"
	"fmt"
	"unsafe"

	"github.com/klauspost/compress/s2"
)

// prepared is what the writer needs of a NewItem besides its fields.
type prepared struct {
	key     string // dedupeKey
	hash    int64  // itemHash
	content any    // the content as stored: packContent
}

// PrepareItems computes, for each item, its dedupe key, fingerprint and
// stored content, so that SaveFetch(es) need not: call it on the
// goroutine that built the items, not on the one that saves them, and do
// not change an item after it. Items not prepared are prepared when saved.
//
// An item whose content is stored compressed keeps it in that form alone:
// its Content field is emptied. Feeds waiting for the writer are most of a
// refresh's memory, and their bodies half of that.
func PrepareItems(items []NewItem) {
	var sc scratch
	for i := range items {
		sc.prepareInPlace(&items[i])
	}
}

// PrepareEntries is PrepareItems for the new entries of a sync, so that
// ApplySync's transaction does not do the work either.
func PrepareEntries(entries []SyncEntry) {
	var sc scratch
	for i := range entries {
		sc.prepareInPlace(&entries[i].Item)
	}
}

// prepareInPlace prepares it, unless it is prepared already (its Content
// may be gone), and empties its Content once stored compressed.
func (sc *scratch) prepareInPlace(it *NewItem) {
	if it.prep != nil {
		return
	}
	it.prep = sc.prepare(*it)
	if _, packed := it.prep.content.([]byte); packed {
		it.Content = ""
	}
}

// key is the item's dedupe key, also once its Content is gone.
func (it NewItem) key() string {
	if it.prep != nil {
		return it.prep.key
	}
	return dedupeKey(it)
}

// scratch is prepare's reusable buffers.
type scratch struct {
	packed []byte
}

func (sc *scratch) prepare(it NewItem) *prepared {
	var content any
	content, sc.packed = packContent(it.Content, sc.packed)
	return &prepared{
		key:     dedupeKey(it),
		hash:    itemHash(it),
		content: content,
	}
}

// Bodies of at least minPack bytes are stored compressed (s2, a Snappy
// extension) when that saves at least an eighth: feed HTML shrinks to about
// half, which halves what a refresh writes (to the WAL, then again to the
// database) and the database's size. Compression runs before the writer;
// reading one back takes microseconds. A compressed body is stored as a
// BLOB, plain text as TEXT, so rows written before remain readable as they are.
const minPack = 512

// maxUnpacked bounds what one stored body may decompress to (a corrupt
// length cannot make herald allocate more).
const maxUnpacked = 64 << 20

// packContent returns the value to store for an HTML body: a string, or
// its s2 encoding as []byte. It encodes into buf and returns it for reuse;
// the value returned is a copy of just the right size.
func packContent(s string, buf []byte) (any, []byte) {
	if len(s) < minPack {
		return s, buf
	}
	if n := s2.MaxEncodedLen(len(s)); cap(buf) < n {
		buf = make([]byte, n)
	}
	// The encoder only reads its source: the string's bytes need no copy.
	z := s2.Encode(buf[:cap(buf)], unsafe.Slice(unsafe.StringData(s), len(s)))
	if len(z) > len(s)-len(s)/8 {
		return s, buf
	}
	return bytes.Clone(z), buf
}

// unpackBody decodes a body packContent compressed, into buf when it is
// large enough.
func unpackBody(buf, z []byte) ([]byte, error) {
	n, err := s2.DecodedLen(z)
	if err != nil {
		return nil, fmt.Errorf("stored body: %w", err)
	}
	if n > maxUnpacked {
		return nil, errors.New("stored body: too large")
	}
	if cap(buf) < n {
		buf = make([]byte, n)
	}
	out, err := s2.Decode(buf[:n], z)
	if err != nil {
		return nil, fmt.Errorf("stored body: %w", err)
	}
	return out, nil
}

// packedText scans a body written by packContent back into a string.
type packedText string

// Scan implements sql.Scanner.
func (p *packedText) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*p = ""
	case string:
		*p = packedText(v)
	case []byte:
		out, err := unpackBody(nil, v)
		if err != nil {
			return err
		}
		*p = packedText(out)
	default:
		return fmt.Errorf("stored body: unexpected %T", src)
	}
	return nil
}
