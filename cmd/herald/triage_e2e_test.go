package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// config writes the environment's config.toml.
func (e *env) config(toml string) {
	e.t.Helper()
	dir := filepath.Join(e.dir, "xdg-config", "herald")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		e.t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "config.toml"), []byte(toml), 0o644); err != nil {
		e.t.Fatal(err)
	}
}

// fails runs herald, wants a non-zero exit, and returns its stderr.
func (e *env) fails(args ...string) string {
	e.t.Helper()
	r := e.run("", args...)
	if r.code == 0 {
		e.t.Fatalf("herald %s: exit 0, want a failure\nstdout:\n%s", strings.Join(args, " "), r.stdout)
	}
	return r.stderr
}

func TestTagsAndListByTag(t *testing.T) {
	e := newEnv(t)
	srv := newFeedServer(t, map[string]route{
		"/quay.xml": {contentType: rssType, body: rss("Quay Notes",
			rssItem{Title: "Crane lifts the last span", GUID: "q1", Date: "Mon, 02 Mar 2026 08:00:00 +0000",
				Description: "<p>The last span is in place.</p>"})},
		"/moor.xml": {contentType: rssType, body: rss("Moor Walks",
			rssItem{Title: "Heather in bloom", GUID: "m1", Date: "Tue, 03 Mar 2026 08:00:00 +0000",
				Description: "<p>The moor is purple.</p>"})},
	})
	quay, moor := srv.URL+"/quay.xml", srv.URL+"/moor.xml"
	e.ok("add", quay)
	e.ok("add", moor)
	e.ok("refresh")

	if out := e.ok("tag", "--help"); !strings.Contains(out, "Usage:") || !strings.Contains(out, "--clear") {
		t.Errorf("tag --help:\n%s", out)
	}
	if out := e.ok("tag", quay, "harbour", "local news"); out != "" {
		t.Errorf("tag with tags printed %q", out)
	}
	if got, want := e.ok("tag", quay), "harbour\nlocal news\n"; got != want {
		t.Errorf("tag URL = %q, want %q", got, want)
	}
	if got := e.ok("tag", moor); got != "" {
		t.Errorf("tags of an untagged feed = %q", got)
	}
	feeds := e.ok("feeds")
	for _, line := range strings.Split(strings.TrimSpace(feeds), "\n") {
		tagged := strings.Contains(line, "  [harbour, local news]")
		if strings.Contains(line, quay) != tagged {
			t.Errorf("feeds line %q: tags shown %v, want them on the quay feed only", line, tagged)
		}
	}

	// list --tag: only the tagged feed's items, whatever the case.
	out := e.ok("list", "--tag", "Harbour")
	if len(ids(t, out)) != 1 || !strings.Contains(out, "Crane lifts the last span") {
		t.Errorf("list --tag Harbour:\n%s", out)
	}
	if stderr := e.fails("list", "--tag", "nosuch"); !strings.Contains(stderr, `no feed is tagged "nosuch"`) {
		t.Errorf("list --tag nosuch: stderr %q", stderr)
	}
	if stderr := e.fails("list", "--tag", "harbour", "--feed", moor); !strings.Contains(stderr, "[feed tag]") {
		t.Errorf("list --tag with --feed: stderr %q", stderr)
	}

	// Errors say what is wrong.
	unknown := srv.URL + "/nowhere.xml"
	if stderr := e.fails("tag", unknown, "x"); !strings.Contains(stderr, "not subscribed: "+unknown) {
		t.Errorf("tag of an unknown URL: stderr %q", stderr)
	}
	if stderr := e.fails("tag", "--clear", quay, "x"); !strings.Contains(stderr, "--clear takes no tags") {
		t.Errorf("tag --clear with tags: stderr %q", stderr)
	}
	if got := e.ok("tag", quay); got != "harbour\nlocal news\n" {
		t.Errorf("a failed tag command changed the tags: %q", got)
	}

	e.ok("tag", "--clear", quay)
	if got := e.ok("tag", quay); got != "" {
		t.Errorf("tags after --clear = %q", got)
	}
	if strings.Contains(e.ok("feeds"), "[harbour") {
		t.Errorf("feeds still shows the cleared tags")
	}
	if stderr := e.fails("list", "--tag", "harbour"); !strings.Contains(stderr, `no feed is tagged "harbour"`) {
		t.Errorf("list --tag of a cleared tag: stderr %q", stderr)
	}
}

