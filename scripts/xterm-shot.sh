#!/usr/bin/env bash
# scripts/xterm-shot.sh — a screenshot of a command's output in a real xterm
# (Debian's, built with sixel support, started as a VT340) on a private
# Xvfb display: what herald looks like to a person, for the tests that check
# that pictures appear where they belong (internal/xtermtest runs it).
#
#   scripts/xterm-shot.sh install   install what is missing (apt-get), start nothing
#   scripts/xterm-shot.sh check     exit 0 when everything `run` needs is there
#   scripts/xterm-shot.sh run --cols C --rows R --theme dark|light --out FILE.png \
#       [--ready-file F] [--tmux] [--timeout SECONDS] -- COMMAND...
#
# run starts Xvfb on a free display (-displayfd: no race for the number),
# then xterm with C×R cells, no border, no scroll bar, the DejaVu Sans Mono
# 10 pt font (8×17 pixels a cell), dark (black background, grey90 text) or
# light (white background, black text), running COMMAND. With --tmux,
# COMMAND runs in tmux (no status line, 24-bit colour passed through) inside
# the xterm, as herald does for its half-block pictures.
#
# It then waits for a condition, never a fixed time: with --ready-file, until
# COMMAND has created F (COMMAND may then keep running, as a TUI does);
# without, until COMMAND has exited. COMMAND's screen stays up either way,
# the cursor hidden. Then it captures the xterm window (xwd) until two
# captures in a row are identical, and writes that one to FILE.png (netpbm's
# xwdtopnm | pnmtopng), exactly C*8 × R*17 pixels. Everything it started
# (Xvfb, xterm, tmux, COMMAND) is stopped on every way out; after --timeout
# seconds (default 30) it gives up and fails, leaving what the screen showed
# then in FILE.png.fail.png. Without --ready-file, COMMAND's exit status is
# run's: a failing COMMAND fails the run (after the shot, which shows why).
#
# COMMAND runs with DISPLAY set to the private display and LC_ALL=C.UTF-8.
set -Eeuo pipefail

T0=${EPOCHREALTIME/./}
SELF=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$(basename "${BASH_SOURCE[0]}")
FONT_FACE='DejaVu Sans Mono'
FONT_SIZE=10
FONT_FILE=/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf

