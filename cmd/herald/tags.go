package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/herald-reader/herald/sanitize"
	"github.com/herald-reader/herald/service"
	"github.com/herald-reader/herald/store"
)

func newTagCmd(a *app) *cobra.Command {
	var clear bool
	cmd := &cobra.Command{
		Use:   "tag URL [TAG…]",
		Short: "Show or set a feed's tags (its groups in the reader)",
		Long: `With tags, replace the tags of the feed subscribed at URL; with none,
print them, one a line. --clear removes them all. Tags group feeds in the
reader's feed list and make virtual feeds there; herald list --tag T lists
the items of the feeds tagged T. OPML folders and urls-file tags become
tags on import.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			svc, err := a.service()
			if err != nil {
				return err
			}
			url := strings.TrimSpace(args[0])
			f, err := svc.Store.FeedByURL(cmd.Context(), url)
			if errors.Is(err, store.ErrNotFound) {
				return fmt.Errorf("not subscribed: %s (see herald feeds)", sanitize.Line(url))
			}
			if err != nil {
				return fmt.Errorf("tag: %w", err)
			}
			tags := args[1:]
			switch {
			case clear && len(tags) > 0:
				return errors.New("tag: --clear takes no tags")
			case !clear && len(tags) == 0:
				for _, t := range f.Tags {
					fmt.Fprintln(a.stdout, sanitize.Line(t))
				}
				return nil
			}
			for _, t := range tags {
				if sanitize.HasControl(t) || strings.TrimSpace(t) == "" {
					return fmt.Errorf("tag: %q is not a tag (empty, or control characters)", sanitize.Line(t))
				}
			}
			if err := svc.Store.SetTags(cmd.Context(), f.ID, tags); err != nil {
				return fmt.Errorf("tag: %w", err)
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&clear, "clear", false, "remove every tag of the feed")
	return cmd
}

// tagFeeds returns the ids of the feeds tagged tag, compared as the
// reader's groups compare tags (store.TagGroups).
func tagFeeds(cmd *cobra.Command, svc *service.Service, tag string) ([]int64, error) {
	feeds, err := svc.Store.Feeds(cmd.Context())
	if err != nil {
		return nil, err
	}
	for _, g := range store.TagGroups(feeds) {
		if strings.EqualFold(g.Tag, strings.TrimSpace(tag)) {
			return g.FeedIDs, nil
		}
	}
	return nil, fmt.Errorf("no feed is tagged %q (see herald feeds)", sanitize.Line(tag))
}
