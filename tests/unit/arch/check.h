/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The arch unit tests' check: report a failed condition with its line and
 * count it; main() returns non-zero when fails is.
 */
#ifndef _TESTS_UNIT_ARCH_CHECK_H
#define _TESTS_UNIT_ARCH_CHECK_H

#include <stdio.h>

static int fails;

#define CHECK(cond, ...) do {						\
	if (!(cond)) {							\
		printf("line %d: ", __LINE__);				\
		printf(__VA_ARGS__);					\
		printf("\n");						\
		fails++;						\
	}								\
} while (0)

#endif /* _TESTS_UNIT_ARCH_CHECK_H */
