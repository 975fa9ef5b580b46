//go:build unix

// Package cputime reads the CPU time the process has used, for the
// benchmarks: on a shared machine it says more than the wall clock.
package cputime

import (
	"syscall"
	"time"
)

// Used returns the user and system CPU time the process has used so far,
// or 0 when it cannot be read.
func Used() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
