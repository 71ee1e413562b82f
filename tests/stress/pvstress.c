// SPDX-License-Identifier: GPL-2.0
/*
 * pvstress: a user-space stress program for our PV domU (issue 5's "done
 * when"): static, no libraries beyond libc, run from the domU's init.
 *
 * Three kinds of worker run side by side until the time is up:
 *  - spawn:  fork and exec this very binary (a tiny child mode that
 *            computes a checksum and exits with it), hundreds of times,
 *            checking every exit status;
 *  - memory: map anonymous memory, one region larger than half of RAM
 *            by default, touch every page with a pattern, verify it,
 *            unmap; between the big rounds many small mappings, partial
 *            munmaps and mprotects;
 *  - signal: a parent and child joined by two pipes ping-pong checksummed
 *            messages while the parent sends SIGUSR1 and an interval timer
 *            raises SIGALRM in both.
 * Each worker reports its counts through a pipe; the parent prints one
 * verdict line, "pvstress: PASS ..." or "pvstress: FAIL: <reason>", and
 * exits 0 or 1.  A watchdog bounds the whole run.
 *
 * Usage: pvstress [-t seconds] [-m MiB | -p percent] [-s spawners]
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/sysinfo.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>

#define PAGE		4096UL
#define MAX_WORKERS	16
/* Grace on top of the run time before the watchdog declares a hang. */
#define WATCHDOG_GRACE	120

struct report {
	char kind[8];
	int ok;
	unsigned long long a, b, c;	/* counts, meaning per kind */
	char why[160];
};

static unsigned int run_seconds = 60;
static unsigned long long big_bytes;
static const char *self_path;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void fail(struct report *r, const char *fmt, ...)
{
	va_list ap;

	if (!r->ok)
		return;
	r->ok = 0;
	va_start(ap, fmt);
	vsnprintf(r->why, sizeof(r->why), fmt, ap);
	va_end(ap);
}

static int write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;
	ssize_t n;

	while (len) {
		n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= n;
	}
	return 0;
}

