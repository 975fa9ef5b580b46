# shellcheck shell=bash
# bench/scale.sh — the --scale and --compare modes of bench/refresh.sh, which
# sources it after bench/lib.sh and its own helpers (fail, check_refresh) with
# H, WORK, N, ITEMS, PORTS, SEED, KEEP, SCALE and COMPARE set.
#
# One feedserver serves the largest size; a run of N feeds subscribes to feeds
# 0…N-1, which are the corpus `feedserver -n N` generates (feeds depend only on
# the seed and their index), so sizes and clients can be interleaved without
# generating the corpus again. Every run is cold: a fresh database (herald,
# OPML imported first, not timed) or a fresh cache (newsboat). herald's
# refresh leaves the items to the search index's next update: `herald index`
# runs after it, timed on its own, and the database is measured after it, so
# that bytes per item count the index. (A herald without the command indexed
# as it refreshed.) Each run adds one line to $WORK/runs.tsv:
#
#   client  feeds  round  load  wall  cpu  rss  db_bytes  items  index_wall  index_cpu

# scale_main runs every round of every size and prints the tables; it returns
# 1 when a functional check failed.
scale_main() {
	local sizes rounds r n
	if [ "$SCALE" = 1 ]; then
		sizes=${SCALES:-200 1000 3000 10000}
		rounds=${ROUNDS:-1}
	else
		sizes=$N
		rounds=${ROUNDS:-3}
	fi
	for n in $sizes; do
		[[ $n =~ ^[1-9][0-9]*$ ]] || die "not a number of feeds: '$n'"
	done
	log "load average: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) CPUs; sizes: $sizes; rounds: $rounds"
	# shellcheck disable=SC2086 # a list of sizes
	start_feedserver -n "$(max_of $sizes)" -ports "$PORTS" -items "$ITEMS" -seed "$SEED" -urls "$WORK/urls"
	for n in $sizes; do
		list_prefix "$n" <"$WORK/feeds.opml" >"$WORK/feeds-$n.opml"
		list_prefix "$n" <"$WORK/urls" >"$WORK/urls-$n"
	done
	if [ "$COMPARE" = newsboat ]; then
		printf 'reload-threads 8\n' >"$WORK/newsboat.conf"
		sqlite3 --version >/dev/null 2>&1 ||
			log "sqlite3 not installed: newsboat's items are not counted, N×$ITEMS assumed"
	fi
	: >"$WORK/runs.tsv"
	for r in $(seq 1 "$rounds"); do
		for n in $sizes; do
			run_round "$r" "$n"
		done
	done
	print_runs "$rounds"
	if [ -n "$COMPARE" ]; then
		# shellcheck disable=SC2086
		print_ratios "$rounds" $sizes
	fi
	scale_verdict
}

# max_of N… prints the largest N.
max_of() { printf '%s\n' "$@" | sort -n | tail -1; }

# load1 prints the one-minute load average.
load1() { cut -d' ' -f1 /proc/loadavg; }

# run_round R N runs herald on N feeds and, with --compare, newsboat; the
# one that goes first alternates from round to round.
run_round() {
	if [ -z "$COMPARE" ]; then
		herald_cold "$1" "$2"
	elif [ $(($1 % 2)) = 1 ]; then
		herald_cold "$1" "$2"
		other_cold "$1" "$2"
	else
		other_cold "$1" "$2"
		herald_cold "$1" "$2"
	fi
}

# other_cold R N runs what --compare names: newsboat, or another herald
# binary (client "other").
other_cold() {
	if [ "$COMPARE" = newsboat ]; then
		newsboat_cold "$1" "$2"
	else
		herald_cold "$1" "$2" "$COMPARE" other
	fi
}

