#!/usr/bin/env bash
# tmux-flow.sh drives the real herald binary through the reader in tmux:
# open a feed, read an article, bookmark it, search, go back, quit. After
# each step it captures the pane and checks for the text that step must
# show. It exits non-zero on the first failure, printing the pane.
#
# Usage: scripts/tmux-flow.sh            (builds ./cmd/herald)
#        HERALD_BIN=/path/to/herald scripts/tmux-flow.sh
#
# It uses its own tmux server socket, so it never touches the user's tmux
# sessions, and removes everything it made on exit. The flow takes about 4
# seconds and gives up after 50 (plus the build, when it builds).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/herald-tmux.XXXXXX")
sock="herald-flow-$$"
session=flow

cleanup() {
	tmux -L "$sock" kill-server >/dev/null 2>&1 || true
	rm -rf "$tmp"
}
trap cleanup EXIT

command -v tmux >/dev/null || { echo "tmux-flow: tmux is not installed" >&2; exit 1; }

bin=${HERALD_BIN:-}
if [[ -z "$bin" ]]; then
	bin="$tmp/herald"
	(cd "$root" && go build -o "$bin" ./cmd/herald)
fi
# The flow itself gets 50 seconds, whatever the build took.
deadline=$((SECONDS + 50))

pane() { tmux -L "$sock" capture-pane -p -t "$session" 2>/dev/null || true; }

fail() {
	echo "tmux-flow: FAIL: $*" >&2
	echo "---- pane ----" >&2
	pane >&2
	echo "--------------" >&2
	exit 1
}

# wait_for STEP TEXT... waits (up to 15 s, and never past the deadline)
# until the pane shows every TEXT (fixed strings).
wait_for() {
	local step=$1
	shift
	local until=$((SECONDS + 15))
	((until > deadline)) && until=$deadline
	while ((SECONDS < until)); do
		local p all=1
		p=$(pane)
		for want in "$@"; do
			grep -qF -- "$want" <<<"$p" || { all=0; break; }
		done
		if ((all)); then
			echo "tmux-flow: ok: $step (${SECONDS}s)"
			return 0
		fi
		sleep 0.1
	done
	fail "$step: the pane does not show: $*"
}

keys() { tmux -L "$sock" send-keys -t "$session" "$@"; }

# A clean environment: no user config or database, a fixed terminal size.
mkdir -p "$tmp/config" "$tmp/data"
tmux -L "$sock" -f /dev/null new-session -d -s "$session" -x 100 -y 30 \
	"env XDG_CONFIG_HOME='$tmp/config' XDG_DATA_HOME='$tmp/data' BROWSER=true '$bin' demo; echo \$? > '$tmp/exit'"
tmux -L "$sock" set-option -t "$session" remain-on-exit off >/dev/null

# 1. The feeds screen with the demo feeds and the virtual feeds on top.
wait_for "feeds screen" "All unread" "Bookmarks" "The Meridian Wire" "Coastline Radio News"

# 2. Open a feed: The Meridian Wire sorts last.
keys G Enter
wait_for "open feed" "The Meridian Wire" "Flood barriers hold" "m toggle read" "1/"

# 3. Read the first article: the header names the source.
keys Enter
wait_for "read article" "The Meridian Wire · " "n next article" "%"

# 4. Bookmark it. With no network the full page cannot be fetched; the
#    bookmark is still saved (with the feed's text), and says so.
keys s
wait_for "bookmark" "bookmark saved"

# 5. Search all items.
keys /
wait_for "search input" "enter search"
keys -l lighthouse
keys Enter
wait_for "search results" "for “lighthouse”" "Harbour council votes to keep the old lighthouse"

# 6. Back: search -> reader -> items -> feeds; the bookmark is counted.
keys q
wait_for "back to reader" "The Meridian Wire · " "n next article"
keys q
wait_for "back to items" "Flood barriers hold" "m toggle read"
keys q
wait_for "back to feeds" "All unread" "Coastline Radio News" "R refresh all"
grep -Eq 'Bookmarks +1 *$' <<<"$(pane)" || fail "the Bookmarks feed does not count 1 bookmark"
echo "tmux-flow: ok: bookmark counted"

# 7. Quit: the program ends with status 0 and the session goes away.
keys q
until=$((SECONDS + 10))
while tmux -L "$sock" has-session -t "$session" 2>/dev/null; do
	((SECONDS < until)) || fail "herald did not quit on q"
	sleep 0.1
done
status=$(cat "$tmp/exit" 2>/dev/null || echo missing)
[[ "$status" == 0 ]] || fail "herald exited with status $status"
echo "tmux-flow: ok: quit"
echo "tmux-flow: PASS"
