package store

import (
	"sort"
	"strings"
)

// TagGroup is a tag and the feeds that carry it, in the order given.
type TagGroup struct {
	Tag     string // the first spelling met; tags differing in case are one
	FeedIDs []int64
}

// TagGroups groups feeds by tag, tags compared without case and trimmed,
// the groups sorted by tag. The reader's groups and `herald list --tag`
// both read tags this way.
func TagGroups(feeds []Feed) []TagGroup {
	at := map[string]int{}
	var out []TagGroup
	for _, f := range feeds {
		for _, t := range f.Tags {
			t = strings.TrimSpace(t)
			if t == "" {
				continue
			}
			k := strings.ToLower(t)
			i, ok := at[k]
			if !ok {
				i = len(out)
				at[k] = i
				out = append(out, TagGroup{Tag: t})
			}
			if ids := out[i].FeedIDs; len(ids) == 0 || ids[len(ids)-1] != f.ID {
				out[i].FeedIDs = append(ids, f.ID)
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return strings.ToLower(out[i].Tag) < strings.ToLower(out[j].Tag) })
	return out
}