# herald_cold R N [BINARY CLIENT]: a cold `herald refresh` of N feeds into a
# fresh database, by this tree's herald or by BINARY, recorded as CLIENT.
herald_cold() {
	local r=$1 n=$2 H=${3:-$H} client=${4:-herald}
	local name="$client-$2-r$1" load db
	local dir=$WORK/$name
	mkdir -p "$dir"
	db=$dir/herald.db
	if ! "$H" --db "$db" import "$WORK/feeds-$n.opml" >"$dir/import.out" 2>&1; then
		fail "$name: import exited non-zero: $(tail -2 "$dir/import.out" | tr '\n' ' ')"
		return
	fi
	load=$(load1)
	fs_stats reset >/dev/null
	timed "$name" "$H" --db "$db" refresh
	check_refresh "$name" "$n"
	check_served "$name" "$n"
	echo "$LAST_LINE" | grep -q " $((n * ITEMS)) new items" ||
		fail "$name: expected $((n * ITEMS)) new items: $LAST_LINE"
	[ -s "$db-wal" ] && log "$name: herald left a $(file_bytes "$db-wal")-byte WAL"
	local wall=$WALL cpu=$CPU rss=$RSS items
	items=$(echo "$LAST_LINE" | grep -o '[0-9]* new items' | cut -d' ' -f1)
	local ix_wall=0 ix_cpu=0
	if has_index "$H"; then
		timed "$name-index" "$H" --db "$db" index
		[ "$RC" = 0 ] || fail "$name: herald index exited $RC: $(tail -2 "$WORK/$name-index.out" | tr '\n' ' ')"
		grep -q "^indexed $((n * ITEMS)) items" "$WORK/$name-index.out" ||
			fail "$name: herald index: $(tail -1 "$WORK/$name-index.out")"
		ix_wall=$WALL ix_cpu=$CPU
	fi
	WALL=$wall CPU=$cpu RSS=$rss
	record "$client" "$n" "$r" "$load" "$(file_bytes "$db" "$db-wal" "$db-shm")" "$items" "$ix_wall" "$ix_cpu"
	drop_dir "$dir"
}

# newsboat_cold R N: a cold `newsboat -x reload` of N feeds into a fresh
# cache, with its own HOME so that nothing outside $WORK is touched.
newsboat_cold() {
	local r=$1 n=$2 name="newsboat-$2-r$1" load stored
	local dir=$WORK/$name
	mkdir -p "$dir/home"
	load=$(load1)
	fs_stats reset >/dev/null
	timed "$name" env HOME="$dir/home" newsboat -u "$WORK/urls-$n" -c "$dir/cache.db" \
		-C "$WORK/newsboat.conf" -x reload
	[ "$RC" = 0 ] || fail "$name: newsboat exited $RC: $(tail -2 "$WORK/$name.out" | tr '\n' ' ')"
	check_served "$name" "$n"
	stored=$(newsboat_items "$dir/cache.db" "$n")
	[ "$stored" = $((n * ITEMS)) ] || fail "$name: newsboat stored $stored items, want $((n * ITEMS))"
	record newsboat "$n" "$r" "$load" "$(file_bytes "$dir/cache.db" "$dir/cache.db-journal" \
		"$dir/cache.db-wal" "$dir/cache.db-shm")" "$stored" 0 0
	drop_dir "$dir"
}

# newsboat_items CACHE N prints the items newsboat stored, or N×ITEMS when
# sqlite3 is missing (scale_main says so).
newsboat_items() {
	if sqlite3 --version >/dev/null 2>&1; then
		sqlite3 "$1" 'select count(*) from rss_item' 2>/dev/null || echo 0
	else
		echo $(($2 * ITEMS))
	fi
}

# check_served NAME N: the server answered every one of the N feeds with 200
# since the last reset of its counters.
check_served() {
	local st ok
	st=$(fs_stats)
	ok=$(fs_stat "$st" ok)
	log "$1: server stats $st"
	[ "$ok" = "$2" ] || fail "$1: server answered $ok feeds with 200, want $2"
}

# record CLIENT N ROUND LOAD DB_BYTES ITEMS INDEX_WALL INDEX_CPU adds the last
# timed run to runs.tsv.
record() {
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" \
		"$WALL" "$CPU" "$RSS" "$5" "$6" "$7" "$8" >>"$WORK/runs.tsv"
}

# drop_dir DIR removes a run's database (1 GB at 10000 feeds) unless KEEP=1.
drop_dir() { [ "$KEEP" = 1 ] || rm -rf "$1"; }

