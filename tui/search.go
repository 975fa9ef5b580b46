package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/herald-reader/herald/sanitize"
)

// searchModel is the search screen: a text input, then the results of an
// FTS5 search over the titles and text of items and bookmarks.
type searchModel struct {
	c         *common
	input     textinput.Model
	query     string // sanitized; the query of the results shown
	list      itemList
	gen       int
	searching bool
	err       string
}

// searchHeaderLines is the height of the input and the result count above
// the results.
const searchHeaderLines = 2

func newSearchModel(c *common) searchModel {
	ti := textinput.New()
	ti.Prompt = "/ "
	ti.Placeholder = "words, a OR b, -word; then enter"
	ti.CharLimit = 256
	// A static cursor: a blinking one re-renders the screen twice a second
	// for nothing (STACK.md §4).
	ti.Cursor.SetMode(cursor.CursorStatic)
	ti.PromptStyle = c.styles.Prompt
	ti.PlaceholderStyle = c.styles.Dim
	return searchModel{c: c, input: ti, list: newItemList()}
}

// focus puts the cursor in the input, keeping the current text.
func (m searchModel) focus() (searchModel, tea.Cmd) {
	cmd := m.input.Focus()
	m.input.CursorEnd()
	return m, cmd
}

func (m searchModel) focused() bool { return m.input.Focused() }

func (m *searchModel) setSize(w, h int) {
	m.input.Width = max(1, w-ansi.StringWidth(m.input.Prompt)-1)
	m.list.nav.setHeight(h - searchHeaderLines)
}

// update handles keys. While the input has focus it gets every key but
// enter (search) and esc (leave the screen). leave asks the root to go back.
func (m searchModel) update(msg tea.Msg) (_ searchModel, _ tea.Cmd, leave bool) {
	if !m.input.Focused() {
		m.list = navigate(m.c.keys, m.list, msg)
		return m, nil, false
	}
	if k, ok := msg.(tea.KeyMsg); ok {
		switch k.Type {
		case tea.KeyEnter:
			q := strings.TrimSpace(m.input.Value())
			if q == "" {
				return m, nil, false
			}
			m.gen++
			m.searching, m.err, m.query = true, "", sanitize.Line(q)
			m.input.Blur()
			return m, runSearch(m.c.ctx, m.c.st, q, m.gen), false
		case tea.KeyEsc:
			m.input.Blur()
			return m, nil, true
		}
	}
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	return m, cmd, false
}

// done installs search results.
func (m searchModel) done(msg searchDoneMsg) searchModel {
	if msg.gen != m.gen {
		return m
	}
	m.searching = false
	if msg.err != nil {
		m.err = oneLine(msg.err)
		return m
	}
	m.list = newItemList()
	m.list.nav.setHeight(m.c.bodyHeight - searchHeaderLines)
	m.list.setWindow(0, len(msg.rows), msg.rows)
	return m
}

// helpKeys is the help shown while typing.
func (m searchModel) inputHelp() helpKeys {
	b := []key.Binding{
		key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "search")),
		key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		m.c.keys.ForceQuit,
	}
	return helpKeys{short: b, full: [][]key.Binding{b}}
}

func (m searchModel) status() (string, bool) {
	if m.err != "" {
		return m.err, true
	}
	return rowStatus(m.c, &m.list)
}

// View draws the input, a result line and the results.
func (m searchModel) View() string {
	s := m.c.styles
	var b strings.Builder
	if m.input.Focused() {
		b.WriteString(m.input.View())
	} else {
		b.WriteString(s.Prompt.Render(m.input.Prompt) + trunc(sanitize.Line(m.input.Value()), m.c.width-3))
	}
	b.WriteByte('\n')
	switch {
	case m.searching:
		b.WriteString(s.Dim.Render("searching…"))
	case m.err != "":
		b.WriteString(s.StatusErr.Render(trunc(m.err, m.c.width)))
	case m.list.loaded:
		n := m.list.nav.n
		word := "results"
		if n == 1 {
			word = "result"
		}
		b.WriteString(s.Dim.Render(trunc(fmt.Sprintf("%d %s for “%s”", n, word, m.query), m.c.width)))
	}
	if m.list.loaded && m.list.nav.n > 0 {
		b.WriteByte('\n')
		b.WriteString(renderRows(m.c, &m.list, true))
	}
	return b.String()
}
