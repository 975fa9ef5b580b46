package greader

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	hsync "github.com/herald-reader/herald/sync"
)

const hostileAuth = "bob/auth-secret-token"

// hostile serves ClientLogin and /token properly and hands every other
// request to api; it returns a provider for it with limits l.
func hostile(t *testing.T, l hsync.Limits, api http.HandlerFunc) *Provider {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case loginPath:
			fmt.Fprintf(w, "SID=x\nAuth=%s\n", hostileAuth)
		case apiPath + "token":
			fmt.Fprint(w, `[]`) // Miniflux's answer to what it does not know
		default:
			api(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	p, err := New(hsync.Options{URL: srv.URL, Username: "bob", Password: "bob-password", HTTP: hsync.NewHTTPClient(srv.URL, l)})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// checkErr fails unless err is a single line without secrets.
func checkErr(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		t.Fatal("no error")
	}
	for _, s := range []string{"bob-password", "auth-secret-token", "\n"} {
		if strings.Contains(err.Error(), s) {
			t.Errorf("error %q holds %q", err, s)
		}
	}
}

func TestHostileNotJSONAndStatus(t *testing.T) {
	for _, c := range []struct {
		name   string
		status int
		body   string
		want   string
	}{
		{"HTML", 200, "<html>Welcome</html>", "unexpected answer"},
		{"array", 200, "[]", "unexpected answer"},
		{"truncated", 200, `{"subscriptions":[{"id":`, "unexpected answer"},
		{"500", 500, "panic: " + hostileAuth + "\nstack…", "HTTP 500"},
		{"403", 403, "no", "refused"},
	} {
		p := hostile(t, hsync.Limits{}, func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(c.status)
			fmt.Fprint(w, c.body)
		})
		_, err := p.Subscriptions(context.Background())
		checkErr(t, err)
		if !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %q, want %q in it", c.name, err, c.want)
		}
		if c.status == 403 && !errors.Is(err, hsync.ErrAuth) {
			t.Errorf("403: %v is not ErrAuth", err)
		}
	}
}

func TestHostileTooLarge(t *testing.T) {
	p := hostile(t, hsync.Limits{MaxBytes: 1024}, func(w http.ResponseWriter, r *http.Request) {
		w.(http.Flusher).Flush() // no Content-Length: the cap is met while reading
		fmt.Fprint(w, `{"subscriptions":[`)
		for i := range 1000 {
			fmt.Fprintf(w, `{"id":"feed/%d","title":"%s"},`, i, strings.Repeat("x", 50))
		}
		fmt.Fprint(w, `{}]}`)
	})
	_, err := p.Subscriptions(context.Background())
	checkErr(t, err)
	if !errors.Is(err, hsync.ErrTooLarge) {
		t.Errorf("err = %v, want ErrTooLarge", err)
	}
}

