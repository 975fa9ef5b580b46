#!/usr/bin/env bash
# bench/tuimem.sh — peak RSS of the reader (`herald`, the TUI) on a database of
# 100,000+ stored items, driven through its keys in tmux (issue 15: ≤ 40 MB).
#
# Builds herald and bench/feedserver, serves N generated feeds of ITEMS items
# (default 3400 × 30 = 102,000), imports and refreshes them into a database
# (skipped when WORK already holds one from a --keep run), then starts
# `herald --db DB` in a detached tmux session of COLS×ROWS and drives it as a
# reader would: the feed list to the bottom and back, "All unread" (every
# item) paged far down and to the end, an article opened and scrolled, next
# unread (n) several times, back out, a tag view paged, the biggest feed's
# list, a search (/) with its results paged and an article opened from them.
# Every step waits on what the screen shows (tmux capture-pane, polled);
# no sleep is the synchronisation. At the end it reads the process's
# /proc/PID/status: VmHWM (peak RSS), VmRSS, RssAnon, RssFile, RssShmem.
#
# Usage:
#   bench/tuimem.sh             build the database if needed, measure, report
#   bench/tuimem.sh --keep      keep WORK (the database) for the next run
#   KEEP=1 WORK=/tmp/tuimem bench/tuimem.sh    reuse /tmp/tuimem/herald.db
#
# Environment: HERALD (a herald binary to measure instead of building this
# tree's, e.g. another commit's, for interleaved runs), N (feeds, default
# 3400), ITEMS (default 30), TARGET (MB, default 40), STRICT=1 (exit 1 when
# peak RSS > TARGET), COLS/ROWS (terminal size, default 120×40), RUNS
# (measure this many times, default 1), WORK (scratch dir, default a new
# temp dir), KEEP=1, GODEBUG/GOGC passed through to herald
# (GODEBUG=gctrace=1 writes the trace to WORK/herald.stderr), GOMEMLIMIT
# when set (herald then sets no soft limit of its own), MEMPROFILE=FILE
# (herald's hidden --memprofile: a heap profile at exit, in FILE.RUN; read
# it with `go tool pprof -sample_index=inuse_space -top WORK/herald FILE.1`),
# INDEX=0 (do not run `herald index` on the database first: the reader's
# search then indexes every item the refresh left; with RUNS > 1 only the
# first run does).
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
KEEP=${KEEP:-0}
for a in "$@"; do
	common_arg "$0" "$a"
done
N=${N:-3400}
ITEMS=${ITEMS:-30}
TARGET=${TARGET:-40}
STRICT=${STRICT:-0}
COLS=${COLS:-120}
ROWS=${ROWS:-40}
RUNS=${RUNS:-1}
WORK=${WORK:-$(mktemp -d "${TMPDIR:-/tmp}/herald-tuimem.XXXXXX")}
mkdir -p "$WORK"
DB=$WORK/herald.db
H=$WORK/herald
SOCK=herald-tuimem-$$ # a private tmux server, never the user's

command -v tmux >/dev/null || die "tmux is not installed (Debian package 'tmux')"

# shellcheck disable=SC2317 # called by the EXIT trap
cleanup() {
	tmux -L "$SOCK" kill-server 2>/dev/null || true
	rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$SOCK" # kill-server leaves the socket file
	stop_feedserver
	drop_work
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ -n "${HERALD:-}" ]; then
	cp "$HERALD" "$H" || die "cp $HERALD"
	log "measuring $HERALD"
else
	log "building herald"
	(cd "$ROOT" && go build -o "$H" ./cmd/herald) || die "go build ./cmd/herald"
fi

# An empty config directory: the user's config (keys, refresh_on_start) must
# not change what is measured. theme = dark skips the terminal query.
export XDG_CONFIG_HOME=$WORK/config XDG_STATE_HOME=$WORK/state
mkdir -p "$XDG_CONFIG_HOME/herald" "$XDG_STATE_HOME"
printf 'theme = "dark"\n' >"$XDG_CONFIG_HOME/herald/config.toml"

if [ -s "$DB" ]; then
	log "reusing $DB"
else
	(cd "$ROOT" && go build -o "$WORK/feedserver" ./bench/feedserver) || die "go build ./bench/feedserver"
	start_feedserver -n "$N" -items "$ITEMS"
	"$H" --db "$DB" import "$WORK/feeds.opml" >"$WORK/import.out" 2>&1 || die "import: $(tail -3 "$WORK/import.out")"
	log "refreshing $N feeds × $ITEMS items"
	"$H" --db "$DB" refresh >"$WORK/refresh.out" 2>&1 || die "refresh: $(tail -3 "$WORK/refresh.out")"
	log "$(final_line "$WORK/refresh.out")"
	stop_feedserver
