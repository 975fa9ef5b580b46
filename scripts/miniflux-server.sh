#!/usr/bin/env bash
# scripts/miniflux-server.sh — a throwaway Miniflux (v2.3.5) on a throwaway
# PostgreSQL cluster, both on 127.0.0.1 only, for herald's sync tests
# (internal/minifluxtest starts it; .ci/run starts one for the whole run).
#
#   scripts/miniflux-server.sh install                  install what is missing, start nothing
#   scripts/miniflux-server.sh start DIR [--watch PID]  install, start, write DIR/env
#   scripts/miniflux-server.sh stop DIR                 stop everything, remove the data (idempotent)
#   scripts/miniflux-server.sh stop-miniflux DIR        stop Miniflux only (PostgreSQL keeps running)
#   scripts/miniflux-server.sh start-miniflux DIR       start it again, on the same port
#
# start installs PostgreSQL with apt-get when no /usr/lib/postgresql/*/bin/initdb
# exists (through `sudo -n` when not root), and Miniflux with `go install
# miniflux.app/v2@v2.3.5` when $(go env GOPATH)/bin/miniflux.app is missing
# (minutes on a fresh machine; run `install` ahead to keep it out of a test's
# time). With MINIFLUX_NO_INSTALL set, start installs nothing and fails when
# either is missing (what the tests do outside CI). It then starts a cluster in DIR/pgdata (as the postgres user when
# root, else as the current user) and Miniflux on free ports, creates the
# admin user and an API key, turns the Google Reader API on for that user,
# and writes DIR/env: KEY=VALUE lines (MINIFLUX_URL, MINIFLUX_USER,
# MINIFLUX_PASS, MINIFLUX_API_KEY, MINIFLUX_GREADER_PASS, MINIFLUX_PID, PGDATA,
# PGBIN, PGPORT, PGSOCK, …). DIR/miniflux.cmd holds Miniflux's environment,
# so that start-miniflux restarts it alone. Logs stay in DIR/*.log after stop.
#
# --watch PID leaves a watchdog behind that runs `stop DIR` once PID has
# exited: a test binary that crashes does not leave PostgreSQL running.
#
# Knobs: MINIFLUX_BIN (the binary), MINIFLUX_VERSION (v2.3.5), PGBIN (the
# PostgreSQL bin directory).
#
# Pitfalls met while writing it are listed in scripts/README-miniflux.md.
set -Eeuo pipefail

T0=${EPOCHREALTIME/./}
MINIFLUX_VERSION=${MINIFLUX_VERSION:-v2.3.5}
SELF=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$(basename "${BASH_SOURCE[0]}")

# step prints one line: the time since the script began, and what it does.
step() {
	local us=$((${EPOCHREALTIME/./} - T0))
	printf '[%3d.%02ds] %s\n' $((us / 1000000)) $((us % 1000000 / 10000)) "$*"
}
die() {
	step "error: $*" >&2
	exit 1
}

# as_root runs a command as root: directly, or through sudo when it needs
# no password (a test must never wait at a prompt).
as_root() {
	if [ "$(id -u)" -eq 0 ]; then
		"$@"
	elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
		sudo -n "$@"
	else
		die "need root or password-less sudo to run: $*"
	fi
}

# pg_bindir prints the newest installed PostgreSQL bin directory.
pg_bindir() {
	if [ -n "${PGBIN:-}" ]; then
		[ -x "$PGBIN/initdb" ] && echo "$PGBIN"
		return
	fi
	local d
	for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -n -r); do
		if [ -x "$d/initdb" ]; then
			echo "$d"
			return
		fi
	done
}

# miniflux_bin prints where `go install` puts (or has put) miniflux.app.
miniflux_bin() {
	if [ -n "${MINIFLUX_BIN:-}" ]; then
		echo "$MINIFLUX_BIN"
		return
	fi
	local gobin
	gobin=$(go env GOBIN)
	if [ -z "$gobin" ]; then
		gobin=$(go env GOPATH)
		gobin=${gobin%%:*}/bin
	fi
	echo "$gobin/miniflux.app"
}

