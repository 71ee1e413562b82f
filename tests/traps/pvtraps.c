// SPDX-License-Identifier: GPL-2.0
/*
 * pvtraps: debug exceptions and a sweep of every trap user space can
 * raise, run inside a PV domU (static, libc only).
 *
 * Part one, debug exceptions, run as the caller (root, for ptrace of its
 * own children):
 *  - tf-loop:      a loop single-stepped with EFLAGS.TF set by the
 *                  program itself, every SIGTRAP's RIP checked;
 *  - tf-syscall:   TF kept set across a SYSCALL;
 *  - tf-sigreturn: TF set by a signal handler in the context that
 *                  sigreturn restores;
 *  - tf-vsyscall:  a CALL into the vsyscall page with TF set;
 *  - int3, int1:   the breakpoint and ICEBP instructions;
 *  - ptrace-step:  a child single-stepped 1000 times with
 *                  PTRACE_SINGLESTEP, each step's RIP and RCX checked;
 *  - watchpoint:   a write watchpoint set through PTRACE_POKEUSER of DR0
 *                  and DR7 fires once per write from user mode, with B0
 *                  in DR6 and the new value in memory; the kernel's own
 *                  write of the variable (a read() into it) takes the
 *                  kernel-mode #DB path, which records the hit without
 *                  a signal, as natively;
 *  - perf-watchpoint: the same stores counted by a perf hardware
 *                  breakpoint (PERF_TYPE_BREAKPOINT) on the process itself.
 * Part two, the sweep: each trapping instruction in a child of its own
 * that has dropped to uid/gid 65534, which must end in the expected
 * signal: int N for every N, ud2, privileged and I/O instructions, divide
 * by zero, x87 and SSE exceptions, alignment check, non-canonical
 * addresses, the stack segment, bad segment loads, a bad IRET frame from
 * user mode and bad frames through sigreturn.
 *
 * Output: one "pvtraps: NAME: RESULT" line per case (what happened, in
 * words that do not depend on addresses, so that two kernels' runs can
 * be compared line by line), a "pvtraps: FAIL NAME: ..." line for each
 * case whose result is not the expected one, and at the end
 * "pvtraps: PASS N cases" or "pvtraps: FAILED N of M".
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ucontext.h>
#include <linux/hw_breakpoint.h>
#include <linux/perf_event.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/user.h>
#include <sys/wait.h>

#define X86_EFLAGS_TF	0x100UL
#define X86_EFLAGS_AC	0x40000UL
#define NOBODY		65534

static int ncases, nfailed;

/* Whether @got is one of the '|'-separated alternatives in @want. */
static int matches(const char *got, const char *want)
{
	size_t n = strlen(got);

	for (;;) {
		const char *bar = strchr(want, '|');
		size_t len = bar ? (size_t)(bar - want) : strlen(want);

		if (len == n && !strncmp(got, want, n))
			return 1;
		if (!bar)
			return 0;
		want = bar + 1;
	}
}

/* One case's result; one that @want does not allow is a failure. */
static void result(const char *name, const char *got, const char *want)
{
	ncases++;
	printf("pvtraps: %s: %s\n", name, got);
	if (want && !matches(got, want)) {
		nfailed++;
		printf("pvtraps: FAIL %s: got '%s', want '%s'\n", name, got,
		       want);
	}
	fflush(stdout);
}

static void die(const char *what)
{
	printf("pvtraps: FAIL setup: %s: %s\n", what, strerror(errno));
	exit(2);
}

/* ------------------------------------------------------------------ */
/* Code with labels the checks refer to.                                */

/*
 * Regions run with TF set: each sets TF with POPF, and the SIGTRAP
 * handler clears TF when the trap's RIP is the region's end label.
 */
