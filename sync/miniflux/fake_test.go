package miniflux

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	hsync "github.com/herald-reader/herald/sync"
	"miniflux.app/v2/client"
)

const testKey = "test-api-key-0123456789"

// fake mimics the few Miniflux endpoints the provider uses.
type fake struct {
	mu      sync.Mutex
	entries []*client.Entry // ascending ids
	feeds   []*client.Feed
	cats    []*client.Category
	now     time.Time // what a PUT sets changed_at to

	queries []url.Values // GET /v1/entries, in order
	puts    []putBody
	posts   []client.FeedCreationRequest
	newCats []string
	// overlap makes each keyset page start this many entries early, as a
	// sloppy server might: the provider must drop the duplicates.
	overlap int
	// date, when set, is the server's clock (its Date header).
	date time.Time
}

type putBody struct {
	EntryIDs []int64 `json:"entry_ids"`
	Status   string  `json:"status,omitempty"`
	Starred  *bool   `json:"starred,omitempty"`
}

// start serves f and returns a provider talking to it with the API key.
func (f *fake) start(t *testing.T) (*Provider, *httptest.Server) {
	t.Helper()
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	p, err := New(hsync.Options{URL: srv.URL, APIKey: testKey})
	if err != nil {
		t.Fatal(err)
	}
	return p, srv
}

func (f *fake) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !f.date.IsZero() {
		w.Header().Set("Date", f.date.UTC().Format(http.TimeFormat))
	}
	if r.Header.Get("X-Auth-Token") != testKey {
		writeJSON(w, http.StatusUnauthorized, map[string]string{"error_message": "Access Unauthorized"})
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	switch {
	case r.Method == "GET" && r.URL.Path == "/v1/feeds":
		writeJSON(w, 200, f.feeds)
	case r.Method == "GET" && strings.HasPrefix(r.URL.Path, "/v1/feeds/"):
		if i := f.feed(r.URL.Path); i >= 0 {
			writeJSON(w, 200, f.feeds[i])
			return
		}
		writeJSON(w, 404, map[string]string{"error_message": "not found"})
	case r.Method == "DELETE" && strings.HasPrefix(r.URL.Path, "/v1/feeds/"):
		if i := f.feed(r.URL.Path); i >= 0 {
			f.feeds = slices.Delete(f.feeds, i, i+1)
			w.WriteHeader(http.StatusNoContent)
			return
		}
		writeJSON(w, 404, map[string]string{"error_message": "not found"})
	case r.Method == "GET" && r.URL.Path == "/v1/categories":
		writeJSON(w, 200, f.cats)
	case r.Method == "POST" && r.URL.Path == "/v1/categories":
		var req client.CategoryCreationRequest
		_ = json.NewDecoder(r.Body).Decode(&req)
		c := &client.Category{ID: int64(100 + len(f.cats)), Title: req.Title}
		f.cats = append(f.cats, c)
		f.newCats = append(f.newCats, req.Title)
		writeJSON(w, 201, c)
	case r.Method == "POST" && r.URL.Path == "/v1/feeds":
		f.createFeed(w, r)
	case r.Method == "GET" && r.URL.Path == "/v1/entries":
		f.listEntries(w, r.URL.Query())
	case r.Method == "PUT" && r.URL.Path == "/v1/entries":
		f.updateEntries(w, r)
	default:
		writeJSON(w, 404, map[string]string{"error_message": "no route " + r.Method + " " + r.URL.Path})
	}
}

func (f *fake) feed(path string) int {
	id, _ := strconv.ParseInt(strings.TrimPrefix(path, "/v1/feeds/"), 10, 64)
	return slices.IndexFunc(f.feeds, func(fd *client.Feed) bool { return fd.ID == id })
}

