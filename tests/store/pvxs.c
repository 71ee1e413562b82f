// SPDX-License-Identifier: GPL-2.0
/*
 * pvxs: a tiny xenstore client speaking the wire protocol itself, for the
 * host tests of the xenstore client (tests/host/pvstore-ours.test).  In the
 * guest it talks to /dev/xen/xenbus; in dom0, with -s, to xenstored's
 * socket (the same protocol), so one static binary serves both sides.
 *
 *   pvxs [-s SOCKET] read PATH
 *   pvxs [-s SOCKET] write PATH VALUE
 *   pvxs [-s SOCKET] watch PATH TOKEN SECONDS COUNT
 *   pvxs [-s SOCKET] incr PATH N
 *   pvxs [-s SOCKET] bench PATH SECONDS
 *   pvxs owncheck PATH
 *
 * Each request is written in two write()s (header, payload) as
 * libxenstore does, so the device's reassembly is exercised on every
 * request.  Output lines start with "pvxs: ".
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#define XS_READ 2
#define XS_WATCH 4
#define XS_TRANSACTION_START 6
#define XS_TRANSACTION_END 7
#define XS_WRITE 11
#define XS_WATCH_EVENT 15
#define XS_ERROR 16
#define PAYLOAD_MAX 4096

struct hdr {
	uint32_t type, req_id, tx_id, len;
};

struct msg {
	struct hdr h;
	char body[PAYLOAD_MAX + 1];
};

static const char *dev = "/dev/xen/xenbus";
static const char *sock;
static uint32_t next_id = 1;
static unsigned int events_seen;

static int xs_open(void)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	int fd;

	if (!sock) {
		fd = open(dev, O_RDWR);
		if (fd < 0)
			fprintf(stderr, "pvxs: open %s: %s\n", dev, strerror(errno));
		return fd;
	}
	fd = socket(AF_UNIX, SOCK_STREAM, 0);
	snprintf(a.sun_path, sizeof(a.sun_path), "%s", sock);
	if (fd < 0 || connect(fd, (struct sockaddr *)&a, sizeof(a))) {
		fprintf(stderr, "pvxs: connect %s: %s\n", sock, strerror(errno));
		return -1;
	}
	return fd;
}

static int write_all(int fd, const void *p, size_t n)
{
	const char *c = p;
	ssize_t r;

	while (n) {
		r = write(fd, c, n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		c += r;
		n -= (size_t)r;
	}
	return 0;
}

static int read_all(int fd, void *p, size_t n)
{
	char *c = p;
	ssize_t r;

	while (n) {
		r = read(fd, c, n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		c += r;
		n -= (size_t)r;
	}
	return 0;
}

/* Send a request of up to two parts; returns its req_id or -errno. */
static int xs_send(int fd, uint32_t type, uint32_t tx, const void *a,
		   size_t alen, const void *b, size_t blen)
{
	char payload[PAYLOAD_MAX];
	struct hdr h = { type, next_id++, tx, (uint32_t)(alen + blen) };

	if (alen + blen > sizeof(payload))
		return -E2BIG;
	memcpy(payload, a, alen);
	if (blen)
		memcpy(payload + alen, b, blen);
	if (write_all(fd, &h, sizeof(h)) || write_all(fd, payload, alen + blen))
		return -errno;
	return (int)h.req_id;
}

static int xs_recv(int fd, struct msg *m)
{
	if (read_all(fd, &m->h, sizeof(m->h)))
		return -1;
	if (m->h.len > PAYLOAD_MAX) {
		fprintf(stderr, "pvxs: reply of %u bytes\n", m->h.len);
		return -1;
	}
	if (read_all(fd, m->body, m->h.len))
		return -1;
	m->body[m->h.len] = '\0';
	return 0;
}