extern char tf_loop_region[], tf_loop_dec[], tf_loop_jnz[], tf_loop_end[];
extern char tf_sys_region[], tf_sys_call[], tf_sys_end[];
extern char tf_sig_region[], tf_sig_after[], tf_sig_next[], tf_sig_end[];
extern char int3_insn[], int3_after[], icebp_insn[], icebp_after[];
extern char ss_start[], ss_dec[], ss_jnz[];
extern char tf_vsys_region[], tf_vsys_ret[], tf_vsys_end[];
asm(".text\n"
    /* 1 MOV, then 100 x (DEC, JNZ): 201 traps, the last at the end. */
    "tf_loop_region:\n"
    "	pushfq\n"
    "	orq	$0x100, (%rsp)\n"
    "	popfq\n"
    "	movl	$100, %ecx\n"
    "tf_loop_dec:\n"
    "	decl	%ecx\n"
    "tf_loop_jnz:\n"
    "	jnz	tf_loop_dec\n"
    "tf_loop_end:\n"
    "	ret\n"
    /* getpid with TF set. */
    "tf_sys_region:\n"
    "	pushfq\n"
    "	orq	$0x100, (%rsp)\n"
    "	popfq\n"
    "	movl	$39, %eax\n"
    "tf_sys_call:\n"
    "	syscall\n"
    "	nop\n"
    "tf_sys_end:\n"
    "	ret\n"
    /* kill(getpid(), SIGUSR1): the handler sets TF in its context. */
    "tf_sig_region:\n"
    "	movl	$39, %eax\n"
    "	syscall\n"
    "	movl	%eax, %edi\n"
    "	movl	$10, %esi\n"
    "	movl	$62, %eax\n"
    "	syscall\n"
    "tf_sig_after:\n"
    "	nop\n"
    "tf_sig_next:\n"
    "	nop\n"
    "tf_sig_end:\n"
    "	ret\n"
    /* time(NULL) through the vsyscall page, stepped into with TF set. */
    "tf_vsys_region:\n"
    "	xorl	%edi, %edi\n"
    "	movq	$0xffffffffff600400, %rax\n"
    "	pushfq\n"
    "	orq	$0x100, (%rsp)\n"
    "	popfq\n"
    "	call	*%rax\n"
    "tf_vsys_ret:\n"
    "	nop\n"
    "tf_vsys_end:\n"
    "	ret\n"
    "int3_insn:\n"
    "	int3\n"
    "int3_after:\n"
    "	ret\n"
    "icebp_insn:\n"
    "	.byte 0xf1\n"
    "icebp_after:\n"
    "	ret\n"
    /* The ptrace-stepped sequence: MOV, then 500 x (DEC, JNZ). */
    "ss_start:\n"
    "	movl	$500, %ecx\n"
    "ss_dec:\n"
    "	decl	%ecx\n"
    "ss_jnz:\n"
    "	jnz	ss_dec\n"
    "	ud2\n");

static void call_region(const char *region)
{
	asm volatile("call *%0" : : "r"(region)
		     : "rax", "rcx", "rdx", "rsi", "rdi", "r8", "r9", "r10",
		       "r11", "memory", "cc");
}

#define MAX_TRAPS 512
static volatile unsigned long trap_rip[MAX_TRAPS];
static volatile int trap_code[MAX_TRAPS];
static volatile int ntraps;
static const char *volatile tf_end;

static void on_sigtrap(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;
	unsigned long rip = uc->uc_mcontext.gregs[REG_RIP];

	(void)sig;
	if (ntraps < MAX_TRAPS) {
		trap_rip[ntraps] = rip;
		trap_code[ntraps] = si->si_code;
	}
	ntraps++;
	if (rip == (unsigned long)tf_end || ntraps >= MAX_TRAPS)
		uc->uc_mcontext.gregs[REG_EFL] &= ~X86_EFLAGS_TF;
}

static void on_sigusr1_set_tf(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;

	(void)sig;
	(void)si;
	uc->uc_mcontext.gregs[REG_EFL] |= X86_EFLAGS_TF;
}

static void handle(int sig, void (*fn)(int, siginfo_t *, void *))
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = fn;
	sa.sa_flags = SA_SIGINFO;
	if (sigaction(sig, &sa, NULL))
		die("sigaction");
}

/* Name a RIP by the label it equals (names are stable across kernels). */
static const char *rip_name(unsigned long rip)
{
	static const struct {
		const char *name;
		const char *at;
	} labels[] = {
		{ "loop_dec", tf_loop_dec }, { "loop_jnz", tf_loop_jnz },
		{ "loop_end", tf_loop_end }, { "sys_call", tf_sys_call },
		{ "sys_after", tf_sys_call + 2 }, { "sys_end", tf_sys_end },
		{ "sig_after", tf_sig_after }, { "sig_next", tf_sig_next },
		{ "sig_end", tf_sig_end }, { "int3_after", int3_after },
		{ "icebp_insn", icebp_insn }, { "icebp_after", icebp_after },
		{ "vsys_ret", tf_vsys_ret }, { "vsys_end", tf_vsys_end },
		{ "vsyscall", (const char *)0xffffffffff600400UL },
	};
	size_t i;

	for (i = 0; i < sizeof(labels) / sizeof(labels[0]); i++)
		if (rip == (unsigned long)labels[i].at)
			return labels[i].name;
	return "elsewhere";
}