static int read_all(int fd, void *buf, size_t len)
{
	char *p = buf;
	ssize_t n;

	while (len) {
		n = read(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= n;
	}
	return 0;
}

/* The exec'd child: a checksum of its argument, as its exit status. */
static int child_mode(const char *arg)
{
	unsigned long v = strtoul(arg, NULL, 10), h = 5381, i;

	for (i = 0; i < 1000 + v % 1000; i++)
		h = h * 33 + i;
	return (int)((h ^ v) % 200);
}

static int expected_child_status(unsigned long v)
{
	unsigned long h = 5381, i;

	for (i = 0; i < 1000 + v % 1000; i++)
		h = h * 33 + i;
	return (int)((h ^ v) % 200);
}

static void spawn_worker(struct report *r, unsigned int id, double end)
{
	unsigned long n = 0;
	char arg[32];
	pid_t pid;
	int st;

	strcpy(r->kind, "spawn");
	while (now() < end && r->ok) {
		snprintf(arg, sizeof(arg), "%lu", id * 1000000UL + n);
		pid = fork();
		if (pid < 0) {
			fail(r, "fork: %s", strerror(errno));
			break;
		}
		if (pid == 0) {
			execl(self_path, self_path, "--child", arg, (char *)NULL);
			_exit(255);
		}
		if (waitpid(pid, &st, 0) != pid) {
			fail(r, "waitpid: %s", strerror(errno));
			break;
		}
		if (!WIFEXITED(st) ||
		    WEXITSTATUS(st) != expected_child_status(id * 1000000UL + n)) {
			fail(r, "child %s: status 0x%x", arg, st);
			break;
		}
		n++;
	}
	r->a = n;	/* forks */
	r->b = n;	/* execs */
}

/* Touch every page of [p, p+len) with a pattern, then verify it. */
static int touch_verify(unsigned char *p, size_t len, unsigned long seed)
{
	size_t off;

	for (off = 0; off < len; off += PAGE)
		*(unsigned long *)(p + off) = seed ^ off;
	for (off = 0; off < len; off += PAGE)
		if (*(unsigned long *)(p + off) != (seed ^ off))
			return -1;
	return 0;
}

static void memory_worker(struct report *r, double end)
{
	unsigned long long touched = 0, maps = 0, big = 0;
	unsigned long seed = 1;
	unsigned char *p;
	size_t len;
	int i;

	strcpy(r->kind, "memory");
	while (now() < end && r->ok) {
		/* The big round: more than half of RAM by default. */
		len = big_bytes & ~(PAGE - 1);
		p = mmap(NULL, len, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
		if (p == MAP_FAILED) {
			fail(r, "mmap %zu MiB: %s", len >> 20, strerror(errno));
			break;
		}
		if (touch_verify(p, len, seed++)) {
			fail(r, "pattern mismatch in %zu MiB region", len >> 20);
			break;
		}
		touched += len;
		big++;
		if (munmap(p, len)) {
			fail(r, "munmap: %s", strerror(errno));
			break;
		}
		/* Small rounds: partial unmaps and protection changes. */
		for (i = 0; i < 200 && now() < end; i++) {
			len = (1 + (seed * 7919 % 64)) * PAGE;
			p = mmap(NULL, len, PROT_READ | PROT_WRITE,
				 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
			if (p == MAP_FAILED) {
				fail(r, "small mmap: %s", strerror(errno));
				return;
			}
			maps++;
			if (touch_verify(p, len, seed++)) {
				fail(r, "pattern mismatch in small region");
				return;
			}
			touched += len;
			if (len > 2 * PAGE) {
				if (munmap(p + PAGE, PAGE) ||
				    mprotect(p, PAGE, PROT_READ)) {
					fail(r, "munmap/mprotect: %s",
					     strerror(errno));
					return;
				}
				if (*(volatile unsigned long *)p != ((seed - 1) ^ 0)) {
					fail(r, "read-only page lost its data");
					return;
				}
				munmap(p + 2 * PAGE, len - 2 * PAGE);
				len = PAGE;
			}
			munmap(p, len);
		}
	}
	r->a = big;
	r->b = maps;
	r->c = touched >> 20;	/* MiB touched */
}

static volatile sig_atomic_t got_usr1, got_alrm;

static void on_usr1(int sig)
{
	(void)sig;
	got_usr1++;
}

static void on_alrm(int sig)
{
	(void)sig;
	got_alrm++;
}

static void start_itimer(void)
{
	struct itimerval it = { { 0, 10000 }, { 0, 10000 } };	/* 100 Hz */

	setitimer(ITIMER_REAL, &it, NULL);
}

struct msg {
	uint32_t seq;
	uint32_t sum;
	unsigned char data[248];
};

static uint32_t msg_sum(const struct msg *m)
{
	uint32_t s = m->seq * 2654435761U;
	size_t i;

	for (i = 0; i < sizeof(m->data); i++)
		s = s * 31 + m->data[i];
	return s;
}

/* Child of the signal worker: echo messages back, count signals. */
static void echo_child(int in, int out)
{
	struct msg m;
	uint32_t last = 0;

	start_itimer();
	for (;;) {
		if (read_all(in, &m, sizeof(m)))
			break;
		if (m.seq == UINT32_MAX) {
			/* The end: report the signals this side saw. */
			m.seq = (uint32_t)got_usr1;
			m.sum = (uint32_t)got_alrm;
			write_all(out, &m, sizeof(m));
			_exit(0);
		}
		if (m.sum != msg_sum(&m) || m.seq != last + 1)
			_exit(3);
		last = m.seq;
		m.data[0]++;
		m.sum = msg_sum(&m);
		if (write_all(out, &m, sizeof(m)))
			_exit(4);
	}
	_exit(5);
}

static void signal_worker(struct report *r, double end)
{
	int to_child[2], to_parent[2], st;
	unsigned long long sent = 0;
	struct sigaction sa;
	struct msg m, back;
	uint32_t seq = 0;
	pid_t pid;

	strcpy(r->kind, "signal");
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sigaction(SIGUSR1, &sa, NULL);
	sa.sa_handler = on_alrm;
	sigaction(SIGALRM, &sa, NULL);

	if (pipe(to_child) || pipe(to_parent)) {
		fail(r, "pipe: %s", strerror(errno));
		return;
	}
	pid = fork();
	if (pid < 0) {
		fail(r, "fork: %s", strerror(errno));
		return;
	}
	if (pid == 0) {
		close(to_child[1]);
		close(to_parent[0]);
		echo_child(to_child[0], to_parent[1]);
	}
	close(to_child[0]);
	close(to_parent[1]);
	start_itimer();

	while (now() < end) {
		memset(&m, 0, sizeof(m));
		m.seq = ++seq;
		memset(m.data, seq & 0xff, sizeof(m.data));
		m.sum = msg_sum(&m);
		if (write_all(to_child[1], &m, sizeof(m)) ||
		    read_all(to_parent[0], &back, sizeof(back))) {
			fail(r, "pipe to child broke at message %u", seq);
			break;
		}
		m.data[0]++;
		if (back.seq != seq || back.sum != msg_sum(&back) ||
		    memcmp(back.data, m.data, sizeof(m.data))) {
			fail(r, "echo of message %u is wrong", seq);
			break;
		}
		sent++;
		if (sent % 64 == 0)
			kill(pid, SIGUSR1);
	}

	if (r->ok) {
		memset(&m, 0, sizeof(m));
		m.seq = UINT32_MAX;
		if (write_all(to_child[1], &m, sizeof(m)) ||
		    read_all(to_parent[0], &back, sizeof(back)))
			fail(r, "child did not report at the end");
		else if (sent >= 64 && back.seq == 0)
			fail(r, "child saw no SIGUSR1 of %llu sent", sent / 64);
		else if (got_alrm == 0 || back.sum == 0)
			fail(r, "interval timer never fired");
		r->c = back.seq;
	}
	kill(pid, SIGKILL);
	waitpid(pid, &st, 0);
	r->a = sent;
	r->b = got_alrm;
}

static unsigned long long ram_bytes(void)
{
	struct sysinfo si;

	if (sysinfo(&si))
		return 0;
	return (unsigned long long)si.totalram * si.mem_unit;
}

/* MemAvailable in bytes, 0 when /proc is not there (only reported). */
static unsigned long long mem_available(void)
{
	unsigned long long kb = 0;
	char line[128];
	FILE *f = fopen("/proc/meminfo", "r");

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "MemAvailable: %llu kB", &kb) == 1)
			break;
	fclose(f);
	return kb << 10;
}

static void usage(void)
{
	fprintf(stderr,
		"usage: pvstress [-t seconds] [-m MiB | -p percent] [-s spawners]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	unsigned int percent = 60, spawners = 2, nw = 0, i, failed = 0;
	unsigned long long ram, mib = 0, forks = 0, execs = 0;
	int fds[MAX_WORKERS], opt, st, kinds_ok = 0;
	struct report rep[MAX_WORKERS];
	pid_t pids[MAX_WORKERS], pid;
	double t0, end;

	if (argc == 3 && !strcmp(argv[1], "--child"))
		return child_mode(argv[2]);

	while ((opt = getopt(argc, argv, "t:m:p:s:")) != -1) {
		switch (opt) {
		case 't': run_seconds = strtoul(optarg, NULL, 10); break;
		case 'm': mib = strtoull(optarg, NULL, 10); break;
		case 'p': percent = strtoul(optarg, NULL, 10); break;
		case 's': spawners = strtoul(optarg, NULL, 10); break;
		default: usage();
		}
	}
	if (!run_seconds || !spawners || spawners > MAX_WORKERS - 2 ||
	    !percent || percent > 95)
		usage();
	/* /proc/self/exe survives a chroot-less initramfs; argv[0] may not. */
	self_path = access("/proc/self/exe", X_OK) == 0 ? "/proc/self/exe"
							: argv[0];
	ram = ram_bytes();
	big_bytes = mib ? mib << 20 : ram / 100 * percent;
	if (!big_bytes) {
		printf("pvstress: FAIL: cannot size memory (sysinfo)\n");
		return 1;
	}
	printf("pvstress: %us, RAM %llu MiB (%llu MiB available), big region "
	       "%llu MiB (%.0f%% of RAM), %u spawners\n", run_seconds,
	       ram >> 20, mem_available() >> 20, big_bytes >> 20,
	       ram ? 100.0 * big_bytes / ram : 0.0, spawners);
	fflush(stdout);

	t0 = now();
	end = t0 + run_seconds;
	for (i = 0; i < spawners + 2; i++) {
		int p[2];

		if (pipe(p)) {
			printf("pvstress: FAIL: pipe: %s\n", strerror(errno));
			return 1;
		}
		pid = fork();
		if (pid < 0) {
			printf("pvstress: FAIL: fork: %s\n", strerror(errno));
			return 1;
		}
		if (pid == 0) {
			struct report r;

			close(p[0]);
			memset(&r, 0, sizeof(r));
			r.ok = 1;
			if (i == 0)
				memory_worker(&r, end);
			else if (i == 1)
				signal_worker(&r, end);
			else
				spawn_worker(&r, i, end);
			write_all(p[1], &r, sizeof(r));
			_exit(0);
		}
		close(p[1]);
		fds[nw] = p[0];
		pids[nw++] = pid;
	}

	/* Watchdog: a hung worker is a failure, not a hung test. */
	alarm(run_seconds + WATCHDOG_GRACE);
	for (i = 0; i < nw; i++) {
		memset(&rep[i], 0, sizeof(rep[i]));
		if (read_all(fds[i], &rep[i], sizeof(rep[i]))) {
			snprintf(rep[i].why, sizeof(rep[i].why),
				 "worker %u died without a report", i);
			rep[i].ok = 0;
		}
		if (waitpid(pids[i], &st, 0) != pids[i] || !WIFEXITED(st) ||
		    WEXITSTATUS(st)) {
			if (rep[i].ok)
				snprintf(rep[i].why, sizeof(rep[i].why),
					 "worker %u ended with status 0x%x",
					 i, st);
			rep[i].ok = 0;
		}
	}
	alarm(0);

	for (i = 0; i < nw; i++) {
		if (!rep[i].ok) {
			printf("pvstress: worker %u (%s) failed: %s\n", i,
			       rep[i].kind, rep[i].why);
			failed++;
			continue;
		}
		if (!strcmp(rep[i].kind, "spawn")) {
			forks += rep[i].a;
			execs += rep[i].b;
		} else if (!strcmp(rep[i].kind, "memory")) {
			printf("pvstress: memory: %llu big rounds, %llu small maps, "
			       "%llu MiB touched\n", rep[i].a, rep[i].b,
			       rep[i].c);
			kinds_ok += rep[i].a > 0;
		} else if (!strcmp(rep[i].kind, "signal")) {
			printf("pvstress: signal: %llu pipe round trips, %llu "
			       "SIGALRM, child saw %llu SIGUSR1\n", rep[i].a,
			       rep[i].b, rep[i].c);
			kinds_ok += rep[i].a > 0;
		}
	}
	printf("pvstress: spawn: %llu forks, %llu execs\n", forks, execs);
	if (!failed && forks < 100) {
		printf("pvstress: FAIL: only %llu fork+exec in %us\n", forks,
		       run_seconds);
		return 1;
	}
	if (failed || kinds_ok != 2) {
		printf("pvstress: FAIL: %u worker(s) failed\n", failed);
		return 1;
	}
	printf("pvstress: PASS in %.1fs\n", now() - t0);
	return 0;
}
