package sync

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestClientRefusesRedirectsToAnotherHostOrScheme(t *testing.T) {
	var leaked bool
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		leaked = r.Header.Get("X-Auth-Token") != ""
	}))
	defer other.Close()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/same":
			http.Redirect(w, r, "/ok", http.StatusFound)
		case "/ok":
			io.WriteString(w, "ok")
		case "/file":
			http.Redirect(w, r, "file:///etc/passwd", http.StatusFound)
		default:
			http.Redirect(w, r, other.URL+"/steal", http.StatusFound)
		}
	}))
	defer srv.Close()
	c := NewHTTPClient(srv.URL, Limits{})
	get := func(path string) error {
		req, _ := http.NewRequest(http.MethodGet, srv.URL+path, nil)
		req.Header.Set("X-Auth-Token", "secret")
		resp, err := c.Do(req)
		if err == nil {
			resp.Body.Close()
		}
		return err
	}
	if err := get("/same"); err != nil {
		t.Fatalf("a redirect on the same server: %v", err)
	}
	for _, p := range []string{"/away", "/file"} {
		err := get(p)
		if err == nil || !strings.Contains(Describe(err), "only talks to the configured server") {
			t.Errorf("redirect %s: %v", p, err)
		}
	}
	if leaked {
		t.Fatal("the credentials reached another host")
	}
}

func TestClientCapsEachAnswerAndOneSyncAsAWhole(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.(http.Flusher).Flush() // no Content-Length: the cap counts
		io.WriteString(w, strings.Repeat("x", 1000))
	}))
	defer srv.Close()
	read := func(c *http.Client, ctx context.Context) error {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL, nil)
		resp, err := c.Do(req)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		_, err = io.ReadAll(resp.Body)
		return err
	}
	if err := read(NewHTTPClient(srv.URL, Limits{MaxBytes: 999}), context.Background()); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("an answer over the cap: %v", err)
	}
	c := NewHTTPClient(srv.URL, Limits{})
	ctx := WithBudget(context.Background(), 2500)
	for i := range 2 {
		if err := read(c, ctx); err != nil {
			t.Fatalf("answer %d within the budget: %v", i+1, err)
		}
	}
	if err := read(c, ctx); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("the answer past the sync's budget: %v", err)
	}
}

func TestClientGivesUpOnAServerThatDrips(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for range 100 {
			io.WriteString(w, " ")
			w.(http.Flusher).Flush()
			select {
			case <-r.Context().Done():
				return
			case <-time.After(50 * time.Millisecond):
			}
		}
	}))
	defer srv.Close()
	resp, err := NewHTTPClient(srv.URL, Limits{Timeout: 300 * time.Millisecond}).Get(srv.URL)
	if err == nil {
		_, err = io.ReadAll(resp.Body)
		resp.Body.Close()
	}
	if err == nil || Describe(err) != "the server did not answer in time" {
		t.Fatalf("drip: %v (%q)", err, Describe(err))
	}
}

func TestCheckURL(t *testing.T) {
	for u, ok := range map[string]bool{"http://127.0.0.1:8080": true, "https://rss.example": true,
		"file:///etc/passwd": false, "ftp://x": false, "http://": false, "https://me:pw@host": false} {
		if err := CheckURL(u); (err == nil) != ok {
			t.Errorf("CheckURL(%q) = %v", u, err)
		}
	}
}
