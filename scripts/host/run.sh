#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# scripts/host/run.sh [-k] [-K KERNEL] T1.test [T2.test ...]
#
# Runs host tests (tests/host/*.test, format in
# Documentation/dev-tools/test-host.rst) and prints for each exactly one
# line: "PASS: host/NAME" or "FAIL: host/NAME: <reason>".  All pv tests run
# in one boot of the Xen test host, one after another; each native test
# gets its own QEMU.  Exit status 1 if any test failed.
#
#   -k         keep the staging directory build/host/run/ (generated xl
#              configs, guest initramfs, dom0's initrd) for inspection
#   -K KERNEL  run the tests that say KERNEL=ours or KERNEL=ref with KERNEL
#              instead (ours, ref, debian or a path), e.g. the reference
#              suite against our kernel; explicit paths stay
#
# Logs of test NAME: out/tests/NAME/ (see the documentation).

# shellcheck source=scripts/host/common.sh
. "$(dirname "$0")/common.sh"

keep=0
kernel_override=
while getopts kK: o; do
	case $o in
	k) keep=1 ;;
	K) kernel_override=$OPTARG ;;
	*) die "usage: $0 [-k] [-K KERNEL] TEST.test..." ;;
	esac
done
shift $((OPTIND - 1))
[ $# -gt 0 ] || die "usage: $0 [-k] [-K KERNEL] TEST.test..."

need_cmds qemu-system-x86_64 cpio timeout
"$HOSTSRC/build.sh" || die "building the test host failed"

LOGDIR=$OUT/tests
STAGE=$HOST/run

# Only one run at a time may use out/tests/ and build/host/run/.
# A whole run is bounded by its QEMU timeout, so an hour's wait is ample;
# past that the holder is stuck, and saying so beats waiting forever.
exec 9>"$HOST/run.lock"
if ! flock -n 9; then
	msg "another host-test run holds $HOST/run.lock; waiting (at most 1 h)"
	flock -w 3600 9 || die "$HOST/run.lock still held after 1 h: is a run stuck?"
fi
rm -rf "$STAGE"
mkdir -p "$STAGE/tests" "$LOGDIR"

failed=0
declare -a PV_TESTS=() NATIVE_TESTS=()
declare -A REASON=()

# report NAME REASON [harness] : the verdict of one test, after its EXPECT.
# A "harness" reason (the test could not run, the host died) is never the
# failure a negative test expects.
report() {
	local name=$1 reason=$2 line EXPECT=pass EXPECT_REASON=
	# shellcheck disable=SC1090
	[ -f "$STAGE/tests/$name/meta" ] && . "$STAGE/tests/$name/meta"
	[ "$3" = harness ] && EXPECT=pass
	if [ "$EXPECT" = fail ] && [ -n "$reason" ]; then
		if [ -z "$EXPECT_REASON" ] || [[ $reason =~ $EXPECT_REASON ]]; then
			echo "expected failure: $reason" >"$LOGDIR/$name/expected-failure"
			reason=
		else
			reason="failed with an unexpected reason ('$EXPECT_REASON' wanted): $reason"
		fi
	elif [ "$EXPECT" = fail ]; then
		reason="expected a failure matching '$EXPECT_REASON', but the test passed"
	fi
	if [ -z "$reason" ]; then
		line="PASS: host/$name"
	else
		line="FAIL: host/$name: $reason"
		failed=1
	fi
	mkdir -p "$LOGDIR/$name"
	echo "$line" >"$LOGDIR/$name/result"
	echo "$line"
}

# --- parsing -------------------------------------------------------------

# stage_test FILE : reads a test and writes build/host/run/tests/NAME/:
# meta (variables, for this script), vars + test.sh (for dom0), domu.sh
# (for the guest), kernel, initrd, xl.cfg.  Prints an error and fails when
# the test cannot run.
stage_test() {
	local file=$1 name dir
	name=$(basename "$file" .test)
	dir=$STAGE/tests/$name
	rm -rf "$dir"
	mkdir -p "$dir"
	(
		KIND=pv KERNEL=ref TIMEOUT=60 DOMU_MEMORY=256 DOMU_CMDLINE=""
		DOMU_FILES="" XL_EXTRA="" EXPECT=pass EXPECT_REASON="" GUEST_INIT=harness
		EXPECT_SHUTDOWN=poweroff
		cd "$TOP" || exit 1
		ours_fns=$(declare -F | awk '{ print $3 }' | sort)
		# shellcheck disable=SC1090
		. "$file" >"$dir/parse.log" 2>&1 || {
			echo "sourcing the test failed: $(tail -n1 "$dir/parse.log")"
			exit 1
		}
		case $KERNEL in
		ours | ref) [ -n "$kernel_override" ] && KERNEL=$kernel_override ;;
		esac
		case $KIND in pv | native) ;; *) echo "bad KIND '$KIND'"; exit 1 ;; esac
		case $EXPECT in pass | fail) ;; *) echo "bad EXPECT '$EXPECT'"; exit 1 ;; esac
		case $GUEST_INIT in harness | none) ;; *) echo "bad GUEST_INIT '$GUEST_INIT'"; exit 1 ;; esac
		[[ $TIMEOUT =~ ^[1-9][0-9]*$ ]] || { echo "bad TIMEOUT '$TIMEOUT'"; exit 1; }
		[[ $DOMU_MEMORY =~ ^[1-9][0-9]*$ ]] || { echo "bad DOMU_MEMORY"; exit 1; }
		[[ $DOMU_CMDLINE == *'"'* ]] && { echo "DOMU_CMDLINE must not hold '\"'"; exit 1; }
		[[ $name =~ ^[A-Za-z0-9_.-]+$ ]] || { echo "bad test name '$name'"; exit 1; }
		# One shutdown per boot: all but the last must be reboots, which
		# xl then answers with a restart; so the last of several must be
		# a poweroff, or xl would restart the guest for ever.
		read -ra words <<<"$EXPECT_SHUTDOWN"
		EXPECT_SHUTDOWN=${words[*]}
		[[ $EXPECT_SHUTDOWN =~ ^(poweroff|reboot|(reboot )+poweroff)$ ]] ||
			{ echo "bad EXPECT_SHUTDOWN '$EXPECT_SHUTDOWN'"; exit 1; }
		BOOTS=$(wc -w <<<"$EXPECT_SHUTDOWN")
		if [ "$KIND" = native ] && [ "$EXPECT_SHUTDOWN" != poweroff ]; then
			echo "EXPECT_SHUTDOWN makes no sense for KIND=native"
			exit 1
		fi
		declare -p KIND KERNEL TIMEOUT DOMU_MEMORY DOMU_CMDLINE DOMU_FILES \
			XL_EXTRA EXPECT EXPECT_REASON GUEST_INIT EXPECT_SHUTDOWN \
			BOOTS >"$dir/meta"
		# The test's own functions: dom0 (bash) gets them all, the guest
		# (busybox sh, which would choke on bash-only helpers) domu_init
		# and the helpers named domu_*.
		test_fns=$(declare -F | awk '{ print $3 }' | sort |
			comm -13 <(echo "$ours_fns") -)
		: >"$dir/domu.sh"
		for f in $test_fns; do
			case $f in domu_*) declare -f "$f" >>"$dir/domu.sh" ;; esac
		done
		{
			echo "TIMEOUT=$TIMEOUT"
			echo "HAS_BEFORE=$(declare -F dom0_before >/dev/null && echo 1)"
			echo "HAS_AFTER=$(declare -F dom0_after >/dev/null && echo 1)"
			echo "BOOTS=$BOOTS"
		} >"$dir/vars"
		{
			declare -p TIMEOUT DOMU_MEMORY
			for f in $test_fns; do
				[ "$f" = host_check ] || declare -f "$f"
			done
		} >"$dir/test.sh"
		if [ "$KIND" = native ] && { declare -F dom0_before || declare -F dom0_after; } >/dev/null; then
			echo "dom0_before/dom0_after make no sense for KIND=native"
			exit 1
		fi
		kfile=$(resolve_kernel "$KERNEL")
		if [ ! -f "$kfile" ]; then
			case $KERNEL in
			ours) echo "kernel not found: ${kfile#"$TOP"/} (make builds it)" ;;
			ref) echo "kernel not found: ${kfile#"$TOP"/} (make ref builds it)" ;;
			*) echo "kernel not found: $kfile" ;;
			esac
			exit 1
		fi
		cp "$kfile" "$dir/kernel" || exit 1
		# xenctx names functions in its dumps with the kernel's System.map.
		if [ -f "$(dirname "$kfile")/System.map" ] && [ "$KIND" = pv ]; then
			cp "$(dirname "$kfile")/System.map" "$dir/System.map"
		fi
		make_guest_initrd "$dir" "$dir/initrd" "$KIND" "$KERNEL" "$DOMU_FILES" ||
			exit 1
		rm -rf "$dir/groot"
		[ "$KIND" = pv ] || exit 0
		# Boot K's initramfs says its number and how it ends.  With more
		# than one boot, dom0 points the ramdisk path at the next one
		# once xl has read the current one.
		ramdisk=/tests/$name/initrd
		on_reboot=destroy
		k=0
		for end in $EXPECT_SHUTDOWN; do
			k=$((k + 1))
			boot_initrd "$dir/initrd" "$dir/initrd.$k" "$k" "$end" || exit 1
		done
		if [ "$BOOTS" = 1 ]; then
			mv "$dir/initrd.1" "$dir/initrd"
		else
			rm "$dir/initrd"
			ramdisk=/work/$name/initrd
			on_reboot=restart
		fi
		cmdline=$DOMU_CMDLINE
		case $KERNEL in ref | debian) cmdline="console=hvc0 $cmdline" ;; esac
		cat >"$dir/xl.cfg" <<-EOF
			# Generated by scripts/host/run.sh from $(basename "$file")
			name = "$name"
			type = "pv"
			kernel = "/tests/$name/kernel"
			ramdisk = "$ramdisk"
			memory = $DOMU_MEMORY
			cmdline = "$cmdline"
			on_poweroff = "destroy"
			on_reboot = "$on_reboot"
			on_crash = "destroy"
			$XL_EXTRA
		EOF
	)
}