do_install() {
	# Test binaries start servers in parallel: one installs, the others
	# wait. The lock is per user: another user's file in /tmp is not ours.
	if command -v flock >/dev/null 2>&1 && exec 9>"${TMPDIR:-/tmp}/herald-miniflux-install.$(id -u).lock"; then
		flock 9
	fi
	if [ -n "${MINIFLUX_NO_INSTALL:-}" ] && { [ -z "$(pg_bindir)" ] || [ ! -x "$(miniflux_bin)" ]; }; then
		die "PostgreSQL or Miniflux is not installed (run scripts/miniflux-server.sh install)"
	fi
	if [ -z "$(pg_bindir)" ]; then
		step "installing PostgreSQL (apt-get)"
		command -v apt-get >/dev/null 2>&1 || die "no PostgreSQL in /usr/lib/postgresql/*/bin and no apt-get to install it"
		as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
		as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=300 \
			--no-install-recommends postgresql postgresql-contrib >/dev/null
		[ -n "$(pg_bindir)" ] || die "apt-get installed postgresql, yet no /usr/lib/postgresql/*/bin/initdb"
	fi
	PGBIN=$(pg_bindir)
	step "PostgreSQL: $PGBIN"
	MINIFLUX_BIN=$(miniflux_bin)
	if [ ! -x "$MINIFLUX_BIN" ]; then
		command -v go >/dev/null 2>&1 || die "no $MINIFLUX_BIN and no go to build it"
		step "installing Miniflux (go install miniflux.app/v2@$MINIFLUX_VERSION; minutes on a fresh machine)"
		go install "miniflux.app/v2@$MINIFLUX_VERSION"
		[ -x "$MINIFLUX_BIN" ] || die "go install did not leave $MINIFLUX_BIN"
	fi
	step "Miniflux: $MINIFLUX_BIN"
	exec 9>&- || true
}

# free_port prints a port nothing listens on, below Linux's ephemeral range
# (32768–60999), so that no outgoing connection takes it in the meantime.
# Another process can still bind it first: callers retry.
free_port() {
	local p
	for _ in $(seq 100); do
		p=$((20000 + RANDOM % 12000))
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
			echo "$p"
			return
		fi
	done
	die "no free port found"
}

