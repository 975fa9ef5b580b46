#!/usr/bin/env bash
# scripts/crash.sh — crash safety of herald's database (issue 6, point 3).
#
# Against a loopback feedserver whose feeds change on every request (-rotate, so
# every refresh writes), it:
#   1. imports N feeds, refreshes once, bookmarks a few items;
#   2. starts `herald refresh` and kills it with SIGKILL after a random
#      0.05 s … one refresh's duration (≤ 1.5 s on a fast refresh), KILLS times;
#   3. checks PRAGMA integrity_check (bench/dbcheck, through store.Open), that
#      every bookmark is still there, and that the next refresh exits 0 with
#      its "refreshed N feeds: …" line;
#   4. runs two `herald refresh` on the same database at once (and a reader
#      beside them): each must finish, or say plainly that another herald is writing;
#      the database must pass the integrity check afterwards;
#   5. when the sqlite3 CLI is installed, holds the write lock from it for 8 s:
#      `herald feeds` must work meanwhile and `herald refresh` must finish or
#      say that another herald is writing.
# Exits non-zero on any failure.
#
# Usage:
#   scripts/crash.sh            50 kills, N=200 feeds
#   scripts/crash.sh --quick    10 kills, N=100 feeds (CI; well under a minute)
#   scripts/crash.sh --keep     keep the scratch directory
# Environment: KILLS, N, SEED (randomness of the kill points; default: the
# clock, printed so a run can be repeated), WORK (scratch dir).
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
QUICK=0
KEEP=${KEEP:-0}
for a in "$@"; do
	case $a in
	--quick) QUICK=1 ;;
	*) common_arg "$0" "$a" ;;
	esac
done
if [ "$QUICK" = 1 ]; then
	KILLS=${KILLS:-10}
	N=${N:-100}
else
	KILLS=${KILLS:-50}
	N=${N:-200}
fi
SEED=${SEED:-$(date +%s)}
RANDOM=$SEED
WORK=${WORK:-$(mktemp -d "${TMPDIR:-/tmp}/herald-crash.XXXXXX")}
mkdir -p "$WORK"

HPID=
# shellcheck disable=SC2317 # called by the EXIT trap
cleanup() {
	[ -n "$HPID" ] && kill -9 "$HPID" 2>/dev/null
	stop_feedserver
	drop_work
}
trap cleanup EXIT
trap 'exit 130' INT TERM

FAILS=()
fail() {
	log "FAIL: $*"
	FAILS+=("$*")
}

H=$WORK/herald
DB=$WORK/db/herald.db
mkdir -p "$WORK/db"
build_tools
log "seed $SEED; $KILLS kills; N=$N feeds"
# -rotate: each request shifts the feed's window by 3 items, so every refresh
# inserts new items and updates the others (real write load to interrupt).
start_feedserver -n "$N" -rotate 3 -seed 1

"$H" --db "$DB" import "$WORK/feeds.opml" >"$WORK/import.out" 2>&1 || die "import: $(tail -3 "$WORK/import.out")"
"$H" --db "$DB" refresh >"$WORK/first.out" 2>&1 || die "first refresh exited non-zero: $(tail -3 "$WORK/first.out")"
log "first refresh: $(final_line "$WORK/first.out")"

# A few bookmarks, made through the CLI.
IDS=$("$H" --db "$DB" list --limit 40 2>/dev/null | grep -o '^ *[0-9][0-9]*' | tr -d ' ' | awk 'NR % 8 == 1' | head -5)
[ -n "$IDS" ] || die "herald list gave no item ids"
for id in $IDS; do
	"$H" --db "$DB" bookmarks add "$id" >"$WORK/bm.out" 2>&1 || die "bookmarks add $id: $(tail -3 "$WORK/bm.out")"
done
"$WORK/dbcheck" -bookmarks "$DB" | sort >"$WORK/bookmarks.before" || die "dbcheck before the kills"
NB=$(wc -l <"$WORK/bookmarks.before")
[ "$NB" -ge 1 ] || die "no bookmark recorded after 'herald bookmarks add'"
log "bookmarks (item, state, Markdown bytes, CRC): $(tr '\t\n' ' ;' <"$WORK/bookmarks.before")"
awk -F'\t' '$3 == 0 { bad = 1 } END { exit bad }' "$WORK/bookmarks.before" || fail "a bookmark has no saved Markdown"

