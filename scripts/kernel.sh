#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Builds a kernel from Debian's linux-source-6.1 with the PV port overlaid.
#
#   kernel.sh ours     our kernel -> out/vmlinuz, out/vmlinux, out/config
#   kernel.sh ref      Linux's own Xen PV kernel -> out/ref/{vmlinuz,vmlinux,config}
#   kernel.sh sparse   sparse (C=2) over arch/x86/pv and drivers/pv in our build
#   kernel.sh tree     only extract, patch and overlay build/linux
#
# PV_LINUX_TARBALL, PV_PATCHES_DIR, PV_BUILD_DIR and PV_OUT_DIR override the
# inputs and outputs (the build tests use them on a miniature tree).
#
# Both flavours share one patched tree (build/linux) and build out of tree
# (build/kbuild-<flavour>) with ccache.  The tree is re-extracted only when
# the tarball or the patch series changes; the configuration is regenerated
# only when a fragment or one of our Kconfig files changes; everything else
# is Kbuild's own incremental build.  One lock serialises all of it, so two
# concurrent invocations queue rather than corrupt each other.

. "$(dirname "$0")/lib.sh"

flavour=${1:-ours}
case $flavour in
ours | sparse | tree)
	frags="base pv"
	kout=$BUILD/kbuild-ours
	dest=$OUT
	;;
ref)
	frags="base ref"
	kout=$BUILD/kbuild-ref
	dest=$OUT/ref
	;;
*)
	die "usage: $0 ours|ref|sparse|tree"
	;;
esac

"$TOP"/scripts/deps.sh || die "could not install build dependencies"
need_cmds gcc make bc bison flex ccache cpio xz patch sha256sum flock

SRC_TAR=${PV_LINUX_TARBALL:-/usr/src/linux-source-6.1.tar.xz}
KSRC=$BUILD/linux
PATCHES=${PV_PATCHES_DIR:-$TOP/patches}
[ -r "$SRC_TAR" ] || die "$SRC_TAR missing (Debian package linux-source-6.1)"

exec 9>"$BUILD/kernel.lock"
if ! flock -n 9; then
	msg "another kernel build is running; waiting for its lock (at most 1 h)"
	flock -w 3600 9 || die "$BUILD/kernel.lock still held after 1 h: is a build stuck?"
fi

# --- the source tree -------------------------------------------------------