fi
# A refresh leaves its items to the next search's index update; a reader used
# daily has searched since. Index now, so the search below finds it done
# (a database of an older herald is indexed already: this indexes nothing).
# INDEX=0 leaves them, so the reader indexes them all when the search opens.
if [ "${INDEX:-1}" = 1 ] && has_index "$H"; then
	"$H" --db "$DB" index >"$WORK/index.out" 2>&1 || die "index: $(tail -3 "$WORK/index.out")"
	log "$(tail -1 "$WORK/index.out")"
elif [ "${INDEX:-1}" = 1 ]; then
	log "$H has no index command: it indexed as it refreshed"
else
	log "INDEX=0: the reader's search indexes what the refresh stored"
fi
TOTAL=$("$H" --db "$DB" list 2>/dev/null | wc -l)
[ "$TOTAL" -ge 100000 ] || log "warning: only $TOTAL items in the database (want ≥ 100000)"

# screen prints the pane as text.
screen() { tmux -L "$SOCK" capture-pane -p -t tuimem 2>/dev/null; }

# wait_for REGEX [SECONDS]: polls the screen until a line matches (grep -E).
wait_for() {
	local re=$1 t=${2:-30} i
	for ((i = 0; i < t * 50; i++)); do
		screen | grep -Eq -- "$re" && return 0
		kill -0 "$PID" 2>/dev/null || die "herald exited while waiting for /$re/"
		sleep 0.02
	done
	screen >"$WORK/screen.txt"
	die "timed out after ${t}s waiting for /$re/ (screen in $WORK/screen.txt)"
}

# wait_gone REGEX [SECONDS]: polls until no line matches.
wait_gone() {
	local re=$1 t=${2:-30} i
	for ((i = 0; i < t * 50; i++)); do
		screen | grep -Eq -- "$re" || return 0
		sleep 0.02
	done
	screen >"$WORK/screen.txt"
	die "timed out after ${t}s waiting for /$re/ to go (screen in $WORK/screen.txt)"
}

# status prints the status line (the line above the help, whose position
# field says "cursor/total" in lists and "N%" in the reader).
status() { screen | grep -E '[0-9]+/[0-9]+ *$|[0-9]+% *$' | tail -1; }

# key KEY… sends keys to herald (tmux key names: Enter, Escape, PageDown, End).
# Never two Escapes in one call: the terminal reads them as alt+esc.
key() { tmux -L "$SOCK" send-keys -t tuimem "$@"; }

# pos prints the "cursor/total" of the list on screen.
pos() { status | grep -Eo '[0-9]+/[0-9]+ *$' | tr -d ' '; }

# wait_pos_change OLD: waits until the list position differs from OLD.
wait_pos_change() {
	local old=$1 i
	for ((i = 0; i < 1500; i++)); do
		[ "$(pos)" != "$old" ] && return 0
		sleep 0.02
	done
	die "the list position stayed at $old"
}

# page_down N: presses page-down N times, each time waiting for the move.
page_down() {
	local n=$1 p
	for ((; n > 0; n--)); do
		p=$(pos)
		key PageDown
		wait_pos_change "$p"
	done
	settle
}

# next_article KEY: presses KEY in the reader and waits for another article
# (the screen above the status line changes) to be shown.
next_article() {
	local before i
	before=$(screen | head -n -3)
	key "$1"
	for ((i = 0; i < 1500; i++)); do
		if [ "$(screen | head -n -3)" != "$before" ] && screen | grep -Eq '[0-9]+% *$'; then
			return 0
		fi
		sleep 0.02
	done
	die "no new article after $1"
}

# settle: waits until the rows on screen are in memory (no "Loading…", no
# "…" placeholder rows), so a key acts on a loaded row.
settle() { wait_gone '^(Loading…|>?  … *$)'; }

# mark starts a lap; lap NAME records the milliseconds since the mark (the
# time the user waits, up to 20 ms of polling late).
# The peak so far (VmHWM) goes with each lap: where the reader's memory
# grows shows there.
mark() { T=$(date +%s%3N); }
lap() { LAPS+=("$1 $(($(date +%s%3N) - T)) ms, peak $(rss VmHWM) MB"); }

rss() { awk -v k="$1:" '$1 == k { printf "%.1f", $2 / 1024 }' "/proc/$PID/status"; }

# last_article_and_back opens the selected item (the last of a list), waits
# for the article, then goes back to the list's end and to the feed list.
last_article_and_back() {
	key Enter
	wait_for '[0-9]+% *$'
	key Escape
	wait_for ' ([0-9]+)/\1 *$'
	key Escape
	wait_for '› Feeds'
}