for t in "$@"; do
	name=$(basename "$t" .test)
	rm -rf "${LOGDIR:?}/$name"
	mkdir -p "$LOGDIR/$name"
	case $t in /*) ;; *) t=$PWD/$t ;; esac
	if [ ! -f "$t" ]; then
		echo "FAIL: host/$name: no such test file: $t"
		failed=1
		continue
	fi
	if ! err=$(stage_test "$t" 2>&1); then
		REASON[$name]="cannot run the test: $(echo "$err" | tail -n1)"
		report "$name" "${REASON[$name]}" harness
		continue
	fi
	# shellcheck disable=SC1091
	. "$STAGE/tests/$name/meta"
	if [ "$KIND" = pv ]; then
		PV_TESTS+=("$name")
	else
		NATIVE_TESTS+=("$name")
	fi
done

# --- verdicts ------------------------------------------------------------

# section_last LOG HEADER : the last CHECK line, else the last line, that
# LOG holds between the line HEADER and the next "--- " line.
section_last() {
	local sec
	sec=$(awk -v h="$2" '$0 == h { on = 1; next } /^--- / { on = 0 } on' "$1")
	if echo "$sec" | grep -q '^CHECK: '; then
		echo "$sec" | grep '^CHECK: ' | tail -n1
	else
		echo "$sec" | grep -v '^[[:space:]]*$' | tail -n1
	fi
}

# The reasons Xen's SHUTDOWN_* codes stand for (xen/include/public/sched.h).
shutdown_name() {
	case $1 in
	0) echo poweroff ;; 1) echo reboot ;; 2) echo suspend ;; 3) echo crash ;;
	4) echo watchdog ;; 5) echo soft_reset ;; *) echo "code $1" ;;
	esac
}

# guest_verdict CONSOLELOG [BOOTS] : empty if init started in each of
# BOOTS (1) boots and domu_init returned 0 every time.
guest_verdict() {
	local log=$1 boots=${2:-1} k st n=0
	for k in $(seq "$boots"); do
		grep -Eq "PVTEST-GUEST-START boot=$k"$'\r?$' "$log" 2>/dev/null && continue
		if [ "$k" = 1 ]; then
			echo "the guest's init never started (no PVTEST-GUEST-START on its console)"
		else
			echo "the guest did not come back: no PVTEST-GUEST-START boot=$k on its console"
		fi
		return
	done
	for st in $(sed -n 's/.*PVTEST-GUEST-END status=\([0-9]*\).*/\1/p' "$log"); do
		n=$((n + 1))
		[ "$st" = 0 ] && continue
		echo "domu_init failed (status $st): $(awk -v n="$n" '/PVTEST-GUEST-END/ && ++c == n { print last; exit } NF { last = $0 }' "$log" | tr -d '\r')"
		return
	done
	if [ "$n" -lt "$boots" ]; then
		echo "the guest ended before domu_init returned: $(grep -v '^[[:space:]]*$' "$log" | tail -n1 | tr -d '\r')"
	fi
}

