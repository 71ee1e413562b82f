#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Builds the Xen test host under build/host/ from Debian packages, without
# installing any of them on the build machine:
#
#   build/host/debs/        the .deb files (apt-get download)
#   build/host/pkgroot/     all of them unpacked with dpkg -x
#   build/host/xen          Xen 4.17, gunzipped: QEMU's multiboot loader
#                           takes only an uncompressed ELF
#   build/host/dom0-vmlinuz Debian's 6.1 kernel, used as dom0
#   build/host/dom0.cpio.gz dom0's initramfs: the xl toolstack, busybox, the
#                           backend modules and scripts/host/dom0-init
#   build/host/guest-modules/  xen-blkfront/xen-netfront of the same kernel,
#                           for tests that run Debian's kernel as a guest
#
# Every stage leaves a stamp holding a digest of its inputs, so a warm run
# only compares digests.  Generic tools (bash, flock, losetup, ip) and the
# libraries ldd names come from the build machine: scripts/deps/host.txt
# lists their packages.

# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/../lib.sh"

HOST=$BUILD/host
SRC=$TOP/scripts/host
XENVER=4.17
XENPKGS="xen-hypervisor-$XENVER-amd64 xen-utils-$XENVER xen-utils-common
	xenstore-utils libxencall1 libxenevtchn1 libxenforeignmemory1
	libxengnttab1 libxenmisc$XENVER libxenstore4 libxentoollog1
	libxentoolcore1 libxendevicemodel1 libxenhypfs1 libyajl2 busybox-static"
# Backends and what dom0 needs to reach them; 9p carries the logs out.
DOM0_MODULES="xenfs xen-evtchn xen-gntdev xen-gntalloc xen-privcmd
	xen-blkback xen-netback bridge loop 9p 9pnet_virtio virtio_pci"
GUEST_MODULES="xen-blkfront xen-netfront"
# Xen's tools that dom0 runs, from /usr/lib/xen-4.17/bin.
XEN_TOOLS="xl xenstored xenconsoled xen-init-dom0 xenconsole xenctx
	xenstore-control"
HOST_TOOLS="/bin/bash /usr/bin/flock /usr/sbin/losetup /sbin/ip"

need_cmds apt-get apt-cache dpkg depmod modprobe ldconfig cpio gzip ldd sha1sum

mkdir -p "$HOST"
# Concurrent callers (run.sh, make run) wait here instead of unpacking
# over each other.
exec 8>"$HOST/build.lock"
flock -w 1800 8 || die "$HOST/build.lock still held after 30 min: is a build stuck?"

# digest WORDS... : a short hash of its arguments, for stamps.
digest() { printf '%s\n' "$@" | sha1sum | cut -c1-16; }

stamp_ok() { [ -f "$1" ] && [ "$(cat "$1")" = "$2" ]; }

# --- 1. packages ----------------------------------------------------------

kpkg() {
	apt-cache depends linux-image-amd64 2>/dev/null |
		awk '/Depends: linux-image-6\.1\.[^ ]*-amd64/ { print $2; exit }'
}

fetch_debs() {
	local dir=$1 kernel_pkg
	kernel_pkg=$(kpkg)
	if [ -z "$kernel_pkg" ]; then
		# A fresh machine may have no package lists yet.
		apt-get update || return 1
		kernel_pkg=$(kpkg)
	fi
	[ -n "$kernel_pkg" ] || { echo "cannot resolve linux-image-amd64"; return 1; }
	rm -rf "$dir.tmp" && mkdir -p "$dir.tmp"
	# Package lists older than the archive name versions that are gone;
	# one refresh and a second try covers that.
	# shellcheck disable=SC2086
	if ! (cd "$dir.tmp" && apt-get download -o APT::Sandbox::User=root \
		$XENPKGS "$kernel_pkg"); then
		echo "apt-get download failed; refreshing the package lists and retrying"
		apt-get update || return 1
		kernel_pkg=$(kpkg)
		(cd "$dir.tmp" && apt-get download -o APT::Sandbox::User=root \
			$XENPKGS "$kernel_pkg") || return 1
	fi
	rm -rf "$dir" && mv "$dir.tmp" "$dir"
}

