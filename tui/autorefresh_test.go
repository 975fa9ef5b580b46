package tui

import (
	"context"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

// tickRecorder stands in for tea.Tick: it records every tick the model
// schedules and never fires one; the test delivers them.
type tickRecorder struct {
	ticks []autoRefreshTickMsg
	every []time.Duration
}

func (r *tickRecorder) tick(d time.Duration, fn func(time.Time) tea.Msg) tea.Cmd {
	return func() tea.Msg {
		r.every = append(r.every, d)
		r.ticks = append(r.ticks, fn(testNow).(autoRefreshTickMsg))
		return nil
	}
}

// newAutoHarness is newHarness with the ticks going to rec.
func newAutoHarness(t *testing.T, d Deps, rec *tickRecorder) *harness {
	t.Helper()
	m, err := newModel(context.Background(), d)
	if err != nil {
		t.Fatal(err)
	}
	m.auto.tick = rec.tick
	h := &harness{t: t, m: m}
	h.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	h.run(m.Init())
	return h
}

func TestAutoRefresh(t *testing.T) {
	f := newFixture(t)
	d := f.deps()
	d.Config.RefreshInterval = "30m"
	rec := &tickRecorder{}
	h := newAutoHarness(t, d, rec)
	if len(rec.ticks) != 1 || rec.every[0] != 30*time.Minute {
		t.Fatalf("Init scheduled %v after %v, want one tick after 30m", rec.ticks, rec.every)
	}
	if h.m.refresh.active {
		t.Fatal("a refresh started before the first tick")
	}
	tick := rec.ticks[0]
	before := f.srv.hits.Load()

	// A tick starts a background refresh and schedules the next tick.
	nm, start := h.m.Update(tick)
	h.m = nm.(model)
	if !h.m.refresh.active || !h.m.refresh.scheduled {
		t.Fatalf("tick did not start a background refresh: %+v", h.m.refresh)
	}
	gen := h.m.refresh.gen

	// A tick while it runs starts nothing, but keeps the chain going.
	h.send(tick)
	if h.m.refresh.gen != gen || f.srv.hits.Load() != before {
		t.Errorf("a tick during a refresh started another (gen %d → %d, %d requests)", gen, h.m.refresh.gen, f.srv.hits.Load()-before)
	}
	if len(rec.ticks) != 2 {
		t.Errorf("a tick during a refresh scheduled %d ticks, want 1", len(rec.ticks)-1)
	}

	// The first refresh runs: only the due feeds are fetched (Broken Feed
	// failed at testNow and backs off), nothing is new, and it ends quietly.
	h.run(start)
	if got := f.srv.hits.Load() - before; got != 2 {
		t.Errorf("background refresh fetched %d feeds, want 2 (Broken Feed backs off)", got)
	}
	if h.m.refresh.active {
		t.Fatal("background refresh still active after done")
	}
	if h.m.status != "" {
		t.Errorf("status %q after a background refresh with nothing new, want none", h.m.status)
	}
	if len(rec.ticks) != 3 || rec.ticks[2] != tick {
		t.Errorf("ticks %v: want the same chain rescheduled once per tick", rec.ticks)
	}

	// Next tick, with a new item on the server: the status says so and the
	// lists show it.
	f.srv.fresh.Store(true)
	h.send(rec.ticks[len(rec.ticks)-1])
	h.mustContain("1 new item", "World Report")
	if strings.Contains(h.view(), "refreshed") {
		t.Errorf("background refresh printed the full summary:\n%s", h.view())
	}
	h.selectFeed("World Report")
	h.keys("enter")
	h.mustContain("Breaking: bridge reopens")

	// A manual refresh still tries every feed, Broken Feed included.
	before = f.srv.hits.Load()
	h.keys("R")
	if got := f.srv.hits.Load() - before; got != 3 {
		t.Errorf("R fetched %d feeds, want 3", got)
	}
}

func TestAutoRefreshDuringManualRefresh(t *testing.T) {
	f := newFixture(t)
	d := f.deps()
	d.Config.RefreshInterval = "1m"
	rec := &tickRecorder{}
	h := newAutoHarness(t, d, rec)
	nm, _ := h.m.Update(keyMsg("R")) // started, not yet run
	h.m = nm.(model)
	gen := h.m.refresh.gen
	if !h.m.refresh.active || h.m.refresh.scheduled {
		t.Fatalf("R did not start a manual refresh: %+v", h.m.refresh)
	}
	nm, cmd := h.m.Update(rec.ticks[0])
	h.m = nm.(model)
	if h.m.refresh.gen != gen || h.m.refresh.scheduled {
		t.Errorf("a tick during R took over the refresh: %+v", h.m.refresh)
	}
	h.run(cmd)
	if len(rec.ticks) != 2 {
		t.Errorf("want the next tick scheduled, have %d ticks", len(rec.ticks))
	}
}

func TestAutoRefreshStaleTick(t *testing.T) {
	f := newFixture(t)
	d := f.deps()
	d.Config.RefreshInterval = "30m"
	rec := &tickRecorder{}
	h := newAutoHarness(t, d, rec)
	before := f.srv.hits.Load()
	for _, gen := range []int{h.m.auto.gen - 1, h.m.auto.gen + 1} {
		h.send(autoRefreshTickMsg{gen: gen})
		if h.m.refresh.active || f.srv.hits.Load() != before {
			t.Errorf("tick of generation %d (live %d) started a refresh", gen, h.m.auto.gen)
		}
		if len(rec.ticks) != 1 {
			t.Errorf("tick of generation %d (live %d) was rescheduled: a second chain", gen, h.m.auto.gen)
		}
	}
}

func TestAutoRefreshOff(t *testing.T) {
	f := newFixture(t)
	rec := &tickRecorder{}
	h := newAutoHarness(t, f.deps(), rec)
	if len(rec.ticks) != 0 {
		t.Fatalf("ticks scheduled with refresh_interval unset: %v", rec.ticks)
	}
	before := f.srv.hits.Load()
	h.send(autoRefreshTickMsg{gen: h.m.auto.gen})
	if h.m.refresh.active || f.srv.hits.Load() != before || len(rec.ticks) != 0 {
		t.Error("a tick did something with the background refresh off")
	}
}
