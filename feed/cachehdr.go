package feed

// The caching headers a server sends: validators, Retry-After, max-age.

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"golang.org/x/net/http/httpguts"
)

// validValidator reports whether an ETag or Last-Modified value can be
// replayed in a request header: non-empty, short, no control characters.
func validValidator(v string) bool {
	return v != "" && len(v) <= 1024 && httpguts.ValidHeaderFieldValue(v)
}

// retryAfter parses a Retry-After value (delay in seconds or an HTTP date)
// relative to now; zero when absent, invalid or in the past.
func retryAfter(v string, now time.Time) time.Time {
	v = strings.TrimSpace(v)
	if v == "" {
		return time.Time{}
	}
	var t time.Time
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs <= 0 {
			return time.Time{}
		}
		if secs > int64(maxRetryAfter/time.Second) {
			secs = int64(maxRetryAfter / time.Second)
		}
		t = now.Add(time.Duration(secs) * time.Second)
	} else if d, err := http.ParseTime(v); err == nil {
		t = d
	} else {
		return time.Time{}
	}
	if !t.After(now) {
		return time.Time{}
	}
	if t.Sub(now) > maxRetryAfter {
		t = now.Add(maxRetryAfter)
	}
	return t
}

// maxAge returns now + Cache-Control max-age (at most a day; s-maxage
// ignored), zero when absent or zero.
func maxAge(h http.Header, now time.Time) time.Time {
	for _, v := range h.Values("Cache-Control") {
		for _, d := range strings.Split(v, ",") {
			d = strings.TrimSpace(d)
			name, val, ok := strings.Cut(d, "=")
			if !ok || !strings.EqualFold(strings.TrimSpace(name), "max-age") {
				continue
			}
			secs, err := strconv.ParseInt(strings.Trim(strings.TrimSpace(val), `"`), 10, 64)
			if err != nil || secs <= 0 {
				return time.Time{}
			}
			if secs > int64(maxCacheAge/time.Second) {
				secs = int64(maxCacheAge / time.Second)
			}
			return now.Add(time.Duration(secs) * time.Second)
		}
	}
	return time.Time{}
}