# run_host_check NAME : the test's host_check, if it has one.
run_host_check() {
	local name=$1 file=$2 rc
	(
		cd "$TOP" || exit 1
		# shellcheck disable=SC1090
		. "$file" >/dev/null 2>&1
		declare -F host_check >/dev/null || exit 0
		export LOG=$LOGDIR/$name
		host_check
	) >"$LOGDIR/$name/host-check.log" 2>&1 </dev/null
	rc=$?
	[ "$rc" -eq 0 ] && return 0
	echo "host_check failed: $(grep -v '^[[:space:]]*$' "$LOGDIR/$name/host-check.log" | tail -n1)"
}

# pv_verdict NAME FILE : the reason a finished pv test failed, or nothing.
pv_verdict() {
	local name=$1 file=$2 d=$LOGDIR/$1 st line code codes names
	st=$d/status
	v() { sed -n "s/^$1=//p" "$st" | tail -n1; }
	# shellcheck disable=SC1090
	. "$STAGE/tests/$name/meta"
	if [ "$(v before_rc)" = 124 ]; then
		echo "dom0_before timed out after ${TIMEOUT}s: $(section_last "$d/dom0.log" '--- dom0_before')"
		return
	elif [ -n "$(v before_rc)" ] && [ "$(v before_rc)" != 0 ]; then
		echo "dom0_before failed (exit $(v before_rc)): $(section_last "$d/dom0.log" '--- dom0_before')"
		return
	fi
	if [ "$(v timed_out)" = 1 ]; then
		echo "timeout: guest still running after ${TIMEOUT}s"
		return
	fi
	codes=$(v reason_codes)
	[ -n "$codes" ] || codes=$(v reason_code)
	if [ -z "$codes" ]; then
		# No shutdown: the domain was never built.
		line=$(grep -E '^(xc: error|libxl: error|ERROR)' "$d/xl.log" | grep -v 'Domain [0-9]*:Non-existant domain' | head -n1)
		[ -n "$line" ] || line=$(grep -v '^[[:space:]]*$' "$d/xl.log" | tail -n1)
		echo "xl create failed: $line"
		return
	fi
	if [[ " $codes " == *" 3 "* ]]; then
		# Xen names the crashes it detects; a guest that reports its own
		# crash (a Linux panic) leaves its reason on its console.
		line=$(grep -E 'd[0-9]+v[0-9]+ .*(fault|trap|crash)|domain_crash|crashed' "$d/xen.log" | head -n1)
		[ -n "$line" ] || line=$(grep -m1 -E 'Kernel panic|BUG:|Oops' "$d/domu-console.log" | tr -d '\r')
		echo "domain crashed: ${line:-no crash line in xen.log or on the guest console}"
		return
	fi
	names=$(for code in $codes; do shutdown_name "$code"; done | xargs)
	if [ "$names" != "$EXPECT_SHUTDOWN" ]; then
		if [ "$BOOTS" = 1 ] && [ "$(wc -w <<<"$names")" = 1 ]; then
			echo "shutdown reason $names, expected $EXPECT_SHUTDOWN"
		else
			echo "shutdown reasons '$names', expected '$EXPECT_SHUTDOWN'"
		fi
		return
	fi
	# A kernel that does not reach userspace yet says GUEST_INIT=none.
	if [ "$GUEST_INIT" != none ]; then
		line=$(guest_verdict "$d/domu-console.log" "$BOOTS")
		[ -n "$line" ] && { echo "$line"; return; }
	fi
	if [ "$(v after_rc)" = 124 ]; then
		echo "dom0_after failed: timed out after ${TIMEOUT}s: $(section_last "$d/dom0.log" '--- dom0_after')"
		return
	elif [ -n "$(v after_rc)" ] && [ "$(v after_rc)" != 0 ]; then
		echo "dom0_after failed: $(section_last "$d/dom0.log" '--- dom0_after')"
		return
	fi
	run_host_check "$name" "$file"
}

