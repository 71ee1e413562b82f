// SPDX-License-Identifier: GPL-2.0
/*
 * Runs every test of one test binary.  Exit status is the number of
 * failures (capped), so the Makefile can tell a failing binary from one
 * that a sanitizer aborted (which prints no PASS/FAIL line for the test).
 */
#include <stdio.h>
#include "harness.h"

int pv_test_failed;
char pv_test_msg[512];

int main(void)
{
	unsigned int i, failed = 0;

	for (i = 0; i < pv_nr_tests; i++) {
		pv_test_failed = 0;
		pv_test_msg[0] = '\0';
		fflush(stdout);
		pv_tests[i].fn();
		if (pv_test_failed) {
			printf("FAIL: unit/%s: %s\n", pv_tests[i].name,
			       pv_test_msg);
			failed++;
		} else {
			printf("PASS: unit/%s\n", pv_tests[i].name);
		}
	}
	fflush(stdout);
	return failed > 100 ? 100 : (int)failed;
}
