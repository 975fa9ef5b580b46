package store

import (
	"context"
	"testing"
)

// BenchmarkMarkAllRead marks all 100k items of the big store read, then
// unread again, per op: what the sync queue's trigger adds to the reader's
// biggest change of read state (items without a server id queue nothing).
func BenchmarkMarkAllRead(b *testing.B) {
	s := bigStore(b)
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := s.MarkRead(ctx, ItemQuery{}); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		if _, err := s.w.Exec(`UPDATE items SET read = 0`); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
}
