package feed

// Fetch errors in one plain line: timeouts, refusals, sizes, HTTP statuses.

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
)

// describe turns a transport error into a short, one-line message.
func (c *Client) describe(ctx context.Context, err error) error {
	err = unwrapURLError(err)
	var (
		unknownCA x509.UnknownAuthorityError
		hostErr   x509.HostnameError
		invalid   x509.CertificateInvalidError
		verify    *tls.CertificateVerificationError
		dnsErr    *net.DNSError
		opErr     *net.OpError
	)
	switch {
	case ctx.Err() == context.Canceled || errors.Is(err, context.Canceled):
		return errors.New("canceled")
	case errors.As(err, &opErr) && opErr.Op == "dial" && isTimeout(err) && ctx.Err() == nil:
		return fmt.Errorf("connect timed out (limit %s)", c.opts.ConnectTimeout)
	case strings.Contains(err.Error(), "awaiting response headers"):
		return fmt.Errorf("timed out waiting for response headers (limit %s)", c.opts.HeaderTimeout)
	case strings.Contains(err.Error(), "TLS handshake timeout"):
		return fmt.Errorf("TLS handshake timed out (limit %s)", c.opts.TLSTimeout)
	case ctx.Err() == context.DeadlineExceeded || errors.Is(err, context.DeadlineExceeded) || isTimeout(err):
		return fmt.Errorf("timed out (limit %s)", c.opts.Timeout)
	case errors.As(err, &unknownCA):
		return errors.New("TLS certificate not trusted (signed by an unknown authority)")
	case errors.As(err, &hostErr):
		return fmt.Errorf("TLS certificate not valid for this host: %v", hostErr)
	case errors.As(err, &invalid):
		return fmt.Errorf("TLS certificate invalid: %v", invalid)
	case errors.As(err, &verify):
		return fmt.Errorf("TLS certificate rejected: %v", verify.Err)
	case errors.As(err, &dnsErr) && dnsErr.IsNotFound:
		return fmt.Errorf("unknown host %s", dnsErr.Name)
	case errors.As(err, &dnsErr):
		return fmt.Errorf("DNS lookup of %s failed: %s", dnsErr.Name, dnsErr.Err)
	}
	return err
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// unwrapURLError strips *url.Error's `Get "https://…":` prefix: callers wrap
// errors with the URL themselves.
func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

func formatSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// statusError describes a non-2xx status without trusting the server's
// reason phrase.
func statusError(code int) error {
	if t := http.StatusText(code); t != "" {
		return fmt.Errorf("HTTP %d %s", code, t)
	}
	return fmt.Errorf("HTTP %d", code)
}
