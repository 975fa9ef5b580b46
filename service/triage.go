package service

import (
	"github.com/herald-reader/herald/feed"
	"github.com/herald-reader/herald/store"
	"github.com/herald-reader/herald/triage"
)

// triage marks what the reader does with new items on arrival: the mute
// rule each matches (it is then stored read), and the hashes that find its
// story in other feeds. items and parsed are parallel.
func (s *Service) triage(items []store.NewItem, parsed []feed.Item, f store.Feed, title string) {
	if f.Title != "" {
		title = f.Title
	}
	for i := range items {
		it := &items[i]
		it.LinkHash = triage.LinkHash(it.Link)
		it.TitleHash = triage.TitleHash(it.Title)
		if len(s.Mute) == 0 {
			continue
		}
		text := parsed[i].Content
		if parsed[i].Summary != text {
			text = parsed[i].Summary + " " + text
		}
		if reason, ok := triage.Match(s.Mute, triage.Subject{Title: it.Title, Text: text,
			FeedURL: f.URL, FeedTitle: title, Tags: f.Tags}); ok {
			it.Muted = reason
		}
	}
}
