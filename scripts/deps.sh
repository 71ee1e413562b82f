#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Installs every Debian package the project needs on a fresh Debian 12
# machine.  Each concern keeps its own list in scripts/deps/*.txt (one
# package per line, '#' comments), so adding a tool does not touch this file.
# Runs apt-get only when something is missing, so a warm machine pays nothing.

. "$(dirname "$0")/lib.sh"

pkgs=$(sed -e 's/#.*//' "$TOP"/scripts/deps/*.txt | tr -s ' \t' '\n' | sort -u | grep -v '^$')
missing=
for p in $pkgs; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed' ||
		missing="$missing $p"
done
[ -n "$missing" ] || exit 0

SUDO=
[ "$(id -u)" -eq 0 ] || SUDO=sudo
msg "installing Debian packages:$missing"
export DEBIAN_FRONTEND=noninteractive
step "apt-get update" "$LOGS/deps.log" $SUDO apt-get update
# shellcheck disable=SC2086
step "apt-get install" "$LOGS/deps.log" $SUDO apt-get install -y --no-install-recommends $missing