static int err_of(const char *name)
{
	static const struct { const char *n; int e; } t[] = {
		{ "EINVAL", EINVAL }, { "EACCES", EACCES }, { "EEXIST", EEXIST },
		{ "ENOENT", ENOENT }, { "EAGAIN", EAGAIN }, { "EIO", EIO },
		{ "ENOSPC", ENOSPC }, { "EBUSY", EBUSY }, { "EPERM", EPERM },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (!strcmp(t[i].n, name))
			return t[i].e;
	return EIO;
}

/*
 * One round trip: 0 with the reply in @m, or -errno (an XS_ERROR reply,
 * or a failed write).  Watch events met on the way are counted.
 */
static int xs_call(int fd, uint32_t type, uint32_t tx, const void *a,
		   size_t alen, const void *b, size_t blen, struct msg *m)
{
	int id = xs_send(fd, type, tx, a, alen, b, blen);

	if (id < 0)
		return id;
	for (;;) {
		if (xs_recv(fd, m))
			return -EIO;
		if (m->h.type == XS_WATCH_EVENT) {
			events_seen++;
			continue;
		}
		if (m->h.req_id != (uint32_t)id) {
			fprintf(stderr, "pvxs: reply id %u, expected %d\n",
				m->h.req_id, id);
			return -EIO;
		}
		if (m->h.type == XS_ERROR)
			return -err_of(m->body);
		if (m->h.type != type) {
			fprintf(stderr, "pvxs: reply type %u to %u\n", m->h.type,
				type);
			return -EIO;
		}
		return 0;
	}
}

static int xs_read(int fd, uint32_t tx, const char *path, struct msg *m)
{
	return xs_call(fd, XS_READ, tx, path, strlen(path) + 1, NULL, 0, m);
}

static int xs_write(int fd, uint32_t tx, const char *path, const char *val)
{
	struct msg m;

	return xs_call(fd, XS_WRITE, tx, path, strlen(path) + 1, val,
		       strlen(val), &m);
}

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + t.tv_nsec / 1e9;
}

static int cmd_watch(int fd, const char *path, const char *token, int secs,
		     int count)
{
	double end = now() + secs;
	struct pollfd p = { .fd = fd, .events = POLLIN };
	struct msg m;
	int got = 0, r;

	r = xs_call(fd, XS_WATCH, 0, path, strlen(path) + 1, token,
		    strlen(token) + 1, &m);
	if (r) {
		printf("pvxs: watch %s failed: %s\n", path, strerror(-r));
		return 1;
	}
	printf("pvxs: watch ready %s (%u events before the reply)\n", path,
	       events_seen);
	fflush(stdout);
	got = (int)events_seen;
	while (got < count) {
		r = poll(&p, 1, (int)((end - now()) * 1000));
		if (r <= 0) {
			printf("pvxs: watch: %d of %d events in %d s\n", got,
			       count, secs);
			return 1;
		}
		if (xs_recv(fd, &m))
			return 1;
		if (m.h.type != XS_WATCH_EVENT) {
			printf("pvxs: watch: unexpected message type %u\n",
			       m.h.type);
			return 1;
		}
		got++;
		printf("pvxs: event %s %s\n", m.body,
		       m.body + strlen(m.body) + 1);
		fflush(stdout);
	}
	return 0;
}

/* N increments, each one transaction, retried while the commit says EAGAIN. */
static int cmd_incr(int fd, const char *path, int n)
{
	unsigned long retries = 0, v;
	struct msg m;
	char val[32];
	uint32_t tx;
	int i, r;

	for (i = 0; i < n; i++) {
		for (;;) {
			r = xs_call(fd, XS_TRANSACTION_START, 0, "", 1, NULL, 0,
				    &m);
			if (r)
				goto fail;
			tx = (uint32_t)strtoul(m.body, NULL, 10);
			r = xs_read(fd, tx, path, &m);
			if (r == -ENOENT)
				v = 0;
			else if (r)
				goto fail;
			else
				v = strtoul(m.body, NULL, 10);
			snprintf(val, sizeof(val), "%lu", v + 1);
			r = xs_write(fd, tx, path, val);
			if (r && r != -EAGAIN)
				goto fail;
			r = xs_call(fd, XS_TRANSACTION_END, tx, "T", 2, NULL, 0,
				    &m);
			if (!r)
				break;
			if (r != -EAGAIN)
				goto fail;
			retries++;
		}
	}
	printf("pvxs: incr %d done, %lu retries\n", n, retries);
	return 0;
fail:
	printf("pvxs: incr failed after %d: %s\n", i, strerror(-r));
	return 1;
}

