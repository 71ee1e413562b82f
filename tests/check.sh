#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# `make check`: every test suite of the project, then one verdict line.
#
# Each suite prints one line per test: "PASS: suite/name",
# "FAIL: suite/name: reason" or "SKIP: suite/name: reason".  This script
# tees everything to out/logs/check.log, counts those lines and ends with
# "N passed, N failed" (", N skipped").  A suite that exits non-zero without
# printing a FAIL line still fails the run, as a FAIL of its own.

. "$(dirname "$0")/../scripts/lib.sh"

# Two runs in one checkout would share out/ and overwrite each other's
# counts, so that one could report success after the other's failure.
exec 7>"$OUT/check.lock"
if ! flock -n 7; then
	msg "another make check runs in this checkout; waiting (at most 2 h)"
	flock -w 7200 7 || die "$OUT/check.lock still held after 2 h"
fi

t0=$(date +%s)
"$TOP/scripts/deps.sh" || die "could not install the packages the tests need"
log=$LOGS/check.log
: >"$log"
results=$OUT/check-results
: >"$results"

# run_suite NAME COMMAND... : a suite's own output goes to the terminal and
# the log; its PASS/FAIL/SKIP lines are collected for the count.
run_suite() {
	local name=$1 rc=0 s out=$OUT/check-suite.out
	shift
	s=$(date +%s)
	msg "=== suite $name: $*" | tee -a "$log"
	"$@" 2>&1 | tee "$out" || rc=$?
	cat "$out" >>"$log"
	grep -E '^(PASS|FAIL|SKIP): ' "$out" >>"$results"
	if [ "$rc" -ne 0 ] && ! grep -q "^FAIL: $name/" "$results"; then
		echo "FAIL: $name/suite: exited $rc without naming a failed test" |
			tee -a "$log" >>"$results"
	fi
	msg "=== suite $name took $(($(date +%s) - s))s" | tee -a "$log"
	return "$rc"
}

# Protocol cores: fast, need no kernel.
run_suite unit make --no-print-directory -C "$TOP/tests/unit" check
run_suite fuzz make --no-print-directory -C "$TOP/tests/fuzz" check

# Kernels, then everything that boots them.  When a kernel does not build,
# booting whatever older kernel is lying in out/ would prove nothing: the
# host tests are skipped, and the build's FAIL fails the run.  A failed
# static check (sparse, checkpatch) fails the run too, but the kernels are
# fresh, so the host tests still run and report.
run_suite build "$TOP/tests/build.sh"
build_ok=1
grep -q '^FAIL: build/kernel-' "$results" && build_ok=0

if ls "$TOP"/tests/host/*.test >/dev/null 2>&1; then
	if [ "$build_ok" = 1 ]; then
		run_suite host "$TOP/scripts/host/run.sh" "$TOP"/tests/host/*.test
	else
		for t in "$TOP"/tests/host/*.test; do
			t=${t##*/}
			echo "SKIP: host/${t%.test}: a kernel did not build" | tee -a "$log" >>"$results"
		done
	fi
fi

passed=$(grep -c '^PASS: ' "$results")
failed=$(grep -c '^FAIL: ' "$results")
skipped=$(grep -c '^SKIP: ' "$results")
echo
grep -E '^(FAIL|SKIP): ' "$results" || true
msg "make check took $(($(date +%s) - t0))s; full log: ${log#"$TOP"/}"
if [ "$skipped" -gt 0 ]; then
	echo "$passed passed, $failed failed, $skipped skipped"
else
	echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
