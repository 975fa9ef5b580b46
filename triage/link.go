package triage

import (
	"net/url"
	"slices"
	"strings"

	"golang.org/x/net/idna"
)

// CanonicalLink returns link in the form two feeds linking the same story
// most likely agree on, or "" when link is not an absolute http(s) URL:
//
//   - https for http; scheme and host in lower case, the host in ASCII
//     (punycode), without "www.", a trailing dot, user info or a default port;
//   - the path's percent-encoding normalised (RFC 3986 §6.2.2), without
//     trailing slashes or a trailing "/amp" segment ("/" stays for the root);
//   - the query without tracking parameters (utm_*, fbclid, gclid, ref...:
//     the full list is trackingParams) or "amp", its parameters sorted;
//   - no fragment, unless it is a route ("#!/post/1", "#/post/1") that
//     names the page in a single-page site.
func CanonicalLink(link string) string {
	u, err := url.Parse(strings.TrimSpace(link))
	if err != nil || u.Opaque != "" || u.Scheme != "http" && u.Scheme != "https" {
		return ""
	}
	host := canonicalHost(u.Host)
	if host == "" {
		return ""
	}
	var b strings.Builder
	b.WriteString("https:")
	b.WriteString((&url.URL{Host: host}).String()) // "//" and the host, escaped
	b.WriteString(trimPath(normPercent(u.EscapedPath())))
	if q := canonicalQuery(u.RawQuery); q != "" {
		b.WriteByte('?')
		b.WriteString(q)
	}
	if f := u.EscapedFragment(); strings.HasPrefix(f, "!") || strings.HasPrefix(f, "/") {
		b.WriteByte('#')
		b.WriteString(normPercent(f))
	}
	return b.String()
}

// LinkHash is the 64-bit FNV-1a hash of CanonicalLink(link), 0 when it
// has none. It is stable across processes and versions: it is stored.
func LinkHash(link string) int64 {
	return hash64(CanonicalLink(link))
}

// canonicalHost lower-cases a host[:port] and drops what does not tell
// sites apart; "" when no host name is left.
func canonicalHost(h string) string {
	name, port := h, ""
	if i := strings.LastIndexByte(h, ':'); i >= 0 && !strings.Contains(h[i:], "]") {
		name, port = h[:i], strings.TrimLeft(h[i+1:], "0")
	}
	name = strings.TrimRight(strings.ToLower(name), ".")
	if !isASCII(name) {
		if a, err := idna.Lookup.ToASCII(name); err == nil {
			name = a
		}
	}
	for strings.HasPrefix(name, "www.") && strings.Contains(name[4:], ".") {
		name = name[4:]
	}
	if name == "" {
		return ""
	}
	if port != "" && port != "80" && port != "443" {
		name += ":" + port
	}
	return name
}

// trimPath drops trailing slashes and "/amp" segments; "" becomes "/".
func trimPath(p string) string {
	for {
		q := strings.TrimSuffix(strings.TrimRight(p, "/"), "/amp")
		if q == p {
			break
		}
		p = q
	}
	if p == "" {
		return "/"
	}
	return p
}

// canonicalQuery drops tracking parameters and empty pairs from a raw
// query and sorts the rest. Pairs are kept as written, apart from their
// percent-encoding, so nothing the server could tell apart is merged.
func canonicalQuery(raw string) string {
	if raw == "" {
		return ""
	}
	pairs := strings.Split(raw, "&")
	kept := pairs[:0]
	for _, p := range pairs {
		if p == "" {
			continue
		}
		key, _, _ := strings.Cut(p, "=")
		if k, err := url.QueryUnescape(key); err == nil {
			key = k
		}
		if isTracking(key) {
			continue
		}
		kept = append(kept, normPercent(p))
	}
	slices.Sort(kept)
	return strings.Join(kept, "&")
}

// trackingParams lists the query parameters CanonicalLink drops, in lower
// case; it also drops every parameter starting with "utm_". They say where a
// reader came from, not what they read. "amp" marks an AMP variant.
var trackingParams = []string{
	"amp", "at_campaign", "at_medium", "cmpid", "dclid", "fbclid", "gbraid",
	"gclid", "gclsrc", "_ga", "_gl", "__hsfp", "__hssc", "__hstc", "_hsenc",
	"_hsmi", "igsh", "igshid", "li_fat_id", "mc_cid", "mc_eid", "mkt_tok",
	"msclkid", "mtm_campaign", "mtm_source", "mtm_medium", "ncid", "ocid",
	"oly_anon_id", "oly_enc_id", "pk_campaign", "pk_source", "pk_medium",
	"ref", "ref_src", "ref_url", "s_kwcid", "smid", "spm", "sr_share",
	"ttclid", "twclid", "vero_conv", "vero_id", "wbraid", "wt_mc", "yclid",
}

var tracking = func() map[string]bool {
	m := make(map[string]bool, len(trackingParams))
	for _, p := range trackingParams {
		m[p] = true
	}
	return m
}()

func isTracking(key string) bool {
	k := strings.ToLower(key)
	return strings.HasPrefix(k, "utm_") || tracking[k]
}

// normPercent decodes percent-escapes of unreserved characters,
// upper-cases the hex digits of the others and escapes bytes a URL cannot
// hold as they are (url.Parse lets a space or a non-ASCII byte through in a
// query); a '%' that starts no escape is escaped too.
func normPercent(s string) string {
	clean := true
	for i := 0; i < len(s) && clean; i++ {
		clean = s[i] != '%' && isURLByte(s[i])
	}
	if clean {
		return s
	}
	const hex = "0123456789ABCDEF"
	b := make([]byte, 0, len(s)+8)
	for i := 0; i < len(s); i++ {
		if s[i] != '%' && isURLByte(s[i]) {
			b = append(b, s[i])
			continue
		}
		if s[i] != '%' || i+2 >= len(s) || !isHex(s[i+1]) || !isHex(s[i+2]) {
			b = append(b, '%', hex[s[i]>>4], hex[s[i]&15])
			continue
		}
		c := unhex(s[i+1])<<4 | unhex(s[i+2])
		if isUnreserved(c) {
			b = append(b, c)
		} else {
			b = append(b, '%', upperHex(s[i+1]), upperHex(s[i+2]))
		}
		i += 2
	}
	return string(b)
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c|0x20 && c|0x20 <= 'f'
}

func unhex(c byte) byte {
	if c <= '9' {
		return c - '0'
	}
	return (c | 0x20) - 'a' + 10
}

func upperHex(c byte) byte {
	if 'a' <= c && c <= 'f' {
		return c - 'a' + 'A'
	}
	return c
}

// isURLByte reports whether c may stand unescaped in a URL (RFC 3986
// unreserved, sub-delims, ':', '@', '/' and '?').
func isURLByte(c byte) bool {
	return isUnreserved(c) || strings.IndexByte("!$&'()*+,;=:@/?", c) >= 0
}

func isUnreserved(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
		c == '-' || c == '.' || c == '_' || c == '~'
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// hash64 is FNV-1a (64-bit) of s as an int64, 0 for "" and never 0
// otherwise, so 0 can mean "none" in the store. It must never change: the
// hashes are stored.
func hash64(s string) int64 {
	if s == "" {
		return 0
	}
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	if h == 0 {
		return 1
	}
	return int64(h)
}