drive() {
	# The feed list: "All unread" is selected first.
	mark
	wait_for '[0-9]+ unread' 60
	lap "start to feed list"
	key G g
	wait_for '› Feeds'

	# All unread: every item of the database, collapsed by story.
	mark
	key Enter
	wait_for ' 1/[0-9]+ *$'
	settle
	lap "open All unread"
	page_down 30
	mark
	key End
	wait_for ' ([0-9]+)/\1 *$'
	settle
	lap "end of All unread"
	key g
	wait_for ' 1/[0-9]+ *$'
	settle
	page_down 5

	# An article, scrolled, then next unread a few times.
	mark
	key Enter
	wait_for '[0-9]+% *$'
	lap "open an article"
	key PageDown PageDown
	mark
	for _ in 1 2 3 4 5 6; do
		next_article n
	done
	lap "6 × next unread"
	key Escape
	wait_for '› All unread'
	key Escape
	wait_for '› Feeds'

	# A tag view (the first tag group, third line of the feed list).
	key j j
	wait_for '› Feeds'
	key Enter
	wait_for ' 1/[0-9]+ *$'
	page_down 20
	key End
	wait_for ' ([0-9]+)/\1 *$'
	settle
	last_article_and_back

	# A feed (all are the same size: ITEMS items): open, end, open an article.
	key j
	key Enter
	wait_for ' 1/[0-9]+ *$'
	key End
	wait_for ' ([0-9]+)/\1 *$'
	last_article_and_back

	# Search a word every generated article holds, page the results, open one.
	key /
	wait_for '› Search'
	key -l 'the'
	mark
	key Enter
	wait_for ' 1/[0-9]+ *$'
	lap "search"
	mark
	page_down 10
	lap "search paged"
	key Enter
	wait_for '[0-9]+% *$'
	key Escape
	wait_for '› Search'
	key Escape
	wait_for '› Feeds'
}

measure() {
	local run=$1
	tmux -L "$SOCK" kill-server 2>/dev/null || true
	local prof=""
	[ -n "${MEMPROFILE:-}" ] && prof="--memprofile '$MEMPROFILE.$run'"
	# A login-less shell that execs herald, so the pane's pid is herald's.
	tmux -L "$SOCK" -f /dev/null new-session -d -s tuimem -x "$COLS" -y "$ROWS" \
		"exec env TERM=xterm-256color GODEBUG=${GODEBUG:-} GOGC=${GOGC:-} ${GOMEMLIMIT:+GOMEMLIMIT=$GOMEMLIMIT} '$H' --db '$DB' $prof 2>'$WORK/herald.stderr'" ||
		die "tmux new-session"
	tmux -L "$SOCK" set-option -t tuimem remain-on-exit on >/dev/null
	PID=$(tmux -L "$SOCK" display-message -p -t tuimem '#{pane_pid}')
	local t0=$SECONDS
	LAPS=()
	drive
	HWM=$(rss VmHWM) VRSS=$(rss VmRSS) ANON=$(rss RssAnon) FILE=$(rss RssFile) SHM=$(rss RssShmem)
	local secs=$((SECONDS - t0))
	cp "/proc/$PID/smaps" "$WORK/smaps.$run" 2>/dev/null || true
	key q
	for _ in $(seq 1 250); do kill -0 "$PID" 2>/dev/null || break; sleep 0.02; done
	tmux -L "$SOCK" kill-server 2>/dev/null || true
	printf '%-4s %9s %9s %9s %9s %9s %7s   ' "$run" "$HWM" "$VRSS" "$ANON" "$FILE" "$SHM" "${secs}s"
	printf '%s; ' "${LAPS[@]}"
	echo
	PEAK=$(awk -v a="${PEAK:-0}" -v b="$HWM" 'BEGIN { print (b > a ? b : a) }')
}

echo
echo "herald reader memory: $TOTAL items in the database, ${COLS}x${ROWS} terminal; $(nproc) CPUs; load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "keys: G g; All unread: enter, 30×pgdown, end, g, 5×pgdown, enter, 2×pgdown, 6×n, esc esc;"
echo "      tag: j j enter, 20×pgdown, end, enter, esc esc; feed: j enter end enter esc esc;"
echo "      search: / the enter, 10×pgdown, enter, esc esc"
printf '%-4s %9s %9s %9s %9s %9s %7s   %s\n' run "peak MB" "RSS MB" "anon MB" "file MB" "shmem MB" time laps
PEAK=0
for r in $(seq 1 "$RUNS"); do measure "$r"; done
echo "peak RSS (VmHWM, max of $RUNS run(s)): $PEAK MB; target ≤ $TARGET MB"
echo "largest mappings at the end of run $RUNS (Rss MB; anonymous ones are the Go heap, SQLite's allocations, stacks):"
awk '/^[0-9a-f]+-[0-9a-f]+ / { name = (NF >= 6 ? $6 : "[anon]") } /^Rss:/ { rss[name] += $2 }
	END { for (n in rss) if (rss[n] >= 512) printf "  %7.1f  %s\n", rss[n] / 1024, n }' "$WORK/smaps.$RUNS" | sort -rn | head -6
if awk -v p="$PEAK" -v t="$TARGET" 'BEGIN { exit !(p <= t) }'; then
	echo "PASS"
	exit 0
fi
echo "MISSED: peak RSS $PEAK MB > $TARGET MB"
[ "$STRICT" = 1 ] && exit 1
exit 0
