package greader

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	hsync "github.com/herald-reader/herald/sync"
)

// fake is a Google Reader API server that behaves like Miniflux's (a POST
// authenticates by T alone, ot filters on published > ot, the continuation
// is an offset), with switches for FreshRSS's differences.
type fake struct {
	t   *testing.T
	srv *httptest.Server

	mu         sync.Mutex
	user, pass string
	auth       string // the valid Auth token; changes at each login
	textLogin  bool   // answer ClientLogin in text lines (FreshRSS)
	ownToken   bool   // /token gives a T apart from Auth (FreshRSS)
	noToken    bool   // /token answers 404
	headerPost bool   // a POST needs the header too (FreshRSS)
	refuseAll  bool   // every API call answers 401
	logins     int
	items      []*fakeItem
	subs       []hsync.Subscription
	nextFeed   int
	// beforeContents, when set, runs (locked) before stream/items/contents.
	beforeContents func()

	idQueries []url.Values // stream/items/ids queries
	contents  [][]string   // i= of each stream/items/contents request
	edits     []url.Values // edit-tag forms
	quickadds int
	postTs    []string // T of each POST
	headers   []string // Authorization of each API request
}

type fakeItem struct {
	id        int64
	feed      string
	title     string
	read      bool
	starred   bool
	published int64 // Unix seconds
}

func newFake(t *testing.T) *fake {
	f := &fake{t: t, user: "alice", pass: "s3cret-pass", nextFeed: 1}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

// provider returns a provider for f with the default client.
func (f *fake) provider() *Provider {
	f.t.Helper()
	p, err := New(hsync.Options{URL: f.srv.URL, Username: f.user, Password: f.pass})
	if err != nil {
		f.t.Fatal(err)
	}
	return p
}

// expire makes the current Auth token invalid, as when it times out.
func (f *fake) expire() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.auth = "expired"
}

// addItems adds n items with ids from first up, published a second apart.
func (f *fake) addItems(first int64, n int, read, starred bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for i := range int64(n) {
		id := first + i
		f.items = append(f.items, &fakeItem{id: id, feed: "feed/1", title: fmt.Sprint("item ", id),
			read: read, starred: starred, published: 1_700_000_000 + id})
	}
}

// item returns the item with this id, or nil.
func (f *fake) item(id int64) *fakeItem {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, it := range f.items {
		if it.id == id {
			return it
		}
	}
	return nil
}

func (f *fake) token() string {
	if f.ownToken {
		return strings.Repeat("Z", 17) + "post-token"
	}
	return f.auth
}

func (f *fake) serve(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := r.ParseForm(); err != nil {
		http.Error(w, "bad form", http.StatusBadRequest)
		return
	}
	if r.URL.Path == loginPath {
		f.login(w, r)
		return
	}
	path, ok := strings.CutPrefix(r.URL.Path, apiPath)
	if !ok {
		http.NotFound(w, r)
		return
	}
	header := r.Header.Get("Authorization")
	f.headers = append(f.headers, header)
	headerOK := header == "GoogleLogin auth="+f.auth
	authed := headerOK
	if r.Method == http.MethodPost {
		f.postTs = append(f.postTs, r.PostForm.Get("T"))
		authed = r.PostForm.Get("T") == f.token() && (headerOK || !f.headerPost)
	}
	if !authed || f.refuseAll {
		w.Header().Set("X-Reader-Google-Bad-Token", "true")
		http.Error(w, "Unauthorized", http.StatusUnauthorized)
		return
	}
	switch r.Method + " " + path {
	case "GET token":
		if f.noToken {
			http.NotFound(w, r)
			return
		}
		fmt.Fprintln(w, f.token())
	case "GET subscription/list":
		f.subscriptionList(w)
	case "POST subscription/quickadd":
		f.quickadd(w, r)
	case "POST subscription/edit":
		f.subscriptionEdit(w, r)
	case "GET stream/items/ids":
		f.itemIDs(w, r)
	case "POST stream/items/contents":
		f.itemContents(w, r)
	case "POST edit-tag":
		f.editTag(w, r)
	default:
		http.NotFound(w, r)
	}
}

func (f *fake) login(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost || r.PostForm.Get("Email") != f.user || r.PostForm.Get("Passwd") != f.pass {
		http.Error(w, `{"error_message":"access unauthorized"}`, http.StatusUnauthorized)
		return
	}
	f.logins++
	f.auth = fmt.Sprintf("%s/auth-token-%d", f.user, f.logins)
	if f.textLogin || r.PostForm.Get("output") != "json" {
		fmt.Fprintf(w, "SID=%s\nLSID=null\nAuth=%s\n", f.auth, f.auth)
		return
	}
	writeJSON(w, map[string]string{"SID": f.auth, "LSID": f.auth, "Auth": f.auth})
}

func (f *fake) subscriptionList(w http.ResponseWriter) {
	subs := []map[string]any{}
	for _, s := range f.subs {
		cats := []map[string]string{}
		for _, c := range s.Folders {
			cats = append(cats, map[string]string{"id": "user/1/label/" + c, "label": c, "type": "folder"})
		}
		subs = append(subs, map[string]any{"id": s.ID, "title": s.Title, "url": s.URL, "htmlUrl": s.SiteURL, "categories": cats})
	}
	writeJSON(w, map[string]any{"subscriptions": subs})
}

