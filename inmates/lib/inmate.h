/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * The inmate library: what a bare-metal cell program gets. It runs in
 * 64-bit mode on identity-mapped memory, on the first CPU of its cell.
 */
#ifndef BULKHEAD_INMATE_H
#define BULKHEAD_INMATE_H

#include <bulkhead/comm_region.h>
#include <bulkhead/hypercall.h>
#include <bulkhead/x86.h>
#include "bh_string.h"

/** x86 inmates find their comm region at 1 MiB. */
#define COMM_REGION_BASE 0x100000UL
#define comm_region ((volatile struct comm_region *)COMM_REGION_BASE)

/** The program's entry, called once on the cell's first CPU. */
void inmate_main(void);

/** Print on the cell's console: its UART (comm region console, 8250 on
 * I/O ports) and/or the debug-console hypercall, as the comm region
 * flags say. */
void printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/** Nanoseconds from the ACPI PM timer (wraps after about 4.7 s of
 * 24-bit counter are handled; call at least once a second). */
u64 pm_timer_read_ns(void);
/** Busy-wait @p us microseconds on the PM timer. */
void delay_us(u64 us);

/** TSC nanoseconds at the rate the comm region gives (0 if none). */
u64 tsc_read_ns(void);

/** @name The hypervisor and its exit statistics (inmates/lib/stats.c) */
/**@{*/
/** Whether the program runs in a Bulkhead (or Jailhouse) cell: CPUID's
 * hypervisor bit and the signature at 0x40000000. Without one (a bare
 * run), there are no hypercalls. */
bool hypervisor_present(void);
/** The lowest logical CPU id of this cell, or -1 (also without a
 * hypervisor). */
long stats_own_cpu(void);
/** Statistic @p stat (CPU_STAT_*) of logical CPU @p cpu of this cell. The
 * query is a hypercall and counts itself: between two queries, the
 * difference less one is what ran in between. 0 for CPU -1. */
long stats_exits(long cpu, unsigned int stat);

/** Samples summed up (stats_summarize()), in their unit. */
struct stats_summary {
	s32 min, p50, p99, max;
	s64 avg;
};
/** Sort @p n > 0 samples in place (Shell's sort: fast enough for tens of
 * thousands) and sum them up: min, average, the 50th and 99th
 * percentiles (nearest rank), max. */
void stats_summarize(s32 *samples, u32 n, struct stats_summary *s);
/**@}*/

/** @name Command line (inmates/lib/cmdline.c): `name=value` words at
 * guest 0x1000 */
/**@{*/
/** Copy the value of @p name into @p buf (NUL-terminated, cut to fit).
 * @return false if the parameter is absent. */
bool cmdline_str(const char *name, char *buf, unsigned int size);

/** Answer the hypervisor's message in the comm region, if any, as the
 * command line's vote=... says (inmates/lib/comm.c). delay_us() calls it. */
void comm_poll(void);
/** The decimal or 0x-hex value of @p name, or @p fallback if it is absent
 * or malformed. */
long cmdline_int(const char *name, long fallback);
/**@}*/

/** @name Interrupts and exceptions (inmates/lib/irq.c) */
/**@{*/
/** What the entry stubs save, lowest address first. */
struct irq_frame {
	u64 r11, r10, r9, r8, rdi, rsi, rdx, rcx, rax, rbx;
	u64 vector, error;
	u64 rip, cs, rflags, rsp, ss;
};
typedef void (*irq_handler_t)(struct irq_frame *f);
/** Build and load the IDT on this CPU. Exceptions are reported (vector,
 * error, RIP, CR2), the comm region state becomes FAILED and the CPU
 * stops; an interrupt without a handler is reported the same way. */
void irq_init(void);
/** Load the IDT built by irq_init() on another CPU of the cell. */
void irq_init_cpu(void);
/** Call @p handler for interrupt @p vector (32..255; the handler sends
 * the EOI itself) or for exception @p vector (0..31, instead of the
 * report that stops the CPU; the handler may change the frame, which is
 * resumed). */
void irq_set_handler(unsigned int vector, irq_handler_t handler);
static inline void irq_enable(void)
{
	asm volatile("sti" : : : "memory");
}
static inline void irq_disable(void)
{
	asm volatile("cli" : : : "memory");
}
/** Wait for the next interrupt with interrupts enabled (HLT does not
 * leave the cell). */
static inline void wait_for_interrupt(void)
{
	asm volatile("sti; hlt" : : : "memory");
}
/**@}*/

/** @name Local APIC (inmates/lib/apic.c): through the x2APIC MSRs in a
 * cell; bare, through the mode the APIC is in. */
/**@{*/
/** Signal the end of the current interrupt. */
void apic_eoi(void);
/** Enable the APIC and aim its timer at @p vector, one-shot or periodic,
 * stopped. The hypervisor set the divider to 16; the rate comes from the
 * comm region's apic_khz. */
void apic_timer_init(u8 vector, bool periodic);
/** (Re)start the timer to fire after @p ns (and every @p ns if
 * periodic). @return the period actually programmed, in ns. */
u64 apic_timer_set(u64 ns);
/** Stop and mask the timer. */
void apic_timer_stop(void);
/**@}*/

/** @name IOAPIC (inmates/lib/ioapic.c), at 0xfec00000 */
/**@{*/
u32 ioapic_read(u8 reg);
void ioapic_write(u8 reg, u32 value);
/** The redirection entry of @p pin. */
u64 ioapic_pin_get(unsigned int pin);
/** Route @p pin to @p vector on this CPU (physical destination, fixed
 * delivery), edge or level triggered, unmasked. */
