#!/usr/bin/env bash
# tmux-flow.sh drives the real herald binary through the reader in tmux, in
# two parts. After each step it captures the pane and checks for the text
# that step must show; it exits non-zero on the first failure, printing the
# pane.
#
#  1. The demo: open a feed, read an article, bookmark it, search, go back,
#     quit.
#  2. Real feeds over loopback: scripts/flowserver serves three feeds the
#     script writes (two tagged "news" that share a story, one podcast); the
#     CLI subscribes, tags and refreshes with a mute rule and a player set in
#     config.toml, then the reader is checked for the tag group, a duplicate
#     shown once and "also in", n across feeds, u, A on All unread,
#     playing an enclosure with e, the reading position, and esc in search.
#
# Usage: scripts/tmux-flow.sh            (builds ./cmd/herald)
#        HERALD_BIN=/path/to/herald scripts/tmux-flow.sh
#
# It uses its own tmux server socket, so it never touches the user's tmux
# sessions, and removes everything it made (the feed server too) on every
# exit. The flow takes about 6 seconds and gives up after 60 (plus the
# builds: scripts/flowserver is always built, herald unless HERALD_BIN).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/herald-tmux.XXXXXX")
sock="$tmp/tmux.sock" # in tmp, so cleanup removes it too
session=flow
server_pid=
on_fail=() # files fail prints besides the pane

