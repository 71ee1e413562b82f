/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Assembly entry symbols the generic entry code names for a Xen-ABI PV
 * port; see entry_stubs.c for why they stop the kernel.
 */
#include <linux/linkage.h>
#include <asm/unwind_hints.h>

	.pushsection .rodata
.Lreturn_to_user:
	.asciz "xenpv_restore_regs_and_return_to_usermode"
	.popsection

	.pushsection .noinstr.text, "ax"
/*
 * The return-to-user path jumps here (an alternative keyed on
 * X86_FEATURE_XENPV) instead of using IRET, which a PV kernel cannot.
 */
SYM_CODE_START(xenpv_restore_regs_and_return_to_usermode)
	UNWIND_HINT_EMPTY
	ANNOTATE_NOENDBR
	leaq	.Lreturn_to_user(%rip), %rdi
	call	pv_entry_stub_hit
	ud2
SYM_CODE_END(xenpv_restore_regs_and_return_to_usermode)
	.popsection
