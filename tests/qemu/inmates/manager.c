/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The managing cell of the management tests (tests/qemu/boot_tests.py):
 * drives the management hypercalls against the voter cells of
 * tests/qemu/cells/system-manage.c and prints one "manage: ..." line per
 * step, which the test reads. Each operation is polled with
 * HC_BH_OP_STATUS, as the Linux driver does, while this cell keeps
 * printing a heartbeat: no CPU waits inside the hypervisor. soak=N on its
 * command line sets the number of stop/start cycles of the soak;
 * scenario=linux-voter runs linux_voter() instead, scenario=lifecycle
 * lifecycle(), scenario=pci pci_cycles(), scenario=linux-disk
 * linux_disk(), scenario=shmem shmem_cycle().
 */
#include "inmate.h"

#define CELLS		7
#define LOAD_SOURCE	0x200000UL	/* the voter program, in our RAM */
#define LOAD_CMDLINE	0x2ff000UL	/* its command line for the load */
#define BAD_GPA		0x80000000UL	/* not our RAM */

static struct bh_op_status st;
static struct bh_cell_info info;
static struct bh_load ld;
static struct bh_console_read rd;

static long hc(unsigned long code, unsigned long a1, unsigned long a2)
{
	return hypercall2(code, a1, a2);
}

static int cell_id(const char *name)
{
	long n = hc(HC_HYPERVISOR_GET_INFO, HC_INFO_NUM_CELLS, 0);
	int i;

	for (i = 0; i < n; i++)
		if (!hc(HC_BH_CELL_GET_INFO, i, (unsigned long)&info) &&
		    !strcmp(info.name, name))
			return i;
	printk("manage: no cell \"%s\"\n", name);
	return -1;
}

static const char *reason(u32 r)
{
	static const char *const names[] = {
		"done", "denied", "blocked", "timed out", "withdrawn", "stuck",
		"not forceable",
	};

	return r < 7 ? names[r] : "?";
}

static const char *cell_of(u32 id)
{
	static char name[32];

	if (id == BH_NO_CELL || hc(HC_BH_CELL_GET_INFO, id,
				   (unsigned long)&info))
		return "-";
	memcpy(name, info.name, sizeof(name));
	return name;
}

/* Poll the operation started with result @p ret until it ends, with a
 * heartbeat for every 100 ms it has taken (by the PM timer: however slow
 * the emulator, a heartbeat is due before a 200 ms time-out can end the
 * wait); withdraw it after @p withdraw_ms if not 0. */
static long wait_op(long ret, unsigned int withdraw_ms)
{
	u64 start = pm_timer_read_ns(), ms;
	unsigned int beats = 0;

	while (ret == -HC_EINPROGRESS) {
		delay_us(1000);
		ms = (pm_timer_read_ns() - start) / 1000000;
		while (beats < ms / 100)
			printk("manage: heartbeat %u\n", ++beats);
		ret = hc(HC_BH_OP_STATUS, (unsigned long)&st,
			 withdraw_ms && ms >= withdraw_ms);
	}
	hc(HC_BH_OP_STATUS, (unsigned long)&st, 0);
	return ret;
}

static long op_quiet(unsigned long code, const char *name)
{
	return wait_op(hc(code, (unsigned long)cell_id(name), 0), 0);
}

/* Operation @p code on cell @p name (NULL: the system) with @p flags as
 * arg2 (BH_OP_FORCE), withdrawn after @p withdraw_ms if not 0. */
static void op_flags(const char *what, unsigned long code, const char *name,
		     unsigned long flags, unsigned int withdraw_ms)
{
	long id = name ? cell_id(name) : 0, ret;

	ret = wait_op(hc(code, (unsigned long)id, flags), withdraw_ms);
	printk("manage: %s %s: result %ld, %s, cell %s\n", what,
	       name ? name : "system", ret, reason(st.reason),
	       cell_of(st.cell));
}

static void op(const char *what, unsigned long code, const char *name,
	       unsigned int withdraw_ms)
{
	op_flags(what, code, name, 0, withdraw_ms);
}

static void state(const char *name)
{
	long id = cell_id(name);

	/* A start returns once it is decided; the rebuild takes a moment. */
	delay_us(50000);
	printk("manage: state %s %ld\n", name, hc(HC_CELL_GET_STATE, id, 0));
	if (!hc(HC_BH_CELL_GET_INFO, (unsigned long)id, (unsigned long)&info) &&
	    info.dma_faults)
		printk("manage: %s: %llu DMA fault(s) in this run\n", name,
		       (unsigned long long)info.dma_faults);
}