cleanup() {
	tmux -S "$sock" kill-server >/dev/null 2>&1 || true
	if [[ -n "$server_pid" ]]; then
		exec 3>&- # its stdin: the server exits when it closes
		kill "$server_pid" 2>/dev/null || true
		wait "$server_pid" 2>/dev/null || true
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP

command -v tmux >/dev/null || { echo "tmux-flow: tmux is not installed" >&2; exit 1; }

bin=${HERALD_BIN:-}
if [[ -z "$bin" ]]; then
	bin="$tmp/herald"
	(cd "$root" && go build -o "$bin" ./cmd/herald)
fi
(cd "$root" && go build -o "$tmp/flowserver" ./scripts/flowserver)
# The flow itself gets 60 seconds, whatever the builds took; the times
# printed count from here.
SECONDS=0
deadline=60

# tm runs tmux on the flow's own server; fd 3 (the feed server's stdin)
# must not leak into it, or the server would outlive the script's end.
tm() { tmux -S "$sock" "$@" 3>&-; }

pane() { tm capture-pane -p -t "$session" 2>/dev/null || true; }

fail() {
	echo "tmux-flow: FAIL: $*" >&2
	if tm has-session -t "$session" 2>/dev/null; then
		echo "---- pane ----" >&2
		pane >&2
		echo "--------------" >&2
	fi
	local f
	for f in ${on_fail[@]+"${on_fail[@]}"}; do
		[[ -s "$f" ]] || continue
		echo "---- ${f#"$tmp"/} ----" >&2
		tail -n 20 "$f" >&2
	done
	exit 1
}

# poll STEP WHAT CMD... runs CMD until it succeeds (up to 15 s, and never
# past the deadline); WHAT says what was awaited, for the failure.
poll() {
	local step=$1 what=$2
	shift 2
	local until=$((SECONDS + 15))
	((until > deadline)) && until=$deadline
	while ((SECONDS < until)); do
		if "$@"; then
			echo "tmux-flow: ok: $step (${SECONDS}s)"
			return 0
		fi
		sleep 0.1
	done
	((SECONDS < deadline)) || what+=" (the flow's 60 s are up)"
	fail "$step: $what"
}

# shows TEXT... succeeds when the pane shows every TEXT (fixed strings);
# shows_none when it shows none of them; matches when a line of the pane
# matches the extended regular expression RE.
shows() {
	local p want
	p=$(pane)
	for want in "$@"; do
		grep -qF -- "$want" <<<"$p" || return 1
	done
}
shows_none() {
	local p not
	p=$(pane)
	for not in "$@"; do
		! grep -qF -- "$not" <<<"$p" || return 1
	done
}
matches() { grep -qE -- "$1" <<<"$(pane)"; }

# wait_for STEP TEXT... waits until the pane shows every TEXT; wait_gone
# STEP TEXT... until it shows none of them; wait_match STEP RE until a
# line matches RE.
wait_for() {
	local step=$1
	shift
	poll "$step" "the pane does not show: $*" shows "$@"
}
wait_gone() {
	local step=$1
	shift
	poll "$step" "the pane still shows: $*" shows_none "$@"
}
wait_match() { poll "$1" "no line of the pane matches: $2" matches "$2"; }

keys() { tm send-keys -t "$session" "$@"; }

# quit ends the reader with q, which must leave with status 0 (written to
# the file $1 by the session's shell) and end the session.
quit() {
	keys q
	local until=$((SECONDS + 10))
	while tm has-session -t "$session" 2>/dev/null; do
		((SECONDS < until)) || fail "herald did not quit on q"
		sleep 0.1
	done
	local status
	status=$(cat "$1" 2>/dev/null || echo missing)
	[[ "$status" == 0 ]] || fail "herald exited with status $status"
	echo "tmux-flow: ok: quit (${SECONDS}s)"
}

# ---- Part 1: the demo ----

# A clean environment: no user config or database, a fixed terminal size.
mkdir -p "$tmp/config" "$tmp/data"
tm -f /dev/null new-session -d -s "$session" -x 100 -y 30 \
	"env XDG_CONFIG_HOME='$tmp/config' XDG_DATA_HOME='$tmp/data' BROWSER=true '$bin' demo; echo \$? > '$tmp/exit'"
tm set-option -t "$session" remain-on-exit off >/dev/null

# 1. The feeds screen with the demo feeds and the virtual feeds on top.
wait_for "feeds screen" "All unread" "Bookmarks" "The Meridian Wire" "Coastline Radio News"

# 2. Open a feed: The Meridian Wire sorts last.
keys G Enter
wait_for "open feed" "The Meridian Wire" "Flood barriers hold" "m toggle read" "1/"

# 3. Read the first article: the header names the source.
keys Enter
wait_for "read article" "The Meridian Wire · " "n next unread" "%"

# 4. Bookmark it. With no network the full page cannot be fetched; the
#    bookmark is still saved (with the feed's text), and says so.
keys s
wait_for "bookmark" "bookmark saved"

# 5. Search all items.
keys /
wait_for "search input" "enter search"
keys -l lighthouse
keys Enter
wait_for "search results" 'for “lighthouse”' "Harbour council votes to keep the old lighthouse"

# 6. Back: search -> reader -> items -> feeds; the bookmark is counted.
keys q
wait_for "back to reader" "The Meridian Wire · " "n next unread"
keys q
wait_for "back to items" "Flood barriers hold" "m toggle read"
keys q
wait_for "back to feeds" "All unread" "Coastline Radio News" "R refresh all"
grep -Eq 'Bookmarks +1 *$' <<<"$(pane)" || fail "the Bookmarks feed does not count 1 bookmark"
echo "tmux-flow: ok: bookmark counted"

# 7. Quit: the program ends with status 0 and the session goes away.
quit "$tmp/exit"

# ---- Part 2: real feeds over loopback ----

live="$tmp/live"
www="$live/www"
mkdir -p "$www/a" "$www/b" "$www/c" "$live/config/herald" "$live/data"
on_fail+=("$live/server.log" "$live/cli.log" "$live/player.log")

# The feed server: its stdin is a FIFO held open on fd 3 until cleanup, so
# it ends with the script even if the kill misses it.
mkfifo "$live/server.in"
"$tmp/flowserver" "$www" <"$live/server.in" >"$live/server.out" 2>"$live/server.log" &
server_pid=$!
exec 3>"$live/server.in"
has_base() {
	kill -0 "$server_pid" 2>/dev/null || fail "flowserver exited"
	[[ -s "$live/server.out" && $(wc -l <"$live/server.out") -ge 1 ]]
}
poll "feed server" "flowserver printed no URL" has_base
base=$(head -n 1 "$live/server.out")
[[ "$base" == http://127.0.0.1:* ]] || fail "flowserver printed $base, not a loopback URL"

# hc runs the herald CLI on the flow's own config and database; its
# output goes to cli.log too, for the failure report.
hc() {
	env XDG_CONFIG_HOME="$live/config" XDG_DATA_HOME="$live/data" "$bin" "$@" 2>&1 3>&- |
		tee -a "$live/cli.log"
}

# 8. The feeds, written for this flow. Harbour Gazette and Valley Courier
#    share a story (the same link, with ?utm_source=x in the Courier); one
#    Gazette item is muted by title; the podcast has audio enclosures; one
#    Gazette article is long enough to scroll two pages at 30 rows.
para() {
	local i=$1
	case $((i % 4)) in
	0) echo "<p>In the winter of year $i on the point, the keeper rose before the fishing fleet and wound the clockwork that turned the great lens, then wrote the wind, the sea and the ships he counted in a ledger that the harbour office still keeps in a cupboard by the door.</p>" ;;
	1) echo "<p>Storm number $i of his logbook came in from the south west at dusk. He kept the light burning through the night, walked the gallery every hour to clear the salt from the glass, and by morning had counted eleven boats safely home past the reef.</p>" ;;
	2) echo "<p>Visitors in season $i asked him the same questions: whether he was lonely, whether the light ever failed, whether the stairs got easier. He answered that the gulls were company enough, that it failed twice, and that the stairs never did.</p>" ;;
	3) echo "<p>When the board replaced the lamp with an electric one in decade $i of the story, he kept the old brass burner polished on a shelf in the watch room and showed it to every child who climbed the hundred and twelve steps to see the view.</p>" ;;
	esac
}
long=$(for i in $(seq 1 36); do para "$i"; done)
item() { # item TITLE LINK GUID DATE HTML [EXTRA]
	printf '<item><title>%s</title><link>%s</link><guid isPermaLink="false">%s</guid><pubDate>%s</pubDate><description><![CDATA[%s]]></description>%s</item>\n' \
		"$1" "$2" "$3" "$4" "$5" "${6:-}"
}
rss() { # rss TITLE LINK ITEMS
	printf '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd">\n<channel><title>%s</title><link>%s</link><description>Written for the herald tmux flow.</description>\n%s\n</channel></rss>\n' \
		"$1" "$2" "$3"
}
dup_link="$base/a/ferry-timetable.html"
rss "Harbour Gazette" "$base/a/" "$(
	item "Council approves the new ferry timetable" "$dup_link" gazette-1 "Mon, 03 Nov 2025 09:00:00 +0000" \
		"<p>From January the first ferry leaves at six, an hour earlier than now, and the last one waits for the evening train.</p>"
	item "Lighthouse keeper retires after forty years" "$base/a/keeper.html" gazette-2 "Mon, 03 Nov 2025 08:00:00 +0000" "$long"
	item "Sponsored: five boat insurance deals" "$base/a/deals.html" gazette-3 "Mon, 03 Nov 2025 06:00:00 +0000" \
		"<p>Compare five policies for small boats and save on the coming season.</p>"
)" >"$www/a.xml"
rss "Valley Courier" "$base/b/" "$(
	item "Ferry timetable changes get the council vote" "$dup_link?utm_source=x" courier-1 "Mon, 03 Nov 2025 09:30:00 +0000" \
		"<p>The harbour council voted for an earlier first ferry and a later last one, starting in January.</p>"
	item "Valley farmers open the autumn market" "$base/b/market.html" courier-2 "Mon, 03 Nov 2025 07:00:00 +0000" \
		"<p>Forty stalls of apples, cheese and cider opened on the square on Saturday, a week earlier than last year.</p>"
)" >"$www/b.xml"
enclosure() { # enclosure URL DURATION
	printf '<enclosure url="%s" type="audio/mpeg" length="47185920"/><itunes:duration>%s</itunes:duration>' "$1" "$2"
}
rss "Night Shift Podcast" "$base/c/" "$(
	item "Episode 2: the night bus drivers" "$base/c/ep2.html" podcast-2 "Sun, 02 Nov 2025 20:00:00 +0000" \
		"<p>We ride the last buses across town with the drivers who know every stop by heart.</p>" \
		"$(enclosure "$base/c/ep2.mp3" 1:02:03)"
	item "Episode 1: bakers before dawn" "$base/c/ep1.html" podcast-1 "Sun, 26 Oct 2025 20:00:00 +0000" \
		"<p>Three bakers, two ovens and the hours between midnight and the first customer.</p>" \
		"$(enclosure "$base/c/ep1.mp3" 48:10)"
)" >"$www/c.xml"
for page in a/ferry-timetable a/keeper a/deals b/market c/ep1 c/ep2; do
	printf '<!doctype html><title>%s</title><p>An article page of the tmux flow.</p>\n' "$page" >"$www/$page.html"
