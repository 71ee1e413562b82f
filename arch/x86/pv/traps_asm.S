/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Exception entry and kernel return for a PV kernel.
 *
 * Xen delivers an exception to the address in the trap table with %rcx
 * and %r11 saved on the stack above the hardware-style frame (it used
 * them to get there).  Each stub restores them and continues in the
 * kernel's own entry code, which then sees the frame it expects.
 *
 * IRET cannot return to a ring-3 kernel from itself the way Xen needs:
 * the iret hypercall takes the frame plus %rax, %r11, %rcx and a flags
 * word on the stack.
 */
#include <linux/linkage.h>
#include <asm/unwind_hints.h>
#include <pv/xen.h>

.macro pv_trap_stub target
SYM_CODE_START(pv_trap_\target)
	UNWIND_HINT_EMPTY
	ANNOTATE_NOENDBR
	popq	%rcx
	popq	%r11
	jmp	\target
SYM_CODE_END(pv_trap_\target)
.endm

	.pushsection .noinstr.text, "ax"
	pv_trap_stub asm_exc_divide_error
	pv_trap_stub asm_exc_overflow
	pv_trap_stub asm_exc_bounds
	pv_trap_stub asm_exc_invalid_op
	pv_trap_stub asm_exc_device_not_available
	pv_trap_stub asm_exc_coproc_segment_overrun
	pv_trap_stub asm_exc_invalid_tss
	pv_trap_stub asm_exc_segment_not_present
	pv_trap_stub asm_exc_stack_segment
	pv_trap_stub asm_exc_general_protection
	pv_trap_stub asm_exc_spurious_interrupt_bug
	pv_trap_stub asm_exc_coprocessor_error
	pv_trap_stub asm_exc_alignment_check
	pv_trap_stub asm_exc_simd_coprocessor_error
	pv_trap_stub asm_exc_page_fault
	pv_trap_stub asm_exc_int3
	pv_trap_stub asm_xenpv_exc_nmi
	pv_trap_stub asm_exc_xen_hypervisor_callback
	pv_trap_stub asm_xenpv_exc_debug
	pv_trap_stub asm_xenpv_exc_double_fault
#ifdef CONFIG_X86_MCE
	pv_trap_stub asm_xenpv_exc_machine_check
#endif

/*
 * Return from an exception (to kernel or user mode) through Xen.  The
 * flags word 0 says this is not the return of a syscall.
 */
SYM_CODE_START(pv_iret)
	UNWIND_HINT_EMPTY
	ANNOTATE_NOENDBR
	pushq	$0
	pushq	%rcx
	pushq	%r11
	pushq	%rax
	movl	$__HYPERVISOR_iret, %eax
	syscall
	/* Never reached: objtool cannot know that the hypercall does not return. */
	UNWIND_HINT_EMPTY
	ud2
SYM_CODE_END(pv_iret)
	.popsection
