package render

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/ansi/kitty"
	"github.com/muesli/termenv"
)

// kittyRows returns rows of n kitty placeholder cells for image id 7: the
// placeholder rune with row and column diacritics, the id in the
// foreground colour.
func kittyRows(rows, n int) []string {
	out := make([]string, rows)
	for r := range out {
		var b strings.Builder
		b.WriteString("\x1b[38;5;7m")
		for c := 0; c < n; c++ {
			b.WriteRune(kitty.Placeholder)
			b.WriteRune(kitty.Diacritic(r))
			b.WriteRune(kitty.Diacritic(c))
		}
		b.WriteString("\x1b[39m")
		out[r] = b.String()
	}
	return out
}

// recordingPictures returns rows for the URLs it has and records what it
// was asked.
type recordingPictures struct {
	rows  map[string][]string
	asked []string
	cols  int
}

func (p *recordingPictures) Picture(url string, cols, rows int) ([]string, bool) {
	p.asked = append(p.asked, url)
	p.cols = cols
	r, ok := p.rows[url]
	return r, ok
}

const twoFigures = "# Title\n\nIntro.\n\n[Image](https://img.example/a.jpg)\n\n*First caption* — Photo: A / B\n\n" +
	"Middle.\n\n![alt](https://img.example/b.png)\n\n*Second caption*\n\nEnd."

func TestPicturesInPlace(t *testing.T) {
	for name, rows := range map[string][]string{
		"halfblocks": halfBlocks(3, 30),
		"kitty":      kittyRows(3, 30),
	} {
		t.Run(name, func(t *testing.T) {
			pics := &recordingPictures{rows: map[string][]string{"https://img.example/a.jpg": rows}}
			for _, width := range []int{40, 80, 160} {
				out, err := New(Options{Dark: true, Profile: termenv.TrueColor}).RenderWith(twoFigures, width, pics)
				if err != nil {
					t.Fatal(err)
				}
				checkWidth(t, out, width)
				checkSafe(t, out)
				left, cols := New(Options{}).Column(width)
				if pics.cols != cols {
					t.Errorf("width %d: asked for %d columns, want %d", width, pics.cols, cols)
				}
				// Every row untouched (a reset may follow it), in the column,
				// in order, then the caption.
				pad := strings.Repeat(" ", left)
				lines := strings.Split(out, "\n")
				at := -1
				for i, l := range lines {
					if strings.HasPrefix(l, pad+rows[0]) {
						at = i
						break
					}
				}
				if at < 0 || at+len(rows) >= len(lines) {
					t.Fatalf("width %d: first picture row not found in %q", width, out)
				}
				for i, row := range rows {
					if l := lines[at+i]; l != pad+row && l != pad+row+"\x1b[m" {
						t.Errorf("width %d: row %d is %q, want %q", width, i, l, pad+row)
					}
				}
				text := ansi.Strip(out)
				if got := ansi.Strip(lines[at+len(rows)]); got != pad+"▎ First caption" {
					t.Errorf("width %d: %q under the picture, want the caption:\n%s", width, got, text)
				}
				if strings.Contains(text, "Image [1]") {
					t.Errorf("width %d: label drawn beside the picture:\n%s", width, text)
				}
				// The second figure has no picture: its label stays.
				if !strings.Contains(text, "▎ Image [2]\n") || strings.Index(text, "Middle.") > strings.Index(text, "Image [2]") {
					t.Errorf("width %d: second figure not labelled in place:\n%s", width, text)
				}
			}
		})
	}
}

func TestPicturesHostile(t *testing.T) {
	pics := &recordingPictures{rows: map[string][]string{"https://img.example/a.jpg": {
		"\x1b]52;c;cHduZWQ=\x07\x1b[31m▀▀\x1b[m",
		"\x1b[2J\x1b[H\x1b_Ga=T;AAAA\x1b\\▀▀\x1bPq#0\x1b\\",
		"\u009b31m\u202e▀\x07\r\x08▀",
		strings.Repeat("▀", 500),
		"line\nbreak",
	}}}
	out, err := New(Options{Dark: true}).RenderWith(twoFigures, 40, pics)
	if err != nil {
		t.Fatal(err)
	}
	checkSafe(t, out)
	checkWidth(t, out, 40)
	for _, bad := range []string{"\x1b]", "\x1b[2J", "\x1b_", "\x1bP", "\x07", "\r"} {
		if strings.Contains(out, bad) {
			t.Errorf("output holds %q: %q", bad, out)
		}
	}
	if !strings.Contains(out, "\x1b[31m▀▀\x1b[m") {
		t.Errorf("the SGR colours of a picture row were lost: %q", out)
	}
}

func TestPicturesTooTall(t *testing.T) {
	pics := &recordingPictures{rows: map[string][]string{"https://img.example/a.jpg": halfBlocks(MaxPictureRows+10, 10)}}
	out, err := New(Options{Dark: true}).RenderWith(twoFigures, 80, pics)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(out, "▀"); n != MaxPictureRows*10 {
		t.Errorf("%d picture cells drawn, want %d", n, MaxPictureRows*10)
	}
}

func TestRenderWithIsNotCached(t *testing.T) {
	r := New(Options{Dark: true})
	pics := &recordingPictures{rows: map[string][]string{}}
	before, _ := r.RenderWith(twoFigures, 80, pics)
	pics.rows["https://img.example/a.jpg"] = halfBlocks(2, 8)
	after, _ := r.RenderWith(twoFigures, 80, pics)
	if before == after || !strings.Contains(after, "▀") {
		t.Error("a picture that arrived later is not drawn")
	}
	plain, _ := r.Render(twoFigures, 80)
	if plain != before {
		t.Error("Render differs from RenderWith without pictures")
	}
	if r.cache.len() != 1 {
		t.Errorf("cache holds %d entries, want 1 (Render's only)", r.cache.len())
	}
}

func TestImageURLs(t *testing.T) {
	md := twoFigures + "\n\n[Image](https://img.example/a.jpg)\n\n[Image](data:image/png;base64,AAAA)\n\n" +
		"[Image](/relative.jpg)\n\n![x](javascript:alert(1))\n\nInline ![not a figure](https://img.example/inline.png) image.\n\n" +
		"```\n[Image](https://img.example/code.jpg)\n```\n\n[Image](http://img.example/c\\_d.gif)"
	got := ImageURLs(md)
	want := []string{"https://img.example/a.jpg", "https://img.example/b.png", "http://img.example/c_d.gif"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("ImageURLs = %q, want %q", got, want)
	}
}

// FuzzPictures: whatever rows a Pictures returns, the page keeps its
// properties: lines at most width cells, no escape sequence but SGR.
func FuzzPictures(f *testing.F) {
	f.Add("\x1b[38;2;1;2;3;48;2;4;5;6m▀\x1b[m", 40)
	f.Add(kittyRows(1, 12)[0], 20)
	f.Add("\x1b]8;;x\x07\x1b[2J\u009b\u202e字字字\x1b_Gq=2\x1b\\", 7)
	r := New(Options{Dark: true, Profile: termenv.TrueColor})
	f.Fuzz(func(t *testing.T, row string, width int) {
		width %= 300
		pics := &recordingPictures{rows: map[string][]string{"https://img.example/a.jpg": {row, row + row}}}
		out, err := r.RenderWith(twoFigures, width, pics)
		if err != nil {
			t.Fatal(err)
		}
		if width < 1 {
			width = DefaultWidth
		}
		checkSafe(t, out)
		checkWidth(t, out, width)
	})
}
