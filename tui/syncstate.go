package tui

// The sync server as the reader shows it: the state on the right of the
// feed list's status line (last sync, changes queued, the last error), and
// a quiet background sync that takes queued changes to the server a little
// after they are made, backing off while the server cannot be reached.
// The reader never waits for the server: every sync runs in a command.

import (
	"context"
	"errors"
	"fmt"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/herald-reader/herald/service"
)

// syncPushDelay is how long queued changes wait before a background sync
// takes them to the server (more changes made meanwhile go with them);
// syncMaxDelay caps the backoff after failed syncs.
const (
	syncPushDelay = 20 * time.Second
	syncMaxDelay  = 10 * time.Minute
)

// syncState is the reader's view of syncing.
type syncState struct {
	status    service.SyncStatus
	busy      bool // a background sync is running
	scheduled bool // one is due after a tick
	failures  int  // background syncs failed in a row
	// tick is tea.Tick; tests replace it to deliver ticks themselves.
	tick func(time.Duration, func(time.Time) tea.Msg) tea.Cmd
}

// syncTickMsg starts a background sync of the queued changes.
type syncTickMsg struct{}

// syncDoneMsg ends a background sync.
type syncDoneMsg struct {
	sum    service.SyncSummary
	err    error
	status service.SyncStatus
}

// delay is the wait before the next background sync.
func (s syncState) delay() time.Duration {
	d := syncPushDelay
	for i := 0; i < s.failures && d < syncMaxDelay; i++ {
		d *= 2
	}
	return min(d, syncMaxDelay)
}

// schedulePush arranges a background sync when changes wait for the
// server and none is on its way.
func (m *model) schedulePush() tea.Cmd {
	s := &m.sync
	if !s.status.Configured || s.status.Queued == 0 || s.busy || s.scheduled {
		return nil
	}
	s.scheduled = true
	return s.tick(s.delay(), func(time.Time) tea.Msg { return syncTickMsg{} })
}

// syncTick starts the background sync, unless a refresh (which syncs) runs.
func (m model) syncTick() (tea.Model, tea.Cmd) {
	m.sync.scheduled = false
	if m.refresh.active || m.sync.busy {
		return m, m.schedulePush()
	}
	m.sync.busy = true
	return m, runSync(m.c.ctx, m.c.svc)
}

// runSync syncs in the background.
func runSync(ctx context.Context, svc *service.Service) tea.Cmd {
	return func() tea.Msg {
		done := heavyWork()
		sum, err := svc.Sync(ctx, nil)
		done()
		st, _ := svc.SyncStatus(context.WithoutCancel(ctx))
		return syncDoneMsg{sum: sum, err: err, status: st}
	}
}

// syncDone takes the result of a background sync: the footer shows it;
// new items reload the feed list.
func (m model) syncDone(msg syncDoneMsg) (tea.Model, tea.Cmd) {
	m.sync.busy = false
	m.sync.status = msg.status
	switch {
	case errors.Is(msg.err, service.ErrSyncBusy):
		// Another herald is syncing this database: try again later, as
		// if nothing had happened.
	case msg.err != nil:
		m.sync.failures++
	default:
		m.sync.failures = 0
	}
	if msg.err != nil {
		return m, m.schedulePush()
	}
	index := indexForSearch(m.c.ctx, m.c.st, true) // new and changed entries
	if msg.sum.New > 0 {
		return m, tea.Batch(m.loadFeeds(), index)
	}
	return m, tea.Batch(m.schedulePush(), index)
}

// syncLabel is the sync state for the right of the feed list's status
// line; empty without a sync server.
func (m model) syncLabel() string {
	st := m.sync.status
	if !st.Configured {
		return ""
	}
	var label string
	switch {
	case m.sync.busy:
		label = "syncing…"
	case st.Err != "":
		label = "sync failed"
	case st.Last.IsZero():
		label = "not synced yet"
	default:
		label = "synced " + listDate(st.Last, m.c.now())
	}
	if st.Queued > 0 {
		label += fmt.Sprintf(" · %d queued", st.Queued)
	}
	return label
}
