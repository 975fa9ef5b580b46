package greader

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	hsync "github.com/herald-reader/herald/sync"
)

// freshRSS serves the answers recorded in testdata/freshrss under
// /api/greader.php, checking what FreshRSS checks.
type freshRSS struct {
	t        *testing.T
	srv      *httptest.Server
	auth     string
	token    string
	mu       sync.Mutex
	contents [][]string   // i= of each stream/items/contents
	edits    []url.Values // edit-tag forms
	postTs   []string     // T of each POST
}

func fixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "freshrss", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func newFreshRSS(t *testing.T) *freshRSS {
	f := &freshRSS{t: t, auth: parseLogin(fixture(t, "client-login.txt")), token: strings.TrimSpace(string(fixture(t, "token.txt")))}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *freshRSS) serve(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	path, ok := strings.CutPrefix(r.URL.Path, "/api/greader.php")
	if !ok {
		http.NotFound(w, r)
		return
	}
	_ = r.ParseForm()
	if path == loginPath {
		if r.PostForm.Get("Email") != "alice" || r.PostForm.Get("Passwd") != "api-password" {
			http.Error(w, "Unauthorized!", http.StatusUnauthorized)
			return
		}
		w.Write(fixture(f.t, "client-login.txt"))
		return
	}
	if r.Method == http.MethodPost {
		f.postTs = append(f.postTs, r.PostForm.Get("T"))
	}
	// Every API request needs the header; a POST needs T as well.
	if r.Header.Get("Authorization") != "GoogleLogin auth="+f.auth ||
		r.Method == http.MethodPost && r.PostForm.Get("T") != f.token {
		w.Header().Set("Google-Bad-Token", "true")
		http.Error(w, "Unauthorized!", http.StatusUnauthorized)
		return
	}
	q := r.URL.Query()
	name := ""
	switch strings.TrimPrefix(path, apiPath) {
	case "token":
		name = "token.txt"
	case "subscription/list":
		name = "subscription-list.json"
	case "stream/items/ids":
		switch {
		case q.Get("s") == streamStarred:
			name = "ids-starred.json"
		case q.Get("xt") == streamRead:
			name = "ids-unread.json"
		default:
			name = "ids-reading-list.json"
		}
	case "stream/items/contents":
		f.contents = append(f.contents, r.PostForm["i"])
		f.itemContents(w, r.PostForm["i"])
		return
	case "edit-tag":
		f.edits = append(f.edits, r.PostForm)
		w.Write([]byte("OK"))
		return
	default:
		http.Error(w, "Bad Request!", http.StatusBadRequest)
		return
	}
	w.Write(fixture(f.t, name))
}

// itemContents answers the recorded items asked for.
func (f *freshRSS) itemContents(w http.ResponseWriter, ids []string) {
	var all struct {
		Items []json.RawMessage `json:"items"`
	}
	if err := json.Unmarshal(fixture(f.t, "items-contents.json"), &all); err != nil {
		f.t.Fatal(err)
	}
	out := []json.RawMessage{}
	for _, raw := range all.Items {
		var it struct{ ID string }
		_ = json.Unmarshal(raw, &it)
		for _, id := range ids {
			if normID(id) == normID(it.ID) {
				out = append(out, raw)
			}
		}
	}
	writeJSON(w, map[string]any{"id": streamReadingList, "items": out})
}

func TestFreshRSSFixtures(t *testing.T) {
	f := newFreshRSS(t)
	p, err := New(hsync.Options{URL: f.srv.URL + "/api/greader.php", Username: "alice", Password: "api-password"})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()

	subs, err := p.Subscriptions(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(subs) != 2 || subs[0].ID != "feed/2" || subs[0].Title != "LWN.net" || subs[0].URL != "https://lwn.net/headlines/rss" ||
		subs[0].SiteURL != "https://lwn.net" || !slices.Equal(subs[0].Folders, []string{"Linux"}) ||
		!slices.Equal(subs[1].Folders, []string{"Podcasts"}) {
		t.Errorf("subscriptions %+v", subs)
	}

	const starred, podcast, old = "1733412000123456", "1733411000654321", "1733400000000001"
	b, err := p.Pull(ctx, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	got := byID(b)
	if len(got) != 3 || !b.Complete {
		t.Fatalf("entries %+v, complete %v", b.Entries, b.Complete)
	}
	e := got[starred]
	if e.Read || !e.Starred || e.FeedID != "feed/2" || e.Title != "Kernel release status" ||
		e.URL != "https://lwn.net/Articles/1000001/" || e.Author != "corbet" ||
		e.Content != "<p>The current development kernel is 6.13-rc1.</p>" ||
		!e.Published.Equal(time.Unix(1733411400, 0)) || e.Media != nil {
		t.Errorf("starred entry %+v", e)
	}
	e = got[podcast]
	if e.Read || e.Starred || e.FeedID != "feed/5" || e.Media == nil ||
		*e.Media != (hsync.Media{URL: "https://latenightlinux.com/media/lnl300.mp3", Type: "audio/mpeg", Size: 51234567}) {
		t.Errorf("podcast entry %+v, media %+v", e, e.Media)
	}
	if e := got[old]; !e.Read || e.Starred || e.Title != "Using ‹code› in titles" {
		t.Errorf("old entry %+v", e)
	}
	if b.Cursor != "1733411400" {
		t.Errorf("cursor %q, want the newest published time", b.Cursor)
	}
	for _, ids := range f.contents {
		for _, id := range ids {
			if strings.HasPrefix(id, "tag:") {
				t.Errorf("asked for %q: ids go out in decimal", id)
			}
		}
	}

	// A second pull, holding them all: state only, nothing fetched.
	f.contents = nil
	b, err = p.Pull(ctx, b.Cursor, func(string) bool { return true })
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Entries) != 3 || len(f.contents) != 0 || !byID(b)[starred].StateOnly || !byID(b)[starred].Starred {
		t.Errorf("second pull %+v, %d contents requests", b.Entries, len(f.contents))
	}

	if err := p.Push(ctx, []hsync.Change{{EntryID: podcast, Kind: hsync.MarkRead}, {EntryID: starred, Kind: hsync.Unstar}}); err != nil {
		t.Fatal(err)
	}
	if len(f.edits) != 2 || f.edits[0].Get("a") != streamRead || f.edits[0].Get("i") != podcast ||
		f.edits[1].Get("r") != streamStarred || f.edits[1].Get("i") != starred {
		t.Errorf("edit-tag forms %v", f.edits)
	}
	want := "9c1e5b7a3d2f4e6c8b0a1d3f5e7c9b2a4d6f8e0cZZZZZZZZZZZZZZZZZ" // token.txt, not Auth
	if len(f.postTs) != 3 {
		t.Errorf("%d POST requests, want 3", len(f.postTs))
	}
	for _, tok := range f.postTs {
		if tok != want {
			t.Errorf("T = %q, want the /token answer %q", tok, want)
		}
	}
}