void ioapic_pin_set_vector(unsigned int pin, bool level, u8 vector);
/** Mask @p pin. */
void ioapic_pin_mask(unsigned int pin);
/** EOI of level-triggered @p vector through the IOAPIC's EOI register:
 * the Remote IRR of the cell's own pins with that vector is cleared (for
 * a cell that does not EOI at its local APIC, or suppresses the APIC's
 * EOI broadcast). */
void ioapic_eoi(u8 vector);
/**@}*/

/** @name PCI (inmates/lib/pci.c): the configuration space of the cell's
 * own functions through ECAM (the comm region's pci_mmconfig_base; bus 0;
 * functions of other cells read as all ones) */
/**@{*/
/** Where register @p reg of function @p bdf (bus << 8 | dev << 3 | fn)
 * is in ECAM. */
volatile void *pci_cfg(u16 bdf, u16 reg);
u32 pci_read32(u16 bdf, u16 reg);
u16 pci_read16(u16 bdf, u16 reg);
u8 pci_read8(u16 bdf, u16 reg);
void pci_write32(u16 bdf, u16 reg, u32 v);
void pci_write16(u16 bdf, u16 reg, u16 v);
/** The first function of bus 0 with @p vendor:@p device in @p bdf.
 * @return false if there is none (or no MMCONFIG). */
bool pci_find_device(u16 vendor, u16 device, u16 *bdf);
/** Offset of capability @p id in the function's list, 0 if absent. */
u8 pci_find_cap(u16 bdf, u8 id);
/** Aim the function's MSI (one vector) at @p apic_id (physical, fixed)
 * with @p vector and enable it. @return the capability's offset, 0 if
 * the function has no MSI or @p apic_id does not fit its 8 bits of
 * destination. */
u8 pci_msi_enable(u16 bdf, u32 apic_id, u8 vector);
/**@}*/

/** @name Shared-memory links (inmates/lib/ivshmem.c): the ivshmem 2.0
 * function of each link the cell is a peer of, found on bus 0 by its IDs
 * (Documentation/shared-memory.md) */
/**@{*/
struct ivshmem {
	u16 bdf;
	volatile u32 *regs;	/**< BAR0: ID, peers, IntCtrl, doorbell, state */
	volatile u32 *msix;	/**< BAR1: the MSI-X table */
	const volatile u32 *state;	/**< the state table, by peer ID */
	volatile u8 *rw;	/**< the read/write section */
	u64 rw_size, out_size;
	volatile u8 *out;	/**< the first output section (peer 0's) */
	u32 id, peers, vectors;
};
/** Open the @p n-th (from 0) link function on bus 0: its BARs placed at
 * guest-physical @p bars (two pages no memory of the cell lies in),
 * decoding and bus mastering on, the memory found through its vendor
 * capability. @return false if there is no such function. */
bool ivshmem_open(struct ivshmem *d, unsigned int n, u64 bars);
/** Its vector @p v aimed at @p vector of the CPU with APIC ID @p apic_id
 * (physical, fixed) and unmasked, MSI-X on. */
void ivshmem_set_vector(struct ivshmem *d, u32 v, u32 apic_id, u8 vector);
/** Let the function interrupt (IntCtrl), or not. */
void ivshmem_irqs(struct ivshmem *d, bool on);
/** Ring vector @p v of peer @p peer. */
void ivshmem_ring(struct ivshmem *d, u32 peer, u32 v);
/** Publish this peer's @p state (the others get vector 0 if it changed). */
void ivshmem_set_state(struct ivshmem *d, u32 state);
/** Peer @p peer's output section (writable only if it is ours). */
volatile void *ivshmem_output(const struct ivshmem *d, u32 peer);
/**@}*/

/** @name SMP (inmates/lib/smp.c) */
/**@{*/
/** APIC IDs of the cell's CPUs in the order they arrived at cell start;
 * smp_cpu_ids[0] runs inmate_main(). */
extern u32 smp_cpu_ids[];
/** How many CPUs arrived at cell start. */
extern volatile u32 cpus_arrived;
/** This CPU's APIC ID. */
u32 cpu_id(void);
/** Start the CPU with APIC ID @p apic_id at @p entry on its own stack
 * with INIT and a start-up IPI, as a BIOS would; waits until it runs. It
 * loads the cell's IDT if irq_init() ran.
 * @return 0, or -1 if it did not start within a second. */
int smp_start_cpu(u32 apic_id, void (*entry)(void));
/** Send fixed interrupt @p vector to the CPU with APIC ID @p apic_id. */
void send_ipi(u32 apic_id, u8 vector);
/** Write the ICR: @p low (delivery mode, vector...) to @p apic_id, in
 * the APIC's mode (bare over an xAPIC: until it is sent). */
void apic_send_icr(u32 apic_id, u32 low);
/** Bare (no hypervisor), on a CPU smp_start_cpu() started: its APIC as
 * a cell's CPU gets it, in the first CPU's mode (INIT left it in xAPIC
 * mode, software-disabled), the timer divider 16. In a cell: nothing. */
void apic_cpu_init_bare(void);
/**@}*/

/** Stop this CPU for good. */
__attribute__((noreturn)) void stop(void);

static inline long hypercall1(unsigned long code, unsigned long arg1)
{
	long ret;

	asm volatile("vmmcall" : "=a"(ret) : "a"(code), "D"(arg1)
		     : "memory");
	return ret;
}

static inline long hypercall2(unsigned long code, unsigned long arg1,
			      unsigned long arg2)
{
	long ret;

	asm volatile("vmmcall" : "=a"(ret) : "a"(code), "D"(arg1), "S"(arg2)
		     : "memory");
	return ret;
}

#endif
