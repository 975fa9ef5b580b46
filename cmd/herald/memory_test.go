package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestHugeFeedsBoundedMemory: three feeds of a million empty items each (7
// MB apiece), refreshed alongside ordinary feeds, keep their newest 3000
// items, say so in `herald feeds`, and the whole refresh stays under 200 MB
// peak RSS (before the item cap, one such feed took about 1 GB). Empty
// items are all alike, so each huge feed stores one.
func TestHugeFeedsBoundedMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("three 7 MB feeds")
	}
	e := newEnv(t)
	huge := map[string]string{
		"/rss.xml":   `<?xml version="1.0"?><rss version="2.0"><channel><title>Million RSS</title>` + strings.Repeat("<item/>", 1_000_000) + `</channel></rss>`,
		"/atom.xml":  `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Million Atom</title>` + strings.Repeat("<entry/>", 1_000_000) + `</feed>`,
		"/feed.json": `{"version":"https://jsonfeed.org/version/1.1","title":"Million JSON","items":[{}` + strings.Repeat(",{}", 999_999) + `]}`,
	}
	routes := map[string]route{}
	for p, body := range huge {
		routes[p] = route{contentType: "application/xml", body: body}
	}
	var urls []string
	for i := range 20 {
		p := fmt.Sprintf("/ok%d.xml", i)
		routes[p] = route{contentType: rssType, body: rss(fmt.Sprint("Ordinary ", i),
			rssItem{Title: fmt.Sprint("Story ", i), GUID: fmt.Sprint("s", i), Description: "<p>Fine.</p>"})}
	}
	srv := newFeedServer(t, routes)
	for p := range routes {
		urls = append(urls, srv.URL+p)
	}
	e.ok("import", writeFile(t, e.dir, "urls", strings.Join(urls, "\n")))

	cmd := exec.Command(heraldBin, "--db", e.db, "refresh")
	cmd.Env = append(os.Environ(), "NO_COLOR=1", "XDG_CONFIG_HOME="+filepath.Join(e.dir, "cfg"))
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("refresh: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "refreshed 23 feeds: 23 new items, 0 unchanged, 0 failed") {
		t.Errorf("refresh output:\n%s", out)
	}
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	peakMB := float64(ru.Maxrss) / 1024 // kilobytes on Linux
	t.Logf("peak RSS of the refresh: %.0f MB", peakMB)
	if peakMB > 200 {
		t.Errorf("peak RSS %.0f MB, want under 200 MB", peakMB)
	}
	feeds := e.ok("feeds")
	for _, title := range []string{"Million RSS", "Million Atom", "Million JSON"} {
		line := ""
		for _, l := range strings.Split(feeds, "\n") {
			if strings.HasPrefix(l, title+"  ") {
				line = l
			}
		}
		if !strings.Contains(line, "(kept the newest 3000 of its 1000000 items)") {
			t.Errorf("%s: feeds line %q", title, line)
		}
	}
}