done
printf 'not really audio\n' >"$www/c/ep1.mp3"
printf 'not really audio\n' >"$www/c/ep2.mp3"

# The player stands in for mpv: it logs its arguments, one a line.
cat >"$live/player.sh" <<EOF
#!/bin/sh
for a in "\$@"; do printf '%s\n' "\$a" >>'$live/player.log'; done
EOF
chmod +x "$live/player.sh"
cat >"$live/config/herald/config.toml" <<EOF
mute = ["title:sponsored"]
player = "$live/player.sh"
EOF

# 9. Subscribe, tag and refresh with the CLI. The Gazette is refreshed
#    first, so its item is the story's first copy and the Courier's the
#    duplicate, whatever order a refresh of all feeds would take.
hc add "$base/a.xml" "$base/b.xml" "$base/c.xml" >/dev/null || fail "herald add failed"
hc tag "$base/a.xml" news >/dev/null || fail "herald tag (Gazette) failed"
hc tag "$base/b.xml" news >/dev/null || fail "herald tag (Courier) failed"
hc refresh "$base/a.xml" >/dev/null || fail "herald refresh of the Gazette failed"
out=$(hc refresh) || fail "herald refresh failed"
grep -q '0 failed' <<<"$out" || fail "herald refresh: $out"
echo "tmux-flow: ok: add, tag, refresh (${SECONDS}s)"

