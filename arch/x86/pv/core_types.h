/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Integer types for the PV port's OS-independent cores (memmap_core.c,
 * p2m_core.c), which build both in the kernel and in user-space unit
 * tests (tests/unit/arch).
 */
#ifndef _ARCH_X86_PV_CORE_TYPES_H
#define _ARCH_X86_PV_CORE_TYPES_H

#ifdef __KERNEL__
#include <linux/types.h>
#else
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
typedef uint32_t u32;
typedef uint64_t u64;
#endif

#endif /* _ARCH_X86_PV_CORE_TYPES_H */
