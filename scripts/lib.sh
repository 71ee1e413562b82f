#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Shared helpers for the project's scripts: where things live, and a step
# runner that keeps long steps quiet but never silent.  A step's full output
# goes to a log file; the terminal gets one line when it starts, a heartbeat
# while it runs and, on failure, the tail of the log and the log's path.

set -o pipefail

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${PV_BUILD_DIR:-$TOP/build}
OUT=${PV_OUT_DIR:-$TOP/out}
LOGS=$OUT/logs
mkdir -p "$BUILD" "$OUT" "$LOGS"

msg() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*"; }
die() { printf '[%s] ERROR: %s\n' "$(date +%H:%M:%S)" "$*" >&2; exit 1; }

# step DESCRIPTION LOGFILE COMMAND [ARGS...]
# Runs COMMAND with stdout and stderr appended to LOGFILE.  Prints a
# heartbeat every 30 s so that CI logs show progress; on failure prints the
# failing step, the last 40 lines of the log and its path, then exits 1.
step() {
	local what=$1 log=$2 start pid rc=0 waited=0
	shift 2
	mkdir -p "$(dirname "$log")"
	start=$(date +%s)
	msg "$what (log: ${log#"$TOP"/})"
	"$@" >>"$log" 2>&1 &
	pid=$!
	while kill -0 "$pid" 2>/dev/null; do
		sleep 1
		waited=$((waited + 1))
		if [ $((waited % 30)) -eq 0 ]; then
			msg "  ... $what: ${waited}s"
		fi
	done
	wait "$pid" || rc=$?
	if [ "$rc" -ne 0 ]; then
		printf '\n[%s] FAILED step: %s (exit %d after %ds)\n' \
			"$(date +%H:%M:%S)" "$what" "$rc" $(($(date +%s) - start)) >&2
		printf -- '----- last lines of %s -----\n' "$log" >&2
		tail -n 40 "$log" >&2
		printf -- '----- full log: %s -----\n' "$log" >&2
		exit 1
	fi
	msg "  done: $what ($(($(date +%s) - start))s)"
}

# need_cmds CMD... : fail early, naming what is missing.
need_cmds() {
	local c missing=
	for c in "$@"; do
		command -v "$c" >/dev/null 2>&1 || missing="$missing $c"
	done
	[ -z "$missing" ] || die "missing commands:$missing (run scripts/deps.sh)"
}
