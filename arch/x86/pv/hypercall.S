/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one place a hypercall is made from (besides the entry's first, in
 * head.S).  A 64-bit PV kernel runs in ring 3: "syscall" from kernel mode
 * traps to Xen, which takes it as a hypercall, number in %rax, arguments
 * in %rdi, %rsi, %rdx, %r10, %r8, result in %rax.  "syscall" overwrites
 * %rcx and %r11 and Xen may change the argument registers: all are
 * caller-saved in the C calling convention, so a plain C call to this
 * function covers every clobber and the compiler needs no inline asm.
 *
 * In .noinstr.text so that entry code may make hypercalls.
 */
#include <linux/linkage.h>
#include <asm/export.h>
#include <asm/unwind_hints.h>
#include <asm/nospec-branch.h>

	.pushsection .noinstr.text, "ax"
/*
 * long pv_hypercall_syscall(unsigned long a1, unsigned long a2,
 *			     unsigned long a3, unsigned long a4,
 *			     unsigned long a5, unsigned int nr)
 *
 * C passes a4 in %rcx and nr in %r9; move them where Xen wants them.
 */
SYM_FUNC_START(pv_hypercall_syscall)
	movq	%rcx, %r10
	movl	%r9d, %eax
	UNWIND_HINT_SAVE
	syscall
	UNWIND_HINT_RESTORE
	RET
SYM_FUNC_END(pv_hypercall_syscall)
EXPORT_SYMBOL_GPL(pv_hypercall_syscall)
	.popsection