out=$(hc list --muted) || fail "herald list --muted failed"
[[ $(wc -l <<<"$out") == 1 && $(grep -cF '[muted: title:sponsored]' <<<"$out") == 1 &&
	$(grep -cF 'Sponsored: five boat insurance deals' <<<"$out") == 1 ]] ||
	fail "herald list --muted does not show the one sponsored item with [muted: title:sponsored]"
echo "tmux-flow: ok: list --muted"
out=$(hc list) || fail "herald list failed"
[[ $(grep -cF '[audio]' <<<"$out") == 2 && $(grep -c 'Night Shift Podcast .*\[audio\]' <<<"$out") == 2 ]] ||
	fail "herald list does not mark the two podcast items, and only them, [audio]"
echo "tmux-flow: ok: list marks [audio]"
out=$(hc list --tag news) || fail "herald list --tag news failed"
[[ $(grep -c 'Harbour Gazette' <<<"$out") == 3 && $(grep -c 'Valley Courier' <<<"$out") == 2 &&
	$(wc -l <<<"$out") == 5 ]] || fail "herald list --tag news does not list the 3 Gazette and 2 Courier items only"
echo "tmux-flow: ok: list --tag news"

# 10. The reader on those feeds.
session=live
tm -f /dev/null new-session -d -s "$session" -x 100 -y 30 \
	"env XDG_CONFIG_HOME='$live/config' XDG_DATA_HOME='$live/data' BROWSER=true '$bin'; echo \$? > '$live/exit'"
tm set-option -t "$session" remain-on-exit off >/dev/null

# The tag group, and All unread counting the shared story once: 2 in the
# Gazette (one muted), 2 in the Courier (one the shared story), 2 episodes.
wait_for "live feeds screen" "▾ news" "Harbour Gazette" "Valley Courier" "Night Shift Podcast"
wait_match "All unread counts the shared story once" '^. +All unread +5 unread'

# 11. All unread lists the shared story once, the Gazette's copy.
keys Enter
wait_for "open All unread" "Council approves the new ferry" "Lighthouse keeper retires" \
	"Valley farmers open" "Episode 2: the night" "Episode 1: bakers" "1/5"
shows_none "Ferry timetable changes get" || fail "All unread shows the Courier's copy of the shared story"

# 12. Open it: the header names the other feed it came through.
keys Enter
wait_for "also in" "Council approves the new ferry timetable" "also in Valley Courier" "min read"

# 13. n: the next unread article; u: it is unread again.
keys n
wait_for "n: next unread" "Lighthouse keeper retires after forty years" "Harbour Gazette · "
# The header shows at once, the read state is stored after: u undoes the
# last stored change, so wait for the count to drop first.
wait_match "read, and counted" '^herald › .* 3 unread$'
keys u
wait_for "u: undo" 'undone: read “Lighthouse keeper retires after forty years”'

