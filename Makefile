# SPDX-License-Identifier: GPL-2.0
#
# Entry points of the project (see README.md).  The real work is in
# scripts/; this file only names it.

.PHONY: all ref run check unit fuzz sparse deps clean distclean

all:
	@scripts/kernel.sh ours

ref:
	@scripts/kernel.sh ref

run: all
	@scripts/host/run-interactive.sh out/vmlinuz

check:
	@tests/check.sh

sparse:
	@scripts/kernel.sh sparse

unit:
	@$(MAKE) --no-print-directory -C tests/unit check

fuzz:
	@$(MAKE) --no-print-directory -C tests/fuzz fuzz

deps:
	@scripts/deps.sh

clean:
	rm -rf out

distclean: clean
	rm -rf build
