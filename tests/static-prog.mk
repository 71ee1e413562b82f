# SPDX-License-Identifier: GPL-2.0
#
# A static user-space test program built from one C file, for a domU whose
# initramfs has busybox and nothing else.  The including Makefile sets
# PROG (the program, built from PROG.c) and RUN_ARGS (for `make run`, a
# short native run on the build machine as a check of the program).

CC ?= cc
CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror -static

.PHONY: all run clean
all: $(PROG)

$(PROG): $(PROG).c
	$(CC) $(CFLAGS) -o $@ $<

run: $(PROG)
	./$(PROG) $(RUN_ARGS)

clean:
	rm -f $(PROG)
