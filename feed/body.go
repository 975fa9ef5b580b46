package feed

// Reading a response body within its size limit, gunzipped when the
// server compressed it.

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"strings"
	"sync"

	"github.com/klauspost/compress/gzip"
)

var errTooLarge = errors.New("too large")

// gzipReaders recycles gunzip's decoders across feeds.
var gzipReaders sync.Pool

// readCappedInto reads r to the end, failing with errTooLarge once more
// than max bytes arrive; memory use stays bounded by max. sizeHint
// (Content-Length, or <= 0) sizes the buffer up front. It reads into buf's
// spare capacity when that is big enough for sizeHint (buf may be nil),
// into a new buffer otherwise.
func readCappedInto(buf []byte, r io.Reader, max, sizeHint int64) ([]byte, error) {
	size := int64(64 << 10)
	if sizeHint > 0 {
		size = sizeHint + 1 // room to see EOF without growing
	}
	if int64(cap(buf)) < min(size, max+1) {
		buf = make([]byte, 0, min(size, max+1))
	}
	buf = buf[:0]
	for {
		if len(buf) == cap(buf) { // grow by doubling, never past max+1
			grown := make([]byte, len(buf), min(2*int64(cap(buf)), max+1))
			copy(grown, buf)
			buf = grown
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if int64(len(buf)) > max {
			return nil, errTooLarge
		}
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

// gunzipIfNeeded decompresses a body that is still gzip (a .xml.gz served
// without Content-Encoding, or gzip applied twice), with the same cap.
func gunzipIfNeeded(body []byte, max int64) ([]byte, error) {
	if len(body) < 2 || body[0] != 0x1f || body[1] != 0x8b {
		return body, nil
	}
	return gunzip(body, max)
}

func isGzip(contentEncoding string) bool {
	ce := strings.TrimSpace(contentEncoding)
	return strings.EqualFold(ce, "gzip") || strings.EqualFold(ce, "x-gzip")
}

// gunzip decompresses a gzip body, failing with errTooLarge past max
// decompressed bytes (a gzip bomb is cut off there). A body that is not gzip
// after all (a mislabelled Content-Encoding) is returned as it is, for the
// parser to judge. The buffer is sized from the gzip trailer's length when
// that is plausible, so a feed is decompressed into one allocation.
// klauspost/compress decodes about a quarter faster than compress/gzip, and
// its readers are pooled: each holds some 40 KB of decoder state.
func gunzip(body []byte, max int64) ([]byte, error) {
	return gunzipInto(nil, body, max)
}

// gunzipInto is gunzip decompressing into buf when it is big enough.
func gunzipInto(buf, body []byte, max int64) ([]byte, error) {
	zr, _ := gzipReaders.Get().(*gzip.Reader)
	if zr == nil {
		zr = new(gzip.Reader)
	}
	defer gzipReaders.Put(zr)
	if err := zr.Reset(bytes.NewReader(body)); err != nil {
		return body, nil
	}
	defer zr.Close()
	var hint int64
	if n := len(body); n >= 4 {
		size := int64(binary.LittleEndian.Uint32(body[n-4:])) // ISIZE: length mod 2^32
		if size <= 64*int64(n) {
			hint = size
		}
	}
	return readCappedInto(buf, zr, max, hint)
}

// bufferPool recycles a Client's feed bodies (raw and decompressed): a
// refresh otherwise allocates every byte it downloads twice over, a sixth
// of all it allocates. Buffers past maxPooled are left to the collector.
type bufferPool struct{ p sync.Pool }

const maxPooled = 1 << 20

// sameBuffer reports whether a and b share their first byte's storage.
func sameBuffer(a, b []byte) bool {
	return cap(a) > 0 && cap(b) > 0 && &a[:1][0] == &b[:1][0]
}

// get returns an empty buffer, with some capacity when one is free.
func (bp *bufferPool) get() []byte {
	if b, ok := bp.p.Get().(*[]byte); ok {
		return (*b)[:0]
	}
	return nil
}

// put gives b back for reuse; nothing may use it afterwards.
func (bp *bufferPool) put(b []byte) {
	if cap(b) == 0 || cap(b) > maxPooled {
		return
	}
	bp.p.Put(&b)
}
