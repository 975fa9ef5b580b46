//go:build !unix

package minifluxtest

// lock does nothing where there is no flock: test binaries sharing one
// server must then be run one at a time (go test -p 1).
func lock(string) error { return nil }
