package service

import (
	"context"
	"strings"
	"testing"

	"github.com/herald-reader/herald/feed"
	"github.com/herald-reader/herald/store"
)

// TestOutcomeNote: the feed's note says what was read of a document cut
// short and what the item cap left out, or nothing.
func TestOutcomeNote(t *testing.T) {
	s := &Service{}
	items := []feed.Item{{GUID: "a", Title: "A"}, {GUID: "b", Title: "B"}}
	cut := "the feed's XML is cut short; herald read the 2 items before the cut"
	for _, tt := range []struct {
		f    feed.Feed
		want string
	}{
		{feed.Feed{Items: items, TotalItems: 2}, ""},
		{feed.Feed{Items: items, TotalItems: 2, Note: cut}, cut},
		{feed.Feed{Items: items, TotalItems: 5}, "kept the newest 2 of its 5 items"},
		{feed.Feed{Items: items, TotalItems: 5, Note: cut}, cut + "; kept the newest 2 of its 5 items"},
	} {
		f := tt.f
		if got := s.outcome(store.Feed{ID: 1}, feed.Result{Feed: &f}).Note; got != tt.want {
			t.Errorf("note %q, want %q", got, tt.want)
		}
	}
}

// TestRefreshCutFeed: a feed cut short is read up to the cut, and its row
// says so.
func TestRefreshCutFeed(t *testing.T) {
	ctx := context.Background()
	s := newService(t)
	doc := rssDoc("Cut", rssItem("c1", "C one", "", "<p>First.</p>", ""), rssItem("c2", "C two", "", "<p>Second.</p>", ""))
	doc = doc[:strings.Index(doc, "</channel>")] + `<item><guid>c3</guid><description>Thi`
	srv, _ := server(t, map[string]string{"/cut.xml": doc})
	ids := subscribe(t, s, srv.URL+"/cut.xml")
	if len(ids) != 2 || ids["C one"] == 0 || ids["C two"] == 0 {
		t.Errorf("items %v, want C one and C two", ids)
	}
	f, err := s.Store.FeedByURL(ctx, srv.URL+"/cut.xml")
	if err != nil {
		t.Fatal(err)
	}
	if want := "the feed's XML is cut short; herald read the 2 items before the cut"; f.Note != want || f.LastError != "" || f.Title != "Cut" {
		t.Errorf("feed %q: note %q, error %q; want note %q", f.Title, f.Note, f.LastError, want)
	}
}