# How long does one refresh take here (for the log)? Kills do not depend on
# it: each waits until the refresh has reported a random number of feeds
# (between 1 and N/2) and kills it then, so that it lands while feeds are
# being written whatever the machine's speed or load; one kill in five comes
# at a random moment in the first 100 ms instead, before much is written.
t0=$(date +%s%N)
"$H" --db "$DB" refresh >"$WORK/timing.out" 2>&1 || die "second refresh exited non-zero: $(tail -3 "$WORK/timing.out")"
T_MS=$((($(date +%s%N) - t0) / 1000000))
log "one refresh takes ${T_MS} ms here: $(final_line "$WORK/timing.out")"
ITEMS0=$("$WORK/dbcheck" "$DB" | grep -o 'items=[0-9]*' | cut -d= -f2)

# reported counts the feeds a refresh has reported so far.
reported() { grep -c '^\(ok\|fail\|skip\) ' "$1" 2>/dev/null || true; }

# The kill loop.
killed=0 finished=0
start=$(date +%s)
for i in $(seq 1 "$KILLS"); do
	"$H" --db "$DB" refresh >"$WORK/kill.out" 2>&1 &
	HPID=$!
	if [ $((RANDOM % 5)) = 0 ]; then
		sleep "$(awk -v m=$((RANDOM % 100)) 'BEGIN { printf "%.3f", m / 1000 }')"
	else
		want=$((1 + RANDOM % (N / 2)))
		while kill -0 "$HPID" 2>/dev/null && [ "$(reported "$WORK/kill.out")" -lt "$want" ]; do
			sleep 0.01
		done
	fi
	if kill -9 "$HPID" 2>/dev/null; then
		killed=$((killed + 1))
		wait "$HPID" 2>/dev/null
	else
		wait "$HPID"
		rc=$?
		finished=$((finished + 1))
		[ "$rc" = 0 ] || fail "refresh $i (not killed) exited $rc: $(tail -2 "$WORK/kill.out" | tr '\n' ' ')"
	fi
	HPID=
	if [ $((i % 10)) = 0 ]; then
		out=$("$WORK/dbcheck" "$DB" 2>&1) || fail "after kill $i: $out"
		log "kill $i/$KILLS: $out"
	fi
done
log "kill loop: $killed killed mid-run, $finished finished before the kill, $(($(date +%s) - start)) s"
[ "$killed" -ge $((KILLS / 2)) ] || fail "only $killed of $KILLS refreshes were still running when killed"

# After the loop: integrity, bookmarks, and a refresh that works.
out=$("$WORK/dbcheck" "$DB" 2>&1) || fail "integrity after the kills: $out"
log "after the kills: $out"
ITEMS1=$(echo "$out" | grep -o 'items=[0-9]*' | cut -d= -f2)
log "items stored during the kill loop: ${ITEMS0:-?} -> ${ITEMS1:-?} (a growth shows kills landed after some feeds were committed)"
"$WORK/dbcheck" -bookmarks "$DB" | sort >"$WORK/bookmarks.after"
if ! lost=$(comm -23 "$WORK/bookmarks.before" "$WORK/bookmarks.after") || [ -n "$lost" ]; then
	fail "bookmarks lost or changed: $(echo "$lost" | tr '\t\n' ' ;')"
fi
"$H" --db "$DB" refresh >"$WORK/after.out" 2>&1
rc=$?
line=$(final_line "$WORK/after.out")
[ "$rc" = 0 ] || fail "refresh after the kills exited $rc: $(tail -3 "$WORK/after.out" | tr '\n' ' ')"
echo "$line" | grep -q "^refreshed $N feeds: " || fail "refresh after the kills: final line '$line', want 'refreshed $N feeds: …'"
log "refresh after the kills: rc=$rc: $line"