/* The traps' RIPs as label names, runs of a repeated pair compressed. */
static void trap_list(char *buf, size_t len)
{
	int i, n = ntraps < MAX_TRAPS ? ntraps : MAX_TRAPS;
	size_t o = 0;

	o += snprintf(buf + o, len - o, "%d traps, si_code", ntraps);
	for (i = 0; i < n && o < len; i++)
		if (i == 0 || trap_code[i] != trap_code[i - 1])
			o += snprintf(buf + o, len - o, " %d", trap_code[i]);
	o += snprintf(buf + o, len - o, ", at");
	for (i = 0; i < n && o < len; i++)
		o += snprintf(buf + o, len - o, " %s",
			      rip_name(trap_rip[i]));
}

/* ------------------------------------------------------------------ */
/* Part one: debug exceptions.                                          */

static void case_tf_loop(void)
{
	char got[4096], want[4096];
	size_t o;
	int i;

	ntraps = 0;
	tf_end = tf_loop_end;
	call_region(tf_loop_region);
	trap_list(got, sizeof(got));
	o = snprintf(want, sizeof(want), "201 traps, si_code %d, at loop_dec",
		     TRAP_TRACE);
	for (i = 0; i < 100; i++)
		o += snprintf(want + o, sizeof(want) - o, " loop_jnz %s",
			      i < 99 ? "loop_dec" : "loop_end");
	/* Compared in full; printed in full only when it differs. */
	if (!strcmp(got, want))
		result("tf-loop",
		       "201 traps, si_code 2, at loop_dec, then 100 x loop_jnz and loop_dec, the last at loop_end",
		       NULL);
	else
		result("tf-loop", got, want);
}

static void case_tf_syscall(void)
{
	char got[512], want[512];

	ntraps = 0;
	tf_end = tf_sys_end;
	call_region(tf_sys_region);
	trap_list(got, sizeof(got));
	snprintf(want, sizeof(want), "2 traps, si_code %d, at sys_call sys_end",
		 TRAP_TRACE);
	result("tf-syscall", got, want);
}

static void case_tf_sigreturn(void)
{
	char got[512], want[512];

	handle(SIGUSR1, on_sigusr1_set_tf);
	ntraps = 0;
	tf_end = tf_sig_end;
	call_region(tf_sig_region);
	signal(SIGUSR1, SIG_DFL);
	trap_list(got, sizeof(got));
	snprintf(want, sizeof(want), "2 traps, si_code %d, at sig_next sig_end",
		 TRAP_TRACE);
	result("tf-sigreturn", got, want);
}

/*
 * Run @body in a child, which writes its result string into @got: an
 * unexpected signal then costs this case, not the run.
 */
static void child_case(const char *name, void (*body)(char *got, size_t len),
		       const char *want)
{
	char got[512] = "";
	int fd[2], st;
	ssize_t n;
	pid_t pid;

	fflush(stdout);
	if (pipe(fd))
		die("pipe");
	pid = fork();
	if (pid < 0)
		die("fork");
	if (pid == 0) {
		close(fd[0]);
		body(got, sizeof(got));
		if (write(fd[1], got, strlen(got)) < 0)
			_exit(1);
		_exit(0);
	}
	close(fd[1]);
	n = read(fd[0], got, sizeof(got) - 1);
	close(fd[0]);
	if (waitpid(pid, &st, 0) != pid)
		die("waitpid");
	if (WIFSIGNALED(st))
		snprintf(got, sizeof(got), "child killed by %s",
			 sigabbrev_np(WTERMSIG(st)) ?: "a signal");
	else if (n <= 0)
		snprintf(got, sizeof(got), "child gave no result");
	else
		got[n] = 0;
	result(name, got, want);
}

static void tf_vsyscall_body(char *got, size_t len)
{
	ntraps = 0;
	tf_end = tf_vsys_end;
	call_region(tf_vsys_region);
	trap_list(got, len);
}

static void int3_body(char *got, size_t len)
{
	ntraps = 0;
	tf_end = NULL;
	call_region(int3_insn);
	trap_list(got, len);
}

static void int1_body(char *got, size_t len)
{
	ntraps = 0;
	tf_end = NULL;
	call_region(icebp_insn);
	trap_list(got, len);
}

static void case_child_traps(void)
{
	char want[128];

	/* The emulation returns past the CALL: the NOP is the next step. */
	snprintf(want, sizeof(want), "2 traps, si_code %d, at vsyscall vsys_end",
		 TRAP_TRACE);
	child_case("tf-vsyscall", tf_vsyscall_body, want);
	snprintf(want, sizeof(want), "1 traps, si_code %d, at int3_after",
		 SI_KERNEL);
	child_case("int3", int3_body, want);
	/*
	 * ICEBP is a #DB trap on hardware; QEMU's TCG does not decode it
	 * and raises #UD instead, whatever the kernel.
	 */
	snprintf(want, sizeof(want),
		 "1 traps, si_code %d, at icebp_after|child killed by ILL",
		 TRAP_BRKPT);
	child_case("int1", int1_body, want);
}