static int cmd_bench(int fd, const char *path, int secs)
{
	double t0 = now(), t;
	unsigned long n = 0;
	struct msg m;
	int r;

	do {
		r = xs_read(fd, 0, path, &m);
		if (r) {
			printf("pvxs: bench read failed: %s\n", strerror(-r));
			return 1;
		}
		n++;
		t = now() - t0;
	} while (t < secs);
	printf("pvxs: bench: %lu reads of %s in %.2f s: %.0f round trips/s\n",
	       n, path, t, n / t);
	return 0;
}

static int check(int ok, const char *what)
{
	printf("pvxs: owncheck %s: %s\n", ok ? "ok" : "FAILED", what);
	return ok ? 0 : 1;
}

/* The user device's ownership rules, seen from two open files. */
static int cmd_owncheck(const char *path)
{
	struct hdr h = { XS_READ, 99, 0, 0 };
	int a = xs_open(), b = xs_open(), bad = 0, r;
	struct msg m;
	char buf[64];
	uint32_t tx;

	if (a < 0 || b < 0)
		return 1;
	r = xs_call(a, XS_TRANSACTION_START, 0, "", 1, NULL, 0, &m);
	if (r)
		return check(0, "transaction start");
	tx = (uint32_t)strtoul(m.body, NULL, 10);
	r = xs_write(a, tx, path, "inside");
	bad |= check(!r, "write in own transaction");
	r = xs_send(b, XS_READ, tx, path, strlen(path) + 1, NULL, 0);
	bad |= check(r == -ESRCH, "read in another file's transaction is ESRCH");
	r = xs_send(b, XS_TRANSACTION_END, tx, "T", 2, NULL, 0);
	bad |= check(r == -ESRCH, "ending another file's transaction is ESRCH");
	r = xs_call(a, XS_WATCH, 0, path, strlen(path) + 1, "w", 2, &m);
	bad |= check(!r, "watch set by the owner");
	/* Closing the owner aborts: the write inside never lands. */
	close(a);
	r = xs_read(b, 0, path, &m);
	bad |= check(r == -ENOENT || (!r && strcmp(m.body, "inside")),
		     "closing the owner aborted its transaction");
	/* The closed file's watch is gone: this write fires nothing in it. */
	r = xs_write(b, 0, path, "after-close");
	bad |= check(!r, "write to a path the closed file watched");
	h.len = PAYLOAD_MAX + 1;
	bad |= check(write(b, &h, sizeof(h)) < 0 && errno == EINVAL,
		     "oversized request is EINVAL");
	fcntl(b, F_SETFL, O_NONBLOCK);
	bad |= check(read(b, buf, sizeof(buf)) < 0 && errno == EAGAIN,
		     "empty O_NONBLOCK read is EAGAIN");
	close(b);
	return bad;
}

static int usage(void)
{
	fprintf(stderr, "usage: pvxs [-s SOCKET] read|write|watch|incr|bench|owncheck ARGS\n");
	return 2;
}

int main(int argc, char **argv)
{
	struct msg m;
	int fd, r;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc > 2 && !strcmp(argv[1], "-s")) {
		sock = argv[2];
		argv += 2;
		argc -= 2;
	}
	if (argc < 2)
		return usage();
	if (!strcmp(argv[1], "help")) {
		usage();
		return 0;
	}
	if (!strcmp(argv[1], "owncheck") && argc == 3)
		return cmd_owncheck(argv[2]);
	fd = xs_open();
	if (fd < 0)
		return 1;
	if (!strcmp(argv[1], "read") && argc == 3) {
		r = xs_read(fd, 0, argv[2], &m);
		if (r) {
			printf("pvxs: read %s: %s\n", argv[2], strerror(-r));
			return 1;
		}
		printf("%s\n", m.body);
		return 0;
	}
	if (!strcmp(argv[1], "write") && argc == 4) {
		r = xs_write(fd, 0, argv[2], argv[3]);
		if (r)
			printf("pvxs: write %s: %s\n", argv[2], strerror(-r));
		return !!r;
	}
	if (!strcmp(argv[1], "watch") && argc == 6)
		return cmd_watch(fd, argv[2], argv[3], atoi(argv[4]),
				 atoi(argv[5]));
	if (!strcmp(argv[1], "incr") && argc == 4)
		return cmd_incr(fd, argv[2], atoi(argv[3]));
	if (!strcmp(argv[1], "bench") && argc == 4)
		return cmd_bench(fd, argv[2], atoi(argv[3]));
	return usage();
}