# print_runs ROUNDS prints one row per run, by client, size and round.
print_runs() {
	echo
	echo "cold refresh at 0 ms: feeds × $ITEMS items over $PORTS loopback hosts, $1 round(s);" \
		"$(nproc) CPUs; load now $(cut -d' ' -f1-3 /proc/loadavg)"
	echo "feedserver: $(head -1 "$WORK/feedserver.err" | sed 's/^feedserver: //')"
	[ "$COMPARE" = newsboat ] && echo "newsboat: $(newsboat --version 2>/dev/null | head -1), reload-threads 8"
	[ -n "$COMPARE" ] && [ "$COMPARE" != newsboat ] && echo "other: $COMPARE"
	printf '%-8s %6s %5s %8s %8s %8s %8s %9s %7s %11s %12s %5s %8s %8s\n' client feeds round items \
		"wall s" "CPU-s" "RSS MB" "DB MB" "B/item" "CPU-ms/feed" "wall-ms/feed" load "index s" "ix CPU-s"
	sort -t "$(printf '\t')" -k1,1 -k2,2n -k3,3n "$WORK/runs.tsv" | awk -F'\t' '{
		items = $9 > 0 ? $9 : 1
		printf "%-8s %6d %5d %8d %8.2f %8.2f %8.1f %9.1f %7d %11.2f %12.2f %5s %8.2f %8.2f\n",
			$1, $2, $3, $9, $5, $6, $7, $8 / 1e6, $8 / items, $6 * 1000 / $2, $5 * 1000 / $2, $4, $10, $11 }'
	echo "(herald indexes for search after the refresh, in herald index: index s and ix CPU-s; DB MB and B/item include the index)"
}

# print_ratios ROUNDS N… prints, for each size, herald/newsboat (or
# herald/other) for CPU, wall, peak RSS and bytes per item: the median over
# the rounds of each round's ratio (the two ran back to back, so a round's
# ratio shares its load).
print_ratios() {
	local rounds=$1 n
	shift
	echo
	echo "herald/$(other_name), median over $rounds round(s) of each round's ratio (below 1: herald uses less)"
	printf '%6s %7s %7s %7s %7s %9s %9s\n' feeds CPU wall RSS B/item CPU+index wall+index
	for n in "$@"; do
		printf '%6d %7s %7s %7s %7s %9s %9s\n' "$n" "$(ratio "$n" 6)" "$(ratio "$n" 5)" \
			"$(ratio "$n" 7)" "$(ratio "$n" bpi)" "$(ratio "$n" cpuix)" "$(ratio "$n" wallix)"
	done
}

# other_name is the compared client's name in runs.tsv.
other_name() { if [ "$COMPARE" = newsboat ]; then echo newsboat; else echo other; fi; }

# ratio N FIELD prints the median over rounds of herald's FIELD of runs.tsv
# divided by the compared client's, for N feeds; FIELD bpi is bytes per item,
# cpuix and wallix the refresh's CPU and wall with herald index's added.
ratio() {
	awk -F'\t' -v n="$1" -v f="$2" -v other="$(other_name)" '
		function val() {
			if (f == "bpi") return $8 / ($9 > 0 ? $9 : 1)
			if (f == "cpuix") return $6 + $11
			if (f == "wallix") return $5 + $10
			return $f
		}
		$2 != n { next }
		$1 == "herald" { h[$3] = val() }
		$1 == other { b[$3] = val() }
		END { for (r in h) if ((r in b) && b[r] > 0) print h[r] / b[r] }' "$WORK/runs.tsv" |
		sort -g | awk '{ v[NR] = $1 }
		END {
			if (NR == 0) print "-"
			else if (NR % 2) printf "%.2f\n", v[(NR + 1) / 2]
			else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# scale_verdict prints the failures, if any, and returns 1 when there were.
scale_verdict() {
	if [ ${#FAILS[@]} -gt 0 ]; then
		echo
		echo "${#FAILS[@]} failure(s):"
		printf '  - %s\n' "${FAILS[@]}"
		return 1
	fi
	echo "PASS"
}
