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

t0=$(date +%s)
"$TOP/scripts/deps.sh" || die "could not install the packages the tests need"
log=$LOGS/check.log
: >"$log"
results=$OUT/check-results
: >"$results"

# run_suite NAME COMMAND... : a suite's own output goes to the terminal and
# the log; its PASS/FAIL/SKIP lines are collected for the count.
run_suite() {
	local name=$1 rc=0 s
	shift
	s=$(date +%s)
	msg "=== suite $name: $*" | tee -a "$log"
	"$@" 2>&1 | tee -a "$log" | tee >(grep -E '^(PASS|FAIL|SKIP): ' >>"$results") || rc=$?
	# Let the process substitution drain before counting.
	sleep 0.2
	if [ "$rc" -ne 0 ] && ! grep -q "^FAIL: $name/" "$results"; then
		echo "FAIL: $name/suite: exited $rc without naming a failed test" |
			tee -a "$log" >>"$results"
	fi
	msg "=== suite $name took $(($(date +%s) - s))s" | tee -a "$log"
}

# Protocol cores: fast, need no kernel.
run_suite unit make --no-print-directory -C "$TOP/tests/unit" check
run_suite fuzz make --no-print-directory -C "$TOP/tests/fuzz" check

# Kernels, then everything that boots them.  A kernel that does not build
# fails the run here, with the build's own error.
build_ok=1
run_suite build "$TOP/tests/build.sh" || build_ok=0

if ls "$TOP"/tests/host/*.test >/dev/null 2>&1; then
	run_suite host "$TOP/scripts/host/run.sh" "$TOP"/tests/host/*.test
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
