package store

// The items' search index is contentless with detail=none: it records which
// items hold a term, not where nor how often. Feeding it each distinct word
// of an item once therefore builds the same index as feeding it the whole
// text, for about half FTS5's tokenizing and hashing (see IndexPending).
//
// Words are cut only at ASCII bytes other than letters and digits: the
// unicode61 tokenizer always separates tokens there, so every token it finds
// in the text lies whole inside one such word, and it finds the same tokens
// in the word alone. Words equal up to ASCII case are fed once; anything
// else (non-ASCII letters, marks, other separators) is left for the
// tokenizer to fold and split exactly as it would in the full text.

// termSet remembers the words of one item; its table is reused across items.
type termSet struct {
	slots []uint64 // open addressing on the words' hashes; 0 is empty
	n     int
	out   []byte // the terms of the item, from out[start:]
	start int
}

// appendTerms appends to dst the distinct words of body that are not in
// title, separated by spaces, to index as the body beside the title. The
// body may be held as a string or as bytes.
func appendTerms[T string | []byte](t *termSet, dst []byte, title string, body T) []byte {
	t.reset(len(title)/4 + len(body)/8)
	t.out, t.start = dst, len(dst)
	scanWords(t, title, false)
	scanWords(t, body, true)
	dst, t.out = t.out, nil
	return dst
}

// reset empties the set, sized for about n words.
func (t *termSet) reset(n int) {
	size := 64
	for size < 2*n {
		size *= 2
	}
	if cap(t.slots) < size {
		t.slots = make([]uint64, size)
	} else {
		t.slots = t.slots[:size]
		clear(t.slots)
	}
	t.n = 0
}

// FNV-1a, over the words' bytes with ASCII letters lowered.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// scanWords adds the words of s to the set; with emit, the new ones go to out.
func scanWords[T string | []byte](t *termSet, s T, emit bool) {
	start, h := -1, uint64(fnvOffset)
	for i := 0; i < len(s); i++ {
		c := wordByte[s[i]]
		if c != 0 {
			if start < 0 {
				start, h = i, fnvOffset
			}
			h = (h ^ uint64(c)) * fnvPrime
			continue
		}
		if start >= 0 {
			addWord(t, h, emit, s[start:i])
			start = -1
		}
	}
	if start >= 0 {
		addWord(t, h, emit, s[start:])
	}
}

// addWord adds the word w, of hash h, to the set, and to out when it is new
// and emit is set.
func addWord[T string | []byte](t *termSet, h uint64, emit bool, w T) {
	if t.add(h) && emit {
		if len(t.out) > t.start {
			t.out = append(t.out, ' ')
		}
		t.out = append(t.out, w...)
	}
}

// add reports whether the word of hash h was not in the set yet, and adds
// it. Words are compared by hash: two distinct words of one item collide
// with a probability of about 1e-13, and then the second is not indexed
// for that item.
func (t *termSet) add(h uint64) bool {
	h ^= h >> 29 // mix the high bits into the low ones the table uses
	h |= 1       // never 0, the empty slot
	if 2*(t.n+1) > len(t.slots) {
		t.grow()
	}
	mask := uint64(len(t.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		switch t.slots[i] {
		case 0:
			t.slots[i] = h
			t.n++
			return true
		case h:
			return false
		}
	}
}

// grow doubles the table, keeping its entries.
func (t *termSet) grow() {
	old := t.slots
	t.slots = make([]uint64, 2*len(old))
	mask := uint64(len(t.slots) - 1)
	for _, h := range old {
		if h == 0 {
			continue
		}
		i := h & mask
		for t.slots[i] != 0 {
			i = (i + 1) & mask
		}
		t.slots[i] = h
	}
}

// wordByte maps each byte that belongs in a word to itself (ASCII letters
// lowered) and every other ASCII byte to 0. Bytes of multi-byte UTF-8
// sequences are all >= 0x80 and belong in words.
var wordByte = func() (t [256]byte) {
	for c := 0; c < 256; c++ {
		switch {
		case 'A' <= c && c <= 'Z':
			t[c] = byte(c + 'a' - 'A')
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9', c >= 0x80:
			t[c] = byte(c)
		}
	}
	return t
}()
