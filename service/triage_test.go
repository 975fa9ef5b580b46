package service

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/herald-reader/herald/store"
	"github.com/herald-reader/herald/triage"
)

// triageNow is the fixed time triage tests refresh at: every item they
// serve is dated before it, so an item sorts by its own date.
var triageNow = time.Date(2026, 3, 20, 12, 0, 0, 0, time.UTC)

// storyItem is an RSS item with a date, for the duplicate tests; extra is
// raw XML inside the item (an enclosure, an itunes:duration).
type storyItem struct {
	guid, title, link, body, extra string
	date                           time.Time
}

func (it storyItem) xml() string {
	s := `<item><guid isPermaLink="false">` + it.guid + `</guid><title>` + it.title + `</title>`
	if it.link != "" {
		s += `<link>` + it.link + `</link>`
	}
	if !it.date.IsZero() {
		s += `<pubDate>` + it.date.Format(time.RFC1123Z) + `</pubDate>`
	}
	return s + `<description><![CDATA[` + it.body + `]]></description>` + it.extra + `</item>`
}

// storyDoc is an RSS document of storyItems, with the iTunes namespace.
func storyDoc(title string, items ...storyItem) string {
	var b strings.Builder
	b.WriteString(`<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"><channel><title>` +
		title + `</title><link>https://site.test/</link>`)
	for _, it := range items {
		b.WriteString(it.xml())
	}
	b.WriteString(`</channel></rss>`)
	return b.String()
}

