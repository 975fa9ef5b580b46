package miniflux

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	hsync "github.com/herald-reader/herald/sync"
)

// serve starts handler and a provider for it with opts' credentials.
func serve(t *testing.T, h http.HandlerFunc, o hsync.Options) *Provider {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	o.URL = srv.URL
	if o.APIKey == "" && o.Password == "" {
		o.APIKey = testKey
	}
	p, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// oneLine fails unless err is a single line without the secrets.
func oneLine(t *testing.T, err error, secrets ...string) {
	t.Helper()
	if err == nil {
		t.Fatal("no error")
	}
	msg := err.Error()
	if strings.ContainsAny(msg, "\r\n") {
		t.Errorf("error is not one line: %q", msg)
	}
	for _, s := range secrets {
		if strings.Contains(msg, s) {
			t.Errorf("error shows a secret: %q", msg)
		}
	}
}

func TestRefusedCredentialsAreErrAuth(t *testing.T) {
	ctx := context.Background()
	for _, code := range []int{http.StatusUnauthorized, http.StatusForbidden} {
		p := serve(t, func(w http.ResponseWriter, r *http.Request) {
			writeJSON(w, code, map[string]string{"error_message": "Access Unauthorized"})
		}, hsync.Options{})
		_, err1 := p.Subscriptions(ctx)
		_, err2 := p.Pull(ctx, "", nil)
		err3 := p.Push(ctx, []hsync.Change{{EntryID: "1", Kind: hsync.Star}})
		_, err4 := p.Subscribe(ctx, "https://a.example/feed", "News")
		err5 := p.Unsubscribe(ctx, "3")
		for i, err := range []error{err1, err2, err3, err4, err5} {
			if !errors.Is(err, hsync.ErrAuth) {
				t.Errorf("HTTP %d, call %d: err = %v, want ErrAuth", code, i+1, err)
			}
		}
	}
}

func TestServerErrorIsOneLineWithoutSecrets(t *testing.T) {
	const pass = "hunter2-password"
	echo := func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 500, map[string]string{"error_message": "db exploded\nkey " + r.Header.Get("X-Auth-Token") +
			" pass " + pass + "\n" + strings.Repeat("x", 5000)})
	}
	_, err := serve(t, echo, hsync.Options{}).Subscriptions(context.Background())
	oneLine(t, err, testKey)
	if !strings.HasPrefix(err.Error(), "list feeds: miniflux: internal server error: db exploded") || len(err.Error()) > 400 {
		t.Errorf("err = %q", err)
	}
	_, err = serve(t, echo, hsync.Options{Username: "admin", Password: pass}).Pull(context.Background(), "5", nil)
	oneLine(t, err, pass)
	if !strings.HasPrefix(err.Error(), "pull entries: ") {
		t.Errorf("err = %q", err)
	}

	// A failed subscription names the feed without its query (tokens).
	_, err = serve(t, echo, hsync.Options{}).Subscribe(context.Background(), "https://x.example/a?token=s3cret", "")
	oneLine(t, err, "s3cret")
	if !strings.HasPrefix(err.Error(), "subscribe to https://x.example/a: ") {
		t.Errorf("err = %q", err)
	}
}

func TestRedirectToAnotherHostNeverGetsTheKey(t *testing.T) {
	var leaked, hits atomic.Int32
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		if r.Header.Get("X-Auth-Token") != "" {
			leaked.Add(1)
		}
		writeJSON(w, 200, []any{})
	}))
	defer other.Close()
	redirect := func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+r.URL.RequestURI(), http.StatusFound)
	}

	p := serve(t, redirect, hsync.Options{})
	_, err := p.Subscriptions(context.Background())
	oneLine(t, err, testKey)
	if !strings.Contains(err.Error(), "redirected") {
		t.Errorf("err = %q, want the redirect refused", err)
	}
	if _, err := p.Pull(context.Background(), "", nil); err == nil {
		t.Error("pull followed the redirect")
	}
	if hits.Load() != 0 {
		t.Fatalf("the other host got %d requests (%d with the key)", hits.Load(), leaked.Load())
	}

	// Control: a plain client follows the redirect and hands the key over,
	// so what stopped it above was hsync.NewHTTPClient.
	_, _ = serve(t, redirect, hsync.Options{HTTP: &http.Client{}}).Subscriptions(context.Background())
	if leaked.Load() == 0 {
		t.Fatal("control: the key did not reach the other host even without the guard")
	}
}

func TestTooLargeAnswerFailsCleanly(t *testing.T) {
	limits := hsync.Limits{MaxBytes: 1024}
	body := "[" + strings.Repeat(`{"id":1,"title":"padding padding padding"},`, 100) + `{"id":2}]`
	for _, chunked := range []bool{false, true} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			if !chunked {
				w.Header().Set("Content-Length", fmt.Sprint(len(body)))
			}
			_, _ = w.Write([]byte(body[:100]))
			w.(http.Flusher).Flush()
			_, _ = w.Write([]byte(body[100:]))
		}))
		p, _ := New(hsync.Options{URL: srv.URL, APIKey: testKey, HTTP: hsync.NewHTTPClient(srv.URL, limits)})
		_, err := p.Subscriptions(context.Background())
		srv.Close()
		oneLine(t, err, testKey)
		if !strings.Contains(err.Error(), "too large") || (!chunked && !errors.Is(err, hsync.ErrTooLarge)) {
			t.Errorf("chunked %v: err = %v, want ErrTooLarge", chunked, err)
		}
	}
}

func TestDrippingServerTimesOut(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"total":1,"entries":[`))
		tick := time.NewTicker(50 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-r.Context().Done():
				return
			case <-tick.C:
				_, _ = w.Write([]byte(" "))
				w.(http.Flusher).Flush()
			}
		}
	}))
	defer srv.Close()
	hc := hsync.NewHTTPClient(srv.URL, hsync.Limits{Timeout: 300 * time.Millisecond})
	p, _ := New(hsync.Options{URL: srv.URL, APIKey: testKey, HTTP: hc})
	start := time.Now()
	_, err := p.Pull(context.Background(), "", nil)
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("pull gave up after %v, want about 300ms", took)
	}
	oneLine(t, err, testKey)
	if !strings.HasPrefix(err.Error(), "pull entries: ") {
		t.Errorf("err = %q", err)
	}
}

func TestCanceledContextStaysVisible(t *testing.T) {
	f := &fake{}
	p, _ := f.start(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := p.Pull(ctx, "", nil); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled in its chain", err)
	}
}
