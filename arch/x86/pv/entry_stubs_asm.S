/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Assembly entry symbols of a Xen-ABI PV port: the return to user mode
 * the generic entry code names, and the syscall callback.
 */
#include <linux/linkage.h>
#include <asm/segment.h>
#include <asm/unwind_hints.h>

	.pushsection .noinstr.text, "ax"
/*
 * The return-to-user path jumps here (an alternative keyed on
 * X86_FEATURE_XENPV) instead of using IRET, which a PV kernel cannot:
 * restore the registers of pt_regs, drop orig_ax and return through the
 * iret hypercall, which also gives the vCPU back its user page tables
 * and GS base.
 */
SYM_CODE_START(xenpv_restore_regs_and_return_to_usermode)
	UNWIND_HINT_REGS
	ANNOTATE_NOENDBR
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbp
	popq	%rbx
	popq	%r11
	popq	%r10
	popq	%r9
	popq	%r8
	popq	%rax
	popq	%rcx
	popq	%rdx
	popq	%rsi
	popq	%rdi
	addq	$8, %rsp
	UNWIND_HINT_IRET_REGS
	jmp	pv_iret
SYM_CODE_END(xenpv_restore_regs_and_return_to_usermode)

/*
 * Xen's syscall callback: entered on the kernel stack with a
 * hardware-style frame (rip, cs, rflags, rsp, ss) that carries Xen's own
 * flat ring-3 selectors, and %rcx/%r11 pushed above it.  Drop those (the
 * frame has the values), give the frame the kernel's user selectors, as
 * a SYSCALL leaves them, and join the native path after its frame is
 * built.
 */
SYM_CODE_START(pv_entry_SYSCALL_64)
	UNWIND_HINT_EMPTY
	ANNOTATE_NOENDBR
	popq	%rcx
	popq	%r11
	movq	$__USER_DS, 4*8(%rsp)
	movq	$__USER_CS, 1*8(%rsp)
	jmp	entry_SYSCALL_64_after_hwframe
SYM_CODE_END(pv_entry_SYSCALL_64)
	.popsection