# boot_time NAME : seconds from dom0 starting `xl create` to the guest's
# init printing its first line, both read off dom0's clock (status and
# console-stamped.log); nothing if either is missing.
boot_time() {
	local d=$LOGDIR/$1 t0 t1
	t0=$(sed -n 's/^create_at=//p' "$d/status" 2>/dev/null | head -n1)
	t1=$(awk '/PVTEST-GUEST-START/ { print $1; exit }' "$d/console-stamped.log" 2>/dev/null)
	[ -n "$t0" ] && [ -n "$t1" ] || return 0
	awk -v a="$t0" -v b="$t1" 'BEGIN { if (b > a) printf "%.3f\n", b - a }'
}

# split_serial SERIAL NAME OUT : the part of the batch's serial log that
# belongs to test NAME.
split_serial() {
	awk -v b="PVHOST-TEST-BEGIN $2" -v e="PVHOST-TEST-END $2" '
		index($0, b) { on = 1 }
		on { print }
		index($0, e) { on = 0 }' "$1" | tr -d '\r' >"$3"
}

declare -A FILE_OF=()
for t in "$@"; do
	case $t in /*) ;; *) t=$PWD/$t ;; esac
	FILE_OF[$(basename "$t" .test)]=$t
done

# --- the pv batch ----------------------------------------------------------

run_pv_batch() {
	local secs=$BOOT_ALLOWANCE name serial=$LOGDIR/pv-batch-serial.log rc
	local t0 died='' running last qpid bt
	for name in "${PV_TESTS[@]}"; do
		# shellcheck disable=SC1090
		. "$STAGE/tests/$name/meta"
		# dom0_before, the guest and dom0_after each get TIMEOUT.
		secs=$((secs + 3 * TIMEOUT + TEST_ALLOWANCE))
	done
	printf '%s\n' "${PV_TESTS[@]}" >"$STAGE/tests/order"
	dom0_initrd "$STAGE/tests" "$STAGE/dom0-initrd" ||
		die "cannot build dom0's initrd for the tests"
	msg "booting the Xen test host for ${#PV_TESTS[@]} pv test(s), at most ${secs}s (serial: ${serial#"$TOP"/})" >&2
	t0=$(date +%s)
	: >"$serial"
	xen_qemu "$secs" "file:$serial" "$STAGE/dom0-initrd" \
		-fsdev "local,id=hostout,path=$LOGDIR,security_model=none" \
		-device virtio-9p-pci,fsdev=hostout,mount_tag=hostout \
		</dev/null >"$STAGE/qemu.log" 2>&1 &
	qpid=$!
	# Progress for whoever watches: dom0's per-test lines, until QEMU ends.
	tail -n +1 -F --pid="$qpid" "$serial" 2>/dev/null |
		grep --line-buffered -aE '^pvhost: (toolstack up|test )' | tr -d '\r' >&2
	wait "$qpid"
	rc=$?
	msg "test host ran $(($(date +%s) - t0))s (QEMU exit $rc)" >&2
	echo "batch_seconds=$(($(date +%s) - t0))" >"$LOGDIR/pv-batch-time"

	if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
		died="QEMU killed after ${secs}s"
	elif ! grep -q PVHOST-DONE "$serial"; then
		last=$(grep -m1 -E 'PVHOST-FATAL|Kernel panic|\(XEN\) Panic|\(XEN\) .*crashed' "$serial" | tr -d '\r')
		[ -n "$last" ] || last=$(grep -v '^[[:space:]]*$' "$serial" | tail -n1 | tr -d '\r')
		[ -n "$last" ] || last="$(tail -n1 "$STAGE/qemu.log")"
		died="QEMU exited ($rc): $last"
	fi
	running=$(grep -o 'PVHOST-TEST-BEGIN [^ ]*' "$serial" | tail -n1 | cut -d' ' -f2 | tr -d '\r')
	echo "# test, kernel, seconds from xl create to the guest's init (dom0's clock)" \
		>"$LOGDIR/boot-times"
	for name in "${PV_TESTS[@]}"; do
		split_serial "$serial" "$name" "$LOGDIR/$name/serial.log"
		if grep -q '^done=1' "$LOGDIR/$name/status" 2>/dev/null; then
			bt=$(boot_time "$name")
			if [ -n "$bt" ]; then
				echo "$bt" >"$LOGDIR/$name/boot-time"
				# shellcheck disable=SC1090
				. "$STAGE/tests/$name/meta"
				echo "$name $KERNEL $bt" >>"$LOGDIR/boot-times"
			fi
			report "$name" "$(pv_verdict "$name" "${FILE_OF[$name]}")"
			continue
		fi
		# The host died before this test finished.
		[ -s "$LOGDIR/$name/xen.log" ] ||
			grep '(XEN)' "$LOGDIR/$name/serial.log" >"$LOGDIR/$name/xen.log"
		if ! grep -q PVHOST-READY "$serial"; then
			report "$name" "test host failed to boot: ${died:-no PVHOST-READY}" harness
		elif [ -n "$died" ] && [ -n "$running" ]; then
			case $died in
			QEMU\ killed*) report "$name" "test host hung: $died during $running" harness ;;
			*) report "$name" "test host died during $running: $died" harness ;;
			esac
		else
			report "$name" "test host ended before the test ran: ${died:-no result}" harness
		fi
	done
}

# --- native tests ----------------------------------------------------------

run_native() {
	local name=$1 d=$LOGDIR/$1 rc cmdline reason=
	# shellcheck disable=SC1090
	. "$STAGE/tests/$name/meta"
	cmdline="console=ttyS0 panic=-1 $DOMU_CMDLINE"
	timeout -k 5 "$TIMEOUT" qemu-system-x86_64 \
		-accel tcg -cpu qemu64 -smp 1 -m "$DOMU_MEMORY" \
		-nodefaults -nic none -display none -vga none -no-reboot \
		-serial "file:$d/serial.log" \
		-kernel "$STAGE/tests/$name/kernel" -initrd "$STAGE/tests/$name/initrd" \
		-append "$cmdline" </dev/null >"$d/qemu.log" 2>&1
	rc=$?
	tr -d '\r' <"$d/serial.log" >"$d/domu-console.log"
	if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
		reason="timeout: guest still running after ${TIMEOUT}s"
	elif [ "$rc" -ne 0 ]; then
		reason="QEMU failed (exit $rc): $(tail -n1 "$d/qemu.log")"
	elif grep -q 'Kernel panic' "$d/domu-console.log"; then
		reason="kernel panic: $(grep 'Kernel panic' "$d/domu-console.log" | head -n1)"
	fi
	[ -n "$reason" ] || [ "$GUEST_INIT" = none ] ||
		reason=$(guest_verdict "$d/domu-console.log")
	[ -n "$reason" ] || reason=$(run_host_check "$name" "${FILE_OF[$name]}")
	report "$name" "$reason"
}

[ ${#PV_TESTS[@]} -eq 0 ] || run_pv_batch
for name in "${NATIVE_TESTS[@]}"; do
	run_native "$name"
done

[ "$keep" = 1 ] || rm -rf "$STAGE"
exit "$failed"
