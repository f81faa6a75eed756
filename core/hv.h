/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * The hypervisor's core-internal interface: console output, panic, and the
 * arch_* hooks each architecture implements (resolved at link time).
 */
#ifndef BULKHEAD_HV_H
#define BULKHEAD_HV_H

#include <bulkhead/handoff.h>
#include <bulkhead/image.h>
#include "report.h"

/** Print a formatted message on the hypervisor console. */
void printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/** Bytes of console output the hypervisor keeps (a power of two). */
#define CONSOLE_RING_SIZE 65536

/**
 * Copy console output from byte @p *pos on (counted from the first byte
 * printed since boot) into @p dst, at most @p size bytes. A @p *pos that
 * the ring no longer holds (or one beyond the end) starts at the oldest
 * byte it holds. @p *pos is moved past what was copied; @p *end is the
 * position of the next byte to be printed.
 * @return the number of bytes copied.
 */
u64 console_ring_read(u64 *pos, char *dst, u64 size, u64 *end);

#ifdef CONFIG_TEST_HOOKS
/** make TEST_HOOKS=1 only: jump to the start-up page, which must fault
 * (not executable once every CPU is up). */
void arch_test_exec_trampoline(void);
#endif

/** printk() on the way to a stop (a hypervisor exception, a panic): it
 * tries the console lock for a bounded time and then prints without it,
 * so that a CPU that died holding the lock cannot silence it. */
void printk_emergency(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

/** Print a message (printk_emergency()), then power the machine off. */
__attribute__((noreturn)) void panic_stop(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

/**
 * Mark an error return: `return trace_error(-1);`. Built with
 * `make TRACE_ERROR=1` (CONFIG_TRACE_ERROR), it prints the file and line
 * of every error return on its way out, so that a failed boot or refused
 * hypercall shows the path it took; otherwise it is just @p code.
 */
#ifdef CONFIG_TRACE_ERROR
#define trace_error(code) ({						\
	__typeof__(code) __code = (code);				\
	printk("%s:%d: returning error %lld\n", __FILE__, __LINE__,	\
	       (long long)__code);					\
	__code;								\
})
#else
#define trace_error(code) (code)
#endif

/** The hypervisor binary's own header (arch entry code). */
extern const struct bh_hv_header hv_header;

/** @name Arch hooks */
/**@{*/
/** Bring up the early console described by @p con (the system's debug
 * console); before this, output is dropped. */
void arch_console_init(const struct bh_console *con);
/** Write one character to the console. */
void arch_console_putc(char c);
/** Own GDT, IDT and page tables; after this the loader's are unused.
 * @return 0, or a negative value after printing why. */
int arch_setup(const struct bh_handoff *ho);
/** Discover the platform (ACPI) and print what was found.
 * @return number of usable CPUs, or a negative value after printing why. */
int arch_platform_init(const struct bh_handoff *ho);
/** Enable virtualization on the boot CPU and start every other CPU the
 * platform has into the hypervisor.
 * @return 0, or a negative value after printing why. */
int arch_cpus_start(const struct bh_handoff *ho);
struct bh_machine_range;
/** Write into @p out (room for @p max) the ranges of this machine that
 * arch_platform_init() found and no cell may overlap, or only a cell
 * with BH_CELL_MACHINE_CONTROL where they are marked policy; for
 * bh_config_check_machine().
 * @return the number of ranges found: more than @p max if they did not
 * all fit (the first @p max are written). */
u32 arch_machine_ranges(struct bh_machine_range *out, u32 max);
struct bh_platform_info;
/** Fill @p found with what the firmware's tables say of the facts a
 * system config's platform_info states (valid after arch_platform_init();
 * 0 where the firmware names nothing), for bh_config_check_platform(). */
void arch_platform_found(struct bh_platform_info *found);
/** The TSC and APIC-timer rates measured at boot, in kHz (valid after
 * arch_platform_init()). */
void arch_timer_khz(u32 *tsc_khz, u32 *apic_khz);
/** Microseconds since an arbitrary point at boot, monotonic, the same on
 * every CPU (the calibrated TSC); 0 before arch_platform_init(). */
u64 arch_now_us(void);
/** The hypervisor's pointer to @p len bytes of physical memory (RAM or
 * MMIO) at @p phys, or NULL if they are not mapped. */
void *platform_phys(u64 phys, u64 len);
/** Power the machine off (ACPI S5); returns only if that failed. */
void arch_power_off(void);
/** Stop this CPU for good. */
__attribute__((noreturn)) void arch_halt(void);
/**@}*/

#endif