/* Cell @p name's VM exits by reason, summed over its CPUs, into @p n. */
static void exits_by_reason(const char *name, long n[CPU_NUM_STATS])
{
	int id = cell_id(name), cpu, s;

	for (s = 0; s < CPU_NUM_STATS; s++)
		n[s] = 0;
	if (hc(HC_BH_CELL_GET_INFO, (unsigned long)id, (unsigned long)&info))
		return;
	for (cpu = 0; cpu < 64; cpu++)
		for (s = 0; s < CPU_NUM_STATS; s++)
			if (info.cpus & (1ULL << cpu))
				n[s] += hc(HC_CPU_GET_INFO, (unsigned long)cpu,
					   HC_CPU_INFO_STAT_BASE +
					   (unsigned long)s);
}

/* Cell @p name's VM exits so far, all reasons. */
static long exits(const char *name)
{
	long n[CPU_NUM_STATS];

	exits_by_reason(name, n);
	return n[CPU_STAT_VMEXITS_TOTAL];
}

static void bad(const char *what, long got, long want)
{
	printk("manage: check %s: %s (got %ld, want %ld)\n", what,
	       got == want ? "ok" : "WRONG", got, want);
}

static void bad_arguments(void)
{
	int self = cell_id("manager"), approve = cell_id("approve");

	bad("start unknown cell", hc(HC_CELL_START, 99, 0), -HC_ENOENT);
	bad("start huge id", hc(HC_CELL_START, ~0UL, 0), -HC_ENOENT);
	bad("stop self", hc(HC_CELL_DESTROY, self, 0), -HC_EINVAL);
	bad("stop unknown flag", hc(HC_CELL_DESTROY, approve, 2), -HC_EINVAL);
	bad("create", hc(HC_CELL_CREATE, 0, 0), -HC_ENOSYS);
	bad("disable", hc(HC_DISABLE, 0, 0), -HC_ENOSYS);
	bad("unknown hypercall", hc(HC_BH_LAST + 1, 0, 0), -HC_ENOSYS);
	bad("status bad address", hc(HC_BH_OP_STATUS, BAD_GPA, 0),
	    -HC_EINVAL);
	bad("status address in comm region",
	    hc(HC_BH_OP_STATUS, COMM_REGION_BASE, 0), -HC_EINVAL);
	bad("status bad withdraw", hc(HC_BH_OP_STATUS, 0, 2), -HC_EINVAL);
	bad("info bad address", hc(HC_BH_CELL_GET_INFO, approve, BAD_GPA),
	    -HC_EINVAL);
	bad("info straddling our RAM",
	    hc(HC_BH_CELL_GET_INFO, approve, 0x100000 - 8), -HC_EINVAL);
	bad("info unknown cell", hc(HC_BH_CELL_GET_INFO, 99,
				    (unsigned long)&info), -HC_ENOENT);
	bad("state unknown cell", hc(HC_CELL_GET_STATE, 99, 0), -HC_ENOENT);
	bad("shutdown extra arg", hc(HC_BH_SYSTEM_SHUTDOWN, 1, 0),
	    -HC_EINVAL);
	ld = (struct bh_load){ 0, LOAD_SOURCE, 0x1000, 0 };
	bad("load not loadable", hc(HC_BH_CELL_LOAD, approve,
				    (unsigned long)&ld), -HC_EBUSY);
	bad("load bad descriptor", hc(HC_BH_CELL_LOAD, approve, BAD_GPA),
	    -HC_EINVAL);
	ld.size = BH_LOAD_MAX + 1;
	bad("load too large", hc(HC_BH_CELL_LOAD, approve,
				 (unsigned long)&ld), -HC_EINVAL);
	ld = (struct bh_load){ 0xff000, LOAD_SOURCE, 0x2000, 0 };
	bad("load beyond the region", hc(HC_BH_CELL_LOAD, approve,
					 (unsigned long)&ld), -HC_EINVAL);
	rd = (struct bh_console_read){ LOAD_SOURCE, 0, 0, 0 };
	bad("console empty read", hc(HC_BH_CONSOLE_READ, (unsigned long)&rd,
				     0), -HC_EINVAL);
	rd.size = BH_CONSOLE_READ_MAX + 1;
	bad("console read too large", hc(HC_BH_CONSOLE_READ,
					 (unsigned long)&rd, 0), -HC_EINVAL);
	rd = (struct bh_console_read){ COMM_REGION_BASE, 16, 0, 0 };
	bad("console into comm region", hc(HC_BH_CONSOLE_READ,
					   (unsigned long)&rd, 0), -HC_EINVAL);
	bad("console bad descriptor", hc(HC_BH_CONSOLE_READ, BAD_GPA, 0),
	    -HC_EINVAL);
}