func (f *fake) quickadd(w http.ResponseWriter, r *http.Request) {
	f.quickadds++
	u := r.PostForm.Get("quickadd")
	if !strings.HasPrefix(u, "http") {
		writeJSON(w, map[string]any{"numResults": 0})
		return
	}
	id := fmt.Sprint("feed/", f.nextFeed)
	f.nextFeed++
	f.subs = append(f.subs, hsync.Subscription{ID: id, URL: u, Title: "Feed " + id, Folders: []string{"All"}})
	writeJSON(w, map[string]any{"numResults": 1, "query": u, "streamId": id, "streamName": "Feed " + id})
}

func (f *fake) subscriptionEdit(w http.ResponseWriter, r *http.Request) {
	id := r.PostForm.Get("s")
	for i, s := range f.subs {
		if s.ID != id {
			continue
		}
		switch r.PostForm.Get("ac") {
		case "unsubscribe":
			f.subs = append(f.subs[:i], f.subs[i+1:]...)
		case "edit":
			label, ok := strings.CutPrefix(r.PostForm.Get("a"), labelPrefix)
			if !ok {
				http.Error(w, "bad label", http.StatusBadRequest)
				return
			}
			f.subs[i].Folders = []string{label}
		}
		fmt.Fprint(w, "OK")
		return
	}
	http.Error(w, "Bad Request!", http.StatusBadRequest) // as FreshRSS
}

func (f *fake) itemIDs(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f.idQueries = append(f.idQueries, q)
	ot, _ := strconv.ParseInt(q.Get("ot"), 10, 64)
	starred, unread := q.Get("s") == streamStarred, q.Get("xt") == streamRead
	var ids []int64
	for _, it := range f.sorted() {
		switch {
		case starred && !it.starred, unread && it.read, ot > 0 && it.published <= ot:
			continue
		}
		ids = append(ids, it.id)
	}
	n, _ := strconv.Atoi(q.Get("n"))
	off, _ := strconv.Atoi(q.Get("c"))
	off = min(off, len(ids))
	end := min(off+n, len(ids))
	refs := []map[string]string{}
	for _, id := range ids[off:end] {
		refs = append(refs, map[string]string{"id": strconv.FormatInt(id, 10)})
	}
	resp := map[string]any{"itemRefs": refs}
	if end < len(ids) {
		resp["continuation"] = strconv.Itoa(end)
	}
	writeJSON(w, resp)
}

// sorted is the items newest first, as Miniflux lists them.
func (f *fake) sorted() []*fakeItem {
	newer := func(i, j int) bool { return f.items[i].published > f.items[j].published }
	if !sort.SliceIsSorted(f.items, newer) {
		sort.SliceStable(f.items, newer)
	}
	return f.items
}

func (f *fake) itemContents(w http.ResponseWriter, r *http.Request) {
	ids := r.PostForm["i"]
	f.contents = append(f.contents, ids)
	if f.beforeContents != nil {
		f.beforeContents()
	}
	items := []map[string]any{}
	for _, raw := range ids {
		id := normID(raw)
		for _, it := range f.items {
			if strconv.FormatInt(it.id, 10) != id {
				continue
			}
			cats := []string{"user/1/state/com.google/reading-list", "user/1/label/All"}
			if it.read {
				cats = append(cats, "user/1/state/com.google/read")
			}
			if it.starred {
				cats = append(cats, "user/1/state/com.google/starred")
			}
			link := fmt.Sprintf("https://example.com/%d", it.id)
			items = append(items, map[string]any{
				"id": fmt.Sprintf("%s%016x", longIDPrefix, it.id), "title": it.title, "author": "Ann",
				"published": it.published, "crawlTimeMsec": strconv.FormatInt(it.published*1000+500, 10),
				"canonical": []map[string]string{{"href": link}}, "alternate": []map[string]string{{"href": link, "type": "text/html"}},
				"summary": map[string]string{"content": "<p>summary</p>"}, "content": map[string]string{"content": "<p>body</p>"},
				"origin": map[string]string{"streamId": it.feed}, "categories": cats,
				"enclosure": []map[string]string{{"url": "https://example.com/a.mp3", "type": "audio/mpeg"}},
			})
		}
	}
	writeJSON(w, map[string]any{"id": streamReadingList, "items": items})
}

func (f *fake) editTag(w http.ResponseWriter, r *http.Request) {
	form := url.Values{"i": r.PostForm["i"], "a": r.PostForm["a"], "r": r.PostForm["r"]}
	f.edits = append(f.edits, form)
	for _, raw := range form["i"] {
		for _, it := range f.items {
			if strconv.FormatInt(it.id, 10) != normID(raw) {
				continue
			}
			for _, a := range form["a"] {
				it.read = it.read || a == streamRead
				it.starred = it.starred || a == streamStarred
			}
			for _, rm := range form["r"] {
				it.read = it.read && rm != streamRead
				it.starred = it.starred && rm != streamStarred
			}
		}
	}
	fmt.Fprint(w, "OK")
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}
