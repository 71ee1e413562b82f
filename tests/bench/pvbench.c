// SPDX-License-Identifier: GPL-2.0
/*
 * pvbench: user-space micro-benchmarks for comparing our PV kernel with
 * Linux's own Xen PV kernel.  Static, libc only, run from the domU's init
 * (tests/host/pvbench-ours.test and pvbench-ref.test).
 *
 * Each benchmark runs a fixed number of iterations timed with
 * CLOCK_MONOTONIC and prints one line "pvbench: NAME VALUE UNIT"; the run
 * ends with "pvbench: done".  Any failed system call prints
 * "pvbench: FAIL <what>: <errno text>" and exits 1.  Lower is better for
 * every number.  The last number, "user", is a calibration: a loop that
 * never enters the kernel, whose ratio between two runs shows whether
 * they had the same share of the machine.
 *
 * The counts are sized for QEMU TCG under Xen, where a null system call
 * costs ~35 us and fork+exec ~20-25 ms: the whole run takes ~10 s there
 * (well under 25 s) and a second or so on real hardware.
 *
 * Usage: pvbench [-b busybox]   (default /bin/busybox, run as "true")
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>

#define PAGE		4096UL
#define BIG_BYTES	(32UL << 20)
#define BIG_PAGES	(BIG_BYTES / PAGE)

#define N_SYSCALL	20000
#define N_FORK		200
#define N_FORKEXEC	100
#define N_FAULT		4	/* rounds of BIG_PAGES pages each */
#define N_FORKBIG	30
#define N_PIPE		4000
#define N_USER		10000000	/* per calibration slice, 7 slices */

extern char **environ;

static const char *busybox = "/bin/busybox";
static double user_ns;
static unsigned long user_ops;

static double now_ns(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts)) {
		printf("pvbench: FAIL clock_gettime: %s\n", strerror(errno));
		exit(1);
	}
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

/* Report a failed call with errno's text and end the run. */
static void __attribute__((noreturn)) die(const char *what)
{
	printf("pvbench: FAIL %s: %s\n", what, strerror(errno));
	exit(1);
}

/* A check that is not a system call: no errno to speak of. */
static void __attribute__((noreturn)) die_msg(const char *what,
					      const char *why)
{
	printf("pvbench: FAIL %s: %s\n", what, why);
	exit(1);
}

static void result(const char *name, double value, const char *unit)
{
	printf("pvbench: %s %.*f %s\n", name, value < 100 ? 2 : 0, value,
	       unit);
}

/* Reap PID, which must have exited with status 0. */
static void reap(pid_t pid, const char *what)
{
	char why[64];
	int st;

	for (;;) {
		if (waitpid(pid, &st, 0) == pid)
			break;
		if (errno != EINTR)
			die(what);
	}
	if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
		return;
	if (WIFEXITED(st))
		snprintf(why, sizeof(why), "child exited with %d",
			 WEXITSTATUS(st));
	else if (WIFSIGNALED(st))
		snprintf(why, sizeof(why), "child killed by signal %d",
			 WTERMSIG(st));
	else
		snprintf(why, sizeof(why), "child wait status %#x", st);
	die_msg(what, why);
}

/*
 * Calibration, not a kernel benchmark: a loop that never enters the
 * kernel, one slice before each benchmark and one at the end, reported
 * last as "user".  Under TCG its time follows how much of the build
 * machine QEMU got; two runs whose "user" differ were measured on a
 * differently loaded machine, and their ratios mean little.
 */
static void user_slice(void)
{
	volatile unsigned long x = 1;
	double t0, t1;
	int i;

	t0 = now_ns();
	for (i = 0; i < N_USER; i++)
		x = x * 6364136223846793005UL + 1442695040888963407UL;
	t1 = now_ns();
	user_ns += t1 - t0;
	user_ops += N_USER;
}

/* Null system call: getppid, through syscall() so libc cannot cache it. */
static void bench_syscall(void)
{
	double t0, t1;
	int i;

	t0 = now_ns();
	for (i = 0; i < N_SYSCALL; i++)
		if (syscall(SYS_getppid) < 0)
			die("getppid");
	t1 = now_ns();
	result("syscall", (t1 - t0) / N_SYSCALL, "ns/op");
}

/* fork, the child exits at once, waitpid. */
static void bench_fork(void)
{
	double t0, t1;
	pid_t pid;
	int i;

	t0 = now_ns();
	for (i = 0; i < N_FORK; i++) {
		pid = fork();
		if (pid < 0)
			die("fork");
		if (pid == 0)
			_exit(0);
		reap(pid, "fork: waitpid");
	}
	t1 = now_ns();
	result("fork", (t1 - t0) / N_FORK / 1e3, "us/op");
}