/* A child stopped under ptrace, for the parent to drive. */
static pid_t traced_child(void (*body)(void))
{
	pid_t pid = fork();
	int st;

	if (pid < 0)
		die("fork");
	if (pid == 0) {
		if (ptrace(PTRACE_TRACEME, 0, NULL, NULL))
			_exit(90);
		raise(SIGSTOP);
		body();
		_exit(0);
	}
	if (waitpid(pid, &st, 0) != pid || !WIFSTOPPED(st) ||
	    WSTOPSIG(st) != SIGSTOP)
		die("child did not stop");
	return pid;
}

static void idle_body(void)
{
	pause();
}

static void case_ptrace_step(void)
{
	struct user_regs_struct regs;
	char got[256];
	int i, st, bad = 0, first_bad = -1;
	unsigned long want_rip, want_rcx;
	pid_t pid = traced_child(idle_body);

	if (ptrace(PTRACE_GETREGS, pid, NULL, &regs))
		die("PTRACE_GETREGS");
	regs.rip = (unsigned long)ss_start;
	if (ptrace(PTRACE_SETREGS, pid, NULL, &regs))
		die("PTRACE_SETREGS");
	for (i = 1; i <= 1000; i++) {
		if (ptrace(PTRACE_SINGLESTEP, pid, NULL, NULL))
			die("PTRACE_SINGLESTEP");
		if (waitpid(pid, &st, 0) != pid || !WIFSTOPPED(st) ||
		    WSTOPSIG(st) != SIGTRAP) {
			snprintf(got, sizeof(got),
				 "step %d did not stop with SIGTRAP (status %#x)",
				 i, st);
			result("ptrace-step", got, "1000 steps, every RIP and RCX right");
			kill(pid, SIGKILL);
			waitpid(pid, &st, 0);
			return;
		}
		if (ptrace(PTRACE_GETREGS, pid, NULL, &regs))
			die("PTRACE_GETREGS");
		/* Odd steps end before the DEC, even ones before the JNZ. */
		want_rip = (unsigned long)(i % 2 ? ss_dec : ss_jnz);
		want_rcx = 500 - i / 2;
		if (regs.rip != want_rip || (regs.rcx & 0xffffffff) != want_rcx) {
			bad++;
			if (first_bad < 0)
				first_bad = i;
		}
	}
	kill(pid, SIGKILL);
	waitpid(pid, &st, 0);
	if (bad)
		snprintf(got, sizeof(got), "%d of 1000 steps wrong, first %d",
			 bad, first_bad);
	else
		snprintf(got, sizeof(got), "1000 steps, every RIP and RCX right");
	result("ptrace-step", got, "1000 steps, every RIP and RCX right");
}

volatile uint32_t pvtraps_watched;
extern char wp_stores[], wp_store_end[];
/* Ten stores from user mode, the RIP after each one named. */
asm(".text\n"
    "wp_stores:\n"
    "	movl	$1, %eax\n"
    "wp_store:\n"
    "	movl	%eax, pvtraps_watched(%rip)\n"
    "wp_store_end:\n"
    "	incl	%eax\n"
    "	cmpl	$10, %eax\n"
    "	jbe	wp_store\n"
    "	ret\n");

/* The ten stores, then one the kernel makes on the child's behalf. */
static void watch_body(void)
{
	uint32_t v = 0xabcd;
	int fd[2];

	call_region(wp_stores);
	if (pipe(fd) || write(fd[1], &v, sizeof(v)) != sizeof(v))
		_exit(91);
	if (read(fd[0], (void *)&pvtraps_watched, 4) != 4)
		_exit(92);
	_exit(pvtraps_watched == 0xabcd ? 0 : 93);
}

static long peek_dr(pid_t pid, int n)
{
	return ptrace(PTRACE_PEEKUSER, pid,
		      offsetof(struct user, u_debugreg) + n * sizeof(long),
		      NULL);
}

