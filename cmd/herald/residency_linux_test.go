package main

import (
	"os"
	"strconv"
	"strings"
	"testing"
)

// rssFileKB reads RssFile (resident pages mapped from files) of this process.
func rssFileKB(t *testing.T) int {
	t.Helper()
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Skipf("no /proc: %v", err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "RssFile:" {
			n, err := strconv.Atoi(f[1])
			if err != nil {
				t.Fatalf("RssFile: %q", line)
			}
			return n
		}
	}
	t.Skip("no RssFile in /proc/self/status")
	return 0
}

// TestDropStartupPages releases the binary's resident read-only pages,
// and the process goes on running code from them (mapped back on use).
func TestDropStartupPages(t *testing.T) {
	before := rssFileKB(t)
	dropStartupPages()
	after := rssFileKB(t)
	if after >= before {
		t.Fatalf("RssFile %d KB before, %d KB after: nothing released", before, after)
	}
	// Code and data of the binary still work: a command runs.
	var out strings.Builder
	if code := run(t.Context(), []string{"--help"}, strings.NewReader(""), &out, &out); code != 0 || !strings.Contains(out.String(), "Usage:") {
		t.Fatalf("herald --help after the drop: exit %d, %q", code, out.String())
	}
	t.Logf("RssFile %d KB -> %d KB", before, after)
}

func TestParseMapping(t *testing.T) {
	m, ok := parseMapping("00400000-00e00000 r-xp 00000000 fe:00 1234   /usr/bin/herald")
	if !ok || m.lo != 0x400000 || m.hi != 0xe00000 || m.perms != "r-xp" || m.path != "/usr/bin/herald" {
		t.Fatalf("got %+v, %v", m, ok)
	}
	if m, ok := parseMapping("7ffd1000-7ffd3000 rw-p 00000000 00:00 0"); !ok || m.path != "" {
		t.Fatalf("anonymous mapping: %+v, %v", m, ok)
	}
	for _, line := range []string{"Rss:                 120 kB", "VmFlags: rd ex mr mw me", "", "zz-00 r-xp 0 0 0 /x"} {
		if _, ok := parseMapping(line); ok {
			t.Errorf("%q parsed as a mapping", line)
		}
	}
}
