/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Minimal unit test harness: each test file defines pv_tests[] and
 * pv_nr_tests; harness.c runs them and prints one PASS/FAIL line each.
 * A failed CHECK ends the test at once with the file, line and the
 * failed expression (plus both values for CHECK_EQ).
 */
#ifndef _PV_TEST_HARNESS_H
#define _PV_TEST_HARNESS_H

#include <stdio.h>

struct pv_test {
	const char *name;
	void (*fn)(void);
};

extern const struct pv_test pv_tests[];
extern const unsigned int pv_nr_tests;
extern int pv_test_failed;
extern char pv_test_msg[512];

#define CHECK(cond) do {						\
	if (!(cond)) {							\
		snprintf(pv_test_msg, sizeof(pv_test_msg),		\
			 "%s:%d: %s", __FILE__, __LINE__, #cond);	\
		pv_test_failed = 1;					\
		return;							\
	}								\
} while (0)

#define CHECK_EQ(a, b) do {						\
	long long _a = (long long)(a), _b = (long long)(b);		\
	if (_a != _b) {							\
		snprintf(pv_test_msg, sizeof(pv_test_msg),		\
			 "%s:%d: %s == %lld, expected %s == %lld",	\
			 __FILE__, __LINE__, #a, _a, #b, _b);		\
		pv_test_failed = 1;					\
		return;							\
	}								\
} while (0)

#define TEST(name) { #name, name }
#define NR_TESTS(arr) (sizeof(arr) / sizeof((arr)[0]))

#endif /* _PV_TEST_HARNESS_H */