static void case_watchpoint(void)
{
	/* L0, R/W0 = 01 (data writes), LEN0 = 11 (4 bytes). */
	unsigned long dr7 = 1UL | 1UL << 16 | 3UL << 18;
	int st, user_hits = 0, kernel_hits = 0, bad = 0;
	char got[256];
	pid_t pid = traced_child(watch_body);
	struct user_regs_struct regs;

	if (ptrace(PTRACE_POKEUSER, pid, offsetof(struct user, u_debugreg),
		   (void *)&pvtraps_watched) ||
	    ptrace(PTRACE_POKEUSER, pid,
		   offsetof(struct user, u_debugreg) + 7 * sizeof(long),
		   (void *)dr7))
		die("PTRACE_POKEUSER of DR0/DR7");
	for (;;) {
		long val, dr6;

		if (ptrace(PTRACE_CONT, pid, NULL, NULL))
			die("PTRACE_CONT");
		if (waitpid(pid, &st, 0) != pid)
			die("waitpid");
		if (!WIFSTOPPED(st))
			break;
		if (WSTOPSIG(st) != SIGTRAP) {
			bad++;
			kill(pid, SIGKILL);
			continue;
		}
		dr6 = peek_dr(pid, 6);
		val = ptrace(PTRACE_PEEKDATA, pid, (void *)&pvtraps_watched, NULL);
		if (ptrace(PTRACE_GETREGS, pid, NULL, &regs))
			die("PTRACE_GETREGS");
		if (!(dr6 & 1))
			bad++;
		if (regs.rip == (unsigned long)wp_store_end) {
			if ((val & 0xffffffff) != (unsigned long)user_hits + 1)
				bad++;
			user_hits++;
		} else {
			if ((val & 0xffffffff) != 0xabcd)
				bad++;
			kernel_hits++;
		}
	}
	snprintf(got, sizeof(got),
		 "%d user-mode hits, %d kernel-mode, %d bad, child %s %d",
		 user_hits, kernel_hits, bad,
		 WIFEXITED(st) ? "exit" : "signal",
		 WIFEXITED(st) ? WEXITSTATUS(st) : WTERMSIG(st));
	result("watchpoint", got,
	       "10 user-mode hits, 0 kernel-mode, 0 bad, child exit 0");
}

/*
 * The same stores counted by a perf hardware breakpoint on this very
 * process (the kernel's hw_breakpoint layer, which perf and ptrace share),
 * user mode only.
 */
static void case_perf_watchpoint(void)
{
	struct perf_event_attr attr;
	long long count = -1;
	char got[128];
	int fd;

	memset(&attr, 0, sizeof(attr));
	attr.type = PERF_TYPE_BREAKPOINT;
	attr.size = sizeof(attr);
	attr.bp_type = HW_BREAKPOINT_W;
	attr.bp_addr = (unsigned long)&pvtraps_watched;
	attr.bp_len = HW_BREAKPOINT_LEN_4;
	attr.sample_period = 1;
	attr.exclude_kernel = 1;
	attr.exclude_hv = 1;
	attr.disabled = 1;
	fd = syscall(SYS_perf_event_open, &attr, 0, -1, -1, 0);
	if (fd < 0) {
		snprintf(got, sizeof(got), "perf_event_open failed: %s",
			 strerror(errno));
	} else {
		ioctl(fd, PERF_EVENT_IOC_ENABLE, 0);
		call_region(wp_stores);
		ioctl(fd, PERF_EVENT_IOC_DISABLE, 0);
		if (read(fd, &count, sizeof(count)) != sizeof(count))
			count = -1;
		close(fd);
		snprintf(got, sizeof(got), "%lld hits", count);
	}
	result("perf-watchpoint", got, "10 hits");
}

/* ------------------------------------------------------------------ */
/* Part two: the sweep, each case in an unprivileged child.            */

extern char intn_table[];
asm(".text\n"
    ".balign 32\n"
    "intn_table:\n"
    ".set vec, 0\n"
    ".rept 256\n"
    ".balign 32\n"
    "	movl	$0xffff, %eax\n"
    "	.byte	0xcd, vec\n"
    "	movl	$60, %eax\n"
    "	movl	$77, %edi\n"
    "	syscall\n"
    ".set vec, vec + 1\n"
    ".endr\n");

