//go:build race

package main

// raceEnabled is true under the race detector, which makes the clean-up and
// SQLite about ten times slower.
const raceEnabled = true
