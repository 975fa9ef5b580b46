# shellcheck shell=bash
# bench/lib.sh — helpers shared by bench/refresh.sh, bench/tuimem.sh and scripts/crash.sh.
# Source it after setting ROOT (the repo root); its functions use WORK (a
# scratch directory), set by the time they run.

# log prints a timestamped line on stderr.
log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# usage SCRIPT prints the script's header comment, from its second line to
# its `set` line, without the comment marks.
usage() { sed -n '2,/^set /p' "$1" | sed '$d; s/^# \{0,1\}//'; }

# common_arg SCRIPT ARG handles the arguments every bench script takes:
# --keep sets KEEP=1, -h/--help prints SCRIPT's usage and exits, anything
# else is refused (exit 2). Call it for the arguments a script has no arm for.
common_arg() {
	case $2 in
	--keep) KEEP=1 ;;
	-h | --help)
		usage "$1"
		exit 0
		;;
	*)
		echo "unknown argument: $2" >&2
		exit 2
		;;
	esac
}

# drop_work removes $WORK, unless KEEP=1 asked to keep it.
drop_work() {
	if [ "$KEEP" = 1 ]; then
		log "kept $WORK"
	else
		rm -rf "$WORK"
	fi
}

# die prints a message and exits non-zero.
die() { log "FAIL: $*"; exit 1; }

# build_tools builds herald, feedserver and dbcheck into $WORK.
build_tools() {
	log "building herald, feedserver, dbcheck"
	(cd "$ROOT" && go build -o "$WORK/herald" ./cmd/herald) || die "go build ./cmd/herald"
	(cd "$ROOT" && go build -o "$WORK/feedserver" ./bench/feedserver) || die "go build ./bench/feedserver"
	(cd "$ROOT" && go build -o "$WORK/dbcheck" ./bench/dbcheck) || die "go build ./bench/dbcheck"
}

# need_time makes sure GNU time is installed at /usr/bin/time.
need_time() {
	[ -x /usr/bin/time ] && return 0
	log "installing GNU time (Debian package 'time')"
	if [ "$(id -u)" = 0 ]; then
		apt-get update -qq && apt-get install -y -qq time >/dev/null
	else
		sudo apt-get update -qq && sudo apt-get install -y -qq time >/dev/null
	fi
	[ -x /usr/bin/time ] || die "/usr/bin/time is missing; install the Debian package 'time'"
}

# start_feedserver ARGS… starts feedserver in the background, waits for its
# "ready" line and sets FS_PID and FS_BASE (http://host:port of its first
# listener, for /stats and /control). Generating 10000 feeds takes 40 s on a
# busy 2-core machine, so it waits up to 10 minutes while the server lives.
start_feedserver() {
	local opml=$WORK/feeds.opml
	"$WORK/feedserver" -opml "$opml" "$@" >"$WORK/feedserver.out" 2>"$WORK/feedserver.err" &
	FS_PID=$!
	local _
	for _ in $(seq 1 6000); do
		grep -q '^ready' "$WORK/feedserver.out" 2>/dev/null && break
		kill -0 "$FS_PID" 2>/dev/null || { cat "$WORK/feedserver.err" >&2; die "feedserver exited"; }
		sleep 0.1
	done
	grep -q '^ready' "$WORK/feedserver.out" || die "feedserver not ready after 10 minutes"
	FS_BASE=$(grep -o 'xmlUrl="http://[^/"]*' "$opml" | head -1 | cut -d'"' -f2)
	log "$(head -1 "$WORK/feedserver.err")"
}

# stop_feedserver stops the feedserver started by start_feedserver.
stop_feedserver() {
	if [ -n "${FS_PID:-}" ] && kill -0 "$FS_PID" 2>/dev/null; then
		kill "$FS_PID" 2>/dev/null || true
		wait "$FS_PID" 2>/dev/null || true
	fi
	FS_PID=
}

# timed NAME CMD… runs CMD under /usr/bin/time -v; output in $WORK/NAME.out.
# Sets WALL (s), RSS (MB), CPU (user+sys s) and RC.
timed() {
	local name=$1
	shift
	/usr/bin/time -v -o "$WORK/$name.time" "$@" >"$WORK/$name.out" 2>&1
	RC=$?
	WALL=$(awk -F': ' '/Elapsed \(wall clock\)/ {
		n = split($2, p, ":"); s = 0
		for (i = 1; i <= n; i++) s = s * 60 + p[i]
		printf "%.2f", s }' "$WORK/$name.time")
	RSS=$(awk -F': ' '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }' "$WORK/$name.time")
	CPU=$(awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.2f", s }' "$WORK/$name.time")
	[ -n "$WALL" ] || WALL=nan
	[ -n "$RSS" ] || RSS=nan
	log "$name: rc=$RC wall=${WALL}s cpu=${CPU}s rss=${RSS}MB"
}

# has_index BINARY succeeds when that herald has the `index` command (a
# herald before it indexed for search as it refreshed).
has_index() { "$1" help index 2>/dev/null | grep -q "herald index"; }

# file_bytes FILE… prints the total size in bytes of the FILEs that exist
# (a database and its -wal and -shm, say).
file_bytes() {
	local f total=0
	for f in "$@"; do
		[ -e "$f" ] && total=$((total + $(stat -c %s "$f")))
	done
	echo "$total"
}

# list_prefix N < LIST keeps the lines of a feedserver OPML or urls file that
# name no feed or one of feeds 0…N-1: those feeds are the corpus
# `feedserver -n N` generates (each feed depends on the seed and its index).
list_prefix() {
	awk -v n="$1" 'match($0, /\/feed\/[0-9]+\./) == 0 || substr($0, RSTART + 6, RLENGTH - 7) + 0 < n'
}

# http_get URL prints the body of a GET on the loopback feedserver (curl when
# installed, else bash's /dev/tcp).
http_get() {
	if command -v curl >/dev/null 2>&1; then
		curl -fsS "$1"
		return
	fi
	local hp=${1#http://}
	local path=/${hp#*/} host=${hp%%/*}
	exec 9<>"/dev/tcp/${host%:*}/${host##*:}" || return 1
	printf 'GET %s HTTP/1.0\r\nHost: %s\r\n\r\n' "$path" "$host" >&9
	sed '1,/^\r\{0,1\}$/d' <&9
	exec 9<&-
}

# fs_stats [reset] prints the feedserver's counters as JSON; with "reset" it
# zeroes them after reading.
fs_stats() {
	if [ "${1:-}" = reset ]; then
		http_get "$FS_BASE/stats?reset=1"
	else
		http_get "$FS_BASE/stats"
	fi
}

# fs_stat JSON KEY prints one numeric field of a stats JSON object.
fs_stat() { printf '%s' "$1" | grep -o "\"$2\":[0-9]*" | cut -d: -f2; }

# fs_latency DURATION sets the feedserver's simulated latency.
fs_latency() { http_get "$FS_BASE/control?latency=$1" >/dev/null; }

# final_line FILE prints the last "refreshed N feeds: …" line of a refresh log.
final_line() { grep -a '^refreshed [0-9]* feeds' "$1" | tail -1; }