# http PORT METHOD PATH [BODY [HEADER…]] does one request with bash's
# /dev/tcp (no curl needed) and sets HTTP_STATUS and HTTP_BODY.
http() {
	local port=$1 method=$2 path=$3 body=${4:-} req line resp="" h
	shift 3
	[ $# -gt 0 ] && shift
	HTTP_STATUS=0 HTTP_BODY=
	exec 3<>"/dev/tcp/127.0.0.1/$port" || return 1
	req="$method $path HTTP/1.0"$'\r\n'"Host: 127.0.0.1:$port"$'\r\n'"Content-Length: ${#body}"$'\r\n'
	for h in "$@"; do req+="$h"$'\r\n'; done
	printf '%s\r\n%s' "$req" "$body" >&3
	while IFS= read -r -t 5 line <&3; do resp+="$line"$'\n'; done
	resp+=$line
	exec 3<&-
	[[ $resp =~ ^HTTP/1\.[01]\ ([0-9]{3}) ]] || return 1
	HTTP_STATUS=${BASH_REMATCH[1]}
	HTTP_BODY=${resp#*$'\r\n\r\n'}
}

# alive PID reports whether PID runs and is not a zombie: an orphan can
# linger as a zombie until PID 1 reaps it, and kill -0 still sees it.
alive() {
	local pid=$1 state
	[ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
	if [ -r "/proc/$pid/stat" ]; then
		state=$(sed 's/^.*) //' "/proc/$pid/stat" 2>/dev/null | cut -c1) || return 1
		[ "$state" != Z ] || return 1
	fi
}

# is_ours PID WORD reports whether PID still runs a command mentioning
# WORD, so that a recycled PID is never signalled.
is_ours() {
	alive "$1" || return 1
	[ -r "/proc/$1/cmdline" ] || return 0
	tr '\0' ' ' <"/proc/$1/cmdline" | grep -q -- "$2"
}

# wait_gone PID SECONDS waits for PID to exit.
wait_gone() {
	local _
	for _ in $(seq $(($2 * 20))); do
		alive "$1" || return 0
		sleep 0.05
	done
	return 1
}

# load_env DIR reads DIR/env (when there) into the shell.
load_env() {
	local k v
	[ -f "$1/env" ] || return 0
	while IFS='=' read -r k v; do
		[[ $k =~ ^[A-Z_][A-Z0-9_]*$ ]] && printf -v "$k" '%s' "$v"
	done <"$1/env"
}

# set_env DIR KEY VALUE rewrites one line of DIR/env.
set_env() {
	local f=$1/env
	[ -f "$f" ] || return 0
	grep -v "^$2=" "$f" >"$f.tmp" || true
	echo "$2=$3" >>"$f.tmp"
	mv "$f.tmp" "$f"
}

# run_pg runs a PostgreSQL program as the cluster's owner: the postgres
# user when root (PostgreSQL refuses to run as root), else ourselves.
run_pg() {
	if [ "$(id -u)" -eq 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

psql_db() { # DB: SQL on stdin
	run_pg "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PGSOCK" -p "$PGPORT" -U postgres -d "$1"
}

# healthy waits up to SECONDS for GET /healthcheck = OK, failing early
# when the Miniflux process has exited.
healthy() {
	local pid=$1 port=$2 secs=$3
	for _ in $(seq $((secs * 20))); do
		if http "$port" GET /healthcheck 2>/dev/null && [ "$HTTP_STATUS" = 200 ] && [ "$HTTP_BODY" = OK ]; then
			return 0
		fi
		alive "$pid" || return 1
		sleep 0.05
	done
	return 1
}

# launch_miniflux DIR starts Miniflux from DIR/miniflux.cmd, detached from
# our output (a caller reading our stdout would otherwise wait for it).
launch_miniflux() {
	local dir=$1 vars
	mapfile -t vars <"$dir/miniflux.cmd"
	env -i "${vars[@]}" "$MINIFLUX_BIN" </dev/null >>"$dir/miniflux.log" 2>&1 &
	MINIFLUX_PID=$!
	echo "$MINIFLUX_PID" >"$dir/miniflux.pid"
}

start_failed() {
	local rc=$?
	trap - EXIT
	step "start failed (exit $rc): tearing down; logs in $STARTING_DIR" >&2
	do_stop "$STARTING_DIR" >/dev/null 2>&1 || true
	exit "$rc"
}

do_start() {
	local dir=$1 watch=${2:-}
	mkdir -p "$dir"
	dir=$(cd "$dir" && pwd)
	[ ! -f "$dir/env" ] || die "$dir/env exists: a server runs there already (stop it first)"
	# Whatever fails from here on (die exits, set -e exits), nothing stays up.
	STARTING_DIR=$dir
	trap start_failed EXIT

	do_install

	PGDATA=$dir/pgdata
	PGSOCK=$dir/pgsock
	# A Unix socket path holds at most 107 bytes (…/.s.PGSQL.NNNNN included).
	if [ $((${#PGSOCK} + 18)) -gt 100 ]; then
		PGSOCK=$(mktemp -d "${TMPDIR:-/tmp}/hmf.XXXXXX")
		echo "$PGSOCK" >"$dir/pgsock.path"
	fi
	mkdir -p "$PGDATA" "$PGSOCK"
	chmod 700 "$PGDATA"
	: >"$dir/pg.log"
	if [ "$(id -u)" -eq 0 ]; then
		id postgres >/dev/null 2>&1 || die "no postgres user to run PostgreSQL as (root cannot)"
		chmod 755 "$dir" # mktemp -d and t.TempDir give 0700: postgres could not enter
		chown postgres: "$PGDATA" "$PGSOCK" "$dir/pg.log"
		runuser -u postgres -- test -w "$PGDATA" ||
			die "the postgres user cannot reach $PGDATA: make every directory above it searchable (chmod o+x)"
	fi

	step "initdb $PGDATA"
	run_pg "$PGBIN/initdb" -D "$PGDATA" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
		-E UTF8 --locale=C --no-sync >"$dir/initdb.log" 2>&1 ||
		{ cat "$dir/initdb.log" >&2; die "initdb failed"; }

	local attempt
	for attempt in 1 2 3; do
		PGPORT=$(free_port)
		step "PostgreSQL on 127.0.0.1:$PGPORT"
		if run_pg "$PGBIN/pg_ctl" -D "$PGDATA" -l "$dir/pg.log" -w -t 60 -o "-c listen_addresses=127.0.0.1 \
-c port=$PGPORT -c unix_socket_directories=$PGSOCK -c fsync=off -c full_page_writes=off -c synchronous_commit=off" \
			start </dev/null >/dev/null 2>&1; then
			break
		fi
		grep -q 'could not bind\|already in use' "$dir/pg.log" && [ "$attempt" -lt 3 ] ||
			{ tail -n 20 "$dir/pg.log" >&2; die "PostgreSQL did not start"; }
	done
	local dbpass apikey adminpass grpass
	dbpass=$(od -An -tx1 -N12 /dev/urandom | tr -d ' \n')
	apikey=$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')
	adminpass=$(od -An -tx1 -N8 /dev/urandom | tr -d ' \n')
	grpass=$(od -An -tx1 -N8 /dev/urandom | tr -d ' \n')
	psql_db postgres <<-SQL
		CREATE ROLE miniflux LOGIN PASSWORD '$dbpass';
		CREATE DATABASE miniflux OWNER miniflux;
	SQL
	echo "CREATE EXTENSION pgcrypto" | psql_db miniflux # crypt() bcrypts the Google Reader password
	step "database ready"

	# The watchdog goes up before Miniflux, so a crash from here on is covered.
	if [ -n "$watch" ]; then
		setsid bash "$SELF" __watch "$dir" "$watch" </dev/null >>"$dir/watchdog.log" 2>&1 &
	fi

	local mfport
	for attempt in 1 2 3; do
		mfport=$(free_port)
		cat >"$dir/miniflux.cmd" <<-CMD
			PATH=/usr/bin:/bin
			HOME=$dir
			DATABASE_URL=postgres://miniflux:$dbpass@127.0.0.1:$PGPORT/miniflux?sslmode=disable
			RUN_MIGRATIONS=1
			CREATE_ADMIN=1
			ADMIN_USERNAME=admin
			ADMIN_PASSWORD=$adminpass
			LISTEN_ADDR=127.0.0.1:$mfport
			BASE_URL=http://127.0.0.1:$mfport/
			FETCHER_ALLOW_PRIVATE_NETWORKS=1
			DISABLE_SCHEDULER_SERVICE=1
			LOG_LEVEL=info
		CMD
		step "Miniflux on 127.0.0.1:$mfport"
		launch_miniflux "$dir"
		if healthy "$MINIFLUX_PID" "$mfport" 60; then
			break
		fi
		kill -TERM "$MINIFLUX_PID" 2>/dev/null || true
		grep -q 'address already in use' "$dir/miniflux.log" && [ "$attempt" -lt 3 ] ||
			{ tail -n 20 "$dir/miniflux.log" >&2; die "Miniflux did not become healthy"; }
	done
	step "Miniflux healthy (pid $MINIFLUX_PID)"

	# Miniflux stores API keys as they are, so one can be made with SQL;
	# the Google Reader API has no switch in the REST API at all.
	psql_db miniflux <<-SQL
		INSERT INTO api_keys (user_id, token, description)
			SELECT id, '$apikey', 'herald tests' FROM users WHERE username = 'admin';
		UPDATE integrations i SET googlereader_enabled = true, googlereader_username = u.username,
			googlereader_password = crypt('$grpass', gen_salt('bf', 4))
			FROM users u WHERE u.id = i.user_id AND u.username = 'admin';
	SQL
	http "$mfport" GET /v1/me "" "X-Auth-Token: $apikey" && [ "$HTTP_STATUS" = 200 ] ||
		die "GET /v1/me with the new API key: HTTP $HTTP_STATUS $HTTP_BODY"
	http "$mfport" POST /accounts/ClientLogin "Email=admin&Passwd=$grpass" \
		"Content-Type: application/x-www-form-urlencoded" && [ "$HTTP_STATUS" = 200 ] ||
		die "Google Reader ClientLogin: HTTP $HTTP_STATUS $HTTP_BODY"
	step "API key and Google Reader login work"

	cat >"$dir/env.tmp" <<-ENV
		MINIFLUX_URL=http://127.0.0.1:$mfport
		MINIFLUX_USER=admin
		MINIFLUX_PASS=$adminpass
		MINIFLUX_API_KEY=$apikey
		MINIFLUX_GREADER_PASS=$grpass
		MINIFLUX_PID=$MINIFLUX_PID
		MINIFLUX_PORT=$mfport
		MINIFLUX_BIN=$MINIFLUX_BIN
		MINIFLUX_CMD=$dir/miniflux.cmd
		MINIFLUX_LOG=$dir/miniflux.log
		DATABASE_URL=postgres://miniflux:$dbpass@127.0.0.1:$PGPORT/miniflux?sslmode=disable
		PGDATA=$PGDATA
		PGBIN=$PGBIN
		PGPORT=$PGPORT
		PGSOCK=$PGSOCK
		PGUSER=postgres
	ENV
	mv "$dir/env.tmp" "$dir/env"
	trap - EXIT
	step "ready: $dir/env"
}

do_stop_miniflux() {
	local dir=$1 pid
	pid=$(cat "$dir/miniflux.pid" 2>/dev/null || true)
	if [ -n "$pid" ] && is_ours "$pid" miniflux; then
		kill -TERM "$pid" 2>/dev/null || true
		if ! wait_gone "$pid" 10; then
			kill -KILL "$pid" 2>/dev/null || true
			wait_gone "$pid" 5 || true
		fi
		step "Miniflux stopped (pid $pid)"
	fi
	rm -f "$dir/miniflux.pid"
	set_env "$dir" MINIFLUX_PID ""
}

do_start_miniflux() {
	local dir=$1
	[ -f "$dir/env" ] && [ -f "$dir/miniflux.cmd" ] || die "no server in $dir (start it first)"
	load_env "$dir"
	local pid
	pid=$(cat "$dir/miniflux.pid" 2>/dev/null || true)
	if [ -n "$pid" ] && is_ours "$pid" miniflux; then
		step "Miniflux already runs (pid $pid)"
		return
	fi
	[ -f "$PGDATA/postmaster.pid" ] || die "PostgreSQL is not running in $PGDATA"
	launch_miniflux "$dir"
	healthy "$MINIFLUX_PID" "$MINIFLUX_PORT" 60 ||
		{ tail -n 20 "$dir/miniflux.log" >&2; die "Miniflux did not become healthy"; }
	set_env "$dir" MINIFLUX_PID "$MINIFLUX_PID"
	step "Miniflux healthy on $MINIFLUX_URL (pid $MINIFLUX_PID)"
}

do_stop() {
	local dir=$1 pid
	if [ ! -d "$dir" ]; then
		step "nothing to stop in $dir"
		return
	fi
	load_env "$dir"
	pid=$(cat "$dir/watchdog.pid" 2>/dev/null || true)
	if [ -n "$pid" ] && [ "$pid" != "$$" ] && is_ours "$pid" __watch; then
		kill -TERM "$pid" 2>/dev/null || true
	fi
	rm -f "$dir/watchdog.pid"
	do_stop_miniflux "$dir"

	local pgdata=${PGDATA:-$dir/pgdata}
	if [ -f "$pgdata/postmaster.pid" ]; then
		pid=$(head -1 "$pgdata/postmaster.pid")
		if is_ours "$pid" postgres; then
			kill -INT "$pid" # SIGINT: PostgreSQL's fast shutdown
			# postmaster.pid goes when the postmaster is done; an orphaned
			# postmaster can linger as a zombie that kill -0 still sees.
			local _
			for _ in $(seq 300); do
				[ -f "$pgdata/postmaster.pid" ] && alive "$pid" || break
				sleep 0.05
			done
			if alive "$pid"; then
				kill -QUIT "$pid" 2>/dev/null || true # immediate shutdown
				wait_gone "$pid" 5 || kill -KILL "$pid" 2>/dev/null || true
			fi
			step "PostgreSQL stopped (pid $pid)"
		fi
	fi
	rm -rf "$pgdata"
	if [ -f "$dir/pgsock.path" ]; then
		rm -rf "$(cat "$dir/pgsock.path")" "$dir/pgsock.path"
	fi
	rm -rf "$dir/pgsock"
	rm -f "$dir/env" "$dir/env.tmp" "$dir/miniflux.cmd"
	step "stopped; logs kept in $dir"
}

# do_watch DIR PID (internal): stop DIR once PID has gone, or return once
# DIR has been stopped some other way.
do_watch() {
	local dir=$1 pid=$2
	trap '' INT HUP
	echo $$ >"$dir/watchdog.pid"
	while alive "$pid"; do
		[ -d "$dir/pgdata" ] || exit 0
		sleep 1
	done
	step "process $pid has gone: stopping the server in $dir"
	do_stop "$dir"
}

cmd=${1:-}
case $cmd in
install)
	do_install
	;;
start)
	[ $# -ge 2 ] || die "usage: $0 start DIR [--watch PID]"
	if [ "${3:-}" = --watch ]; then
		[ -n "${4:-}" ] || die "--watch needs a PID"
		do_start "$2" "$4"
	else
		do_start "$2"
	fi
	;;
stop)
	[ $# -eq 2 ] || die "usage: $0 stop DIR"
	do_stop "$2"
	;;
stop-miniflux)
	[ $# -eq 2 ] || die "usage: $0 stop-miniflux DIR"
	do_stop_miniflux "$2"
	;;
start-miniflux)
	[ $# -eq 2 ] || die "usage: $0 start-miniflux DIR"
	do_start_miniflux "$2"
	;;
__watch)
	do_watch "$2" "$3"
	;;
*)
	die "usage: $0 install | start DIR [--watch PID] | stop DIR | stop-miniflux DIR | start-miniflux DIR"
	;;
esac
