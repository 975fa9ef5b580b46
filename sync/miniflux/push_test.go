package miniflux

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"

	hsync "github.com/herald-reader/herald/sync"
)

func TestPushKeepsOrderGroupsAndBatches(t *testing.T) {
	f := &fake{}
	p, _ := f.start(t)
	var changes []hsync.Change
	add := func(k hsync.Kind, ids ...int) {
		for _, id := range ids {
			changes = append(changes, hsync.Change{EntryID: strconv.Itoa(id), Kind: k})
		}
	}
	add(hsync.MarkRead, 1, 2)
	add(hsync.Star, 2, 3)
	add(hsync.MarkRead, 4)
	add(hsync.MarkUnread, 5)
	add(hsync.Unstar, 3)
	var many []int
	for id := 1000; id < 2100; id++ {
		many = append(many, id)
	}
	add(hsync.MarkRead, many...)

	if err := p.Push(context.Background(), changes); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, b := range f.puts {
		what := "status=" + b.Status
		if b.Starred != nil {
			what = "starred=" + strconv.FormatBool(*b.Starred)
		}
		got = append(got, what+" n="+strconv.Itoa(len(b.EntryIDs))+" first="+strconv.FormatInt(b.EntryIDs[0], 10))
	}
	want := []string{
		"status=read n=2 first=1",
		"starred=true n=2 first=2",
		"status=read n=1 first=4",
		"status=unread n=1 first=5",
		"starred=false n=1 first=3",
		"status=read n=500 first=1000",
		"status=read n=500 first=1500",
		"status=read n=100 first=2000",
	}
	if !slices.Equal(got, want) {
		t.Fatalf("PUT /v1/entries bodies:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestPushChecksEveryIDFirst(t *testing.T) {
	f := &fake{}
	p, _ := f.start(t)
	for _, bad := range []hsync.Change{
		{EntryID: "tag:google.com,2005:reader/item/1", Kind: hsync.MarkRead},
		{EntryID: "", Kind: hsync.Star},
		{EntryID: "7", Kind: "archive"},
	} {
		err := p.Push(context.Background(), []hsync.Change{{EntryID: "1", Kind: hsync.MarkRead}, bad})
		if err == nil || !strings.Contains(err.Error(), strconv.Quote(string(bad.Kind))) && !strings.Contains(err.Error(), strconv.Quote(bad.EntryID)) {
			t.Errorf("push %+v: err = %v, want one naming it", bad, err)
		}
	}
	if len(f.puts) != 0 {
		t.Errorf("%d requests sent before the bad change was found", len(f.puts))
	}
	if err := p.Push(context.Background(), nil); err != nil || len(f.puts) != 0 {
		t.Errorf("empty push = %v, %d requests", err, len(f.puts))
	}
}
