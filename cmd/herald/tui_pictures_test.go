package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/herald-reader/herald/internal/picturetest"
	"github.com/herald-reader/herald/internal/sharedtest"
)

// The picture the loopback server serves: 144×72 pixels, the upper half
// picturetest.Red, the lower half picturetest.Blue. At the default measure
// (72 cells) it is drawn as 72 half-block cells by 18 rows, the colours
// changing exactly at row 9.
const tmuxPicW, tmuxPicH = 144, 72

// picturesServer serves a feed of one story with a figure, and its picture.
func picturesServer(t *testing.T) *httptest.Server {
	t.Helper()
	pic := picturetest.EncodePNG(t, picturetest.TopBottom(tmuxPicW, tmuxPicH, picturetest.Red, picturetest.Blue))
	mux := http.NewServeMux()
	var srv *httptest.Server
	mux.HandleFunc("/feed.xml", func(w http.ResponseWriter, r *http.Request) {
		body := fmt.Sprintf(`<p>The harbour woke early, and the first ferry left before dawn.</p>`+
			`<figure><img src="%s/img/ferry.png" alt="The ferry"><figcaption>The morning ferry leaves the north quay. Photo: Jonas Krebs / Harbour Press</figcaption></figure>`+
			`<p>Fishermen mended their nets on the breakwater.</p>`, srv.URL)
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Harbour News</title><link>%s</link>`+
			`<item><title>The harbour at dawn</title><link>%s/story</link><guid>harbour</guid><pubDate>Fri, 20 Nov 2026 10:00:00 GMT</pubDate>`+
			`<description><![CDATA[%s]]></description></item></channel></rss>`, srv.URL, srv.URL, body)
	})
	mux.HandleFunc("/img/ferry.png", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Write(pic)
	})
	// Started after srv is set: the handlers read srv.URL.
	srv = httptest.NewUnstartedServer(mux)
	srv.Start()
	t.Cleanup(srv.Close)
	return srv
}

// tmuxPane is a tmux server of the test's own running one command.
type tmuxPane struct {
	t    *testing.T
	sock string
}

func (p tmuxPane) tmux(args ...string) (string, error) {
	out, err := exec.Command("tmux", append([]string{"-S", p.sock}, args...)...).CombinedOutput()
	return string(out), err
}

// capture is the pane's text; with escapes, its colours too.
func (p tmuxPane) capture(escapes bool) string {
	args := []string{"capture-pane", "-p", "-t", "pics"}
	if escapes {
		args = append(args, "-e")
	}
	out, _ := p.tmux(args...)
	return out
}

// waitFor polls the pane until ok accepts it, and fails after 20 s.
func (p tmuxPane) waitFor(what string, escapes bool, ok func(string) bool) string {
	p.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		pane := p.capture(escapes)
		if ok(pane) {
			return pane
		}
		if time.Now().After(deadline) {
			p.t.Fatalf("waiting for %s; the pane shows:\n%s", what, p.capture(false))
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestReaderPicturesInTmux runs the real reader in tmux with
// --images=halfblocks on a story whose picture a loopback server serves,
// and reads the picture back with `tmux capture-pane -e`: 18 rows of 72
// ▀ cells in the served colours, in the text column, where the figure
// stands, its caption right below.
func TestReaderPicturesInTmux(t *testing.T) {
	if _, err := exec.LookPath("tmux"); err != nil {
		sharedtest.Missing(t, "tmux", err)
	}
	srv := picturesServer(t)
	e := newEnv(t)
	e.ok("add", srv.URL+"/feed.xml")
	e.ok("refresh")
	e.config("theme = \"dark\"\n")

	p := tmuxPane{t: t, sock: filepath.Join(t.TempDir(), "tmux.sock")}
	argv := []string{"-f", "/dev/null", "new-session", "-d", "-s", "pics", "-x", "100", "-y", "50",
		// CI (set by CI runners) would make termenv style for no terminal.
		"env", "-u", "NO_COLOR", "-u", "CI", "COLORTERM=truecolor"}
	argv = append(append(argv, e.xdg()...), heraldBin, "--db", e.db, "--images=halfblocks")
	if out, err := p.tmux(argv...); err != nil {
		t.Fatalf("tmux new-session: %v\n%s", err, out)
	}
	t.Cleanup(func() { p.tmux("kill-server") })

	p.waitFor("the feed list", false, func(s string) bool { return strings.Contains(s, "Harbour News") })
	p.tmux("send-keys", "-t", "pics", "G", "Enter")
	p.waitFor("the story in the list", false, func(s string) bool { return strings.Contains(s, "The harbour at dawn") })
	p.tmux("send-keys", "-t", "pics", "Enter")
	pane := p.waitFor("the picture", true, func(s string) bool {
		return len(picturetest.HalfblockRows(t, s)) >= tmuxPicH/4
	})

	const left, cols, rows = 14, 72, tmuxPicH / 4 // (100-72)/2; 144×72 px in 72×18 cells
	plain := strings.Split(p.capture(false), "\n")
	pic := picturetest.HalfblockRows(t, pane)
	first, n := pic[0].Line, len(pic)
	for _, r := range pic {
		i := r.Line
		if len(r.Cells) != cols {
			t.Errorf("row %d: %d cells, want %d", i-first, len(r.Cells), cols)
		}
		want := picturetest.Red
		if i-first >= rows/2 {
			want = picturetest.Blue
		}
		for c, cell := range r.Cells {
			if cell.Fg != want || cell.Bg != want {
				t.Fatalf("row %d cell %d: fg %v bg %v, want %v", i-first, c, cell.Fg, cell.Bg, want)
			}
		}
		if indent := len(plain[i]) - len(strings.TrimLeft(plain[i], " ")); indent != left {
			t.Errorf("row %d starts at column %d, want %d", i-first, indent, left)
		}
	}
	if n != rows {
		t.Errorf("%d picture rows, want %d", n, rows)
	}
	// The frame fills the pane: bubbletea found the size through the
	// locked terminal writer (the help line is on the last row).
	if len(plain) < 50 || !strings.Contains(plain[49], "page down") {
		t.Errorf("the reader does not fill the 100×50 pane:\n%s", strings.Join(plain, "\n"))
	}
	if below := plain[first+n]; !strings.Contains(below, "The morning ferry leaves the north quay") {
		t.Errorf("line under the picture = %q, want the caption", below)
	}
	if strings.Contains(p.capture(false), "Image [1]") {
		t.Error("the figure's label is still shown")
	}
	if above := strings.Join(plain[:first], "\n"); !strings.Contains(above, "The harbour woke early") {
		t.Errorf("the text before the figure is not above the picture:\n%s", above)
	}
}