unpack_debs() {
	local deb
	rm -rf "$HOST/pkgroot"
	mkdir -p "$HOST/pkgroot"
	for deb in "$HOST"/debs/*.deb; do
		dpkg -x "$deb" "$HOST/pkgroot" || return 1
	done
	depmod -b "$HOST/pkgroot" "$(kver)"
	gunzip -c "$HOST/pkgroot/boot/xen-$XENVER-amd64.gz" >"$HOST/xen.tmp" &&
		mv "$HOST/xen.tmp" "$HOST/xen"
	cp "$HOST"/pkgroot/boot/vmlinuz-"$(kver)" "$HOST/dom0-vmlinuz.tmp" &&
		mv "$HOST/dom0-vmlinuz.tmp" "$HOST/dom0-vmlinuz"
}

kver() {
	local m
	for m in "$HOST"/pkgroot/lib/modules/*; do
		[ -d "$m" ] && basename "$m" && return
	done
}

# An apt source change (new Xen or kernel upload) only matters once the
# cache is dropped: a warm build never goes to the network.
s=$(digest "$XENPKGS")
if ! stamp_ok "$HOST/debs/.stamp" "$s"; then
	step "downloading Xen $XENVER and Debian's 6.1 kernel" \
		"$LOGS/host-build.log" fetch_debs "$HOST/debs"
	echo "$s" >"$HOST/debs/.stamp"
	rm -f "$HOST/pkgroot/.stamp"
fi

s=$(digest "$(ls "$HOST/debs")")
if ! stamp_ok "$HOST/pkgroot/.stamp" "$s"; then
	step "unpacking the packages into build/host/pkgroot" \
		"$LOGS/host-build.log" unpack_debs
	echo "$s" >"$HOST/pkgroot/.stamp"
fi
KVER=$(kver)
[ -n "$KVER" ] || die "no kernel modules under $HOST/pkgroot/lib/modules"

# --- 2. dom0's root file system --------------------------------------------

# copy_with_libs ROOT FILE... : FILE and every library ldd names for it, at
# the same paths under ROOT.  Libraries of the Xen packages are looked up in
# pkgroot first, so they never come from the build machine.
copy_with_libs() {
	local root=$1 f lib dst pr=$HOST/pkgroot
	shift
	local lp=$pr/usr/lib/x86_64-linux-gnu:$pr/lib/x86_64-linux-gnu
	lp=$lp:$pr/usr/lib/xen-$XENVER/lib/x86_64-linux-gnu
	for f in "$@"; do
		dst=${f#"$pr"}
		mkdir -p "$root$(dirname "$dst")"
		cp -L "$f" "$root$dst" || return 1
		if LD_LIBRARY_PATH=$lp ldd "$f" | grep -q 'not found'; then
			echo "unresolved library for $f:"
			LD_LIBRARY_PATH=$lp ldd "$f"
			return 1
		fi
		LD_LIBRARY_PATH=$lp ldd "$f" | awk '/=> \// { print $3 } /^\t\// { print $1 }' |
		while read -r lib; do
			dst=${lib#"$pr"}
			[ -e "$root$dst" ] && continue
			mkdir -p "$root$(dirname "$dst")"
			cp -L "$lib" "$root$dst" || exit 1
		done || return 1
	done
}

# copy_modules ROOT MODULE... : the modules and their dependencies.
copy_modules() {
	local root=$1 m f
	shift
	for m in "$@"; do
		modprobe -d "$HOST/pkgroot" -S "$KVER" --show-depends "$m" |
			awk '$1 == "insmod" { print $2 }' | grep . ||
			{ echo "module $m not found"; return 1; }
	done | sort -u | while read -r f; do
		mkdir -p "$root$(dirname "${f#"$HOST/pkgroot"}")"
		cp "$f" "$root${f#"$HOST/pkgroot"}" || exit 1
	done || return 1
	cp "$HOST/pkgroot/lib/modules/$KVER"/modules.{order,builtin,builtin.modinfo} \
		"$root/lib/modules/$KVER/"
	depmod -b "$root" "$KVER"
}

# make_cpio DIR OUT : a newc archive of DIR, gzip-compressed when OUT ends
# in .gz.
make_cpio() {
	local dir=$1 out=$2
	(cd "$dir" && find . -mindepth 1 | LC_ALL=C sort |
		cpio -o -H newc --quiet -R 0:0) >"$out.tmp" || return 1
	# Replaced by rename: a run that is copying the old file keeps it.
	case $out in
	*.gz) gzip -1 -n <"$out.tmp" >"$out.new" && mv "$out.new" "$out" &&
		rm -f "$out.tmp" ;;
	*) mv "$out.tmp" "$out" ;;
	esac
}

# A merged-/usr tree like the build machine's, so that paths ldd prints
# (/lib/..., /usr/lib/...) land in one place.
base_tree() {
	local root=$1 a
	rm -rf "$root"
	mkdir -p "$root"/usr/{bin,sbin,lib,lib64} "$root"/{dev,proc,sys,run,tmp,etc,root}
	ln -s usr/bin "$root/bin"
	ln -s usr/sbin "$root/sbin"
	ln -s usr/lib "$root/lib"
	ln -s usr/lib64 "$root/lib64"
	mknod -m 600 "$root/dev/console" c 5 1
	mknod -m 666 "$root/dev/null" c 1 3
	cp "$HOST/pkgroot/bin/busybox" "$root/usr/bin/busybox"
	for a in $("$root/usr/bin/busybox" --list); do
		[ -e "$root/usr/bin/$a" ] || ln -s busybox "$root/usr/bin/$a"
	done
}

build_dom0() {
	local root=$HOST/dom0root t pr=$HOST/pkgroot
	base_tree "$root" || return 1
	# Host tools replace busybox's applets of the same name: the hotplug
	# scripts need bash, flock, and util-linux's losetup options.
	for t in $HOST_TOOLS; do
		rm -f "$root/usr/bin/$(basename "$t")" "$root/usr/sbin/$(basename "$t")"
	done
	# shellcheck disable=SC2086 # word lists
	copy_with_libs "$root" $HOST_TOOLS || return 1
	for t in $XEN_TOOLS; do
		copy_with_libs "$root" "$pr/usr/lib/xen-$XENVER/bin/$t" || return 1
	done
	# xenstore-read & co. are links to one binary.
	copy_with_libs "$root" "$pr/usr/bin/xenstore" || return 1
	for t in read write ls list rm exists watch chmod; do
		ln -sf xenstore "$root/usr/bin/xenstore-$t"
	done
	# xl loads libgcc_s at run time (pthread_cancel); ldd cannot see it.
	copy_with_libs "$root" /lib/x86_64-linux-gnu/libgcc_s.so.1 || return 1
	cp -a "$pr/etc/xen" "$root/etc/"
	# shellcheck disable=SC2086
	copy_modules "$root" $DOM0_MODULES || return 1
	printf '%s\n' /lib/x86_64-linux-gnu /usr/lib/x86_64-linux-gnu \
		"/usr/lib/xen-$XENVER/lib/x86_64-linux-gnu" >"$root/etc/ld.so.conf"
	ldconfig -r "$root"
	echo "root:x:0:0:root:/root:/bin/bash" >"$root/etc/passwd"
	echo "root:x:0:" >"$root/etc/group"
	build_dom0_tools "$root" || return 1
	install -m 755 "$SRC/dom0-init" "$root/init"
	make_cpio "$root" "$HOST/dom0.cpio.gz"
}

# build_dom0_tools ROOT : our own dom0 programs (tests/grants/pvgnt.c),
# built against libxen-dev on the build machine; the Xen libraries they
# link must be in ROOT from pkgroot already (xl needs the same ones).
build_dom0_tools() {
	local root=$1 lib
	mkdir -p "$HOST/tools"
	cc -O2 -Wall -Wextra -Werror -o "$HOST/tools/pvgnt" \
		"$TOP/tests/grants/pvgnt.c" -lxengnttab || return 1
	install -m 755 "$HOST/tools/pvgnt" "$root/usr/bin/pvgnt"
	for lib in $(ldd "$HOST/tools/pvgnt" | awk '/=> \// { print $1 }'); do
		[ -n "$(find "$root/usr/lib" -name "$lib" -print -quit)" ] ||
			{ echo "pvgnt: $lib is not in dom0's root"; return 1; }
	done
}

build_guest_modules() {
	local root=$HOST/guest-modules
	rm -rf "$root" && mkdir -p "$root"
	# shellcheck disable=SC2086
	copy_modules "$root" $GUEST_MODULES
}

tools_digest() {
	local t
	for t in $HOST_TOOLS /lib/x86_64-linux-gnu/libgcc_s.so.1; do
		stat -L -c '%n %s %Y' "$t"
	done
}

s=$(digest "$(cat "$HOST/pkgroot/.stamp")" \
	"$(cat "$SRC/dom0-init" "$SRC/build.sh" "$TOP/tests/grants/pvgnt.c" | sha1sum)" \
	"$(tools_digest)" "$DOM0_MODULES" "$XEN_TOOLS")
if ! stamp_ok "$HOST/dom0.stamp" "$s" || [ ! -f "$HOST/dom0.cpio.gz" ]; then
	step "building dom0's initramfs" "$LOGS/host-build.log" build_dom0
	echo "$s" >"$HOST/dom0.stamp"
fi

s=$(digest "$(cat "$HOST/pkgroot/.stamp")" "$GUEST_MODULES")
if ! stamp_ok "$HOST/guest-modules.stamp" "$s"; then
	step "collecting guest modules of Debian's kernel" "$LOGS/host-build.log" \
		build_guest_modules
	echo "$s" >"$HOST/guest-modules.stamp"
fi
