package main

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"syscall"
)

// dropStartupPages releases herald's own code and read-only data from the
// process's resident set once package initialisation is over (issue 15).
//
// Initialisation runs in every command and touches code and tables of
// every package linked in — the HTML, Markdown and terminal libraries of
// the reader included, in a refresh too — and the kernel maps the binary
// 64 KB around each page touched, so about 2.5 MB of the binary stays
// counted in the resident set of a refresh for code it never runs again.
// MADV_DONTNEED on the binary's read-only mappings unmaps those pages
// (they stay in the kernel's page cache, shared and clean); what the
// command then runs is mapped back on first use, from that cache.
//
// Only mappings of the executable that are not writable and hold no
// private copies (a debugger's breakpoints) are released: their content
// is the file's, so nothing is lost.
func dropStartupPages() {
	exe, err := os.Readlink("/proc/self/exe")
	if err != nil {
		return
	}
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		return
	}
	defer f.Close()
	var cand *mapping
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if m, ok := parseMapping(line); ok {
			cand = nil
			if m.path == exe && !strings.Contains(m.perms, "w") {
				cand = &m
			}
			continue
		}
		// Anonymous: the mapping's private (copied-on-write) pages; it
		// comes after the mapping's line, before the next one.
		if cand != nil && strings.HasPrefix(line, "Anonymous:") {
			if fields := strings.Fields(line); len(fields) >= 2 && fields[1] == "0" {
				// Addresses of a mapping outside the Go heap: uintptr
				// arguments, no Go pointers.
				_, _, _ = syscall.Syscall(syscall.SYS_MADVISE, cand.lo, cand.hi-cand.lo, syscall.MADV_DONTNEED)
			}
			cand = nil
		}
	}
}

// mapping is one line of /proc/self/maps (or smaps).
type mapping struct {
	lo, hi uintptr
	perms  string
	path   string
}

// parseMapping parses "lo-hi perms offset dev inode path".
func parseMapping(line string) (mapping, bool) {
	fields := strings.Fields(line)
	if len(fields) < 5 || strings.HasSuffix(fields[0], ":") {
		return mapping{}, false
	}
	lo, hi, ok := strings.Cut(fields[0], "-")
	if !ok {
		return mapping{}, false
	}
	l, err1 := strconv.ParseUint(lo, 16, 64)
	h, err2 := strconv.ParseUint(hi, 16, 64)
	if err1 != nil || err2 != nil || h <= l {
		return mapping{}, false
	}
	m := mapping{lo: uintptr(l), hi: uintptr(h), perms: fields[1]}
	if len(fields) >= 6 {
		m.path = fields[5]
	}
	return m, true
}