/* fork, the child execs "busybox true", waitpid. */
static void bench_forkexec(void)
{
	char *argv[] = { "busybox", "true", NULL };
	double t0, t1;
	pid_t pid;
	int i;

	t0 = now_ns();
	for (i = 0; i < N_FORKEXEC; i++) {
		pid = fork();
		if (pid < 0)
			die("forkexec: fork");
		if (pid == 0) {
			execve(busybox, argv, environ);
			printf("pvbench: FAIL forkexec: execve %s: %s\n",
			       busybox, strerror(errno));
			fflush(stdout);
			_exit(1);
		}
		reap(pid, "forkexec: waitpid");
	}
	t1 = now_ns();
	result("forkexec", (t1 - t0) / N_FORKEXEC / 1e3, "us/op");
}

/* Map BIG_BYTES of anonymous memory, or die naming WHAT. */
static char *map_big(const char *what)
{
	void *p;

	p = mmap(NULL, BIG_BYTES, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		die(what);
	return p;
}

static void touch_pages(char *p)
{
	unsigned long i;

	for (i = 0; i < BIG_PAGES; i++)
		p[i * PAGE] = (char)i | 1;
}

/*
 * mmap, one write per page (a fault each), munmap (the teardown of the
 * page tables and the pages); per page, the whole and the munmap alone.
 */
static void bench_fault(void)
{
	double t0, t1, t2, all = 0, down = 0;
	char *p;
	int r;

	for (r = 0; r < N_FAULT; r++) {
		t0 = now_ns();
		p = map_big("fault: mmap");
		touch_pages(p);
		t1 = now_ns();
		if (munmap(p, BIG_BYTES))
			die("fault: munmap");
		t2 = now_ns();
		all += t2 - t0;
		down += t2 - t1;
	}
	result("fault", all / N_FAULT / BIG_PAGES, "ns/page");
	result("fault-teardown", down / N_FAULT / BIG_PAGES, "ns/page");
}

/*
 * fork of a process with BIG_BYTES touched: the page table copy (and
 * write protection for copy-on-write) in the parent, the teardown of the
 * copy when the child exits at once.
 */
static void bench_forkbig(void)
{
	double t0, t1;
	pid_t pid;
	char *p;
	int i;

	p = map_big("forkbig: mmap");
	touch_pages(p);
	t0 = now_ns();
	for (i = 0; i < N_FORKBIG; i++) {
		pid = fork();
		if (pid < 0)
			die("forkbig: fork");
		if (pid == 0)
			_exit(0);
		reap(pid, "forkbig: waitpid");
	}
	t1 = now_ns();
	if (munmap(p, BIG_BYTES))
		die("forkbig: munmap");
	result("forkbig", (t1 - t0) / N_FORKBIG / 1e3, "us/op");
}

/* Read exactly one byte from FD; 0 at end of file, 1 otherwise. */
static int read_byte(int fd, char *c, const char *what)
{
	ssize_t n;

	for (;;) {
		n = read(fd, c, 1);
		if (n >= 0)
			return n;
		if (errno != EINTR)
			die(what);
	}
}

static void write_byte(int fd, char c, const char *what)
{
	for (;;) {
		if (write(fd, &c, 1) == 1)
			return;
		if (errno != EINTR)
			die(what);
	}
}

/* One byte back and forth between two processes over two pipes. */
static void bench_pipe(void)
{
	int to_child[2], to_parent[2], i;
	double t0, t1;
	pid_t pid;
	char c;

	if (pipe(to_child) || pipe(to_parent))
		die("pipe: pipe");
	pid = fork();
	if (pid < 0)
		die("pipe: fork");
	if (pid == 0) {
		if (close(to_child[1]) || close(to_parent[0]))
			die("pipe: child: close");
		while (read_byte(to_child[0], &c, "pipe: child: read"))
			write_byte(to_parent[1], c + 1, "pipe: child: write");
		_exit(0);
	}
	if (close(to_child[0]) || close(to_parent[1]))
		die("pipe: close");
	t0 = now_ns();
	for (i = 0; i < N_PIPE; i++) {
		write_byte(to_child[1], (char)i, "pipe: write");
		if (!read_byte(to_parent[0], &c, "pipe: read"))
			die_msg("pipe: read", "unexpected end of file");
		if (c != (char)(i + 1))
			die_msg("pipe: read", "wrong byte");
	}
	t1 = now_ns();
	if (close(to_child[1]))
		die("pipe: close");
	reap(pid, "pipe: waitpid");
	if (close(to_parent[0]))
		die("pipe: close");
	result("pipe", (t1 - t0) / N_PIPE / 1e3, "us/op");
}

int main(int argc, char **argv)
{
	int opt;

	while ((opt = getopt(argc, argv, "b:")) != -1) {
		switch (opt) {
		case 'b':
			busybox = optarg;
			break;
		default:
			fprintf(stderr, "usage: %s [-b busybox]\n", argv[0]);
			return 2;
		}
	}
	/* One line at a time, and nothing buffered twice across fork. */
	setvbuf(stdout, NULL, _IOLBF, 0);
	user_slice();
	bench_syscall();
	user_slice();
	bench_fork();
	user_slice();
	bench_forkexec();
	user_slice();
	bench_fault();
	user_slice();
	bench_forkbig();
	user_slice();
	bench_pipe();
	user_slice();
	result("user", user_ns / user_ops, "ns/op");
	printf("pvbench: done\n");
	return 0;
}
