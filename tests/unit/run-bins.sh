#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# run-bins.sh BIN... : runs unit-test binaries that print their own
# PASS/FAIL lines, each under a time limit and with the sanitizers set to
# exit with a status no test uses, so that a crash, a sanitizer report or a
# core looping forever becomes a FAIL line of its own instead of a silent
# gap or a hung make check.  Exits 1 if any binary failed.

limit=${UNIT_TIMEOUT:-120}
rc=0
for bin in "$@"; do
	name=$(basename "$bin")
	name=${name#test_}
	ASAN_OPTIONS=detect_leaks=1:exitcode=199 \
		UBSAN_OPTIONS=print_stacktrace=1:exitcode=199 \
		timeout -k 5 "$limit" "$bin"
	st=$?
	if [ "$st" -gt 100 ]; then
		echo "FAIL: unit/$name: binary died or timed out (status $st)"
		rc=1
	elif [ "$st" -ne 0 ]; then
		rc=1
	fi
done
exit $rc