# step prints one line on stderr: the time since the script began, and what
# it does (stderr: a caller may read stdout).
step() {
	local us=$((${EPOCHREALTIME/./} - T0))
	printf '[%3d.%02ds] xterm-shot: %s\n' $((us / 1000000)) $((us % 1000000 / 10000)) "$*" >&2
}
die() {
	step "error: $*"
	exit 1
}
usage() {
	sed -n '2,/^set -E/{/^set -E/d;s/^# \{0,1\}//;p}' "$SELF"
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

# missing_packages prints the Debian packages whose programs (or font) are
# not there, one a line.
missing_packages() {
	command -v Xvfb >/dev/null 2>&1 || echo xvfb
	command -v xterm >/dev/null 2>&1 || echo xterm
	command -v xwd >/dev/null 2>&1 || echo x11-apps
	{ command -v xwdtopnm && command -v pnmtopng; } >/dev/null 2>&1 || echo netpbm
	command -v tmux >/dev/null 2>&1 || echo tmux
	[ -f "$FONT_FILE" ] || echo fonts-dejavu-core
}

do_check() {
	local missing
	missing=$(missing_packages | tr '\n' ' ')
	[ -z "$missing" ] || die "missing Debian packages: ${missing% } (run scripts/xterm-shot.sh install)"
	step "ready: $(xterm -v), Xvfb, xwd, netpbm, tmux, $FONT_FACE"
}

do_install() {
	# Test binaries may install in parallel: one installs, the others wait.
	if command -v flock >/dev/null 2>&1 && exec 9>"${TMPDIR:-/tmp}/herald-xterm-shot-install.$(id -u).lock"; then
		flock 9
	fi
	local -a pkgs
	mapfile -t pkgs < <(missing_packages)
	if [ "${#pkgs[@]}" -gt 0 ]; then
		command -v apt-get >/dev/null 2>&1 || die "missing ${pkgs[*]} and no apt-get to install them"
		step "installing ${pkgs[*]} (apt-get)"
		as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
		as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=300 \
			--no-install-recommends "${pkgs[@]}" >/dev/null
	fi
	exec 9>&- || true
	do_check
}

# now_ms prints the time in milliseconds.
now_ms() {
	local t=${EPOCHREALTIME/./}
	echo $((t / 1000))
}

# wait_for DESCRIPTION TEST... polls TEST until it succeeds, failing the
# run when the deadline passes or a process the run needs has gone.
wait_for() {
	local what=$1
	shift
	until "$@"; do
		[ "$(now_ms)" -lt "$DEADLINE" ] || die "timed out waiting for $what"
		if [ -n "$XVFB_PID" ] && ! kill -0 "$XVFB_PID" 2>/dev/null; then
			die "Xvfb has exited while waiting for $what (log: $(tail -n 5 "$WORK/xvfb.log" 2>/dev/null))"
		fi
		if [ -n "$XTERM_PID" ] && ! kill -0 "$XTERM_PID" 2>/dev/null; then
			die "xterm has exited while waiting for $what (log: $(tail -n 5 "$WORK/xterm.log" 2>/dev/null))"
		fi
		if [ -s "$WORK/exit" ] && [ -n "$READY_FILE" ] && [ ! -e "$READY_FILE" ]; then
			die "COMMAND exited with status $(cat "$WORK/exit") without creating $READY_FILE"
		fi
		sleep 0.02
	done
}

WORK=
XVFB_PID=
XTERM_PID=
READY_FILE=
DEADLINE=
OUT=
WIN=
WROTE=

# cleanup stops what run started, last started first, and removes WORK.
cleanup() {
	local rc=$?
	trap - EXIT
	# A run that fails before its shot leaves what the screen showed then.
	if [ "$rc" -ne 0 ] && [ -n "$WIN" ] && [ -z "$WROTE" ] &&
		xwd -silent -id "$WIN" -out "$WORK/fail.xwd" 2>/dev/null &&
		to_png "$WORK/fail.xwd" "$OUT.fail.png" 2>/dev/null; then
		step "the screen at the failure is in $OUT.fail.png"
	fi
	if [ -S "$WORK/tmux.sock" ]; then
		tmux -S "$WORK/tmux.sock" kill-server >/dev/null 2>&1 || true
	fi
	local pid
	for pid in "$XTERM_PID" "$XVFB_PID"; do
		[ -n "$pid" ] || continue
		kill -TERM "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
	done
	[ -z "$WORK" ] || rm -rf "$WORK"
	exit "$rc"
}

# to_png XWD PNG converts one capture.
to_png() {
	xwdtopnm "$1" 2>/dev/null | pnmtopng >"$2.tmp" 2>/dev/null && mv "$2.tmp" "$2"
}

do_run() {
	local cols='' rows='' theme='' timeout=30 tmux=''
	while [ $# -gt 0 ]; do
		case $1 in
		--cols) cols=${2:-} && shift 2 ;;
		--rows) rows=${2:-} && shift 2 ;;
		--theme) theme=${2:-} && shift 2 ;;
		--out) OUT=${2:-} && shift 2 ;;
		--ready-file) READY_FILE=${2:-} && shift 2 ;;
		--timeout) timeout=${2:-} && shift 2 ;;
		--tmux) tmux=1 && shift ;;
		--) shift && break ;;
		*) die "run: unknown argument $1 (see --help)" ;;
		esac
	done
	[[ $cols =~ ^[1-9][0-9]{0,2}$ ]] || die "run: --cols must be a number of columns (1–999)"
	[[ $rows =~ ^[1-9][0-9]{0,2}$ ]] || die "run: --rows must be a number of rows (1–999)"
	[[ $timeout =~ ^[1-9][0-9]*$ ]] || die "run: --timeout must be a whole number of seconds"
	[ -n "$OUT" ] || die "run: --out FILE.png is required"
	[ $# -gt 0 ] || die "run: no COMMAND after --"
	local bg fg
	case $theme in
	dark) bg=black fg=grey90 ;;
	light) bg=white fg=black ;;
	*) die "run: --theme must be dark or light" ;;
	esac
	local missing
	missing=$(missing_packages | tr '\n' ' ')
	[ -z "$missing" ] || die "missing Debian packages: ${missing% } (run scripts/xterm-shot.sh install)"
	if [ -n "$READY_FILE" ]; then
		[ ! -e "$READY_FILE" ] || die "run: the ready file $READY_FILE exists already"
	fi

	DEADLINE=$(($(now_ms) + timeout * 1000))
	WORK=$(mktemp -d "${TMPDIR:-/tmp}/xterm-shot.XXXXXX")
	trap cleanup EXIT
	trap 'exit 130' INT
	trap 'exit 143' TERM HUP

	# The screen only has to hold the window; 16×32 a cell leaves room.
	Xvfb -displayfd 3 -screen 0 "$((cols * 16 + 64))x$((rows * 32 + 64))x24" -nolisten tcp \
		3>"$WORK/display" </dev/null >"$WORK/xvfb.log" 2>&1 &
	XVFB_PID=$!
	wait_for "Xvfb's display number" test -s "$WORK/display"
	DISPLAY=":$(head -n 1 "$WORK/display")"
	export DISPLAY
	step "Xvfb on $DISPLAY"

	local -a inner=(bash "$SELF" __inner "$WORK" "$@")
	if [ -n "$tmux" ]; then
		cat >"$WORK/tmux.conf" <<-CONF
			set -g status off
			set -g escape-time 0
			set -g default-terminal tmux-256color
			set -as terminal-features 'xterm*:RGB'
		CONF
		inner=(tmux -S "$WORK/tmux.sock" -f "$WORK/tmux.conf" new-session -x "$cols" -y "$rows" "${inner[@]}")
	fi
	# xterm reads no resources but ours and its app-defaults: HOME (where Xt
	# looks for ~/.Xdefaults) is WORK for xterm alone; __outer gives COMMAND
	# the real one back (through SHOT_REAL_HOME: xterm drops XTERM_* names).
	env SHOT_REAL_HOME="$HOME" HOME="$WORK" XENVIRONMENT=/dev/null XAPPLRESDIR="$WORK" LC_ALL=C.UTF-8 \
		xterm -ti vt340 -tn xterm-256color \
		-xrm 'XTerm*decTerminalID: vt340' -xrm 'XTerm*numColorRegisters: 256' \
		-xrm 'XTerm*cursorBlink: false' -xrm 'XTerm*visualBell: false' \
		-fa "$FONT_FACE" -fs "$FONT_SIZE" -u8 +sb -b 0 -bw 0 -bg "$bg" -fg "$fg" -cr "$bg" \
		-geometry "${cols}x${rows}+0+0" -title xterm-shot \
		-e bash "$SELF" __outer "$WORK" "${inner[@]}" </dev/null >"$WORK/xterm.log" 2>&1 &
	XTERM_PID=$!
	wait_for "xterm's window" test -s "$WORK/winid"
	WIN=$(cat "$WORK/winid")
	if [ -n "$READY_FILE" ]; then
		wait_for "the ready file $READY_FILE" test -e "$READY_FILE"
	else
		wait_for "COMMAND to exit" test -s "$WORK/exit"
	fi
	# The cursor report above says the terminal COMMAND writes to has taken
	# everything in. Without tmux that is xterm: the screen is final. With
	# tmux it is tmux, which redraws xterm a moment later, in pieces: there
	# the screen must stay the same over four captures (150 ms), not two.
	local agree=1
	[ -z "$tmux" ] || agree=3
	step "ready; capturing window $WIN until $((agree + 1)) captures agree"
	local n=0 same=0
	while :; do
		xwd -silent -id "$WIN" -out "$WORK/cur.xwd" || die "xwd -id $WIN failed"
		n=$((n + 1))
		if [ -f "$WORK/prev.xwd" ] && cmp -s "$WORK/cur.xwd" "$WORK/prev.xwd"; then
			same=$((same + 1))
			[ "$same" -lt "$agree" ] || break
		else
			same=0
		fi
		mv "$WORK/cur.xwd" "$WORK/prev.xwd"
		[ "$(now_ms)" -lt "$DEADLINE" ] || die "timed out waiting for a stable screen ($n captures)"
		sleep 0.05
	done
	to_png "$WORK/cur.xwd" "$OUT" || die "could not convert the capture to $OUT"
	WROTE=1
	step "wrote $OUT after $n captures"
	if [ -z "$READY_FILE" ] && [ "$(cat "$WORK/exit")" != 0 ]; then
		die "COMMAND exited with status $(cat "$WORK/exit") (its screen is in $OUT)"
	fi
}

