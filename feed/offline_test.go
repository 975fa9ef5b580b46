package feed

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
)

func TestOfflineClientNeverConnects(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
	}))
	defer srv.Close()
	c := NewClient(Options{Offline: true})
	res := c.Fetch(context.Background(), Request{URL: srv.URL + "/feed.xml"})
	if res.Err == nil || !strings.Contains(res.Err.Error(), "offline") {
		t.Fatalf("Fetch error = %v, want one saying offline", res.Err)
	}
	if _, err := c.FetchPage(context.Background(), srv.URL+"/page"); err == nil || !strings.Contains(err.Error(), "offline") {
		t.Fatalf("FetchPage error = %v, want one saying offline", err)
	}
	if n := hits.Load(); n != 0 {
		t.Fatalf("the server saw %d requests", n)
	}
}

func TestReadOPMLWithControlCharactersInTitles(t *testing.T) {
	in := `<?xml version="1.0"?><opml version="2.0"><body>
<outline text="Evil &#27;]0;pwned&#7; news" xmlUrl="https://evil.example/feed"/>
<outline text="Raw ` + "\x1b[2J" + ` clear" xmlUrl="https://raw.example/feed"/>
<outline text="Good" xmlUrl="https://good.example/feed"/>
</body></opml>`
	got, err := ReadOPML(strings.NewReader(in))
	if err != nil {
		t.Fatalf("ReadOPML: %v", err)
	}
	if len(got) != 3 {
		t.Fatalf("got %d feeds, want all 3: %+v", len(got), got)
	}
	for _, o := range got {
		if strings.ContainsAny(o.Title, "\x1b\x07") {
			t.Errorf("title %q keeps a control character", o.Title)
		}
	}
}