#define DEF_INSN(name, text)						\
	extern char name##_code[];					\
	asm(".text\n" #name "_code:\n" text "\n	ret\n")

DEF_INSN(ud2, "ud2");
DEF_INSN(hlt, "hlt");
DEF_INSN(cli, "cli");
DEF_INSN(sti, "sti");
DEF_INSN(in_imm, "inb $0x80, %al");
DEF_INSN(out_imm, "outb %al, $0x80");
DEF_INSN(in_dx, "movw $0x3f8, %dx\n	inb %dx, %al");
DEF_INSN(out_dx, "movw $0xcf8, %dx\n	outl %eax, %dx");
DEF_INSN(insb, "movw $0x60, %dx\n	leaq -64(%rsp), %rdi\n	insb");
DEF_INSN(rdmsr, "movl $0x10, %ecx\n	rdmsr");
DEF_INSN(wrmsr, "movl $0xc0000100, %ecx\n	xorl %eax, %eax\n	xorl %edx, %edx\n	wrmsr");
DEF_INSN(rdpmc, "xorl %ecx, %ecx\n	rdpmc");
DEF_INSN(mov_from_cr0, "movq %cr0, %rax");
DEF_INSN(mov_to_cr3, "xorl %eax, %eax\n	movq %rax, %cr3");
DEF_INSN(mov_to_cr4, "xorl %eax, %eax\n	movq %rax, %cr4");
DEF_INSN(mov_from_dr7, "movq %db7, %rax");
DEF_INSN(mov_to_dr0, "xorl %eax, %eax\n	movq %rax, %db0");
DEF_INSN(clts, "clts");
DEF_INSN(invd, "invd");
DEF_INSN(wbinvd, "wbinvd");
DEF_INSN(invlpg, "invlpg (%rsp)");
DEF_INSN(lgdt, "lgdt (%rsp)");
DEF_INSN(lidt, "lidt (%rsp)");
DEF_INSN(ltr, "xorl %eax, %eax\n	ltr %ax");
DEF_INSN(swapgs, "swapgs");
DEF_INSN(sysret, "sysretq");
DEF_INSN(xsetbv, "xorl %ecx, %ecx\n	xorl %eax, %eax\n	xorl %edx, %edx\n	xsetbv");
DEF_INSN(lock_nop, ".byte 0xf0, 0x90");
DEF_INSN(into, ".byte 0xce");
DEF_INSN(div0, "xorl %ecx, %ecx\n	movl $1, %eax\n	xorl %edx, %edx\n	divl %ecx");
DEF_INSN(idiv_overflow, "movq $0x8000000000000000, %rax\n	cqo\n	movq $-1, %rcx\n	idivq %rcx");
DEF_INSN(x87_zdiv,
	 "subq $8, %rsp\n	fnstcw (%rsp)\n	andw $~0x04, (%rsp)\n	fldcw (%rsp)\n"
	 "	fld1\n	fldz\n	fdivrp\n	fwait\n	addq $8, %rsp");
DEF_INSN(sse_zdiv,
	 "subq $8, %rsp\n	stmxcsr (%rsp)\n	andl $~0x200, (%rsp)\n	ldmxcsr (%rsp)\n"
	 "	movl $1, %eax\n	cvtsi2ss %eax, %xmm0\n	xorps %xmm1, %xmm1\n"
	 "	divss %xmm1, %xmm0\n	addq $8, %rsp");
DEF_INSN(align_check,
	 "pushfq\n	orq $0x40000, (%rsp)\n	popfq\n"
	 "	movl 1(%rsp), %eax\n"
	 "	pushfq\n	andq $~0x40000, (%rsp)\n	popfq");
DEF_INSN(noncanon_load, "movq $0x8000000000000000, %rax\n	movq (%rax), %rax");
DEF_INSN(noncanon_jump, "movq $0x8000000000000000, %rax\n	jmp *%rax");
DEF_INSN(null_deref, "xorl %eax, %eax\n	movq (%rax), %rax");
DEF_INSN(kernel_read, "movq $0xffffffff81000000, %rax\n	movq (%rax), %rax");
DEF_INSN(xen_read, "movq $0xffff800000000000, %rax\n	movq (%rax), %rax");
DEF_INSN(stack_noncanon,
	 "movq %rsp, %rbx\n	movq $0x8000000000000000, %rsp\n	pushq $0\n"
	 "	movq %rbx, %rsp");
DEF_INSN(null_ss, "xorl %eax, %eax\n	movw %ax, %ss");
DEF_INSN(bad_ds, "movw $0xfff3, %ax\n	movw %ax, %ds");
DEF_INSN(kernel_cs_ss, "movw $0x10, %ax\n	movw %ax, %ss");
DEF_INSN(bad_far_jump, "pushq $0xfff3\n	pushq $0\n	rex64 ljmp *(%rsp)");
DEF_INSN(user_iret_bad_cs,
	 "movq %rsp, %rax\n	pushq $0x2b\n	pushq %rax\n	pushfq\n"
	 "	pushq $0xfff3\n	leaq 1f(%rip), %rax\n	pushq %rax\n	iretq\n1:");
DEF_INSN(sysenter, "sysenter");
DEF_INSN(sysenter_tf, "pushfq\n	orq $0x100, (%rsp)\n	popfq\n	sysenter");
DEF_INSN(int3_default, "int3");
DEF_INSN(icebp_default, ".byte 0xf1");
DEF_INSN(tf_default, "pushfq\n	orq $0x100, (%rsp)\n	popfq\n	nop\n	nop");
DEF_INSN(vsyscall_tf,
	 "xorl %edi, %edi\n	movq $0xffffffffff600400, %rax\n"
	 "	pushfq\n	orq $0x100, (%rsp)\n	popfq\n	call *%rax");

static void exec_on_nx(void)
{
	unsigned char *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		_exit(94);
	p[0] = 0xc3;	/* ret */
	((void (*)(void))p)();
}

static void write_readonly(void)
{
	volatile char *p = mmap(NULL, 4096, PROT_READ,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		_exit(94);
	p[0] = 1;
}

/* sigreturn frames a handler corrupts before returning. */
static int bad_frame_kind;

static void on_sigusr1_corrupt(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;
	/* gregs[REG_CSGSFS]: cs in bits 0-15, gs, fs, then ss in 48-63. */
	unsigned long *csgsfs =
		(unsigned long *)&uc->uc_mcontext.gregs[REG_CSGSFS];

	(void)sig;
	(void)si;
	switch (bad_frame_kind) {
	case 0:	/* a CS selector beyond the GDT */
		*csgsfs = (*csgsfs & ~0xffffUL) | 0xfff3;
		break;
	case 1:	/* an SS beyond the GDT, and the kernel told to keep it */
		*csgsfs = (*csgsfs & ~(0xffffUL << 48)) | 0xfff3UL << 48;
		uc->uc_flags |= 0x4;	/* UC_STRICT_RESTORE_SS */
		break;
	case 2:	/* a non-canonical RIP */
		uc->uc_mcontext.gregs[REG_RIP] = 0x8000000000000000UL;
		break;
	case 3:	/* the kernel's code selector */
		*csgsfs = (*csgsfs & ~0xffffUL) | 0x10;
		break;
	case 4:	/* a kernel RIP */
		uc->uc_mcontext.gregs[REG_RIP] = 0xffffffff81000000UL;
		break;
	}
}

static void sigreturn_bad(int kind)
{
	bad_frame_kind = kind;
	handle(SIGUSR1, on_sigusr1_corrupt);
	raise(SIGUSR1);
}

static void sigreturn_bad_cs(void) { sigreturn_bad(0); }
static void sigreturn_bad_ss(void) { sigreturn_bad(1); }
static void sigreturn_noncanon_rip(void) { sigreturn_bad(2); }
static void sigreturn_kernel_cs(void) { sigreturn_bad(3); }
static void sigreturn_kernel_rip(void) { sigreturn_bad(4); }

static void (*sweep_fn)(void);
static const char *sweep_code;

static void run_sweep_case(void)
{
	if (sweep_fn)
		sweep_fn();
	else
		call_region(sweep_code);
}

/* Run one case in an unprivileged child; describe how the child ended. */
static void sweep(const char *name, const char *code, void (*fn)(void),
		  const char *want)
{
	char got[64];
	int st;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid < 0)
		die("fork");
	if (pid == 0) {
		if (setgid(NOBODY) || setuid(NOBODY) || getuid() != NOBODY)
			_exit(95);
		alarm(10);
		sweep_code = code;
		sweep_fn = fn;
		run_sweep_case();
		_exit(0);
	}
	if (waitpid(pid, &st, 0) != pid)
		die("waitpid");
	if (WIFSIGNALED(st))
		snprintf(got, sizeof(got), "%s", sigabbrev_np(WTERMSIG(st)) ?:
			 "unknown signal");
	else
		snprintf(got, sizeof(got), "exit %d", WEXITSTATUS(st));
	result(name, got, want);
}

#define SWEEP(name, want) sweep(#name, name##_code, NULL, want)

static void sweep_all(void)
{
	char name[32];
	int n;

	for (n = 0; n < 256; n++) {
		const char *want = "SEGV";

		if (n == 3)
			want = "TRAP";	/* int $3: the breakpoint gate is DPL 3 */
		/* A system call where the kernel has IA32 emulation. */
		if (n == 0x80)
			want = "SEGV|exit 77";
		snprintf(name, sizeof(name), "int-0x%02x", n);
		sweep(name, intn_table + 32 * n, NULL, want);
	}
	SWEEP(ud2, "ILL");
	SWEEP(hlt, "SEGV");
	SWEEP(cli, "SEGV");
	SWEEP(sti, "SEGV");
	SWEEP(in_imm, "SEGV");
	SWEEP(out_imm, "SEGV");
	SWEEP(in_dx, "SEGV");
	SWEEP(out_dx, "SEGV");
	SWEEP(insb, "SEGV");
	SWEEP(rdmsr, "SEGV");
	SWEEP(wrmsr, "SEGV");
	SWEEP(rdpmc, "SEGV");
	SWEEP(mov_from_cr0, "SEGV");
	SWEEP(mov_to_cr3, "SEGV");
	SWEEP(mov_to_cr4, "SEGV");
	SWEEP(mov_from_dr7, "SEGV");
	SWEEP(mov_to_dr0, "SEGV");
	SWEEP(clts, "SEGV");
	SWEEP(invd, "SEGV");
	SWEEP(wbinvd, "SEGV");
	SWEEP(invlpg, "SEGV");
	SWEEP(lgdt, "SEGV");
	SWEEP(lidt, "SEGV");
	SWEEP(ltr, "SEGV");
	SWEEP(swapgs, "SEGV");
	SWEEP(sysret, "SEGV");
	/* ILL: a CPU without XSAVE (QEMU's qemu64 model). */
	SWEEP(xsetbv, "SEGV|ILL");
	SWEEP(lock_nop, "ILL");
	SWEEP(into, "ILL");
	SWEEP(div0, "FPE");
	SWEEP(idiv_overflow, "FPE");
	SWEEP(x87_zdiv, "FPE");
	/* exit 0: QEMU's TCG raises no SIMD exceptions. */
	SWEEP(sse_zdiv, "FPE|exit 0");
	/* exit 0: QEMU's TCG does not check alignment. */
	SWEEP(align_check, "BUS|exit 0");
	SWEEP(noncanon_load, "SEGV");
	SWEEP(noncanon_jump, "SEGV");
	SWEEP(null_deref, "SEGV");
	SWEEP(kernel_read, "SEGV");
	SWEEP(xen_read, "SEGV");
	sweep("exec_on_nx", NULL, exec_on_nx, "SEGV");
	sweep("write_readonly", NULL, write_readonly, "SEGV");
	/* SEGV: QEMU's TCG raises #GP, not #SS, for a non-canonical stack. */
	SWEEP(stack_noncanon, "BUS|SEGV");
	SWEEP(null_ss, "SEGV");
	SWEEP(bad_ds, "SEGV");
	SWEEP(kernel_cs_ss, "SEGV");
	SWEEP(bad_far_jump, "SEGV");
	SWEEP(user_iret_bad_cs, "SEGV");
	/*
	 * ILL: an AMD CPU model (qemu64) has no SYSENTER in long mode; SEGV:
	 * Xen's answer where the CPU has it and the guest registered no
	 * SYSENTER callback.
	 */
	SWEEP(sysenter, "ILL|SEGV");
	SWEEP(sysenter_tf, "ILL|SEGV");
	SWEEP(int3_default, "TRAP");
	SWEEP(icebp_default, "TRAP|ILL");	/* ILL: as int1 above */
	SWEEP(tf_default, "TRAP");
	SWEEP(vsyscall_tf, "TRAP");
	sweep("sigreturn_bad_cs", NULL, sigreturn_bad_cs, "SEGV");
	sweep("sigreturn_bad_ss", NULL, sigreturn_bad_ss, "SEGV");
	sweep("sigreturn_noncanon_rip", NULL, sigreturn_noncanon_rip, "SEGV");
	/*
	 * exit 0: under Xen PV, Xen gives every DPL 0 descriptor of the
	 * guest's GDT the guest kernel's DPL, 3 for a 64-bit guest, so
	 * selector 0x13 is a valid user code segment there.
	 */
	sweep("sigreturn_kernel_cs", NULL, sigreturn_kernel_cs, "SEGV|exit 0");
	sweep("sigreturn_kernel_rip", NULL, sigreturn_kernel_rip, "SEGV");
}

int main(int argc, char **argv)
{
	int debug = 1, traps = 1;

	if (argc > 1 && !strcmp(argv[1], "-d"))
		traps = 0;
	if (argc > 1 && !strcmp(argv[1], "-s"))
		debug = 0;
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (debug) {
		handle(SIGTRAP, on_sigtrap);
		case_tf_loop();
		case_tf_syscall();
		case_tf_sigreturn();
		case_child_traps();
		signal(SIGTRAP, SIG_DFL);
		case_ptrace_step();
		case_watchpoint();
		case_perf_watchpoint();
	}
	if (traps)
		sweep_all();
	if (nfailed)
		printf("pvtraps: FAILED %d of %d\n", nfailed, ncases);
	else
		printf("pvtraps: PASS %d cases\n", ncases);
	return nfailed ? 1 : 0;
}