case ${1:-} in
install)
	do_install
	;;
check)
	do_check
	;;
run)
	shift
	do_run "$@"
	;;
__outer) # WORK INNER...: runs in the xterm; tells run the window's id
	work=$2
	shift 2
	printf '%s\n' "${WINDOWID:?xterm sets WINDOWID}" >"$work/winid.tmp"
	mv "$work/winid.tmp" "$work/winid"
	export HOME=$SHOT_REAL_HOME
	unset SHOT_REAL_HOME XENVIRONMENT XAPPLRESDIR
	exec "$@"
	;;
__inner) # WORK COMMAND...: runs COMMAND, records its status, keeps its screen up
	work=$2
	shift 2
	status=0
	"$@" || status=$?
	printf '\033[?25l' # the cursor would show in the capture
	# Ask for the cursor position: the terminal answers once it has taken in
	# everything COMMAND wrote, so "exited" means "on the screen".
	if saved=$(stty -g 2>/dev/null) && stty raw -echo 2>/dev/null; then
		printf '\033[6n'
		IFS= read -r -s -d R -t 10 _ || true
		stty "$saved" 2>/dev/null || true
	fi
	echo "$status" >"$work/exit.tmp"
	mv "$work/exit.tmp" "$work/exit"
	exec tail -f /dev/null
	;;
-h | --help | help)
	usage
	;;
*)
	usage >&2
	exit 2
	;;
esac