# Two processes on one database. Latency makes the refreshes overlap.
fs_latency 20ms
two() {
	local tag=$1 delay=$2
	"$H" --db "$DB" refresh >"$WORK/$tag.1.out" 2>&1 &
	local p1=$!
	sleep "$delay"
	"$H" --db "$DB" refresh >"$WORK/$tag.2.out" 2>&1 &
	local p2=$!
	sleep 0.2
	"$H" --db "$DB" feeds >"$WORK/$tag.reader.out" 2>&1
	local rr=$?
	wait "$p1"
	local r1=$?
	wait "$p2"
	local r2=$?
	[ "$rr" = 0 ] || fail "$tag: 'herald feeds' during two refreshes exited $rr: $(tail -2 "$WORK/$tag.reader.out" | tr '\n' ' ')"
	local k r
	for k in 1 2; do
		r=$r1
		[ "$k" = 2 ] && r=$r2
		line=$(final_line "$WORK/$tag.$k.out")
		if [ "$r" = 0 ] && echo "$line" | grep -q "^refreshed $N feeds: "; then
			log "$tag: process $k finished: $line"
		elif grep -qi 'another herald is writing' "$WORK/$tag.$k.out"; then
			log "$tag: process $k (exit $r) said: $(grep -i -m1 'another herald is writing' "$WORK/$tag.$k.out")"
		else
			fail "$tag: process $k exited $r without finishing or saying another herald is writing: $(tail -3 "$WORK/$tag.$k.out" | tr '\n' ' ')"
		fi
		if grep -qi 'SQLITE_BUSY\|database is locked' "$WORK/$tag.$k.out"; then
			log "$tag: note: process $k printed a raw SQLite busy error: $(grep -i -m1 'SQLITE_BUSY\|database is locked' "$WORK/$tag.$k.out")"
		fi
	done
}
two together 0
two staggered 0.3
fs_latency 0

# A writer that holds the lock longer than herald's busy timeout (the sqlite3
# CLI in an open BEGIN IMMEDIATE): readers must work alongside, a refresh must
# end saying plainly that another herald is writing.
if command -v sqlite3 >/dev/null 2>&1; then
	(
		echo "BEGIN IMMEDIATE;"
		sleep 8
		echo "COMMIT;"
	) | sqlite3 "$DB" &
	LPID=$!
	sleep 0.5
	"$H" --db "$DB" feeds >"$WORK/locked.feeds.out" 2>&1 || fail "herald feeds while another writer holds the lock exited $?: $(tail -2 "$WORK/locked.feeds.out" | tr '\n' ' ')"
	"$H" --db "$DB" refresh >"$WORK/locked.refresh.out" 2>&1
	rc=$?
	if grep -qi 'another herald is writing' "$WORK/locked.refresh.out"; then
		log "lock held elsewhere: refresh exit $rc: $(grep -i -m1 'another herald is writing' "$WORK/locked.refresh.out")"
	elif [ "$rc" = 0 ]; then
		log "lock held elsewhere: refresh waited and finished: $(final_line "$WORK/locked.refresh.out")"
	else
		fail "lock held elsewhere: refresh exited $rc without saying another herald is writing: $(tail -3 "$WORK/locked.refresh.out" | tr '\n' ' ')"
	fi
	wait "$LPID"
else
	log "sqlite3 CLI not installed: skipping the held-lock check"
fi
out=$("$WORK/dbcheck" "$DB" 2>&1) || fail "integrity after two processes: $out"
log "at the end: $out"
"$WORK/dbcheck" -bookmarks "$DB" | sort >"$WORK/bookmarks.end"
cmp -s "$WORK/bookmarks.before" "$WORK/bookmarks.end" || fail "bookmarks changed: before $(tr '\t\n' ' ;' <"$WORK/bookmarks.before"), now $(tr '\t\n' ' ;' <"$WORK/bookmarks.end")"

echo
echo "crash test: $KILLS SIGKILLs ($killed mid-refresh), N=$N feeds, seed $SEED"
echo "  integrity at the end (after kills, two processes, held lock): $out"
echo "  bookmarks kept: $(wc -l <"$WORK/bookmarks.end")/$NB"
if [ ${#FAILS[@]} -gt 0 ]; then
	echo "${#FAILS[@]} failure(s):"
	printf '  - %s\n' "${FAILS[@]}"
	exit 1
fi
echo "PASS"
