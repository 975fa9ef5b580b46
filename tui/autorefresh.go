package tui

// The background refresh of refresh_interval: a chain of ticks, each
// starting a refresh of the feeds that are due (service.RefreshDue: feeds
// backing off after errors or asked to wait by their server are left out)
// unless a refresh is already running. It reuses the refresh of `r`/`R`
// (refreshState, the footer's progress, the lists' reload) and differs only
// at the end: quiet when nothing new came.

import (
	"context"
	"errors"
	"fmt"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/herald-reader/herald/service"
)

// autoRefresh is the state of the background refresh's tick chain.
type autoRefresh struct {
	every time.Duration // 0: off
	// gen identifies the one live chain of ticks: a tick of another
	// generation is dropped and not rescheduled, so chains never multiply.
	gen int
	// tick is tea.Tick; tests replace it to deliver ticks themselves.
	tick func(time.Duration, func(time.Time) tea.Msg) tea.Cmd
}

// autoRefreshTickMsg is one tick of the background refresh's chain.
type autoRefreshTickMsg struct{ gen int }

// newAutoRefresh returns the background refresh for interval every (0: off).
func newAutoRefresh(every time.Duration) autoRefresh {
	return autoRefresh{every: every, gen: 1, tick: tea.Tick}
}

// next schedules the chain's next tick; nil when the background refresh is
// off.
func (a autoRefresh) next() tea.Cmd {
	if a.every <= 0 {
		return nil
	}
	gen := a.gen
	return a.tick(a.every, func(time.Time) tea.Msg { return autoRefreshTickMsg{gen: gen} })
}

// autoRefreshTick starts a background refresh unless one (of any kind) is
// running, and schedules the next tick either way.
func (m model) autoRefreshTick(msg autoRefreshTickMsg) (tea.Model, tea.Cmd) {
	if msg.gen != m.auto.gen || m.auto.every <= 0 {
		return m, nil // a chain that was replaced: let it end
	}
	if m.refresh.active {
		return m, m.auto.next()
	}
	bar := m.refresh.bar
	m.refresh = refreshState{active: true, scheduled: true, gen: m.refresh.gen + 1, bar: bar, lastReload: m.c.now()}
	m.layout()
	return m, tea.Batch(startDueRefresh(m.c.ctx, m.c.svc, m.refresh.gen), m.auto.next())
}

// startDueRefresh refreshes the feeds that are due in the background; its
// messages are those of startRefresh.
func startDueRefresh(ctx context.Context, svc *service.Service, gen int) tea.Cmd {
	return pumpRefresh(ctx, svc.Store, gen, func(progress func(service.Progress)) (service.Summary, error) {
		return svc.RefreshDue(ctx, progress)
	})
}

// backgroundDone sets the status line at the end of a background refresh:
// nothing when nothing new came (failing feeds show on their rows), the
// count of new items otherwise, and an error only when the refresh as a
// whole failed (the database, say).
func (m *model) backgroundDone(msg refreshDoneMsg) {
	switch {
	case msg.err != nil && !errors.Is(msg.err, context.Canceled):
		m.setStatus("background refresh: "+oneLine(msg.err), true)
	case msg.sum.New == 1:
		m.setStatus("1 new item", false)
	case msg.sum.New > 1:
		m.setStatus(fmt.Sprintf("%d new items", msg.sum.New), false)
	}
}