// triageService is newService at triageNow, muting with rules.
func triageService(t *testing.T, rules ...string) *Service {
	t.Helper()
	s := newService(t)
	s.Now = func() time.Time { return triageNow }
	if len(rules) > 0 {
		var err error
		if s.Mute, err = triage.ParseRules(rules); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

// addFeed subscribes to url with tags and refreshes that feed alone.
func addFeed(t *testing.T, s *Service, url string, tags ...string) store.Feed {
	t.Helper()
	ctx := context.Background()
	f, err := s.Store.AddFeed(ctx, url, "", tags)
	if err != nil {
		t.Fatal(err)
	}
	sum, err := s.Refresh(ctx, []string{url}, nil)
	if err != nil || sum.Failed != 0 {
		t.Fatalf("refresh %s: %+v, %v", url, sum, err)
	}
	if f, err = s.Store.Feed(ctx, f.ID); err != nil {
		t.Fatal(err)
	}
	return f
}

// byTitle returns the items of q by title (each title once in these tests).
func byTitle(t *testing.T, s *Service, q store.ItemQuery) map[string]store.Item {
	t.Helper()
	list, err := s.Store.Items(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]store.Item{}
	for _, it := range list {
		out[it.Title] = it
	}
	return out
}

// feedUnread reads a feed's unread and total counts.
func feedUnread(t *testing.T, s *Service, id int64) (unread, total int) {
	t.Helper()
	f, err := s.Store.Feed(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return f.Unread, f.Total
}

func TestRefreshMutesOnArrival(t *testing.T) {
	ctx := context.Background()
	day := triageNow.Add(-24 * time.Hour)
	srv, _ := server(t, map[string]string{
		"/harbour.xml": storyDoc("Harbour News",
			storyItem{guid: "h1", title: "Sponsored: new ferry tickets", body: "<p>Buy them now.</p>", date: day},
			storyItem{guid: "h2", title: "Boat show opens", body: "<p>This post is <b>sponsored</b> by the marina.</p>", date: day.Add(-time.Hour)},
			storyItem{guid: "h3", title: "A kiosk at the pier", body: "<p>It sells Crypto tokens to tourists.</p>", date: day.Add(-2 * time.Hour)},
			storyItem{guid: "h4", title: "Giveaway at the fish market", body: "<p>Free herring.</p>", date: day.Add(-3 * time.Hour)},
		),
		"/tech.xml": storyDoc("Tech Daily",
			storyItem{guid: "t1", title: "Crypto exchange outage", body: "<p>Down for hours.</p>", date: day},
			storyItem{guid: "t2", title: "Laptops to win", body: "<p>Our big giveaway\nthis week.</p>", date: day.Add(-time.Hour)},
			storyItem{guid: "t3", title: "Sponsored content policy", body: "<p>Why we label ads.</p>", date: day.Add(-2 * time.Hour)},
		),
	})
	s := triageService(t, "title:sponsored", "feed:harbour crypto", "tag:tech giveaway")
	harbour := addFeed(t, s, srv.URL+"/harbour.xml")
	tech := addFeed(t, s, srv.URL+"/tech.xml", "Tech")

	want := map[string]string{ // title → mute reason ("" = not muted)
		"Sponsored: new ferry tickets": "title:sponsored",
		"Boat show opens":              "", // title: rules do not read the body
		"A kiosk at the pier":          "feed:harbour crypto",
		"Giveaway at the fish market":  "", // the feed is not tagged tech
		"Crypto exchange outage":       "", // not the harbour feed
		"Laptops to win":               "tag:tech giveaway",
		"Sponsored content policy":     "title:sponsored",
	}
	all := byTitle(t, s, store.ItemQuery{})
	if len(all) != len(want) {
		t.Fatalf("stored %d items, want %d: %v", len(all), len(want), all)
	}
	for title, reason := range want {
		it := all[title]
		if it.Muted != reason || it.Read != (reason != "") {
			t.Errorf("%q: muted %q, read %v; want muted %q, read %v", title, it.Muted, it.Read, reason, reason != "")
		}
	}
	muted := byTitle(t, s, store.ItemQuery{Muted: true})
	if len(muted) != 4 {
		t.Errorf("Muted query lists %d items, want 4: %v", len(muted), muted)
	}
	if u, n := feedUnread(t, s, harbour.ID); u != 2 || n != 4 {
		t.Errorf("harbour counts = %d/%d unread, want 2/4", u, n)
	}
	if u, n := feedUnread(t, s, tech.ID); u != 1 || n != 3 {
		t.Errorf("tech counts = %d/%d unread, want 1/3", u, n)
	}
	if n, err := s.Store.CountItems(ctx, store.ItemQuery{Unread: true}); err != nil || n != 3 {
		t.Errorf("unread items = %d, %v; want 3", n, err)
	}

	// The mute was decided on arrival: a later refresh keeps it, and a
	// service without rules leaves new items alone.
	if _, err := s.Refresh(ctx, nil, nil); err != nil {
		t.Fatal(err)
	}
	if it := byTitle(t, s, store.ItemQuery{})["A kiosk at the pier"]; it.Muted != "feed:harbour crypto" || !it.Read {
		t.Errorf("after a second refresh: %+v", it)
	}
	plain := triageService(t)
	addFeed(t, plain, srv.URL+"/tech.xml", "tech")
	if muted := byTitle(t, plain, store.ItemQuery{Muted: true}); len(muted) != 0 {
		t.Errorf("muted without rules: %v", muted)
	}
}

func TestDuplicatesAcrossFeeds(t *testing.T) {
	ctx := context.Background()
	d := time.Date(2026, 3, 10, 8, 0, 0, 0, time.UTC)
	const (
		bridge  = "Council approves the new harbour bridge"
		storm   = "Storm closes the northern ferry route for a week"
		library = "Library reopens after a long renovation project"
		weekly  = "Weekly links"
	)
	srv, _ := server(t, map[string]string{
		"/a.xml": storyDoc("Alpha",
			storyItem{guid: "a1", title: bridge, link: "https://news.test/2026/bridge", body: "<p>Alpha on the bridge.</p>", date: d},
			storyItem{guid: "a2", title: storm, link: "https://alpha.test/storm", body: "<p>Alpha on the storm.</p>", date: d},
			storyItem{guid: "a3", title: library, link: "https://alpha.test/library", body: "<p>Alpha on books.</p>", date: d},
			storyItem{guid: "a4", title: weekly, link: "https://alpha.test/links-10", body: "<p>Alpha's links.</p>", date: d},
		),
		"/b.xml": storyDoc("Beta",
			// The same link, with tracking parameters, www. and a slash.
			storyItem{guid: "b1", title: "Bridge approved", body: "<p>Beta on the bridge.</p>", date: d.Add(time.Hour),
				link: "http://www.news.test/2026/bridge/?utm_source=rss&amp;utm_medium=feed"},
			// The same long title, a day and a half later.
			storyItem{guid: "b2", title: "Storm closes the Northern ferry route — for a week!", link: "https://beta.test/storm",
				body: "<p>Beta on the storm.</p>", date: d.Add(36 * time.Hour)},
			// The same long title three days later: another story.
			storyItem{guid: "b3", title: library, link: "https://beta.test/library", body: "<p>Beta on books.</p>", date: d.Add(72 * time.Hour)},
			// A generic title never makes a story.
			storyItem{guid: "b4", title: weekly, link: "https://beta.test/links-10", body: "<p>Beta's links.</p>", date: d.Add(time.Hour)},
		),
		"/c.xml": storyDoc("Gamma",
			storyItem{guid: "c1", title: "Bridge vote", link: "https://news.test/2026/bridge#comments", body: "<p>Gamma on the bridge.</p>", date: d.Add(2 * time.Hour)},
		),
	})
	s := triageService(t)
	a := addFeed(t, s, srv.URL+"/a.xml")
	b := addFeed(t, s, srv.URL+"/b.xml")
	inA := byTitle(t, s, store.ItemQuery{FeedID: a.ID})
	inB := byTitle(t, s, store.ItemQuery{FeedID: b.ID})

	for _, c := range []struct {
		a, b string
		dup  bool
	}{
		{bridge, "Bridge approved", true},
		{storm, "Storm closes the Northern ferry route — for a week!", true},
		{library, library, false},
		{weekly, weekly, false},
	} {
		ia, ib := inA[c.a], inB[c.b]
		if ia.ID == 0 || ib.ID == 0 {
			t.Fatalf("missing items %q / %q: %v %v", c.a, c.b, inA, inB)
		}
		if ia.DupOf != 0 {
			t.Errorf("%q in A (first) has DupOf %d", c.a, ia.DupOf)
		}
		if got := ib.DupOf == ia.ID; got != c.dup {
			t.Errorf("%q in B: DupOf = %d, A's item %d; duplicate %v, want %v", c.b, ib.DupOf, ia.ID, got, c.dup)
		}
	}

	// All unread, collapsed, lists each story once.
	list, err := s.Store.Items(ctx, store.ItemQuery{Unread: true, Collapse: true})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, it := range list {
		got = append(got, it.FeedTitle+": "+it.Title)
	}
	slices.Sort(got)
	wantList := []string{"Alpha: " + bridge, "Alpha: " + library, "Alpha: " + storm, "Alpha: " + weekly,
		"Beta: " + library, "Beta: " + weekly}
	if !slices.Equal(got, wantList) {
		t.Errorf("collapsed unread =\n%q\nwant\n%q", got, wantList)
	}
	if n, err := s.Store.CountItems(ctx, store.ItemQuery{Unread: true, Collapse: true}); err != nil || n != len(wantList) {
		t.Errorf("collapsed count = %d, %v; want %d", n, err, len(wantList))
	}

	// Reading one copy reads the story in both feeds, and both counts.
	if err := s.Store.SetRead(ctx, true, inB["Bridge approved"].ID); err != nil {
		t.Fatal(err)
	}
	if it, _ := s.Store.Item(ctx, inA[bridge].ID); !it.Read {
		t.Errorf("reading B's copy left A's item unread")
	}
	if u, _ := feedUnread(t, s, a.ID); u != 3 {
		t.Errorf("A unread = %d, want 3", u)
	}
	if u, _ := feedUnread(t, s, b.ID); u != 3 {
		t.Errorf("B unread = %d, want 3", u)
	}

	// A copy arriving after the story was read arrives read (and is not
	// counted unread); the fragment does not make it another story.
	c := addFeed(t, s, srv.URL+"/c.xml")
	it := byTitle(t, s, store.ItemQuery{FeedID: c.ID})["Bridge vote"]
	if it.DupOf != inA[bridge].ID || !it.Read {
		t.Errorf("late copy: DupOf %d (want %d), read %v (want true)", it.DupOf, inA[bridge].ID, it.Read)
	}
	if u, n := feedUnread(t, s, c.ID); u != 0 || n != 1 {
		t.Errorf("C counts = %d/%d unread, want 0/1", u, n)
	}
	if copies, err := s.Store.Copies(ctx, it.ID); err != nil || len(copies) != 2 {
		t.Errorf("copies of the late copy = %v, %v; want A's and B's", copies, err)
	}
}

func TestDuplicatesInOneRefresh(t *testing.T) {
	// Both feeds fetched and saved by the same refresh, in either order.
	ctx := context.Background()
	d := time.Date(2026, 3, 10, 8, 0, 0, 0, time.UTC)
	const title = "Harbour master retires after forty years at sea"
	srv, _ := server(t, map[string]string{
		"/a.xml": storyDoc("Alpha", storyItem{guid: "a1", title: title, link: "https://alpha.test/hm", body: "<p>A.</p>", date: d}),
		"/b.xml": storyDoc("Beta", storyItem{guid: "b1", title: title, link: "https://beta.test/hm", body: "<p>B.</p>", date: d.Add(time.Hour)}),
	})
	s := triageService(t)
	for _, p := range []string{"/a.xml", "/b.xml"} {
		if _, err := s.Store.AddFeed(ctx, srv.URL+p, "", nil); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.Refresh(ctx, nil, nil); err != nil {
		t.Fatal(err)
	}
	list, err := s.Store.Items(ctx, store.ItemQuery{})
	if err != nil || len(list) != 2 {
		t.Fatalf("items = %v, %v", list, err)
	}
	x, y := list[0], list[1]
	if (x.DupOf == y.ID) == (y.DupOf == x.ID) {
		t.Errorf("want exactly one a copy of the other: %d→%d, %d→%d", x.ID, x.DupOf, y.ID, y.DupOf)
	}
	if n, _ := s.Store.CountItems(ctx, store.ItemQuery{Unread: true, Collapse: true}); n != 1 {
		t.Errorf("collapsed unread = %d, want 1", n)
	}
}

func TestPodcastMedia(t *testing.T) {
	ctx := context.Background()
	d := time.Date(2026, 3, 10, 8, 0, 0, 0, time.UTC)
	const (
		ep12 = "https://cdn.test/tides/ep12.mp3"
		ep13 = "https://cdn.test/tides/ep13.mp3"
		vid  = "https://cdn.test/tides/dock.mp4"
		ep14 = "https://cdn.test/tides/ep14_(final).mp3"
	)
	srv, _ := server(t, map[string]string{
		"/pod.xml": storyDoc("Tide Talk",
			storyItem{guid: "p12", title: "Episode 12: spring tides", date: d,
				body:  "<p>We talk about spring tides with a harbour pilot.</p>",
				extra: `<enclosure url="` + ep12 + `" length="47185920" type="audio/mpeg"/><itunes:duration>1:02:03</itunes:duration>`},
			storyItem{guid: "p13", title: "Episode 13: neap tides", date: d.Add(-time.Hour),
				body:  `<p>Neap tides, explained.</p><p><a href="` + ep13 + `">Download the episode</a></p>`,
				extra: `<enclosure url="` + ep13 + `" length="1000" type="audio/mpeg"/>`},
			// Linked in the article, where parentheses are escaped.
			storyItem{guid: "p14", title: "Episode 14: king tides", date: d.Add(-90 * time.Minute),
				body:  `<p>King tides.</p><p><a href="` + ep14 + `">Download the episode</a></p>`,
				extra: `<enclosure url="` + ep14 + `" length="1000" type="audio/mpeg"/>`},
			storyItem{guid: "v1", title: "Video: the dock at dawn", date: d.Add(-2 * time.Hour),
				body:  "<p>Two minutes of the dock.</p>",
				extra: `<enclosure url="` + vid + `" length="0" type="video/mp4"/><itunes:duration>125</itunes:duration>`},
		),
	})
	s := triageService(t)
	f := addFeed(t, s, srv.URL+"/pod.xml")
	items := byTitle(t, s, store.ItemQuery{FeedID: f.ID})

	it, err := s.Store.Item(ctx, items["Episode 12: spring tides"].ID)
	if err != nil {
		t.Fatal(err)
	}
	if it.MediaURL != ep12 || it.MediaType != "audio/mpeg" || it.MediaSize != 47185920 || it.MediaDuration != 3723 {
		t.Errorf("stored media = %q %q %d %d", it.MediaURL, it.MediaType, it.MediaSize, it.MediaDuration)
	}
	const audio = "**Audio:** " + ep12 + " (audio/mpeg, 45 MB, 1:02:03)"
	for i := range 2 { // the second time from the cached Markdown
		_, md, err := s.Article(ctx, it.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasSuffix(strings.TrimRight(md, "\n"), "\n\n"+audio) || strings.Count(md, ep12) != 1 {
			t.Errorf("article %d does not end with %q once:\n%s", i, audio, md)
		}
		if !strings.Contains(md, "harbour pilot") {
			t.Errorf("article %d lost its text:\n%s", i, md)
		}
	}

	// The article links the file already: it is not repeated.
	for _, title := range []string{"Episode 13: neap tides", "Episode 14: king tides"} {
		it, md, err := s.Article(ctx, items[title].ID)
		if err != nil {
			t.Fatal(err)
		}
		if it.MediaURL == "" || strings.Contains(md, "**Audio:**") || !strings.Contains(md, "Download the episode") {
			t.Errorf("%s: media %q; a linked enclosure was repeated:\n%s", title, it.MediaURL, md)
		}
	}

	_, md, err := s.Article(ctx, items["Video: the dock at dawn"].ID)
	if err != nil {
		t.Fatal(err)
	}
	if want := "**Video:** " + vid + " (video/mp4, 2:05)"; !strings.HasSuffix(strings.TrimRight(md, "\n"), want) {
		t.Errorf("video article does not end with %q:\n%s", want, md)
	}
}

func TestFeedRuleDoesNotMuteCopiesElsewhere(t *testing.T) {
	// A story muted in one feed by a feed: rule is not muted, nor read, in
	// another feed the rule does not cover; once read there, later copies
	// arrive read.
	ctx := context.Background()
	d := time.Date(2026, 3, 10, 8, 0, 0, 0, time.UTC)
	const link = "https://news.test/crypto-kiosk"
	srv, _ := server(t, map[string]string{
		"/harbour.xml": storyDoc("Harbour News",
			storyItem{guid: "h1", title: "Crypto kiosk opens on the pier", link: link, body: "<p>Tokens for tourists.</p>", date: d}),
		"/tech.xml": storyDoc("Tech Daily",
			storyItem{guid: "t1", title: "A kiosk for tokens", link: link + "?utm_source=tech", body: "<p>Tokens.</p>", date: d.Add(time.Hour)}),
		"/town.xml": storyDoc("Town Crier",
			storyItem{guid: "c1", title: "Pier kiosk", link: link, body: "<p>Tokens again.</p>", date: d.Add(2 * time.Hour)}),
	})
	s := triageService(t, "feed:harbour crypto")
	harbour := addFeed(t, s, srv.URL+"/harbour.xml")
	tech := addFeed(t, s, srv.URL+"/tech.xml")

	h := byTitle(t, s, store.ItemQuery{FeedID: harbour.ID})["Crypto kiosk opens on the pier"]
	if h.Muted != "feed:harbour crypto" || !h.Read {
		t.Fatalf("harbour item: muted %q, read %v", h.Muted, h.Read)
	}
	c := byTitle(t, s, store.ItemQuery{FeedID: tech.ID})["A kiosk for tokens"]
	if c.DupOf != h.ID || c.Read || c.Muted != "" {
		t.Errorf("tech copy: DupOf %d (want %d), read %v, muted %q; want it unread", c.DupOf, h.ID, c.Read, c.Muted)
	}
	if u, _ := feedUnread(t, s, tech.ID); u != 1 {
		t.Errorf("tech unread = %d, want 1", u)
	}
	if n, _ := s.Store.CountItems(ctx, store.ItemQuery{Unread: true, Collapse: true}); n != 1 {
		t.Errorf("collapsed unread = %d, want the tech copy", n)
	}

	// Read in the tech feed: a third copy arrives read.
	if err := s.Store.SetRead(ctx, true, c.ID); err != nil {
		t.Fatal(err)
	}
	town := addFeed(t, s, srv.URL+"/town.xml")
	if it := byTitle(t, s, store.ItemQuery{FeedID: town.ID})["Pier kiosk"]; it.DupOf != h.ID || !it.Read {
		t.Errorf("town copy after the story was read: DupOf %d, read %v; want %d, read", it.DupOf, it.Read, h.ID)
	}
}
