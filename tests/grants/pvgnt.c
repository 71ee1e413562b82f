// SPDX-License-Identifier: GPL-2.0
/*
 * pvgnt: dom0's side of the grant table host test, through libxengnttab.
 *
 *   pvgnt check-ro DOMID REF BYTE   map REF read-only: every byte must be
 *                                   BYTE; a writable map must be refused
 *   pvgnt write DOMID REF BYTE      map REF writable and fill it with BYTE
 *   pvgnt hold DOMID REF SECONDS    map REF read-only, say HOLDING, keep it
 *                                   SECONDS, unmap, say UNMAPPED
 *
 * Each prints one "PVGNT ..." line per fact it checked and exits 0 only
 * if every check held.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <xengnttab.h>

#define PAGE 4096

static int check_ro(xengnttab_handle *h, unsigned int dom, unsigned int ref,
		    unsigned int byte)
{
	unsigned char *p;
	int i, bad = -1;

	p = xengnttab_map_grant_ref(h, dom, ref, PROT_READ);
	if (!p) {
		printf("PVGNT ro-map FAILED: %s\n", strerror(errno));
		return 1;
	}
	for (i = 0; i < PAGE; i++) {
		if (p[i] != byte) {
			bad = i;
			break;
		}
	}
	if (bad >= 0)
		printf("PVGNT ro-pattern FAILED: byte %d is %#x, want %#x\n",
		       bad, p[bad], byte);
	else
		printf("PVGNT ro-pattern ok: %d bytes of %#x\n", PAGE, byte);
	xengnttab_unmap(h, p, 1);
	if (bad >= 0)
		return 1;

	p = xengnttab_map_grant_ref(h, dom, ref, PROT_READ | PROT_WRITE);
	if (p) {
		p[0] = (unsigned char)~byte;
		printf("PVGNT ro-write FAILED: a writable map of a read-only grant worked\n");
		xengnttab_unmap(h, p, 1);
		return 1;
	}
	printf("PVGNT ro-write ok: writable map refused (%s)\n",
	       strerror(errno));
	return 0;
}

static int write_rw(xengnttab_handle *h, unsigned int dom, unsigned int ref,
		    unsigned int byte)
{
	unsigned char *p;

	p = xengnttab_map_grant_ref(h, dom, ref, PROT_READ | PROT_WRITE);
	if (!p) {
		printf("PVGNT rw-map FAILED: %s\n", strerror(errno));
		return 1;
	}
	memset(p, byte, PAGE);
	printf("PVGNT rw-write ok: %d bytes of %#x written\n", PAGE, byte);
	xengnttab_unmap(h, p, 1);
	return 0;
}

static int hold(xengnttab_handle *h, unsigned int dom, unsigned int ref,
		unsigned int secs)
{
	unsigned char *p;

	p = xengnttab_map_grant_ref(h, dom, ref, PROT_READ);
	if (!p) {
		printf("PVGNT keep-map FAILED: %s\n", strerror(errno));
		return 1;
	}
	printf("PVGNT HOLDING ref %u of domain %u for %u s (byte 0 %#x)\n",
	       ref, dom, secs, p[0]);
	fflush(stdout);
	sleep(secs);
	xengnttab_unmap(h, p, 1);
	printf("PVGNT UNMAPPED ref %u\n", ref);
	return 0;
}

int main(int argc, char **argv)
{
	xengnttab_handle *h;
	unsigned int dom, ref, arg;
	int rc;

	if (argc != 5) {
		fprintf(stderr, "usage: %s check-ro|write|hold DOMID REF ARG\n",
			argv[0]);
		return 2;
	}
	dom = strtoul(argv[2], NULL, 0);
	ref = strtoul(argv[3], NULL, 0);
	arg = strtoul(argv[4], NULL, 0);
	h = xengnttab_open(NULL, 0);
	if (!h) {
		printf("PVGNT open FAILED: %s\n", strerror(errno));
		return 1;
	}
	if (!strcmp(argv[1], "check-ro"))
		rc = check_ro(h, dom, ref, arg);
	else if (!strcmp(argv[1], "write"))
		rc = write_rw(h, dom, ref, arg);
	else if (!strcmp(argv[1], "hold"))
		rc = hold(h, dom, ref, arg);
	else
		rc = 2;
	xengnttab_close(h);
	return rc;
}
