package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

func TestContentPackedAndReadBack(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	f := addFeed(t, s, "https://a.example/")
	long := "<p>" + strings.Repeat("The council met on Tuesday to discuss the harbour. ", 80) + "zanzibar</p>"
	short := "<p>A short body.</p>"
	rng := rand.New(rand.NewPCG(1, 2))
	letters := make([]byte, 800)
	for i := range letters {
		letters[i] = byte('a' + rng.IntN(26))
	}
	noisy := string(letters) // no repeats to compress: stored as text
	save(t, s, f.ID, t0,
		NewItem{GUID: "long", Title: "Long", Content: long},
		NewItem{GUID: "short", Title: "Short", Content: short},
		NewItem{GUID: "noisy", Title: "Noisy", Content: noisy})
	want := map[string]struct{ content, kind string }{
		"long": {long, "blob"}, "short": {short, "text"}, "noisy": {noisy, "text"},
	}
	for _, it := range itemsOf(t, s, f.ID) {
		var kind string
		if err := s.r.QueryRowContext(ctx, `SELECT typeof(content) FROM items WHERE id = ?`, it.ID).Scan(&kind); err != nil {
			t.Fatal(err)
		}
		full, err := s.Item(ctx, it.ID)
		if err != nil {
			t.Fatal(err)
		}
		w := want[it.GUID]
		if kind != w.kind {
			t.Errorf("%s: stored as %s, want %s", it.GUID, kind, w.kind)
		}
		if full.Content != w.content {
			t.Errorf("%s: content read back differs: %q", it.GUID, full.Content)
		}
	}
	// The packed body is searchable, and SetMarkdown (which reads it back to
	// reindex) works on it.
	if res, err := s.Search(ctx, "zanzibar", 10); err != nil || len(res) != 1 {
		t.Fatalf("search in a packed body: %d results, %v", len(res), err)
	}
	id := itemsOf(t, s, f.ID)[0].ID
	if err := s.SetMarkdown(ctx, id, "Cleaned text about zanzibar."); err != nil {
		t.Fatal(err)
	}
	if res, err := s.Search(ctx, "zanzibar", 10); err != nil || len(res) != 1 {
		t.Fatalf("search after SetMarkdown: %d results, %v", len(res), err)
	}
}

func TestContentStoredAsTextStillReads(t *testing.T) {
	// Rows written before bodies were packed hold TEXT.
	ctx := context.Background()
	s := openTest(t)
	f := addFeed(t, s, "https://a.example/")
	save(t, s, f.ID, t0, NewItem{GUID: "g", Title: "T", Content: strings.Repeat("<p>old row</p>", 100)})
	id := itemsOf(t, s, f.ID)[0].ID
	if _, err := s.w.ExecContext(ctx, `UPDATE items SET content = ? WHERE id = ?`, "<p>plain text row</p>", id); err != nil {
		t.Fatal(err)
	}
	it, err := s.Item(ctx, id)
	if err != nil || it.Content != "<p>plain text row</p>" {
		t.Fatalf("Item = %q, %v", it.Content, err)
	}
}

func TestContentCorruptBlobIsAnError(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	f := addFeed(t, s, "https://a.example/")
	save(t, s, f.ID, t0, NewItem{GUID: "g", Title: "T", Content: strings.Repeat("<p>body</p>", 100)})
	id := itemsOf(t, s, f.ID)[0].ID
	for _, blob := range [][]byte{{0xff, 0xff, 0xff, 0xff, 0x0f, 1, 2}, {0x05, 0x00}, {}} {
		if _, err := s.w.ExecContext(ctx, `UPDATE items SET content = ? WHERE id = ?`, blob, id); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Item(ctx, id); err == nil && len(blob) > 0 {
			t.Errorf("corrupt body %x read without error", blob)
		}
	}
}

func TestPreparedItemsStoreAsUnprepared(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	a, b := addFeed(t, s, "https://a.example/"), addFeed(t, s, "https://b.example/")
	items := func() []NewItem {
		return []NewItem{
			{GUID: "1", Title: "Harbour plan", Content: strings.Repeat("<p>The harbour plan was approved.</p>", 40)},
			{Link: "https://a.example/2", Title: "Two", Summary: "<p>Only a summary</p>"},
			{Title: "No id", Content: "<p>Keyed by a hash of title and content</p>"},
		}
	}
	prepared := items()
	PrepareItems(prepared)
	if prepared[0].prep == nil || prepared[0].Content != "" {
		t.Fatalf("PrepareItems left the long body in Content (%d bytes) or did not prepare it", len(prepared[0].Content))
	}
	save(t, s, a.ID, t0, prepared...)
	save(t, s, b.ID, t0, items()...)
	row := func(feed int64) string {
		var out []string
		rows, err := s.r.QueryContext(ctx, `SELECT key, hash, typeof(content), length(content)
			FROM items WHERE feed_id = ? ORDER BY key`, feed)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var key, kind string
			var hash, n int64
			if err := rows.Scan(&key, &hash, &kind, &n); err != nil {
				t.Fatal(err)
			}
			out = append(out, fmt.Sprint(key, hash, kind, n))
		}
		return strings.Join(out, "\n")
	}
	if ra, rb := row(a.ID), row(b.ID); ra != rb {
		t.Errorf("prepared items stored differently:\n%s\nvs\n%s", ra, rb)
	}
	// Saving the prepared items again changes nothing (same fingerprints).
	if n := save(t, s, a.ID, t0, prepared...); n != 0 {
		t.Errorf("second save added %d", n)
	}
}

// The fingerprints stored items carry: a change to itemHash would make a
// refresh rewrite every stored item as changed (and mark it for the index
// again). The values were computed by the implementation before issue 15's
// fifth stop, which copied each field into a buffer.
func TestItemHashIsStable(t *testing.T) {
	it := NewItem{GUID: "g-1", Link: "https://a.example/1", Title: "Ferry timetable", Author: "Desk",
		Summary: "<p>short</p>", Content: "<p>winter sailings</p>", ImageURL: "https://a.example/p.jpg",
		ImageCaption: "The ferry", ImageCredit: "Photo: A", Published: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)}
	med := it
	med.MediaURL, med.MediaType, med.MediaSize, med.MediaDuration = "https://a.example/a.mp3", "audio/mpeg", 1234, 60
	for _, c := range []struct {
		it   NewItem
		want int64
	}{{it, -1703075580858906590}, {med, -5081379707220368978}, {NewItem{}, 2921774828569015189}} {
		if got := itemHash(c.it); got != c.want {
			t.Errorf("itemHash(%q) = %d, want %d", c.it.GUID, got, c.want)
		}
	}
}