static void list(void)
{
	long n = hc(HC_HYPERVISOR_GET_INFO, HC_INFO_NUM_CELLS, 0), i;

	for (i = 0; i < n; i++)
		if (!hc(HC_BH_CELL_GET_INFO, i, (unsigned long)&info))
			printk("manage: cell %ld %s state %u cpus 0x%llx "
			       "starts %u%s\n", i, info.name, info.state,
			       (unsigned long long)info.cpus, info.starts,
			       info.info & BH_CELL_INFO_MANAGER ?
			       " manager" : "");
}

static long mem_used(void)
{
	return hc(HC_HYPERVISOR_GET_INFO, HC_INFO_MEM_POOL_USED, 0);
}

/* Load the voter program, with a command line that says so, into the
 * stopped cell "approve" and start it. */
static void load(void)
{
	int id = cell_id("approve");
	long r;

	op("set-loadable", HC_CELL_SET_LOADABLE, "approve", 0);
	ld = (struct bh_load){ 0, LOAD_SOURCE, 0x10000, 0 };
	r = hc(HC_BH_CELL_LOAD, id, (unsigned long)&ld);
	ld = (struct bh_load){ 0x1000, LOAD_CMDLINE, 0x100, 0 };
	printk("manage: load approve: %ld %ld\n", r,
	       hc(HC_BH_CELL_LOAD, id, (unsigned long)&ld));
	op("start", HC_CELL_START, "approve", 0);
}

/* Until cell @p name is in state @p want, for at most @p secs seconds. */
static void wait_state(const char *name, long want, unsigned int secs)
{
	u64 end = pm_timer_read_ns() + secs * 1000000000ULL;
	long s;

	while ((s = hc(HC_CELL_GET_STATE, (unsigned long)cell_id(name), 0)) !=
	       want && pm_timer_read_ns() < end)
		delay_us(10000);
	printk("manage: %s in state %ld\n", name, s);
}

/* Cell @p name's VM exits over @p secs seconds, by reason, measured from
 * this cell: nothing of the measurement runs in the cell measured. */
static void idle_window(const char *name, unsigned int secs)
{
	long a[CPU_NUM_STATS], b[CPU_NUM_STATS];
	unsigned int i;
	int s;

	exits_by_reason(name, a);
	for (i = 0; i < secs * 10; i++)
		delay_us(100000);
	exits_by_reason(name, b);
	printk("manage: %s exits in %u s of idle by reason:", name, secs);
	for (s = 0; s < CPU_NUM_STATS; s++)
		printk(" %ld", b[s] - a[s]);
	printk("\n");
}

/* scenario=linux-voter: a Linux cell that does not manage votes through
 * its driver (tests/qemu/linux/locked-voter.sh): locked, it blocks a
 * change to another cell and denies its own stop; unlocked, it idles
 * at its shell (its exits counted from here) and approves its stop. */
static void linux_voter(void)
{
	printk("manage: managing cell up\n");
	wait_state("linux", CELL_RUNNING_LOCKED, 300);
	op("stop", HC_CELL_DESTROY, "approve", 0);
	op("stop", HC_CELL_DESTROY, "linux", 0);
	wait_state("linux", CELL_RUNNING, 120);
	/* Unlocking was its script's last step: its shell waits. */
	delay_us(2000000);
	idle_window("linux", 10);
	op("stop", HC_CELL_DESTROY, "linux", 0);
	state("linux");
	printk("manage: linux-voter done\n");
	for (;;)
		delay_us(100000);
}

/* scenario=linux-disk (tests/qemu/linux/disk.sh): once the Linux cell,
 * rebooted by itself, has locked and unlocked itself, stop and start it,
 * then watch it run again. */
static void linux_disk(void)
{
	printk("manage: managing cell up\n");
	wait_state("linux", CELL_RUNNING_LOCKED, 300);
	wait_state("linux", CELL_RUNNING, 60);
	op("stop", HC_CELL_DESTROY, "linux", 0);
	op("start", HC_CELL_START, "linux", 0);
	state("linux");
	printk("manage: linux-disk done\n");
	for (;;)
		delay_us(100000);
}

