# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash disable=SC2034
#
# Shared by run.sh and run-interactive.sh: where the test host lives, how a
# guest initramfs is put together, how QEMU starts Xen.  Sourced, not run.

# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

HOST=$BUILD/host
HOSTSRC=$TOP/scripts/host

# Xen's options.  bootscrub=0 spares scrubbing 2 GiB under TCG; no
# `noreboot`: a dom0 crash then reboots, which -no-reboot turns into QEMU
# exiting instead of hanging.
XEN_CMDLINE="console=com1 com1=115200,8n1 dom0_mem=1024M,max:1024M"
XEN_CMDLINE="$XEN_CMDLINE bootscrub=0 loglvl=all guest_loglvl=all"
DOM0_CMDLINE="console=hvc0 loglevel=4"
QEMU_MEM=2048
# Seconds for QEMU to start Xen and dom0 to bring its toolstack up, on
# top of the tests' own timeouts (measured boots: 25-60 s under load).
BOOT_ALLOWANCE=${PVHOST_BOOT_ALLOWANCE:-240}
# Per test, for dom0_before, dom0_after, xl's domain build and teardown.
TEST_ALLOWANCE=30

# resolve_kernel WORD : the file a test's KERNEL= names.
resolve_kernel() {
	case $1 in
	ours) echo "$OUT/vmlinuz" ;;
	ref) echo "$OUT/ref/vmlinuz" ;;
	debian) echo "$HOST/dom0-vmlinuz" ;;
	/*) echo "$1" ;;
	*) echo "$TOP/$1" ;;
	esac
}

# make_guest_initrd DIR OUT KIND KERNELWORD [FILES [shell]]
# A plain (uncompressed) newc cpio: static busybox, scripts/host/guest-init
# as /init, DIR/domu.sh with domu_init, and FILES ("hostpath:guestpath ...").
# Debian's kernel has its Xen frontends as modules: they come along.  With
# "shell", the guest starts a shell instead of a test.
make_guest_initrd() {
	local dir=$1 out=$2 kind=$3 kword=$4 files=$5 root=$1/groot f src dst
	mkdir -p "$root/etc/pvtest"
	[ "$6" = shell ] && touch "$root/etc/pvtest/shell"
	mkdir -p "$root"/{bin,dev,etc/pvtest,proc,sys,tmp}
	cp "$HOST/pkgroot/bin/busybox" "$root/bin/busybox"
	install -m 755 "$HOSTSRC/guest-init" "$root/init"
	mknod -m 600 "$root/dev/console" c 5 1
	echo "$kind" >"$root/etc/pvtest/kind"
	[ -f "$dir/domu.sh" ] && cp "$dir/domu.sh" "$root/etc/pvtest/test.sh"
	touch "$root/etc/pvtest/test.sh"
	if [ "$kword" = debian ]; then
		cp -a "$HOST/guest-modules/lib" "$root/lib"
		echo "xen-blkfront xen-netfront" >"$root/etc/pvtest/modules"
	fi
	for f in $files; do
		src=${f%%:*}
		dst=${f#*:}
		case $src in /*) ;; *) src=$TOP/$src ;; esac
		[ -e "$src" ] || { echo "DOMU_FILES: no such file: $src"; return 1; }
		mkdir -p "$root$(dirname "$dst")"
		cp -a "$src" "$root$dst" || return 1
	done
	(cd "$root" && find . -mindepth 1 | LC_ALL=C sort |
		cpio -o -H newc --quiet -R 0:0) >"$out"
}

# boot_initrd BASE OUT K END : BASE with a second archive appended that
# holds /etc/pvtest/boot (K) and /etc/pvtest/end (poweroff or reboot): the
# kernel unpacks concatenated archives and the later file wins.  A guest
# that xl restarts boots from the next of these (see dom0-init).
boot_initrd() {
	local tmp rc
	tmp=$(mktemp -d) || return 1
	mkdir -p "$tmp/etc/pvtest"
	echo "$3" >"$tmp/etc/pvtest/boot"
	echo "$4" >"$tmp/etc/pvtest/end"
	cp "$1" "$2" &&
		(cd "$tmp" && printf '%s\n' etc/pvtest/boot etc/pvtest/end |
			cpio -o -H newc --quiet -R 0:0) >>"$2"
	rc=$?
	rm -rf "$tmp"
	return "$rc"
}

# xen_qemu SECONDS SERIAL INITRD [QEMU ARGS...] : boots Xen with dom0 and
# INITRD as dom0's initramfs, under timeout.  No NIC at all: nothing leaves
# the emulated machine.  XEN_QEMU_TTY=1 keeps QEMU in the terminal's
# foreground process group (timeout otherwise moves it out, and QEMU
# stops on its first terminal access).
xen_qemu() {
	local secs=$1 serial=$2 initrd=$3 fg=
	shift 3
	[ "${XEN_QEMU_TTY:-0}" = 1 ] && fg=--foreground
	# shellcheck disable=SC2086 # $fg: an option or nothing
	timeout $fg -k 10 "$secs" qemu-system-x86_64 \
		-accel tcg -cpu qemu64 -smp 1 -m "$QEMU_MEM" \
		-nodefaults -nic none -display none -vga none -no-reboot \
		-serial "$serial" \
		-kernel "$HOST/xen" -append "$XEN_CMDLINE" \
		-initrd "$HOST/dom0-vmlinuz $DOM0_CMDLINE,$initrd" \
		"$@"
}

# dom0_initrd TESTSDIR OUT : dom0's initramfs with TESTSDIR appended as
# /tests.  The kernel unpacks concatenated archives; the zero padding
# between them is skipped.
dom0_initrd() {
	local tests=$1 out=$2 size
	cp "$HOST/dom0.cpio.gz" "$out"
	size=$(stat -c %s "$out")
	truncate -s $(((size + 511) / 512 * 512)) "$out"
	(cd "$tests/.." && find "$(basename "$tests")" | LC_ALL=C sort |
		cpio -o -H newc --quiet -R 0:0) >>"$out"
}

# stage_dynamic ROOT BINARY [LIBPATH] : BINARY and the libraries ldd
# finds for it (LIBPATH, colon-separated, searched first) into ROOT, flat
# in ROOT/lib/x86_64-linux-gnu (the loader's default directory), with the
# loader in ROOT/lib64.  For guest initramfs trees that hold busybox and
# nothing else; DOMU_FILES then names ROOT/lib and ROOT/lib64.
stage_dynamic() {
	local root=$1 bin=$2 lp=${3:-} lib
	mkdir -p "$root/lib/x86_64-linux-gnu" "$root/lib64" || return 1
	cp -L "$bin" "$root/" || return 1
	if LD_LIBRARY_PATH=$lp ldd "$bin" | grep -q 'not found'; then
		echo "unresolved libraries of $bin"
		return 1
	fi
	LD_LIBRARY_PATH=$lp ldd "$bin" |
		awk '/=> \// { print $3 } /^\t\// { print $1 }' |
		while read -r lib; do
			case $lib in
			/lib64/*) cp -L "$lib" "$root/lib64/" || exit 1 ;;
			*) cp -L "$lib" "$root/lib/x86_64-linux-gnu/" || exit 1 ;;
			esac
		done
}
