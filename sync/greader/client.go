package greader

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	hsync "github.com/herald-reader/herald/sync"
)

// maxTokenBytes caps the answers of ClientLogin and /token, which are a
// few lines of text.
const maxTokenBytes = 16 << 10

// call sends one API request (path relative to /reader/api/0/) and decodes
// its JSON answer into out, or discards the answer when out is nil. It
// logs in first when needed, and once more when the server answers 401
// (an expired token). A POST carries form and the T token; query goes in
// the URL.
func (p *Provider) call(ctx context.Context, method, path string, query, form url.Values, out any) error {
	for retried := false; ; retried = true {
		auth, token, err := p.session(ctx)
		if err != nil {
			return err
		}
		resp, err := p.send(ctx, method, path, query, form, auth, token)
		if err != nil {
			return fmt.Errorf("greader: %s %s: %w", method, path, err)
		}
		if resp.StatusCode == http.StatusUnauthorized && !retried {
			drain(resp)
			p.expire(auth)
			continue
		}
		return decode(resp, out, method, path)
	}
}

// decode checks resp's status and decodes its JSON body into out (nil:
// discards it), then closes the body.
func decode(resp *http.Response, out any, method, path string) error {
	defer drain(resp)
	if err := checkStatus(resp); err != nil {
		return fmt.Errorf("greader: %s %s: %w", method, path, err)
	}
	if out == nil {
		return nil
	}
	if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
		return fmt.Errorf("greader: %s %s: unexpected answer: %w", method, path, err)
	}
	return nil
}

// send builds and sends one authenticated request. Every request carries
// the Authorization header (FreshRSS reads it on POST too); a POST also
// carries T in its form (Miniflux authenticates a POST by T alone).
func (p *Provider) send(ctx context.Context, method, path string, query, form url.Values, auth, token string) (*http.Response, error) {
	u := p.base + apiPath + path
	if len(query) > 0 {
		u += "?" + query.Encode()
	}
	var body io.Reader
	if method == http.MethodPost {
		f := url.Values{}
		for k, v := range form {
			f[k] = v
		}
		f.Set("T", token)
		body = strings.NewReader(f.Encode())
	}
	req, err := http.NewRequestWithContext(ctx, method, u, body)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "GoogleLogin auth="+auth)
	if body != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	return p.hc.Do(req)
}

// session returns the Auth and T tokens, logging in when there are none.
// The mutex also keeps concurrent callers from logging in twice.
func (p *Provider) session(ctx context.Context) (auth, token string, err error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.auth != "" {
		return p.auth, p.token, nil
	}
	auth, err = p.login(ctx)
	if err != nil {
		return "", "", err
	}
	token = p.fetchToken(ctx, auth)
	if token == "" {
		token = auth // Miniflux: POST requests carry the Auth token as T
	}
	p.auth, p.token = auth, token
	return auth, token, nil
}

// expire forgets the tokens if they are still auth, which the server
// refused, so the next call logs in again.
func (p *Provider) expire(auth string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.auth == auth {
		p.auth, p.token = "", ""
	}
}

// login posts the credentials to ClientLogin and returns the Auth token.
func (p *Provider) login(ctx context.Context) (string, error) {
	form := url.Values{"Email": {p.user}, "Passwd": {p.pass}, "output": {"json"}}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, p.base+loginPath, strings.NewReader(form.Encode()))
	if err != nil {
		return "", fmt.Errorf("greader: log in: %w", err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := p.hc.Do(req)
	if err != nil {
		return "", fmt.Errorf("greader: log in: %w", err)
	}
	defer drain(resp)
	if err := checkStatus(resp); err != nil {
		return "", fmt.Errorf("greader: log in: %w", err)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxTokenBytes))
	if err != nil {
		return "", fmt.Errorf("greader: log in: %w", err)
	}
	auth := parseLogin(body)
	if !validToken(auth) {
		return "", errors.New("greader: log in: the server's answer holds no Auth token")
	}
	return auth, nil
}

// parseLogin finds the Auth token in ClientLogin's answer: JSON
// ({"Auth": …}, Miniflux with output=json) or text lines (SID=…, LSID=…,
// Auth=…, FreshRSS and the original API).
func parseLogin(body []byte) string {
	body = bytes.TrimSpace(body)
	if bytes.HasPrefix(body, []byte("{")) {
		var v struct {
			Auth flexStr `json:"Auth"`
		}
		if json.NewDecoder(bytes.NewReader(body)).Decode(&v) != nil {
			return ""
		}
		return string(v.Auth)
	}
	sc := bufio.NewScanner(bytes.NewReader(body))
	for sc.Scan() {
		if v, ok := strings.CutPrefix(strings.TrimSpace(sc.Text()), "Auth="); ok {
			return v
		}
	}
	return ""
}

// fetchToken asks /token for the T token POST requests carry. FreshRSS
// gives one apart from Auth; Miniflux gives Auth again. Any failure gives
// "" and the caller falls back on Auth.
func (p *Provider) fetchToken(ctx context.Context, auth string) string {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, p.base+apiPath+"token", nil)
	if err != nil {
		return ""
	}
	req.Header.Set("Authorization", "GoogleLogin auth="+auth)
	resp, err := p.hc.Do(req)
	if err != nil {
		return ""
	}
	defer drain(resp)
	if resp.StatusCode/100 != 2 {
		return ""
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxTokenBytes))
	if err != nil {
		return ""
	}
	if t := strings.TrimSpace(string(body)); validToken(t) {
		return t
	}
	return ""
}

// validToken reports whether t can be a token: printable ASCII without
// spaces, not too long, and not a JSON or HTML answer.
func validToken(t string) bool {
	if t == "" || len(t) > 4096 || strings.ContainsAny(t[:1], "[{<") {
		return false
	}
	for i := 0; i < len(t); i++ {
		if t[i] <= ' ' || t[i] >= 0x7f {
			return false
		}
	}
	return true
}

// checkStatus turns a non-2xx answer into a one-line error; 401 and 403
// wrap hsync.ErrAuth. The body is not quoted: it is the server's.
func checkStatus(resp *http.Response) error {
	switch c := resp.StatusCode; {
	case c/100 == 2:
		return nil
	case c == http.StatusUnauthorized || c == http.StatusForbidden:
		return fmt.Errorf("%w (HTTP %d)", hsync.ErrAuth, c)
	default:
		// The status code, not the server's own reason phrase.
		return fmt.Errorf("the server answered HTTP %d %s", c, http.StatusText(c))
	}
}

// drain reads a little of what is left of the body, so the connection can
// be reused, and closes it.
func drain(resp *http.Response) {
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	resp.Body.Close()
}
