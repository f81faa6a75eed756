/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * Platform discovery through ACPI (CPUs from the MADT, power control from
 * the FADT and the DSDT's \_S5) and the ACPI S5 power-off.
 */
#include "apic.h"
#include "bh_string.h"
#include "calibrate.h"
#include "config_check.h"
#include "hv.h"
#include "ioapic.h"
#include "iommu.h"
#include "platform.h"
#include "x86.h"

#define PM_TIMER_HZ	CAL_PM_TIMER_HZ
#define PM_TIMER_MASK	CAL_PM_MASK

static struct acpi_info acpi;
static u64 identity_end;

const struct acpi_info *platform_acpi(void)
{
	return &acpi;
}

static u32 pm_timer_read(void)
{
	u32 v;

	asm volatile("inl %w1, %0" : "=a"(v) : "Nd"((u16)acpi.pm_timer_port));
	return v & PM_TIMER_MASK;
}

void pm_udelay(u32 us)
{
	u64 ticks = us * PM_TIMER_HZ / 1000000 + 1, waited = 0;
	u32 last = pm_timer_read();

	/* Count in small steps so that the 24-bit counter's wrap is harmless. */
	while (waited < ticks) {
		u32 now = pm_timer_read();

		waited += (now - last) & PM_TIMER_MASK;
		last = now;
		cpu_relax();
	}
}

static u32 tsc_khz, apic_khz;

static u64 read_tsc(void)
{
	return rdtsc();
}

static const struct cal_clocks clocks = {
	.tsc = read_tsc,
	.pm = pm_timer_read,
	.apic_left = apic_timer_count_left,
};

/* CPUID leaf 0x15 (where the CPU has it): the TSC's nominal rate. */
static u32 cpuid_tsc_khz(void)
{
	u32 a, b, c, d;

	cpuid(0, &a, &b, &c, &d);
	if (a < 0x15)
		return 0;
	cpuid(0x15, &a, &b, &c, &d);
	return a && b && c ? (u32)((u64)c * b / a / 1000) : 0;
}

/* Both clocks against the PM timer, whose rate ACPI fixes
 * (cal_calibrate()). */
static void calibrate(void)
{
	struct cal_result r;
	u32 n, rounds, nominal;
	int err;

	/* One count-down for every round: the windows' APIC counts are
	 * comparable across rounds. */
	apic_timer_count_start();
	err = cal_calibrate(&clocks, 16, &r, &n, &rounds);
	apic_timer_count_stop();
	/* Better a rate that may be off than none, and how far off it may
	 * be said on the console; the comm regions carry the rates alone. */
	if (err == CAL_TSC_UNSTEADY) {
		/* r: the medians of the windows, whatever their brackets. */
		printk("Calibration UNCERTAIN after %u rounds (the host held "
		       "the CPU up): the TSC windows disagree by up to %u ppm, "
		       "the APIC timer's rate is known to %u ppm; the cells' "
		       "comm regions get these rates\n", rounds,
		       r.spread_ppm, r.apic_bound_ppm);
	} else if (err == CAL_APIC_UNCERTAIN) {
		printk("Calibration UNCERTAIN after %u rounds (the host held "
		       "the CPU up at every APIC timer read): its rate is known "
		       "to %u ppm only; the TSC's is good; the cells' comm "
		       "regions get these rates\n", rounds,
		       r.apic_bound_ppm);
	}
	tsc_khz = r.tsc_khz;
	/* apic_khz is the undivided rate: inmates divide by 16 themselves. */
	apic_khz = r.apic_khz;
	if (err == CAL_TSC_UNSTEADY)
		printk("Calibrated against the PM timer: TSC %u kHz, APIC "
		       "timer %u kHz (medians of %u windows of 10 ms)\n",
		       tsc_khz, apic_khz, r.kept);
	else
		printk("Calibrated against the PM timer: TSC %u kHz, APIC "
		       "timer %u kHz (%u of %u windows of 10 ms, TSC spread "
		       "%u ppm, APIC timer within %u ppm)\n", tsc_khz,
		       apic_khz, r.kept, n, r.spread_ppm, r.apic_bound_ppm);
	nominal = cpuid_tsc_khz();
	if (nominal && (nominal > tsc_khz + tsc_khz / 100 ||
			nominal + tsc_khz / 100 < tsc_khz))
		printk("The TSC's nominal rate (CPUID 0x15) is %u kHz: more "
		       "than 1%% from the measured rate\n", nominal);
}

void arch_timer_khz(u32 *tsc, u32 *apic)
{
	*tsc = tsc_khz;
	*apic = apic_khz;
}

u64 arch_now_us(void)
{
	u64 t = rdtsc();

	if (!tsc_khz)
		return 0;
	/* In two steps: t * 1000 alone would overflow after weeks. */
	return t / tsc_khz * 1000 + t % tsc_khz * 1000 / tsc_khz;
}

void *platform_phys(u64 phys, u64 len)
{
	/* Physical memory is identity-mapped up to the hand-off's bound. */
	if (phys >= identity_end || len > identity_end - phys)
		return NULL;
	return (void *)phys;
}

static const void *map_identity(void *ctx, u64 phys, u64 len)
{
	(void)ctx;
	return platform_phys(phys, len);
}

static void emit_console(void *ctx, const char *msg)
{
	(void)ctx;
	printk("%s\n", msg);
}

static void print_cpus(void)
{
	char line[BH_REPORT_LINE];
	unsigned int len = 0;
	u32 i;

	for (i = 0; i < acpi.num_cpus && len < sizeof(line); i++)
		len += (unsigned int)bh_snprintf(line + len, sizeof(line) - len,
						 " %u%s", acpi.cpus[i].apic_id,
						 acpi.cpus[i].x2apic ? "(x2)" :
						 "");
	printk("ACPI MADT: %u CPUs, APIC IDs%s; %u IOAPIC(s); PM timer port "
	       "0x%x\n", acpi.num_cpus, len ? line : " none",
	       acpi.num_ioapics, acpi.pm_timer_port);
	for (i = 0; i < acpi.num_ioapics; i++)
		printk("  IOAPIC id %u at 0x%llx, GSI base %u\n",
		       acpi.ioapics[i].id,
		       (unsigned long long)acpi.ioapics[i].address,
		       acpi.ioapics[i].gsi_base);
}

int arch_platform_init(const struct bh_handoff *ho)
{
	struct acpi_access acc = { map_identity, NULL };
	struct bh_report r = { emit_console, NULL, 0 };

	identity_end = ho->identity_map_end;
	if (!ho->acpi_rsdp) {
		printk("ACPI: the firmware gave no RSDP\n");
		return trace_error(-1);
	}
	if (acpi_parse(&acc, ho->acpi_rsdp, &acpi, &r))
		return trace_error(-1);
	if (!acpi.pm_timer_port) {
		printk("ACPI: the FADT names no PM timer\n");
		return trace_error(-1);
	}
	print_cpus();
	if (ioapic_init() || iommu_init())
		return trace_error(-1);
	apic_cpu_init();
	calibrate();
	return (int)acpi.num_cpus;
}

static void add_range(struct bh_machine_range *out, u32 max, u32 *n,
		      enum bh_range_kind kind, u64 start, u64 size,
		      bool policy, const char *what)
{
	if (!size)
		return;
	/* Counted even when there is no room: the caller refuses a count
	 * above what it gave room for rather than check less. */
	if (*n < max)
		out[*n] = (struct bh_machine_range){ kind, policy, start,
						     start + size, what };
	(*n)++;
}

/* The lowest physical address this CPU cannot reach as plain memory: its
 * MAXPHYADDR, less the bits memory encryption takes, and no higher than
 * the C-bit (an address with it set is an encrypted alias of one below).
 * Where it was found goes to @p what. */
static u64 phys_limit(const char **what)
{
	u32 a, b, c, d, max_ext, bits;

	cpuid(0x80000000, &max_ext, &b, &c, &d);
	if (max_ext < 0x80000008) {
		*what = "the addresses beyond the CPU's 36-bit physical "
			"address width";
		return 1ULL << 36;
	}
	cpuid(0x80000008, &a, &b, &c, &d);
	bits = a & 0xff;
	*what = "the addresses beyond the CPU's physical address width "
		"(MAXPHYADDR, CPUID 0x80000008)";
	if (max_ext >= 0x8000001f) {
		cpuid(0x8000001f, &a, &b, &c, &d);
		/* SME: the C-bit position and the bits it costs. */
		if (a & 1) {
			u32 cbit = b & 0x3f, less = (b >> 6) & 0x3f;

			if (less && bits - less < bits)
				bits -= less;
			if (cbit && cbit < bits)
				bits = cbit;
			*what = "the addresses at or above the memory-"
				"encryption C-bit or beyond the CPU's physical "
				"address width (CPUID 0x8000001f, 0x80000008)";
		}
	}
	return bits && bits < 64 ? 1ULL << bits : ~0ULL;
}

/* The interrupt controllers are the hypervisor's (emulated or filtered);
 * the PM1 control blocks and the reset register power off and reset the
 * machine, which a cell may do only with BH_CELL_MACHINE_CONTROL; so do
 * the cells' own PM1a control port and reset register for the cell. The
 * reset register is policy like the reset ports the configs name (on q35
 * it is port 0xcf9). */
u32 arch_machine_ranges(struct bh_machine_range *out, u32 max)
{
	const char *what;
	u32 i, n = 0;
	u64 limit;

	add_range(out, max, &n, BH_RANGE_MEMORY,
		  acpi.lapic_address & ~(BH_PAGE_SIZE - 1), BH_PAGE_SIZE,
		  false, "the local APIC (ACPI MADT)");
	for (i = 0; i < acpi.num_ioapics; i++)
		add_range(out, max, &n, BH_RANGE_MEMORY,
			  acpi.ioapics[i].address & ~(BH_PAGE_SIZE - 1),
			  BH_PAGE_SIZE, false, "an IOAPIC (ACPI MADT)");
	if (acpi.pm1a_cnt)
		add_range(out, max, &n, BH_RANGE_PORTS, acpi.pm1a_cnt,
			  acpi.pm1_cnt_len, true,
			  "the ACPI PM1a control block");
	if (acpi.pm1b_cnt)
		add_range(out, max, &n, BH_RANGE_PORTS, acpi.pm1b_cnt,
			  acpi.pm1_cnt_len, true,
			  "the ACPI PM1b control block");
	if (acpi.reset_port)
		add_range(out, max, &n, BH_RANGE_PORTS, acpi.reset_port, 1,
			  true, "the ACPI reset register");
	/* Where a cell powers itself off (config.h); on a PC it is the
	 * PM1a control block itself, already kept. */
	if (acpi.pm_timer_port >= 8 &&
	    BH_CELL_PM1_CNT(acpi.pm_timer_port) != acpi.pm1a_cnt)
		add_range(out, max, &n, BH_RANGE_PORTS,
			  BH_CELL_PM1_CNT(acpi.pm_timer_port), 2, true,
			  "the cells' own PM1a control port");
	/* The rest of the firmware's power management and the platform
	 * timers the FADT, HPET and MCFG tables name, whatever the system
	 * config says of them. */
	if (acpi.smi_cmd)
		add_range(out, max, &n, BH_RANGE_PORTS, acpi.smi_cmd, 1, true,
			  "the SMI command port (ACPI FADT)");
	add_range(out, max, &n, BH_RANGE_PORTS, acpi.pm1a_evt.port,
		  acpi.pm1a_evt.len, true, "the ACPI PM1a event block (FADT)");
	add_range(out, max, &n, BH_RANGE_PORTS, acpi.pm1b_evt.port,
		  acpi.pm1b_evt.len, true, "the ACPI PM1b event block (FADT)");
	add_range(out, max, &n, BH_RANGE_PORTS, acpi.pm2_cnt.port,
		  acpi.pm2_cnt.len, true, "the ACPI PM2 control block (FADT)");
	add_range(out, max, &n, BH_RANGE_PORTS, acpi.gpe0.port, acpi.gpe0.len,
		  true, "the ACPI GPE0 block (FADT)");
	add_range(out, max, &n, BH_RANGE_PORTS, acpi.gpe1.port, acpi.gpe1.len,
		  true, "the ACPI GPE1 block (FADT)");
	if (acpi.hpet_address)
		add_range(out, max, &n, BH_RANGE_MEMORY,
			  acpi.hpet_address & ~(BH_PAGE_SIZE - 1), BH_PAGE_SIZE,
			  false, "the HPET (ACPI HPET table)");
	for (i = 0; i < acpi.num_mcfg; i++)
		add_range(out, max, &n, BH_RANGE_MEMORY,
			  acpi.mcfg[i].base +
			  ((u64)acpi.mcfg[i].start_bus << 20),
			  ((u64)acpi.mcfg[i].end_bus -
			   acpi.mcfg[i].start_bus + 1) << 20, false,
			  "the PCI MMCONFIG window (ACPI MCFG)");
	for (i = 0; i < acpi.ivrs.num_iommus; i++)
		add_range(out, max, &n, BH_RANGE_MEMORY, acpi.ivrs.iommus[i].base,
			  (acpi.ivrs.iommus[i].efr & IOMMU_EFR_PC) ?
			  IOMMU_MMIO_SIZE_PC : IOMMU_MMIO_SIZE, false,
			  "an AMD IOMMU's registers (ACPI IVRS)");
	limit = phys_limit(&what);
	add_range(out, max, &n, BH_RANGE_MEMORY, limit, ~0ULL - limit, false,
		  what);
	return n;
}

static struct bh_port_block port_block(u32 port, u32 len)
{
	struct bh_port_block b = { 0, 0 };

	/* A legacy FADT field beyond the port space names no port. */
	if (port && len && port + len <= 0x10000) {
		b.base = (u16)port;
		b.length = (u16)len;
	}
	return b;
}

void arch_platform_found(struct bh_platform_info *found)
{
	struct bh_firmware_ports *fw = &found->firmware;
	u32 i;

	*found = (struct bh_platform_info){ 0 };
	found->pm_timer_address = (u16)acpi.pm_timer_port;
	for (i = 0; i < acpi.num_mcfg; i++)
		if (acpi.mcfg[i].segment == 0) {
			found->pci_mmconfig_base = acpi.mcfg[i].base;
			found->pci_mmconfig_end_bus = acpi.mcfg[i].end_bus;
		}
	found->hpet_address = acpi.hpet_address & ~(BH_PAGE_SIZE - 1);
	fw->smi_command = port_block(acpi.smi_cmd, 1);
	fw->pm1a_event = port_block(acpi.pm1a_evt.port, acpi.pm1a_evt.len);
	fw->pm1b_event = port_block(acpi.pm1b_evt.port, acpi.pm1b_evt.len);
	fw->pm1a_control = port_block(acpi.pm1a_cnt, acpi.pm1_cnt_len);
	fw->pm1b_control = port_block(acpi.pm1b_cnt, acpi.pm1_cnt_len);
	fw->pm2_control = port_block(acpi.pm2_cnt.port, acpi.pm2_cnt.len);
	fw->gpe0 = port_block(acpi.gpe0.port, acpi.gpe0.len);
	fw->gpe1 = port_block(acpi.gpe1.port, acpi.gpe1.len);
}

/* Firmware may leave ACPI in legacy mode; S5 needs SCI_EN first. */
static void acpi_enable_mode(void)
{
	unsigned int spin;

	if (inw((u16)acpi.pm1a_cnt) & PM1_SCI_EN || !acpi.smi_cmd ||
	    !acpi.acpi_enable)
		return;
	outb((u16)acpi.smi_cmd, acpi.acpi_enable);
	for (spin = 0; spin < 1000000; spin++)
		if (inw((u16)acpi.pm1a_cnt) & PM1_SCI_EN)
			return;
}

/* Set SLP_TYP, then SLP_EN, keeping the register's other bits. */
static void enter_s5(u16 port, u8 slp_typ)
{
	u16 v = inw(port) & ~(PM1_SLP_TYP_MASK | PM1_SLP_EN);

	v |= (u16)((slp_typ & 7) << PM1_SLP_TYP_SHIFT);
	outw(port, v);
	outw(port, v | PM1_SLP_EN);
}

void arch_power_off(void)
{
	if (!acpi.pm1a_cnt || !acpi.s5_valid) {
		printk("ACPI S5 is not available (PM1a control 0x%x, \\_S5 "
		       "%s)\n", acpi.pm1a_cnt, acpi.s5_valid ? "found" :
		       "not found");
		return;
	}
	printk("Powering off (ACPI S5)\n");
	acpi_enable_mode();
	enter_s5((u16)acpi.pm1a_cnt, acpi.slp_typa);
	if (acpi.pm1b_cnt)
		enter_s5((u16)acpi.pm1b_cnt, acpi.slp_typb);
	/* The power goes a moment after the write (QEMU ends on its next
	 * main-loop turn): only if it is still on after a second did S5
	 * fail. */
	pm_udelay(1000000);
	printk("ACPI S5 did not power the machine off\n");
}