/* scenario=lifecycle (tests/qemu/systems/lifecycle, a test build that
 * builds "slow-reset" two seconds slower): a stop during that cell's first
 * build, and one during the rebuild after it reset itself (200 ms after
 * its start), both leave it stopped for good; "reboot", asked to stop,
 * resets itself, and ends stopped too; "stubborn" (locked, which it may
 * not be) denies its stop and is stopped by force; "guarded" allows no
 * force but may not deny: its denial is overruled; "busy" acknowledges
 * every RECONFIG_COMPLETED long after its time-out and stays running. */
static void lifecycle(void)
{
	printk("manage: managing cell up\n");
	/* Its first build began at boot and lasts over two seconds. */
	delay_us(500000);
	op("stop", HC_CELL_DESTROY, "slow-reset", 0);
	state("slow-reset");
	delay_us(2500000);	/* past the end of that build */
	state("slow-reset");
	/* Started, it resets itself at 200 ms; 700 ms after the start's
	 * result (which waits for "busy" up to 200 ms), its rebuild is
	 * well under way. */
	op("start", HC_CELL_START, "slow-reset", 0);
	delay_us(700000);
	op("stop", HC_CELL_DESTROY, "slow-reset", 0);
	state("slow-reset");
	delay_us(2500000);
	state("slow-reset");
	/* Asked, it resets itself instead. */
	op("stop", HC_CELL_DESTROY, "reboot", 0);
	state("reboot");
	delay_us(500000);
	state("reboot");
	delay_us(700000);
	/* "stubborn" is locked, which its config does not allow: nothing
	 * was blocked. It denies its own stop; a forced one is done. */
	op("stop", HC_CELL_DESTROY, "stubborn", 0);
	state("stubborn");
	op_flags("forced stop", HC_CELL_DESTROY, "stubborn", BH_OP_FORCE, 0);
	state("stubborn");
	delay_us(700000);
	/* "guarded" allows no forced operation, and may not deny. */
	op_flags("forced stop", HC_CELL_DESTROY, "guarded", BH_OP_FORCE, 0);
	state("guarded");
	op("stop", HC_CELL_DESTROY, "guarded", 0);
	state("guarded");
	/* Each operation done told "busy"; it answered late every time. */
	delay_us(700000);
	state("busy");
	printk("manage: lifecycle done\n");
	for (;;)
		delay_us(100000);
}

/* scenario=pci (tests/qemu/systems/pci, iommu): cycles=N (20) stop/start
 * cycles of cell=NAME (pci-owner), each once its run has finished, which
 * it counts in the page this cell shares with it (PCI_SHARED,
 * tests/qemu/inmates/pci.c, dma.c), then its state. With owner_fails=1
 * the cell stops itself at the end of a run (a triple fault): it is
 * started again 500 ms after it failed, not stopped; with stray_cpu=N
 * as well, a test build of the hypervisor is asked, the first time,
 * to send vector 0x41 to CPU N, the cell's, while it is parked. */
#define PCI_SHARED	((volatile u32 *)0x300000UL)
#define PCI_MAGIC	0x50434921U	/* set once the page is cleared */

static bool pci_runs(u32 n, unsigned int secs)
{
	u64 end = pm_timer_read_ns() + secs * 1000000000ULL;

	while ((PCI_SHARED[2] != PCI_MAGIC || PCI_SHARED[1] < n) &&
	       pm_timer_read_ns() < end)
		delay_us(10000);
	return PCI_SHARED[2] == PCI_MAGIC && PCI_SHARED[1] >= n;
}

static void pci_cycles(void)
{
	u32 i, cycles = (u32)cmdline_int("cycles", 20);
	bool fails = cmdline_int("owner_fails", 0);
	char cell[32] = "pci-owner";

	cmdline_str("cell", cell, sizeof(cell));
	printk("manage: managing cell up\n");
	for (i = 1; i <= cycles && pci_runs(i, 120); i++) {
		if (fails) {
			wait_state(cell, CELL_FAILED, 30);
			if (i == 1 && cmdline_int("stray_cpu", -1) >= 0)
				printk("manage: stray interrupt sent: %ld\n",
				       hc(0x7e5a, (unsigned long)
					  cmdline_int("stray_cpu", -1), 0x41));
			delay_us(500000);
		} else if (op_quiet(HC_CELL_DESTROY, cell)) {
			break;
		}
		if (op_quiet(HC_CELL_START, cell))
			break;
	}
	pci_runs(cycles + 1, 120);
	/* A last look at it, at which the hypervisor also tells what the
	 * IOMMUs logged since the last request. */
	state(cell);
	printk("manage: %s: %u stop/start cycles, %u runs finished\n", cell,
	       i - 1, PCI_SHARED[1]);
	for (;;)
		delay_us(100000);
}