func TestHostileWrongTypes(t *testing.T) {
	long := func(n int) string { return fmt.Sprintf("%q", fmt.Sprintf("%s%016x", longIDPrefix, n)) }
	var posts []string
	p := hostile(t, hsync.Limits{}, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case apiPath + "stream/items/ids":
			switch {
			case r.URL.Query().Get("s") == streamStarred:
				fmt.Fprint(w, `{"itemRefs":null}`)
			case r.URL.Query().Get("c") == "":
				fmt.Fprint(w, `{"itemRefs":[{"id":1},{"id":"2"},"junk",{"id":null},{"id":{"x":1}},7],"continuation":5}`)
			default:
				fmt.Fprintf(w, `{"itemRefs":{"id":%s}}`, long(3)) // an object for a list
			}
		case apiPath + "stream/items/contents":
			_ = r.ParseForm()
			posts = append(posts, r.PostForm.Get("T"))
			fmt.Fprintf(w, `{"items":[
				{"id":%s,"title":123,"published":"1700000001","categories":{"x":1},"canonical":"http://x",
				 "alternate":[{"href":"https://example.com/1"}],"summary":"plain text","content":null,"origin":"feed/9",
				 "enclosure":[{"href":"file:///etc/passwd","type":"audio/mpeg"},{"url":"ftp://e.com/a.mp3","type":"audio/mpeg"},{"href":"https://e.com/v.mp4","type":"VIDEO/MP4","length":"12345"}]},
				"junk", null, 5, [],
				{"id":%s,"published":1e20,"author":["a"],"origin":{"streamId":["feed/1"]}},
				{"id":%s,"categories":["user/-/state/com.google/read"]},
				{"id":%s,"title":"not asked for"}
			]}`, long(1), long(2), long(3), long(99))
		default:
			http.NotFound(w, r)
		}
	})
	b, err := p.Pull(context.Background(), "", nil)
	if err != nil {
		t.Fatal(err)
	}
	got := byID(b)
	if len(got) != 3 || len(b.Entries) != 3 {
		t.Fatalf("entries %+v, want ids 1, 2, 3", b.Entries)
	}
	e := got["1"]
	if e.Title != "123" || e.Published.Unix() != 1700000001 || e.Content != "plain text" ||
		e.URL != "https://example.com/1" || e.FeedID != "" || e.Read {
		t.Errorf("entry 1 = %+v", e)
	}
	if e.Media == nil || e.Media.URL != "https://e.com/v.mp4" || e.Media.Type != "video/mp4" || e.Media.Size != 12345 {
		t.Errorf("media = %+v", e.Media)
	}
	if e := got["2"]; !e.Published.IsZero() || e.Author != "" || e.FeedID != "" {
		t.Errorf("entry 2 = %+v", e)
	}
	if e := got["3"]; !e.Read {
		t.Errorf("entry 3 = %+v, want read", e)
	}
	if b.Cursor != "1700000001" || !b.Complete {
		t.Errorf("cursor %q, complete %v", b.Cursor, b.Complete)
	}
	if len(posts) != 1 || posts[0] != hostileAuth {
		t.Errorf("T = %q, want Auth when /token answers no token", posts)
	}
}

func TestHostilePagingLoop(t *testing.T) {
	var pages atomic.Int32
	p := hostile(t, hsync.Limits{}, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case apiPath + "stream/items/ids":
			if pages.Add(1) > 20 { // the guard is gone: fail, not hang
				http.Error(w, "looping", http.StatusInternalServerError)
				return
			}
			fmt.Fprint(w, `{"itemRefs":[{"id":"1"},{"id":"2"}],"continuation":"again"}`)
		default:
			fmt.Fprint(w, `{"items":[]}`)
		}
	})
	b, err := p.Pull(context.Background(), "", func(string) bool { return true })
	if err != nil {
		t.Fatal(err)
	}
	if b.Complete || pages.Load() > 6 {
		t.Errorf("Complete %v after %d pages", b.Complete, pages.Load())
	}
}

func TestHostileRedirectElsewhere(t *testing.T) {
	var elsewhere atomic.Int32
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		elsewhere.Add(1)
		fmt.Fprintf(w, "Auth=%s\n", hostileAuth)
	}))
	defer other.Close()
	for _, path := range []string{loginPath, apiPath + "subscription/list"} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == path {
				http.Redirect(w, r, other.URL+r.URL.Path, http.StatusTemporaryRedirect)
				return
			}
			fmt.Fprintf(w, "Auth=%s\n", hostileAuth)
		}))
		p, err := New(hsync.Options{URL: srv.URL, Username: "bob", Password: "bob-password"})
		if err != nil {
			t.Fatal(err)
		}
		_, err = p.Subscriptions(context.Background())
		srv.Close()
		checkErr(t, err)
		if !strings.Contains(err.Error(), "redirected") {
			t.Errorf("%s: error %q", path, err)
		}
	}
	if n := elsewhere.Load(); n != 0 {
		t.Errorf("the other host got %d requests", n)
	}
}

func TestUnsubscribeServerError(t *testing.T) {
	p := hostile(t, hsync.Limits{}, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == apiPath+"subscription/list" {
			fmt.Fprint(w, `{"subscriptions":[{"id":"feed/7","categories":["user/-/label/Tech",{"label":"News"},5]}]}`)
			return
		}
		http.Error(w, "down", http.StatusServiceUnavailable)
	})
	err := p.Unsubscribe(context.Background(), "7")
	checkErr(t, err)
	if !strings.Contains(err.Error(), "503") {
		t.Errorf("err = %v, want the 503 of a feed still listed", err)
	}
	subs, err := p.Subscriptions(context.Background())
	if err != nil || len(subs) != 1 || strings.Join(subs[0].Folders, ",") != "Tech,News" {
		t.Errorf("Subscriptions = %+v, %v", subs, err)
	}
}
