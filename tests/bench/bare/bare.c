/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * make bench's bare harness: one cell program (an inmate binary) run on
 * the bare machine, without Bulkhead, as its cell would run it, so that
 * the two can be compared in the same emulator. QEMU boots this as a
 * multiboot kernel (-kernel bare.elf) with the inmate as its module
 * (-initrd "inmate.bin name=value ..."); SeaBIOS is the firmware.
 *
 * It gives the program what a Bulkhead cell's first CPU gets: the binary
 * at address 0, its command line at 0x1000, a comm region at 1 MiB (the
 * console on COM1, the PM timer's port from the FADT, the TSC and APIC
 * timer rates calibrated as the hypervisor does: arch/x86/calibrate.c),
 * the local APIC enabled with the timer divider 16, in x2APIC mode where
 * the CPU has it, every LVT and the 8259s masked, and real mode at
 * 0000:0000. What differs: no hypervisor (CPUID says so, and the inmate
 * library then reaches the APIC in whatever mode it is in).
 *
 * The program's figures depend, through its integer arithmetic, on the
 * rates in its comm region, which two boots calibrate a few ppm apart:
 * with bare.tsc_khz=N and bare.apic_khz=N among the arguments, the comm
 * region gets those rates (make bench gives the ones its cell's boot
 * calibrated), after the harness has calibrated and said its own.
 */
#include "calibrate.h"
#include "inmate.h"

#define MULTIBOOT_BOOTED	0x2badb002
#define MBI_MODS		(1U << 3)
#define INMATE_MAX		0x100000	/* up to the comm region */
#define CMDLINE_ADDR		0x1000
#define CMDLINE_MAX		256		/* inmates/lib/cmdline.c */
#define APIC_DIV		16

struct multiboot_info {
	u32 flags, mem_lower, mem_upper, boot_device, cmdline;
	u32 mods_count, mods_addr;
};

struct multiboot_module {
	u32 start, end, string, reserved;
};

struct acpi_header {
	char signature[4];
	u32 length;
	u8 revision, checksum;
	char oem_id[6], oem_table_id[8];
	u32 oem_revision, creator_id, creator_revision;
} BH_PACKED;

#define FADT_PM_TMR_BLK		76

void enter_inmate(void) __attribute__((noreturn));

/* The value of "@p key" (with its "=") given among @p args, a decimal
 * number; 0 if not given. */
static u32 harness_arg(const char *args, const char *key)
{
	size_t n = strlen(key);
	const char *p;
	u32 v = 0;

	for (p = args; *p; p++)
		if ((p == args || p[-1] == ' ') && !strncmp(p, key, n))
			break;
	for (p += *p ? n : 0; *p >= '0' && *p <= '9'; p++)
		v = v * 10 + (u32)(*p - '0');
	return v;
}
void bare_main(u32 magic, const struct multiboot_info *mbi);

static u16 pm_port;
static char args_copy[CMDLINE_MAX + 1];
static volatile u32 *xapic;	/* NULL: x2APIC mode */

static __attribute__((noreturn)) void fail(const char *why)
{
	printk("bare: %s: stopped\n", why);
	for (;;)
		asm volatile("cli; hlt");
}

/* Physical address @p a as a pointer the compiler cannot see through (it
 * warns about constant addresses below 4 KiB and assumes 0 is null). */
static void *phys(u32 a)
{
	void *p;

	asm("" : "=r"(p) : "0"(a));
	return p;
}

static bool checksum_ok(const void *p, u32 len)
{
	const u8 *b = p;
	u8 sum = 0;

	while (len--)
		sum += *b++;
	return !sum;
}

/* The RSDP: in the EBDA's first KiB or the BIOS area 0xe0000-0xfffff,
 * on a 16-byte boundary. */
static const u8 *find_rsdp(void)
{
	u32 ebda = (u32)*(volatile u16 *)phys(0x40e) << 4, p;

	for (p = ebda; ebda && p < ebda + 1024; p += 16)
		if (!memcmp((void *)p, "RSD PTR ", 8) &&
		    checksum_ok((void *)p, 20))
			return (const u8 *)p;
	for (p = 0xe0000; p < 0x100000; p += 16)
		if (!memcmp((void *)p, "RSD PTR ", 8) &&
		    checksum_ok((void *)p, 20))
			return (const u8 *)p;
	return NULL;
}

/* The PM timer's port from the FADT the RSDT lists. */
static u16 find_pm_timer(void)
{
	const u8 *rsdp = find_rsdp();
	const struct acpi_header *rsdt, *t;
	u32 i, n, port;

	if (!rsdp)
		fail("no ACPI RSDP");
	rsdt = (const void *)*(const u32 *)(rsdp + 16);
	if (memcmp(rsdt->signature, "RSDT", 4) ||
	    !checksum_ok(rsdt, rsdt->length))
		fail("no valid ACPI RSDT");
	n = (rsdt->length - sizeof(*rsdt)) / 4;
	for (i = 0; i < n; i++) {
		t = (const void *)((const u32 *)(rsdt + 1))[i];
		if (memcmp(t->signature, "FACP", 4) || t->length <
		    FADT_PM_TMR_BLK + 4 || !checksum_ok(t, t->length))
			continue;
		port = *(const u32 *)((const u8 *)t + FADT_PM_TMR_BLK);
		if (!port || port > 0xfffc)
			fail("the FADT has no PM timer port");
		return (u16)port;
	}
	fail("no valid ACPI FADT");
}

static u32 apic_read(unsigned int reg)
{
	return xapic ? xapic[reg / 4] : (u32)rdmsr(X2APIC_MSR(reg));
}

