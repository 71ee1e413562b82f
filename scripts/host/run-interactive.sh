#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# scripts/host/run-interactive.sh KERNEL       (`make run`)
#
# Boots the Xen test host and starts KERNEL (a file, or ours, ref, debian)
# as a PV domU with a busybox shell in its initramfs.  On a terminal the
# guest's console is attached to it (`xl create -c`): `exit` in the guest
# ends it, Ctrl-] detaches, Ctrl-a x quits QEMU.  Otherwise (CI, pipes) the
# guest runs for PVHOST_RUN_SECONDS (default 60) and its console log is
# printed.  Either way the host powers off when the guest ends.
# PVHOST_CMDLINE adds to the guest's command line (default console=hvc0).

# shellcheck source=scripts/host/common.sh
. "$(dirname "$0")/common.sh"

[ $# -eq 1 ] || die "usage: $0 KERNEL"
case $1 in
ours | ref | debian) kernel=$(resolve_kernel "$1") ;;
*) kernel=$(realpath -m "$1") ;;
esac
[ -f "$kernel" ] || die "no kernel at $kernel"
need_cmds qemu-system-x86_64 cpio timeout
"$HOSTSRC/build.sh" || die "building the test host failed"

stage=$HOST/interactive
dir=$stage/tests/interactive
rm -rf "$stage"
mkdir -p "$dir"
cp "$kernel" "$dir/kernel"
kword=path
[ "$kernel" = "$HOST/dom0-vmlinuz" ] && kword=debian
make_guest_initrd "$dir" "$dir/initrd" pv "$kword" "" shell ||
	die "cannot build the guest's initramfs"
rm -rf "$dir/groot"
cat >"$dir/xl.cfg" <<CFG
name = "pv-guest"
type = "pv"
kernel = "/tests/interactive/kernel"
ramdisk = "/tests/interactive/initrd"
memory = 256
cmdline = "${PVHOST_CMDLINE:-console=hvc0}"
disk = [ "format=raw,vdev=xvda,access=rw,target=/tmp/disk.img" ]
vif = [ "bridge=xenbr0,mac=00:16:3e:77:00:02" ]
on_poweroff = "destroy"
on_reboot = "destroy"
on_crash = "destroy"
CFG

secs=${PVHOST_RUN_SECONDS:-60}
serial=$LOGS/run-serial.log
if [ -t 0 ] && [ -t 1 ]; then
	touch "$dir/attach"
	dom0_initrd "$stage/tests" "$stage/dom0-initrd" || die "cannot build dom0's initrd"
	msg "booting the Xen test host; the guest's console follows (serial log: ${serial#"$TOP"/})"
	# A day at most: an attached session is ended by its user.
	XEN_QEMU_TTY=1 xen_qemu 86400 chardev:con "$stage/dom0-initrd" \
		-chardev "stdio,id=con,mux=on,signal=off,logfile=$serial" \
		-mon chardev=con,mode=readline
else
	echo "$secs" >"$dir/seconds"
	dom0_initrd "$stage/tests" "$stage/dom0-initrd" || die "cannot build dom0's initrd"
	msg "no terminal: running the guest for at most ${secs}s (serial log: ${serial#"$TOP"/})"
	xen_qemu $((secs + BOOT_ALLOWANCE)) "file:$serial" "$stage/dom0-initrd" \
		</dev/null >"$LOGS/run-qemu.log" 2>&1
	rc=$?
	if ! grep -q PVHOST-GUEST-LOG-BEGIN "$serial"; then
		tail -n 30 "$serial"
		die "the test host did not get to run the guest (QEMU exit $rc)"
	fi
	echo "----- the guest's run -----"
	awk '/PVHOST-GUEST-LOG-END/ { on = 0 } on { print } /PVHOST-GUEST-LOG-BEGIN/ { on = 1 }' \
		"$serial" | tr -d '\r'
	echo "----- end of the guest's run -----"
fi