/* scenario=shmem (tests/qemu/systems/shmem): once peer shm-b has been
 * stopped for writing where it may only read, start it again; then stop
 * and start it once more, each a change of its state its peer sees;
 * then stop shm-a. */
static void shmem_cycle(void)
{
	printk("manage: managing cell up\n");
	wait_state("shm-b", CELL_FAILED, 300);
	op("start", HC_CELL_START, "shm-b", 0);
	wait_state("shm-b", CELL_RUNNING, 60);
	delay_us(2000000);
	op("stop", HC_CELL_DESTROY, "shm-b", 0);
	op("start", HC_CELL_START, "shm-b", 0);
	wait_state("shm-b", CELL_RUNNING, 60);
	/* Its stop says how many of its interrupts were dropped. */
	delay_us(1000000);
	op("stop", HC_CELL_DESTROY, "shm-a", 0);
	printk("manage: shmem done\n");
	for (;;)
		delay_us(100000);
}

void inmate_main(void)
{
	unsigned int i, soak = (unsigned int)cmdline_int("soak", 20);
	long before, after, first_run;
	char scenario[16] = "";

	if (cmdline_str("scenario", scenario, sizeof(scenario)) &&
	    !strcmp(scenario, "linux-voter"))
		linux_voter();
	if (!strcmp(scenario, "lifecycle"))
		lifecycle();
	if (!strcmp(scenario, "pci"))
		pci_cycles();
	if (!strcmp(scenario, "linux-disk"))
		linux_disk();
	if (!strcmp(scenario, "shmem"))
		shmem_cycle();

	printk("manage: managing cell up\n");
	list();
	bad_arguments();
	/* "lock" holds every other cell still. */
	op("stop", HC_CELL_DESTROY, "approve", 0);
	op("stop", HC_CELL_DESTROY, "lock", 0);
	/* Approve: stopped, started again from scratch. */
	before = mem_used();
	op("stop", HC_CELL_DESTROY, "approve", 0);
	first_run = exits("approve");
	state("approve");
	op("stop", HC_CELL_DESTROY, "approve", 0);	/* already stopped */
	op("start", HC_CELL_START, "approve", 0);
	state("approve");
	/* Deny: denied once, then approved. */
	op("stop", HC_CELL_DESTROY, "deny", 0);
	state("deny");
	op("stop", HC_CELL_DESTROY, "deny", 0);
	state("deny");
	/* Passive: never asked. */
	op("stop", HC_CELL_DESTROY, "passive", 0);
	/* Silent: FAILED after its 200 ms, the operation goes on. */
	op("stop", HC_CELL_DESTROY, "silent", 0);
	state("silent");
	/* For ever: only a withdrawal ends it, and nothing changes. */
	op("stop", HC_CELL_DESTROY, "forever", 500);
	state("forever");
	/* A restart of a running cell is voted on too; "lock" locks
	 * itself again as it starts. */
	op("start", HC_CELL_START, "lock", 0);
	state("lock");
	op("start", HC_CELL_START, "deny", 0);
	op("stop", HC_CELL_DESTROY, "lock", 0);
	/* A short soak: the hypervisor's memory stays as it was. */
	for (i = 0; i < soak; i++)
		if (op_quiet(HC_CELL_DESTROY, "approve") ||
		    op_quiet(HC_CELL_START, "approve"))
			break;
	after = mem_used();
	printk("manage: soak %u of %u cycles, hypervisor memory used %ld "
	       "pages before, %ld after\n", i, soak, before, after);
	/* Each start zeroes the cell's statistics: the last run's so far,
	 * not the sum of every run's. */
	printk("manage: approve exits: %ld in its first run, %ld in its "
	       "last so far\n", first_run, exits("approve"));
	/* Load another program into a stopped cell. */
	op("stop", HC_CELL_DESTROY, "approve", 0);
	load();
	state("approve");
	list();
	/* The system: "forever" (silent only the first time) would hold
	 * it; "deny", started again, denies the first request. */
	op("stop", HC_CELL_DESTROY, "forever", 0);
	op("start", HC_CELL_START, "deny", 0);
	delay_us(200000);
	op("shutdown", HC_BH_SYSTEM_SHUTDOWN, NULL, 0);
	printk("manage: still running after the denied shutdown\n");
	op("shutdown", HC_BH_SYSTEM_SHUTDOWN, NULL, 0);
	printk("manage: STILL RUNNING after an approved shutdown\n");
	stop();
}