# 14. In a feed, n past its last unread article goes on to the next feed
#     with one. In the Courier the shared story is read already (reading
#     one copy reads them all): n opens the market, then the podcast.
# (One esc at a time: two in one burst read as alt+esc.)
keys Escape
wait_for "back to All unread" "Valley farmers open" "m toggle read"
keys Escape
wait_for "back to the feed list" "R refresh all" "▾ news"
keys j j j j
wait_match "select the Courier" '^> +Valley Courier'
keys Enter
wait_for "open the Courier" "Ferry timetable changes get" "Valley farmers open" "1/2"
keys n
wait_for "n in the feed" "Valley farmers open the autumn market" "Valley Courier · "
keys n
wait_for "n to the next feed" "next unread in Night Shift Podcast" "Episode 2: the night bus drivers"

# 15. The episode's audio: shown in the header, played by e with the
#     configured player, the URL as its one argument.
ep2="$base/c/ep2.mp3"
wait_for "audio in the header" "Audio: $ep2 (audio/mpeg, 45 MB, 1:02:03)"
keys e
played() { [[ -f "$live/player.log" && "$(cat "$live/player.log")" == "$ep2" ]]; }
poll "e plays" "the player log is not the one line $ep2" played

# 16. A on All unread asks first: x cancels, y marks all read, u undoes.
keys Escape
wait_for "back to the podcast" "Episode 1: bakers" "m toggle read"
keys Escape
wait_for "back to the feed list" "R refresh all"
keys g
wait_match "select All unread" '^> +All unread +2 unread'
keys A
wait_for "A asks" "mark all 2 unread items of All unread read? [y/N]"
keys x
wait_for "x cancels" "cancelled: nothing was marked"
wait_match "nothing marked" '^> +All unread +2 unread'
keys A
wait_for "A asks again" "mark all 2 unread items of All unread read?"
keys y
wait_match "y marks all read" '^> +All unread +0 unread'
keys u
wait_for "u undoes it" "undone: marked All unread read (2 items)"
wait_match "both unread again" '^> +All unread +2 unread'

# 17. The reading position: page down twice in the long article, leave,
#     open it again: it resumes where it was.
keys j j j
wait_match "select the Gazette" '^> +Harbour Gazette'
keys Enter
wait_for "open the Gazette" "Council approves the new ferry" "Sponsored: five boat" "1/3"
keys j
wait_for "select the long article" "2/3"
keys Enter
wait_for "open the long article" "Lighthouse keeper retires after forty years" "In the winter of year 4"
# percent prints the reader's scroll position, the status line's right end.
percent() { grep -oE '[0-9]+%$' <<<"$(pane)" | tail -n 1 | tr -d % || true; }
at=$(percent)
[[ "$at" == 0 ]] || fail "the long article opens at ${at:-no}% instead of the top"
moved() { local p; p=$(percent); [[ -n "$p" && "$p" != "$at" && "$p" != 100 ]]; }
keys Space
poll "page down" "the scroll position stays at $at%" moved
at=$(percent)
keys Space
poll "page down again" "the scroll position stays at $at% (or the end came)" moved
at=$(percent)
keys Escape
wait_for "back to the Gazette" "2/3" "Sponsored: five boat"
keys Enter
resumed() {
	local p
	shows "Lighthouse keeper retires" || return 1
	p=$(percent)
	[[ -n "$p" ]] && ((p > 0 && p >= at - 1 && p <= at + 1))
}
poll "resume reading at $at%" "the article did not reopen at $at%" resumed

# 18. esc leaves search straight from the input, back to the article.
keys /
wait_for "search input" "enter search" "esc cancel"
keys -l ferry
wait_for "typing" "/ ferry"
keys Escape
wait_gone "esc leaves search" "esc cancel" "/ ferry"
wait_for "back in the article" "Lighthouse keeper retires" "n next unread"

# 19. q goes back from the article and the list, then quits: status 0.
keys q
wait_for "q: back to the Gazette" "2/3" "Sponsored: five boat"
keys q
wait_for "q: back to the feed list" "R refresh all" "▾ news"
quit "$live/exit"
echo "tmux-flow: PASS (${SECONDS}s)"
