// Package triage decides which feed items a reader sees, sees once, and how
// long each takes to read.
//
//   - Mute rules (ParseRules, Match) hide items that mention a word or
//     phrase the reader never wants to see, optionally only in titles, only
//     from some feeds or only from feeds with some tag.
//   - Duplicate keys (LinkHash, TitleHash) recognise the same story arriving
//     from several feeds, by its canonical link or by a specific enough title.
//     The hashes are stored, so they never change between versions.
//   - ReadingMinutes estimates the reading time of an article's Markdown.
//
// Everything here is pure: no I/O, no state, safe for concurrent use, and no
// input makes it panic.
package triage