// podcast is an RSS feed with one audio episode.
func podcast(title, audioURL string) string {
	return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"><channel>
<title>` + title + `</title><link>https://pod.test/</link><description>a podcast</description>
<item><title>Episode 7: the lighthouse keeper</title><guid isPermaLink="false">ep7</guid>
<pubDate>Wed, 04 Mar 2026 06:00:00 +0000</pubDate>
<description><![CDATA[<p>An hour with the last lighthouse keeper of the coast.</p>]]></description>
<enclosure url="` + audioURL + `" length="31457280" type="audio/mpeg"/>
<itunes:duration>52:10</itunes:duration></item>
</channel></rss>
`
}

func TestMuteRulesAndMedia(t *testing.T) {
	e := newEnv(t)
	// One bad rule among good ones: it is named, the others apply.
	e.config(`mute = ["foo:bar baz", "title:sponsored", "feed:\"Sea Shanty\" chandlery"]` + "\n")
	const audio = "https://cdn.test/pod/ep7.mp3"
	srv := newFeedServer(t, map[string]route{
		"/news.xml": {contentType: rssType, body: rss("Coast Gazette",
			rssItem{Title: "Sponsored: the best ropes of 2026", GUID: "n1", Date: "Mon, 02 Mar 2026 08:00:00 +0000",
				Description: "<p>Ropes, ropes, ropes.</p>"},
			rssItem{Title: "Lifeboat crew honoured", GUID: "n2", Date: "Mon, 02 Mar 2026 09:00:00 +0000",
				Description: "<p>The ceremony was sponsored by the chandlery.</p>"})},
		"/pod.xml": {contentType: rssType, body: podcast("Sea Shanty Hour", audio)},
	})
	news, pod := srv.URL+"/news.xml", srv.URL+"/pod.xml"

	r := e.run("", "add", news)
	if r.code != 0 || !strings.Contains(r.stderr, `"foo:bar baz"`) || !strings.Contains(r.stderr, `unknown prefix "foo:"`) {
		t.Errorf("a bad mute rule should be named on stderr: %+v", r)
	}
	if strings.Contains(r.stderr, "title:sponsored") {
		t.Errorf("a good rule was reported as bad: %q", r.stderr)
	}
	e.ok("add", pod)
	e.ok("refresh")

	out := e.ok("list", "--muted")
	if len(ids(t, out)) != 1 || !strings.HasSuffix(strings.TrimSpace(out), "Sponsored: the best ropes of 2026  [muted: title:sponsored]") {
		t.Errorf("list --muted:\n%s", out)
	}
	out = e.ok("list", "--unread")
	if strings.Contains(out, "Sponsored") || !strings.Contains(out, "Lifeboat crew honoured") {
		t.Errorf("list --unread shows the muted item, or hides the one that only mentions it in the body:\n%s", out)
	}
	if !strings.Contains(e.ok("feeds"), news+"  1/2 unread") {
		t.Errorf("feeds should count the muted item read:\n%s", e.ok("feeds"))
	}

	// The podcast: marked in the list, its file under the article.
	out = e.ok("list", "--feed", pod)
	line := strings.TrimSpace(out)
	if !strings.HasSuffix(line, "Episode 7: the lighthouse keeper  [unread]  [audio]") {
		t.Errorf("list line of an episode = %q, want it to end with [audio]", line)
	}
	md := e.ok("show", idOf(t, out, "Episode 7"), "--plain")
	if want := "**Audio:** " + audio + " (audio/mpeg, 30 MB, 52:10)"; lastLine(md) != want {
		t.Errorf("show --plain ends with %q, want %q:\n%s", lastLine(md), want, md)
	}
	if !strings.Contains(md, "last lighthouse keeper") {
		t.Errorf("show --plain lost the text:\n%s", md)
	}
}