func (f *fake) createFeed(w http.ResponseWriter, r *http.Request) {
	var req client.FeedCreationRequest
	_ = json.NewDecoder(r.Body).Decode(&req)
	f.posts = append(f.posts, req)
	if slices.ContainsFunc(f.feeds, func(fd *client.Feed) bool { return fd.FeedURL == req.FeedURL }) {
		writeJSON(w, 400, map[string]string{"error_message": "This feed already exists."})
		return
	}
	var cat *client.Category
	for _, c := range f.cats {
		if req.CategoryID == 0 || c.ID == req.CategoryID {
			cat = c
			break
		}
	}
	fd := &client.Feed{ID: int64(10 + len(f.feeds)), FeedURL: req.FeedURL, Title: "New " + req.FeedURL,
		SiteURL: "https://site.example/", Category: cat}
	f.feeds = append(f.feeds, fd)
	writeJSON(w, 201, map[string]int64{"feed_id": fd.ID})
}

// listEntries filters like Miniflux: status, starred, changed_after
// (strict), after_entry_id / before_entry_id, order id or published_at.
func (f *fake) listEntries(w http.ResponseWriter, q url.Values) {
	f.queries = append(f.queries, q)
	num := func(k string) int64 { n, _ := strconv.ParseInt(q.Get(k), 10, 64); return n }
	var out []*client.Entry
	for _, e := range f.entries {
		if st := q["status"]; len(st) > 0 && !slices.Contains(st, e.Status) {
			continue
		}
		if s := q.Get("starred"); s != "" {
			if want, _ := strconv.ParseBool(s); want != e.Starred {
				continue
			}
		}
		if n := num("changed_after"); n > 0 && !e.ChangedAt.After(time.Unix(n, 0)) {
			continue
		}
		if n := num("after_entry_id"); n > 0 && e.ID <= n {
			continue
		}
		if n := num("before_entry_id"); n > 0 && e.ID >= n {
			continue
		}
		out = append(out, e)
	}
	if q.Get("order") == "published_at" {
		slices.SortStableFunc(out, func(a, b *client.Entry) int { return a.Date.Compare(b.Date) })
	}
	if q.Get("direction") == "desc" {
		slices.Reverse(out)
	}
	if f.overlap > 0 && (num("after_entry_id") > 0 || num("before_entry_id") > 0) {
		// Put back the last entries of the previous page.
		prev := slices.IndexFunc(f.entries, func(e *client.Entry) bool {
			return e.ID == num("after_entry_id")+num("before_entry_id")
		})
		for i := 0; i < f.overlap && prev-i >= 0; i++ {
			out = slices.Insert(out, 0, f.entries[prev-i])
		}
	}
	total := len(out)
	out = out[min(int(num("offset")), len(out)):]
	if l := int(num("limit")); l > 0 && l < len(out) {
		out = out[:l]
	}
	writeJSON(w, 200, client.EntryResultSet{Total: total, Entries: out})
}

func (f *fake) updateEntries(w http.ResponseWriter, r *http.Request) {
	var b putBody
	_ = json.NewDecoder(r.Body).Decode(&b)
	f.puts = append(f.puts, b)
	for _, e := range f.entries {
		if !slices.Contains(b.EntryIDs, e.ID) {
			continue
		}
		if b.Status != "" {
			e.Status = b.Status
		}
		if b.Starred != nil {
			e.Starred = *b.Starred
		}
		e.ChangedAt = f.now
	}
	w.WriteHeader(http.StatusNoContent)
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(v)
}

// mkEntries makes n entries with ids from first, published an hour apart
// (newest last) and changed at changed+i seconds, unread.
func mkEntries(first int64, n int, changed time.Time) []*client.Entry {
	base := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	out := make([]*client.Entry, n)
	for i := range out {
		id := first + int64(i)
		out[i] = &client.Entry{
			ID: id, FeedID: 7, Status: "unread", Title: "entry " + strconv.FormatInt(id, 10),
			URL: "https://site.example/" + strconv.FormatInt(id, 10), Content: "<p>body</p>",
			Date: base.Add(time.Duration(i) * time.Hour), ChangedAt: changed.Add(time.Duration(i) * time.Second),
		}
	}
	return out
}

func ids(es []hsync.Entry) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.ID
	}
	return out
}
