package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/herald-reader/herald/demo"
	"github.com/herald-reader/herald/feed"
	"github.com/herald-reader/herald/store"
)

func newDemoCmd(a *app) *cobra.Command {
	var (
		print bool
		page  pageFlags
	)
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Try herald on embedded sample feeds (temporary database, no network)",
		Long: `Load the sample feeds built into herald (news written for this project, full
of the junk herald cleans up: repeated captions, agency credits, crossheads,
epoch dates, share widgets, tracking pixels, teasers) into a temporary
database and open the reader on them. With --print, or when stdout is not a
terminal, every article is printed instead: styled on a terminal, as its
cleaned Markdown to a pipe or with --plain. Your own database is not touched.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			dir, err := os.MkdirTemp("", "herald-demo-")
			if err != nil {
				return fmt.Errorf("demo: %w", err)
			}
			defer os.RemoveAll(dir)
			st, err := store.Open(filepath.Join(dir, "demo.db"))
			if err != nil {
				return fmt.Errorf("demo: %w", err)
			}
			defer st.Close()
			svc := a.newService(st)
			// The sample feeds live at made-up addresses: the demo never
			// touches the network (r/R, s and f say so instead of looking
			// the hosts up).
			svc.Client = feed.NewClient(feed.Options{Offline: true})
			// Their pictures are embedded too; any other image is refused.
			svc.Images = demo.Pictures{}
			if _, err := demo.Load(ctx, svc); err != nil {
				return err
			}
			if !print && !page.plain && !page.styled && tuiAvailable && isTerminal(a.stdout) {
				return a.startTUI(ctx, svc, "herald demo")
			}
			items, err := st.Items(ctx, store.ItemQuery{})
			if err != nil {
				return fmt.Errorf("demo: %w", err)
			}
			for i, it := range items {
				if i > 0 {
					fmt.Fprintln(a.stdout)
				}
				fmt.Fprintln(a.stdout, strings.Repeat("=", 72))
				fmt.Fprintln(a.stdout, itemLine(it))
				fmt.Fprintln(a.stdout, strings.Repeat("=", 72))
				_, md, err := svc.Article(ctx, it.ID)
				if err != nil {
					return err
				}
				if err := a.printMarkdown(ctx, svc, md, page); err != nil {
					return err
				}
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&print, "print", false, "print the cleaned articles instead of opening the reader")
	page.add(cmd) // --plain and --styled imply --print
	addImagesFlag(cmd, a)
	return cmd
}
