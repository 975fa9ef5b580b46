package store

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
)

// TestCheckpointerCopiesTheWAL: with SQLite's automatic checkpoint off, the
// database file grows only because the checkpointer copies the WAL into it.
func TestCheckpointerCopiesTheWAL(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	f := addFeed(t, s, "https://big.example/feed")
	before, err := os.Stat(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	items := make([]NewItem, 200)
	for i := range items {
		items[i] = NewItem{GUID: fmt.Sprint(i), Title: fmt.Sprint("Story ", i), Content: strings.Repeat("<p>Words of the story. </p>", 40)}
	}
	if _, err := s.SaveFetch(ctx, FetchOutcome{FeedID: f.ID, Items: items, At: time.Now()}); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		after, err := os.Stat(s.Path())
		if err != nil {
			t.Fatal(err)
		}
		if after.Size() > before.Size()+100_000 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("database file still %d bytes (was %d): the WAL was not checkpointed", after.Size(), before.Size())
		}
		time.Sleep(50 * time.Millisecond)
	}
}