static void apic_write(unsigned int reg, u32 v)
{
	if (xapic)
		xapic[reg / 4] = v;
	else
		wrmsr(X2APIC_MSR(reg), v);
}

/* The APIC as the hypervisor leaves it for a cell: enabled, x2APIC where
 * the CPU has it, every LVT masked, the timer stopped with divider 16. */
static void apic_init(void)
{
	static const unsigned int lvts[] = {
		APIC_LVT_TIMER, APIC_LVT_LINT0, APIC_LVT_LINT1,
		APIC_LVT_ERROR, APIC_LVT_PERF, APIC_LVT_THERMAL,
	};
	u64 base = rdmsr(MSR_APIC_BASE);
	u32 a, b, c, d, i;

	cpuid(1, &a, &b, &c, &d);
	base |= APIC_BASE_EN;
	wrmsr(MSR_APIC_BASE, base);
	if (c & CPUID1_ECX_X2APIC) {
		base |= APIC_BASE_EXTD;
		wrmsr(MSR_APIC_BASE, base);
	} else {
		xapic = (volatile u32 *)(u32)(base & APIC_BASE_ADDR);
	}
	apic_write(APIC_SVR, APIC_SVR_ENABLE | 0xff);
	apic_write(APIC_TMICT, 0);
	for (i = 0; i < BH_ARRAY_SIZE(lvts); i++)
		apic_write(lvts[i], APIC_LVT_MASKED);
	apic_write(APIC_TDCR, APIC_TDCR_DIV16);
}

static u64 read_tsc(void)
{
	return rdtsc();
}

static u32 read_pm(void)
{
	return inl(pm_port) & CAL_PM_MASK;
}

static u32 read_apic_left(void)
{
	return apic_read(APIC_TMCCT);
}

static const struct cal_clocks clocks = {
	.tsc = read_tsc, .pm = read_pm, .apic_left = read_apic_left,
};

void bare_main(u32 magic, const struct multiboot_info *mbi)
{
	const struct multiboot_module *mod;
	__typeof__(comm_region) cr = comm_region;
	struct cal_result r;
	u32 size, judged, rounds, i;
	const char *args;
	char *cmdline = (char *)CMDLINE_ADDR;
	int err;

	/* The comm region first: printk() finds COM1 there. */
	memset((void *)COMM_REGION_BASE, 0, BH_PAGE_SIZE);
	memcpy((void *)cr->signature, COMM_REGION_MAGIC, sizeof(cr->signature));
	cr->revision = COMM_REGION_ABI_REVISION;
	cr->cell_state = CELL_RUNNING;
	cr->console.type = BH_CON_TYPE_8250;
	cr->console.flags = BH_CON_ACCESS_PIO | BH_CON_REGDIST_1;
	cr->console.address = 0x3f8;
	cr->console.size = 8;
	cr->num_cpus = 1;
	if (magic != MULTIBOOT_BOOTED)
		fail("not started by a multiboot loader");
	if (!(mbi->flags & MBI_MODS) || mbi->mods_count != 1)
		fail("give exactly one module: the inmate binary and its "
		     "command line (-initrd \"file args\")");
	mod = (const void *)mbi->mods_addr;
	size = mod->end - mod->start;
	if (size > INMATE_MAX)
		fail("the inmate is larger than 1 MiB");

	/* The 8259s masked: only the APIC's own timer interrupts. */
	outb(0x21, 0xff);
	outb(0xa1, 0xff);
	pm_port = find_pm_timer();
	cr->pm_timer_address = pm_port;
	apic_init();
	apic_write(APIC_LVT_TIMER, APIC_LVT_MASKED);
	apic_write(APIC_TMICT, 0xffffffff);
	err = cal_calibrate(&clocks, APIC_DIV, &r, &judged, &rounds);
	apic_write(APIC_TMICT, 0);
	cr->tsc_khz = r.tsc_khz;
	cr->apic_khz = r.apic_khz;
	printk("bare: %s APIC, PM timer at port 0x%x; calibrated: TSC %u kHz, "
	       "APIC timer %u kHz (%u of %u windows, %u round(s)%s)\n",
	       xapic ? "xAPIC" : "x2APIC", pm_port, r.tsc_khz, r.apic_khz,
	       r.kept, judged, rounds, err ? ", UNCERTAIN" : "");

	/* The command line: the module's string after its first word. */
	args = (const char *)mod->string;
	while (args && *args && *args != ' ')
		args++;
	while (args && *args == ' ')
		args++;
	/* Kept aside first: the copy to 0 may cover where the loader put
	 * the string. */
	for (i = 0; args && args[i] && i < CMDLINE_MAX; i++)
		args_copy[i] = args[i];
	args_copy[i] = 0;
	if (harness_arg(args_copy, "bare.tsc_khz=") &&
	    harness_arg(args_copy, "bare.apic_khz=")) {
		cr->tsc_khz = harness_arg(args_copy, "bare.tsc_khz=");
		cr->apic_khz = harness_arg(args_copy, "bare.apic_khz=");
		printk("bare: the rates given instead: TSC %u kHz, APIC timer "
		       "%u kHz\n", cr->tsc_khz, cr->apic_khz);
	}
	memmove(phys(0), (const void *)mod->start, size);
	memset(cmdline, 0, CMDLINE_MAX + 1);
	memcpy(cmdline, args_copy, i);
	printk("bare: starting the inmate (%u bytes) with \"%s\"\n", size,
	       cmdline);
	enter_inmate();
}
