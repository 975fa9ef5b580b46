package picturetest

import (
	"bytes"
	"encoding/base64"
	"image"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi/kitty"
)

// KittyChunk is one APC G sequence of a kitty graphics transmission: its
// control keys ("a=T,f=100,…") and its base64 payload.
type KittyChunk struct{ Control, Payload string }

// KittyChunks cuts a transmission into its APC G sequences, failing the
// test on any byte outside them or a sequence without its terminator.
func KittyChunks(tb testing.TB, s string) []KittyChunk {
	tb.Helper()
	var chunks []KittyChunk
	for s != "" {
		if !strings.HasPrefix(s, "\x1b_G") {
			tb.Fatalf("picturetest: not an APC G sequence: %q", s[:min(len(s), 20)])
		}
		end := strings.Index(s, "\x1b\\")
		if end < 0 {
			tb.Fatal("picturetest: APC sequence without its terminator")
		}
		control, payload, _ := strings.Cut(s[3:end], ";")
		chunks = append(chunks, KittyChunk{control, payload})
		s = s[end+2:]
	}
	return chunks
}

// KittyImage decodes the PNG that chunks carry (f=100), their payloads
// joined, with x/ansi's kitty decoder.
func KittyImage(tb testing.TB, chunks []KittyChunk) image.Image {
	tb.Helper()
	var payload strings.Builder
	for _, c := range chunks {
		payload.WriteString(c.Payload)
	}
	raw, err := base64.StdEncoding.DecodeString(payload.String())
	if err != nil {
		tb.Fatalf("picturetest: kitty payload: %v", err)
	}
	img, err := (&kitty.Decoder{Format: kitty.PNG}).Decode(bytes.NewReader(raw))
	if err != nil {
		tb.Fatalf("picturetest: kitty image: %v", err)
	}
	return img
}
