package greader

import (
	"context"
	"errors"
	"strings"
	"testing"

	hsync "github.com/herald-reader/herald/sync"
)

func TestNewChecksOptions(t *testing.T) {
	for _, o := range []hsync.Options{
		{URL: "", Username: "u", Password: "p"},
		{URL: "ftp://example.com", Username: "u", Password: "p"},
		{URL: "https://u:p@example.com", Username: "u", Password: "p"},
		{URL: "https://example.com", Password: "p"},
		{URL: "https://example.com", Username: "u"},
	} {
		if _, err := New(o); !errors.Is(err, hsync.ErrConfig) {
			t.Errorf("New(%+v) = %v, want ErrConfig", o, err)
		}
	}
	p, err := New(hsync.Options{URL: " https://example.com/api/greader.php/?x=1 ", Username: "u", Password: "p"})
	if err != nil {
		t.Fatal(err)
	}
	if p.Name() != "greader" || p.base != "https://example.com/api/greader.php" {
		t.Errorf("Name %q, base %q", p.Name(), p.base)
	}
}

func TestLoginJSONAndText(t *testing.T) {
	for _, text := range []bool{false, true} {
		f := newFake(t)
		f.textLogin = text
		p := f.provider()
		ctx := context.Background()
		for range 3 {
			if _, err := p.Subscriptions(ctx); err != nil {
				t.Fatalf("text=%v: %v", text, err)
			}
		}
		if f.logins != 1 {
			t.Errorf("text=%v: %d logins for three calls, want 1 (lazily, once)", text, f.logins)
		}
		if want := "GoogleLogin auth=alice/auth-token-1"; f.headers[len(f.headers)-1] != want {
			t.Errorf("text=%v: Authorization %q, want %q", text, f.headers[len(f.headers)-1], want)
		}
	}
}

func TestParseLogin(t *testing.T) {
	for body, want := range map[string]string{
		`{"SID":"a/1","LSID":"a/1","Auth":"a/1"}`: "a/1",
		"SID=a/2\nLSID=null\nAuth=a/2\n":          "a/2",
		"SID=x\r\nAuth=a/3\r\n":                   "a/3",
		`{"Auth":12}`:                             "12",
		`{"Auth":null}`:                           "",
		`{"Auth":`:                                "",
		"<html>login</html>":                      "",
		"":                                        "",
	} {
		if got := parseLogin([]byte(body)); got != want {
			t.Errorf("parseLogin(%q) = %q, want %q", body, got, want)
		}
	}
}

func TestLoginRefused(t *testing.T) {
	f := newFake(t)
	f.pass = "another-password"
	p, err := New(hsync.Options{URL: f.srv.URL, Username: f.user, Password: "s3cret-pass"})
	if err != nil {
		t.Fatal(err)
	}
	_, err = p.Subscriptions(context.Background())
	if !errors.Is(err, hsync.ErrAuth) {
		t.Fatalf("err = %v, want ErrAuth", err)
	}
	if strings.Contains(err.Error(), "s3cret-pass") {
		t.Errorf("the error shows the password: %v", err)
	}
}

func TestReloginOnceOnExpiredToken(t *testing.T) {
	f := newFake(t)
	f.addItems(1, 3, false, false)
	p := f.provider()
	ctx := context.Background()
	if _, err := p.Subscriptions(ctx); err != nil {
		t.Fatal(err)
	}
	f.expire()
	if _, err := p.Pull(ctx, "", nil); err != nil {
		t.Fatalf("pull after the token expired: %v", err)
	}
	if f.logins != 2 {
		t.Errorf("%d logins, want 2", f.logins)
	}

	// A server that refuses every token: one login more, then ErrAuth.
	f.refuseAll = true
	err := p.Push(ctx, []hsync.Change{{EntryID: "1", Kind: hsync.MarkRead}})
	if !errors.Is(err, hsync.ErrAuth) {
		t.Fatalf("err = %v, want ErrAuth", err)
	}
	if f.logins != 3 {
		t.Errorf("%d logins, want 3 (one retry only)", f.logins)
	}
	for _, secret := range []string{f.pass, "auth-token", "T="} {
		if strings.Contains(err.Error(), secret) {
			t.Errorf("the error shows %q: %v", secret, err)
		}
	}
}

func TestPostToken(t *testing.T) {
	for _, c := range []struct {
		name              string
		ownToken, noToken bool
		headerPost        bool
		want              string
	}{
		{name: "Miniflux: T is Auth", want: "alice/auth-token-1"},
		{name: "no /token: T is Auth", noToken: true, want: "alice/auth-token-1"},
		{name: "FreshRSS: T from /token, header too", ownToken: true, headerPost: true, want: "ZZZZZZZZZZZZZZZZZpost-token"},
	} {
		f := newFake(t)
		f.ownToken, f.noToken, f.headerPost = c.ownToken, c.noToken, c.headerPost
		f.addItems(1, 2, false, false)
		p := f.provider()
		if err := p.Push(context.Background(), []hsync.Change{{EntryID: "1", Kind: hsync.Star}}); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if len(f.postTs) != 1 || f.postTs[0] != c.want {
			t.Errorf("%s: T = %q, want %q", c.name, f.postTs, c.want)
		}
		if !f.item(1).starred {
			t.Errorf("%s: the item is not starred", c.name)
		}
	}
}
