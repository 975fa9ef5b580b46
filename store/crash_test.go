package store

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestCrashChild is the writer TestKilledWriterLosesNothing kills: it is
// only run as a subprocess. After each committed write it prints a line.
func TestCrashChild(t *testing.T) {
	path := os.Getenv("HERALD_STORE_CRASH_DB")
	if path == "" {
		t.Skip("only run as a subprocess")
	}
	run := os.Getenv("HERALD_STORE_CRASH_RUN")
	ctx := context.Background()
	s, err := Open(path)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(2)
	}
	f, err := s.FeedByURL(ctx, "https://crash.example/")
	if err != nil {
		if f, err = s.AddFeed(ctx, "https://crash.example/", "Crash", nil); err != nil {
			fmt.Println("error", err)
			os.Exit(2)
		}
	}
	for round := 0; ; round++ {
		items := benchItems(round, 30, 1500, t0)
		for i := range items {
			items[i].GUID = fmt.Sprintf("%s-%d-%d", run, round, i)
		}
		if _, err := s.SaveFetch(ctx, FetchOutcome{FeedID: f.ID, Items: items}); err != nil {
			fmt.Println("error", err)
			os.Exit(2)
		}
		fmt.Printf("items %s-%d\n", run, round)
		its, err := s.Items(ctx, ItemQuery{FeedID: f.ID})
		if err != nil {
			fmt.Println("error", err)
			os.Exit(2)
		}
		var id int64
		for _, it := range its {
			if it.GUID == items[0].GUID {
				id = it.ID
			}
		}
		if err := s.SaveBookmark(ctx, Bookmark{ItemID: id, Markdown: strings.Repeat("saved text ", 500)}); err != nil {
			fmt.Println("error", err)
			os.Exit(2)
		}
		fmt.Printf("bookmark %d\n", id)
	}
}

// TestKilledWriterLosesNothing kills a writing process with SIGKILL at
// several moments and checks that the database is intact and holds every
// write the process had reported committed.
func TestKilledWriterLosesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "herald.db")
	wantItems := map[string]bool{}
	wantBookmarks := map[string]bool{}
	for run, after := range []int{1, 4, 9, 2, 15} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
		cmd.Env = append(os.Environ(), "HERALD_STORE_CRASH_DB="+path, fmt.Sprintf("HERALD_STORE_CRASH_RUN=%d", run))
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(out)
		lines := 0
		for sc.Scan() {
			line := sc.Text()
			kind, arg, _ := strings.Cut(line, " ")
			switch kind {
			case "items":
				wantItems[arg] = true
			case "bookmark":
				wantBookmarks[arg] = true
			case "error":
				t.Fatalf("child: %s", line)
			}
			lines++
			if lines == after*2-1 { // the child runs ahead of us: the kill lands anywhere
				cmd.Process.Kill()
			}
		}
		cmd.Wait()
	}
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Integrity(ctx); err != nil {
		t.Fatal(err)
	}
	f, err := s.FeedByURL(ctx, "https://crash.example/")
	if err != nil {
		t.Fatal(err)
	}
	its, err := s.Items(ctx, ItemQuery{FeedID: f.ID})
	if err != nil {
		t.Fatal(err)
	}
	perRound := map[string]int{}
	for _, it := range its {
		perRound[it.GUID[:strings.LastIndexByte(it.GUID, '-')]]++
	}
	for r := range wantItems {
		if perRound[r] != 30 {
			t.Errorf("round %s: %d of 30 items", r, perRound[r])
		}
	}
	for id := range wantBookmarks {
		var n int64
		fmt.Sscan(id, &n)
		if _, err := s.Bookmark(ctx, n); err != nil {
			t.Errorf("bookmark %s lost: %v", id, err)
		}
	}
	for r, n := range perRound {
		if n != 30 {
			t.Errorf("round %s partly stored: %d items", r, n)
		}
	}
	checkCounts(t, s)
	if n, err := s.SaveFetch(ctx, FetchOutcome{FeedID: f.ID, Items: []NewItem{{GUID: "after"}}}); err != nil || n != 1 {
		t.Fatalf("write after crashes: %d %v", n, err)
	}
	t.Logf("%d rounds, %d bookmarks reported committed; %d items stored", len(wantItems), len(wantBookmarks), len(its))
}
