//go:build !linux

package main

// dropStartupPages does nothing outside Linux (see residency_linux.go).
func dropStartupPages() {}
