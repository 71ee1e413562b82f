#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The build suite of `make check`: the patch mechanism, both kernels,
# incremental rebuilds, and the style and static checks on our sources.
# Prints PASS/FAIL/SKIP lines for tests/check.sh; exits non-zero on failure.

. "$(dirname "$0")/../scripts/lib.sh"

failed=0
pass() { echo "PASS: build/$1"; }
fail() {
	echo "FAIL: build/$1: $2"
	failed=1
}

# --- the patch series mechanism, on a miniature tree --------------------
# A real tree takes half a minute to extract; the mechanism is the same on a
# tarball of three files.
patch_mechanism() {
	local t out rc
	t=$(mktemp -d)
	mkdir -p "$t/src/linux-source-6.1/arch/x86" "$t/src/linux-source-6.1/drivers" \
		"$t/src/linux-source-6.1/include" "$t/good" "$t/bad"
	printf 'one\ntwo\nthree\n' >"$t/src/linux-source-6.1/file"
	tar -C "$t/src" -cJf "$t/linux.tar.xz" linux-source-6.1
	cat >"$t/good/0001-ok.patch" <<'P'
--- a/file
+++ b/file
@@ -1,3 +1,3 @@
 one
-two
+TWO
 three
P
	cat >"$t/bad/0001-ok.patch" <"$t/good/0001-ok.patch"
	sed 's/^ three$/ four/' "$t/good/0001-ok.patch" >"$t/bad/0002-stale.patch"

	out=$(PV_LINUX_TARBALL=$t/linux.tar.xz PV_PATCHES_DIR=$t/good \
		PV_BUILD_DIR=$t/b1 PV_OUT_DIR=$t/o1 "$TOP/scripts/kernel.sh" tree 2>&1)
	rc=$?
	if [ $rc -eq 0 ] && grep -qx TWO "$t/b1/linux/file" &&
		[ -L "$t/b1/linux/arch/x86/pv" ] && [ -L "$t/b1/linux/Kconfig.pv" ]; then
		pass patch-series-applies
	else
		fail patch-series-applies "rc=$rc: $(echo "$out" | tail -n 3 | tr '\n' ' ')"
	fi

	out=$(PV_LINUX_TARBALL=$t/linux.tar.xz PV_PATCHES_DIR=$t/bad \
		PV_BUILD_DIR=$t/b2 PV_OUT_DIR=$t/o2 "$TOP/scripts/kernel.sh" tree 2>&1)
	rc=$?
	if [ $rc -ne 0 ] && echo "$out" | grep -q 'FAILED step: applying patches/0002-stale.patch' &&
		echo "$out" | grep -q 'full log:' && [ ! -e "$t/b2/linux" ]; then
		pass patch-that-does-not-apply-fails-loudly
	else
		fail patch-that-does-not-apply-fails-loudly \
			"rc=$rc, output: $(echo "$out" | tail -n 3 | tr '\n' ' ')"
	fi
	rm -rf "$t"
}

build_kernel() {
	local flavour=$1 s=$(date +%s)
	if "$TOP/scripts/kernel.sh" "$flavour"; then
		pass "kernel-$flavour ($(($(date +%s) - s))s)"
	else
		fail "kernel-$flavour" "build failed (see out/logs/build-$flavour.log)"
		return 1
	fi
}

# A second `make` with nothing changed compiles nothing; touching one of our
# compiled sources recompiles exactly that file.
incremental() {
	local log=$LOGS/build-ours.log n src obj rel compiled
	: >"$log"
	"$TOP/scripts/kernel.sh" ours >/dev/null 2>&1 || {
		fail incremental-noop "rebuild failed"
		return
	}
	n=$(grep -cE '^  (CC|AS|LD) ' "$log")
	[ "$n" -eq 0 ] && pass incremental-noop ||
		fail incremental-noop "a rebuild with no change ran $n compile/link steps"

	obj=$(find "$BUILD/kbuild-ours/arch/x86/pv" "$BUILD/kbuild-ours/drivers/pv" \
		-name '*.o' ! -name 'built-in.o' ! -name '*.mod.o' 2>/dev/null | head -n 1)
	if [ -z "$obj" ]; then
		echo "SKIP: build/incremental-one-file: none of our sources is compiled in yet"
		return
	fi
	rel=${obj#"$BUILD/kbuild-ours/"}
	src=
	for ext in c S; do
		[ -e "$TOP/${rel%.o}.$ext" ] && src=$TOP/${rel%.o}.$ext
	done
	[ -n "$src" ] || {
		echo "SKIP: build/incremental-one-file: no source for $rel"
		return
	}
	touch "$src"
	: >"$log"
	"$TOP/scripts/kernel.sh" ours >/dev/null 2>&1 || {
		fail incremental-one-file "rebuild failed"
		return
	}
	# Relinking vmlinux always recompiles the version stamp and the
	# bzImage wrapper (arch/x86/boot); everything else must stay.
	compiled=$(grep -E '^  (CC|AS) ' "$log" |
		grep -vE ' (init/version-timestamp\.o|arch/x86/boot/.*)$')
	n=$(echo "$compiled" | grep -c .)
	if [ "$n" -eq 1 ] && echo "$compiled" | grep -qE "^  (CC|AS) +$rel\$"; then
		pass incremental-one-file
	else
		fail incremental-one-file "touching ${src#"$TOP"/} compiled $n files: $(echo "$compiled" | head -n 3 | tr -s ' \n' ' ')"
	fi
}

ours_sources() {
	cd "$TOP" && git ls-files -- 'arch/x86/pv/*.[ch]' 'arch/x86/pv/*.S' \
		'drivers/pv/*.[ch]' 'include/pv/*.h'
}

checkpatch() {
	local files bad=0 f out
	files=$(ours_sources)
	[ -n "$files" ] || {
		echo "SKIP: build/checkpatch: no kernel sources of ours yet"
		return
	}
	for f in $files; do
		# ENOSYS is ignored because the xenstore core must name Xen's
		# wire error "ENOSYS"; checkpatch flags any use of the symbol.
		out=$(cd "$TOP" && perl "$BUILD/linux/scripts/checkpatch.pl" --no-tree -f \
			--quiet --terse --no-summary --ignore ENOSYS "$f" 2>&1) || true
		if [ -n "$out" ]; then
			echo "$out"
			bad=1
		fi
	done
	[ $bad -eq 0 ] && pass checkpatch || fail checkpatch "see the lines above"
}

patch_mechanism
build_kernel ours && incremental
build_kernel ref
if "$TOP/scripts/kernel.sh" sparse; then pass sparse; else fail sparse "see above"; fi
checkpatch
exit $failed
