/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Entry of a PV boot: Xen's domain builder jumps here (XEN_ELFNOTE_ENTRY)
 * in 64-bit mode, on its own bootstrap page tables and stack, with %rsi
 * holding the virtual address of start_info and event upcalls masked.
 * There is no trap table yet: any fault kills the domain, which Xen
 * reports on its console.  A native boot never comes here; it enters
 * through startup_64 as usual.
 */
#include <linux/linkage.h>
#include <linux/init.h>
#include <asm/asm.h>
#include <asm/percpu.h>
#include <asm/unwind_hints.h>
#include <pv/xen.h>

	__INIT
SYM_CODE_START(pv_startup)
	UNWIND_HINT_EMPTY
	ANNOTATE_NOENDBR
	cld

	/*
	 * Xen's bootstrap stack lies in memory the kernel reclaims later;
	 * run on the boot CPU's init stack, as startup_64 does.
	 */
	movq	initial_stack(%rip), %rsp
	movq	%rsi, %r12

	/*
	 * Xen zero-fills the image beyond its file contents, but nothing
	 * promises that for every builder: clear .bss before C touches it.
	 */
	xorl	%eax, %eax
	movq	$__bss_start, %rdi
	movq	$__bss_stop, %rcx
	subq	%rdi, %rcx
	shrq	$3, %rcx
	rep stosq

	/*
	 * Compiled C code finds the stack protector canary through %gs,
	 * whose base must point at the boot CPU's fixed_percpu_data.  A PV
	 * kernel cannot write the MSR directly; ask Xen.  If even this
	 * fails nothing can be reported yet: stop, and Xen reports the
	 * crash.
	 */
	movl	$__HYPERVISOR_set_segment_base, %eax
	movl	$SEGBASE_GS_KERNEL, %edi
	movq	$INIT_PER_CPU_VAR(fixed_percpu_data), %rsi
	syscall
	/* Xen returns here; objtool cannot follow a syscall by itself. */
	UNWIND_HINT_EMPTY
	testq	%rax, %rax
	jnz	1f

	movq	%r12, %rdi
	call	pv_start_kernel
1:	ud2
SYM_CODE_END(pv_startup)
	__FINIT