series_hash() {
	{
		stat -c '%s %Y' "$SRC_TAR"
		cat "$PATCHES"/*.patch 2>/dev/null
	} | sha256sum | cut -d' ' -f1
}

# Files a patch touches, read from its +++ lines (patch -p1 names).
patched_files() {
	local p
	for p in "$PATCHES"/*.patch; do
		[ -e "$p" ] || continue
		sed -n 's|^+++ b/\([^[:space:]]*\).*|\1|p' "$p"
	done | sort -u
}

prepare_tree() {
	local want new p f old_files
	want=$(series_hash)
	if [ "$(cat "$KSRC/.pv-series" 2>/dev/null)" != "$want" ]; then
		old_files=$(cat "$KSRC/.pv-patched-files" 2>/dev/null)
		new=$BUILD/linux.new
		rm -rf "$new"
		mkdir -p "$new"
		step "extracting $(basename "$SRC_TAR")" "$LOGS/extract.log" \
			tar -xf "$SRC_TAR" -C "$new" --strip-components=1
		for p in "$PATCHES"/*.patch; do
			[ -e "$p" ] || continue
			step "applying patches/$(basename "$p")" "$LOGS/patches.log" \
				patch -d "$new" -p1 --forward --batch \
				--no-backup-if-mismatch -i "$p" ||
				die "patch $(basename "$p") does not apply"
		done
		patched_files >"$new/.pv-patched-files"
		# Extraction restores the tarball's old timestamps, so a file a
		# dropped or changed patch used to touch would look older than its
		# object and never be rebuilt.  Touch every file either series
		# touched.
		for f in $old_files $(cat "$new/.pv-patched-files"); do
			[ -e "$new/$f" ] && touch "$new/$f"
		done
		rm -rf "$KSRC"
		mv "$new" "$KSRC"
		echo "$want" >"$KSRC/.pv-series"
	fi
	# The overlay: our directories appear inside the kernel tree as links,
	# so an edit here is seen by Kbuild at once and rebuilds only itself.
	ln -sfn "$TOP/arch/x86/pv" "$KSRC/arch/x86/pv" &&
		ln -sfn "$TOP/drivers/pv" "$KSRC/drivers/pv" &&
		ln -sfn "$TOP/include/pv" "$KSRC/include/pv" &&
		ln -sfn "$TOP/Kconfig" "$KSRC/Kconfig.pv" ||
		die "could not link our directories into $KSRC"
}

# --- configuration ---------------------------------------------------------

config_hash() {
	{
		cat "$KSRC/.pv-series"
		for f in $frags; do cat "$TOP/configs/$f.config"; done
		find "$TOP/Kconfig" "$TOP/arch/x86/pv" "$TOP/drivers/pv" \
			-name 'Kconfig*' -type f -print0 | sort -z | xargs -0 cat
	} | sha256sum | cut -d' ' -f1
}

# Every CONFIG_X=v and "# CONFIG_X is not set" in the fragments must hold in
# the final .config: a symbol that silently fell away (a missing dependency,
# a renamed option) would otherwise build a kernel that is not what we asked.
check_config() {
	local f line sym val got bad=0
	for f in $frags; do
		while IFS= read -r line; do
			case $line in
			CONFIG_*=*)
				sym=${line%%=*}
				val=${line#*=}
				;;
			"# CONFIG_"*" is not set")
				sym=${line#"# "}
				sym=${sym%% *}
				val=n
				;;
			*) continue ;;
			esac
			got=$(grep -E "^($sym=|# $sym is not set)" "$kout/.config")
			case $got in
			"$sym=$val") ;;
			"# $sym is not set" | "") [ "$val" = n ] || {
				echo "configs/$f.config: $sym=$val requested, but it is not set" >&2
				bad=1
			} ;;
			*)
				echo "configs/$f.config: $sym=$val requested, got ${got#*=}" >&2
				bad=1
				;;
			esac
		done <"$TOP/configs/$f.config"
	done
	return $bad
}

configure() {
	local want args
	want=$(config_hash)
	[ -f "$kout/.config" ] && [ "$(cat "$kout/.pv-config" 2>/dev/null)" = "$want" ] && return
	mkdir -p "$kout"
	args=()
	for f in $frags; do args+=("$TOP/configs/$f.config"); done
	step "configuring ($flavour: tinyconfig + ${frags// / + })" "$LOGS/config-$flavour.log" \
		bash -c 'make -C "$1" O="$2" tinyconfig &&
			"$1"/scripts/kconfig/merge_config.sh -m -O "$2" "$2"/.config "${@:3}" &&
			make -C "$1" O="$2" olddefconfig' _ "$KSRC" "$kout" "${args[@]}"
	check_config 2>>"$LOGS/config-$flavour.log" || {
		grep -E 'requested' "$LOGS/config-$flavour.log" | tail -n 20 >&2
		die "configuration of $flavour does not match configs/ (log: $LOGS/config-$flavour.log)"
	}
	echo "$want" >"$kout/.pv-config"
}

# --- build -----------------------------------------------------------------

kmake() {
	# Fixed build identity and CCACHE_BASEDIR keep ccache hits across
	# clones and rebuilds.
	CCACHE_BASEDIR=$TOP CCACHE_NOHASHDIR=1 \
		make -C "$KSRC" O="$kout" -j"$(nproc)" \
		CC="ccache gcc" HOSTCC="ccache gcc" \
		KBUILD_BUILD_USER=pv KBUILD_BUILD_HOST=pv-port \
		KBUILD_BUILD_TIMESTAMP="2026-01-01 00:00:00 UTC" "$@"
}

prepare_tree
[ "$flavour" = tree ] && exit 0
configure

if [ "$flavour" = sparse ]; then
	need_cmds sparse
	rm -f "$LOGS/sparse.log"
	step "sparse over arch/x86/pv drivers/pv" "$LOGS/sparse.log" \
		kmake C=2 arch/x86/pv/ drivers/pv/
	# sparse reports as compiler warnings; make exits 0 on them.
	if grep -E '(arch/x86|drivers|include)/pv/.*: (warning|error):' "$LOGS/sparse.log"; then
		die "sparse reported the lines above (log: $LOGS/sparse.log)"
	fi
	msg "sparse: clean"
	exit 0
fi

step "building $flavour kernel" "$LOGS/build-$flavour.log" kmake bzImage vmlinux
mkdir -p "$dest"
cp "$kout/arch/x86/boot/bzImage" "$dest/vmlinuz.tmp" && mv "$dest/vmlinuz.tmp" "$dest/vmlinuz"
cp "$kout/vmlinux" "$dest/vmlinux.tmp" && mv "$dest/vmlinux.tmp" "$dest/vmlinux"
cp "$kout/.config" "$dest/config"
cp "$kout/System.map" "$dest/System.map"
msg "$flavour kernel: ${dest#"$TOP"/}/vmlinuz ($(stat -c %s "$dest/vmlinuz") bytes)"
