package tui

import "github.com/charmbracelet/lipgloss"

// palette names the few colours the UI uses (glow keeps one palette too).
type palette struct {
	accent, dim, faint, text, ok, warn, err, selBg, selFg string
}

var (
	darkPalette = palette{
		accent: "#7D56F4", dim: "#8A8A8A", faint: "#5C5C5C", text: "#E4E4E4",
		ok: "#5FD787", warn: "#FFAF5F", err: "#FF5F87", selBg: "#3A3A5A", selFg: "#FFFFFF",
	}
	lightPalette = palette{
		accent: "#5A3FC0", dim: "#6C6C6C", faint: "#A8A8A8", text: "#1C1C1C",
		ok: "#00875F", warn: "#AF5F00", err: "#D70000", selBg: "#DADAF5", selFg: "#000000",
	}
)

// Styles holds every lipgloss style of the UI. It is built once, from the
// dark/light decision main made before the program started, and kept in
// common; View code never calls lipgloss.NewStyle.
type Styles struct {
	Title      lipgloss.Style // top bar: app name
	Crumb      lipgloss.Style // top bar: where we are
	Selected   lipgloss.Style // the cursor row
	Unread     lipgloss.Style // unread item titles and unread counts
	Read       lipgloss.Style // read item titles
	Dim        lipgloss.Style // feed names, dates, secondary text
	Mark       lipgloss.Style // unread and bookmark marks
	ErrMark    lipgloss.Style // feed whose last refresh failed
	Saving     lipgloss.Style
	Saved      lipgloss.Style
	Status     lipgloss.Style
	StatusErr  lipgloss.Style
	Header     lipgloss.Style // reader: article title
	HeaderMeta lipgloss.Style // reader: source · author · date
	Link       lipgloss.Style
	Rule       lipgloss.Style
	Prompt     lipgloss.Style
	Empty      lipgloss.Style
	HelpKey    lipgloss.Style
	Bar        string // progress bar fill colour
}

// newStyles builds the styles for a dark or light background.
func newStyles(dark bool) Styles {
	p := lightPalette
	if dark {
		p = darkPalette
	}
	c := func(s string) lipgloss.Color { return lipgloss.Color(s) }
	return Styles{
		Title:      lipgloss.NewStyle().Bold(true).Foreground(c(p.accent)),
		Crumb:      lipgloss.NewStyle().Foreground(c(p.dim)),
		Selected:   lipgloss.NewStyle().Background(c(p.selBg)).Foreground(c(p.selFg)).Bold(true),
		Unread:     lipgloss.NewStyle().Bold(true).Foreground(c(p.text)),
		Read:       lipgloss.NewStyle().Foreground(c(p.dim)),
		Dim:        lipgloss.NewStyle().Foreground(c(p.dim)),
		Mark:       lipgloss.NewStyle().Foreground(c(p.accent)),
		ErrMark:    lipgloss.NewStyle().Foreground(c(p.err)).Bold(true),
		Saving:     lipgloss.NewStyle().Foreground(c(p.warn)),
		Saved:      lipgloss.NewStyle().Foreground(c(p.ok)),
		Status:     lipgloss.NewStyle().Foreground(c(p.dim)),
		StatusErr:  lipgloss.NewStyle().Foreground(c(p.err)),
		Header:     lipgloss.NewStyle().Bold(true).Foreground(c(p.text)),
		HeaderMeta: lipgloss.NewStyle().Foreground(c(p.dim)),
		Link:       lipgloss.NewStyle().Foreground(c(p.accent)).Underline(true),
		Rule:       lipgloss.NewStyle().Foreground(c(p.faint)),
		Prompt:     lipgloss.NewStyle().Foreground(c(p.accent)).Bold(true),
		Empty:      lipgloss.NewStyle().Foreground(c(p.dim)).Italic(true),
		HelpKey:    lipgloss.NewStyle().Foreground(c(p.dim)).Bold(true),
		Bar:        p.accent,
	}
}
