package greader

import (
	"context"
	"fmt"
	"strings"
	"testing"

	hsync "github.com/herald-reader/herald/sync"
)

func TestPushGroupsRunsInOrder(t *testing.T) {
	f := newFake(t)
	f.addItems(1, 700, false, false)
	var changes []hsync.Change
	for i := 1; i <= 600; i++ {
		changes = append(changes, hsync.Change{EntryID: fmt.Sprint(i), Kind: hsync.MarkRead})
	}
	changes = append(changes,
		hsync.Change{EntryID: "1", Kind: hsync.Star},
		hsync.Change{EntryID: "2", Kind: hsync.Star},
		hsync.Change{EntryID: "1", Kind: hsync.MarkUnread},
		hsync.Change{EntryID: "2", Kind: hsync.Unstar},
		hsync.Change{EntryID: "3", Kind: hsync.MarkRead},
		hsync.Change{EntryID: "tag:google.com,2005:reader/item/0000000000000004", Kind: hsync.Star},
	)
	if err := f.provider().Push(context.Background(), changes); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range f.edits {
		tag := "a=" + strings.Join(e["a"], ",") + " r=" + strings.Join(e["r"], ",")
		tag = strings.ReplaceAll(tag, "user/-/state/com.google/", "")
		got = append(got, fmt.Sprintf("%s ×%d first=%s", tag, len(e["i"]), e["i"][0]))
	}
	want := []string{
		"a=read r= ×250 first=1",
		"a=read r= ×250 first=251",
		"a=read r= ×100 first=501",
		"a=starred r= ×2 first=1",
		"a= r=read ×1 first=1",
		"a= r=starred ×1 first=2",
		"a=read r= ×1 first=3",
		"a=starred r= ×1 first=4", // sent in decimal
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("edit-tag requests:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if it := f.item(1); it.read || !it.starred {
		t.Errorf("item 1 %+v, want unread and starred", it)
	}
	if it := f.item(2); !it.read || it.starred {
		t.Errorf("item 2 %+v, want read and not starred", it)
	}
}

func TestPushRefusesBadChangesBeforeSending(t *testing.T) {
	f := newFake(t)
	p := f.provider()
	for _, c := range [][]hsync.Change{
		{{EntryID: "1", Kind: hsync.MarkRead}, {EntryID: "2", Kind: "archive"}},
		{{EntryID: "1", Kind: hsync.MarkRead}, {EntryID: "", Kind: hsync.Star}},
	} {
		if err := p.Push(context.Background(), c); err == nil {
			t.Errorf("Push(%v) = nil", c)
		}
	}
	if len(f.edits) != 0 || f.logins != 0 {
		t.Errorf("%d edits and %d logins for changes refused", len(f.edits), f.logins)
	}
	if err := p.Push(context.Background(), nil); err != nil || f.logins != 0 {
		t.Errorf("Push(nil) = %v with %d logins", err, f.logins)
	}
}
