/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Shared-memory test inmate (tests/qemu/systems/shmem): the two peers of
 * link "ping" and a cell outside it.
 *
 * role=a (peer 0) and role=b (peer 1) each open their function, aim
 * vector 0 (peer state changes) and vector 1 (doorbells) at their own
 * CPU (a also once at b's, which the hypervisor refuses) and publish
 * state 1. Then a rings b's vector 1 1,000 times, each
 * time with the next number in its own output section and waiting for
 * b's answer: b, interrupted, checks the number follows the last one,
 * copies it into its own output section and rings a back. Each side
 * counts what arrived out of order or on another CPU than its own, and
 * a prints the result. Then a rings b 1,000 times as fast as it can
 * through link "flood", whose peers may ring 100 a second, and changes
 * its state there 1,000 times: the hypervisor drops the interrupts
 * beyond, and b counts what reached it.
 * Then a asks b (a word in the read/write section)
 * to write into a's output section, which b may only read: the
 * hypervisor stops b. a then prints every peer-state interrupt with
 * b's state, while the manager starts b again, stops it and starts it
 * (b counts its runs in the read/write section and says whether it found
 * its output section cleared).
 *
 * role=ping and role=pong (make bench, tests/bench/doorbell): rounds=N
 * (2000) round trips, ping ringing pong's vector 1 and waiting for
 * pong's ring back; ping measures each round trip by the TSC and both
 * count the VM exits of their own CPU over the rounds; each prints one
 * line of figures.
 *
 * role=outsider is in no link: it reads the function's address on bus 0
 * and the link's memory (its host address, where the peers see it), both
 * absent to it.
 *
 * role=echo (tests/qemu/systems/linux-shm) is peer 0 of a link whose peer
 * 1 is the Linux cell: it counts the Linux cell's runs (its state
 * becoming 1), and at each doorbell from it copies the text of the
 * read/write section into its own output section as "echo: TEXT (linux
 * run N)" and rings it back.
 */
#include "inmate.h"
#include "report.h"

#define BARS		0xfe000000UL	/* where the function's BARs go */
#define FLOOD_BARS	0xfe002000UL	/* link "flood"'s function's */
#define STATE_VECTOR	0x40
#define BELL_VECTOR	0x41
#define FLOOD_VECTOR	0x42
#define FLOOD_RINGS	1000
#define ROUNDS		1000

/* Words of the read/write section. */
#define RW_GO_WRITE	0	/* a asks b to write into a's output */
#define RW_B_RUNS	1	/* b's runs so far */

static struct ivshmem d, flood;

static inline void relax(void)
{
	asm volatile("pause" : : : "memory");
}

static volatile u32 bells, state_irqs, wrong_cpu, wrong_order, floods;
static u32 me;

static void bell(struct irq_frame *f)
{
	(void)f;
	if (cpu_id() != me)
		wrong_cpu++;
	bells++;
	apic_eoi();
}

static void flooded(struct irq_frame *f)
{
	(void)f;
	floods++;
	apic_eoi();
}

static void state_change(struct irq_frame *f)
{
	(void)f;
	if (cpu_id() != me)
		wrong_cpu++;
	state_irqs++;
	apic_eoi();
}

/* Wait up to @p ms for *@p p to reach @p v. */
static bool wait_for(const volatile u32 *p, u32 v, unsigned int ms)
{
	u64 end = pm_timer_read_ns() + ms * 1000000ULL;

	while (*p != v && pm_timer_read_ns() < end)
		relax();
	return *p == v;
}

/* Open the first link function (and with @p with_flood the second, link
 * "flood"): vector 0 for state changes, 1 for doorbells. */
static void open_link(bool with_flood)
{
	irq_init();
	me = cpu_id();
	if (!ivshmem_open(&d, 0, BARS)) {
		printk("shmem: no link function\n");
		stop();
	}
	if (with_flood && !ivshmem_open(&flood, 1, FLOOD_BARS)) {
		printk("shmem: no second link function\n");
		stop();
	}
	irq_set_handler(STATE_VECTOR, state_change);
	irq_set_handler(BELL_VECTOR, bell);
	ivshmem_set_vector(&d, 0, me, STATE_VECTOR);
	ivshmem_set_vector(&d, 1, me, BELL_VECTOR);
	ivshmem_irqs(&d, true);
	if (with_flood) {
		irq_set_handler(FLOOD_VECTOR, flooded);
		ivshmem_set_vector(&flood, 0, me, FLOOD_VECTOR);
		ivshmem_irqs(&flood, true);
	}
	irq_enable();
	printk("shmem: function %02x:%02x.%x: ID %u of %u peers, %u vectors, "
	       "state table at 0x%lx, read/write 0x%llx bytes, output "
	       "sections of 0x%llx bytes\n", d.bdf >> 8, (d.bdf >> 3) & 0x1f,
	       d.bdf & 7, d.id, d.peers, d.vectors,
	       (unsigned long)d.state, (unsigned long long)d.rw_size,
	       (unsigned long long)d.out_size);
}

static void role_a(void)
{
	volatile u32 *mine, *theirs, *rw;
	u32 i, seen;

	open_link(true);
	mine = ivshmem_output(&d, d.id);
	theirs = ivshmem_output(&d, 1);
	rw = (volatile u32 *)d.rw;
	/* Aimed at peer 1's CPU (APIC ID 2), not one of this cell's: the
	 * hypervisor refuses it and the vector stays undeliverable until
	 * aimed back here. */
	ivshmem_set_vector(&d, 1, 2, BELL_VECTOR);
	ivshmem_set_vector(&d, 1, me, BELL_VECTOR);
	ivshmem_set_state(&d, 1);
	if (!wait_for(&d.state[1], 1, 60000)) {
		printk("shmem: peer 1 never came up\n");
		stop();
	}
	for (i = 1; i <= ROUNDS; i++) {
		mine[0] = i;
		ivshmem_ring(&d, 1, 1);
		if (!wait_for(&bells, i, 5000))
			break;
		if (theirs[0] != i)
			wrong_order++;
	}
	printk("shmem: %u doorbells rung, %u answered, %u out of order, %u "
	       "on another CPU\n", i - 1 + (i <= ROUNDS), bells, wrong_order,
	       wrong_cpu);
	for (i = 0; i < FLOOD_RINGS; i++)
		ivshmem_ring(&flood, 1, 0);
	/* State changes interrupt the others too: as many again. */
	for (i = 0; i < FLOOD_RINGS; i++)
		ivshmem_set_state(&flood, 2 + (i & 1));
	printk("shmem: flood: %u doorbells rung, %u state changes\n",
	       FLOOD_RINGS, FLOOD_RINGS);
	/* From here on, each state change of b. */
	state_irqs = 0;
	seen = 0;
	rw[RW_GO_WRITE] = 1;
	for (;;) {
		if (state_irqs != seen) {
			seen = state_irqs;
			printk("shmem: state interrupt %u: peer 1 state %u\n",
			       seen, d.state[1]);
		}
		relax();
	}
}

static void role_b(void)
{
	volatile u32 *rw, *mine, *theirs;
	u32 run, i, expect = 1, zero = 1;

	open_link(true);
	rw = (volatile u32 *)d.rw;
	mine = ivshmem_output(&d, d.id);
	theirs = ivshmem_output(&d, 0);
	for (i = 0; i < d.out_size / 4; i++)
		if (mine[i])
			zero = 0;
	run = ++rw[RW_B_RUNS];
	printk("shmem: run %u, output section %s\n", run,
	       zero ? "cleared" : "NOT cleared");
	ivshmem_set_state(&d, 1);
	if (run > 1)
		for (;;)
			relax();
	while (!rw[RW_GO_WRITE]) {
		if (bells >= expect) {
			if (theirs[0] != expect)
				wrong_order++;
			mine[0] = theirs[0];
			expect++;
			ivshmem_ring(&d, 0, 1);
		}
		relax();
	}
	printk("shmem: answered %u doorbells, %u out of order, %u on another "
	       "CPU; flood: %u interrupt(s); writing peer 0's output "
	       "section\n", expect - 1, wrong_order, wrong_cpu, floods);
	theirs[1] = 0xbad;
	printk("shmem: wrote peer 0's output section\n");
	stop();
}

static void role_echo(void)
{
	volatile char *rw, *mine;
	u32 seen_bells = 0, seen_states = 0, runs = 0, last = 0, i;
	char text[128], reply[192];

	open_link(false);
	rw = (volatile char *)d.rw;
	mine = ivshmem_output(&d, d.id);
	ivshmem_set_state(&d, 1);
	last = d.state[1];
	runs = last == 1;
	printk("shmem: echo: peer %u of %u up\n", d.id, d.peers);
	for (;;) {
		if (state_irqs != seen_states) {
			seen_states = state_irqs;
			if (d.state[1] == 1 && last != 1)
				runs++;
			last = d.state[1];
			printk("shmem: echo: peer 1 state %u (linux run %u)\n",
			       last, runs);
		}
		if (bells != seen_bells) {
			seen_bells = bells;
			for (i = 0; i < sizeof(text) - 1 && rw[i]; i++)
				text[i] = rw[i];
			text[i] = '\0';
			printk("shmem: echo: \"%s\" from peer 1\n", text);
			bh_snprintf(reply, sizeof(reply), "echo: %s (linux run "
				    "%u)", text, runs);
			for (i = 0; i < sizeof(reply) && reply[i]; i++)
				mine[i] = reply[i];
			mine[i] = '\0';
			ivshmem_ring(&d, 1, 1);
		}
		relax();
	}
}

#define MAX_ROUNDS	4000
static s32 rtt[MAX_ROUNDS];

/* The doorbell handler of the benchmark: counts and EOIs, nothing else
 * (no APIC ID read, which over an emulated xAPIC would exit). */
static void bench_bell(struct irq_frame *f)
{
	(void)f;
	bells++;
	apic_eoi();
}

/* Exits of this cell's CPU so far (the reading's own hypercall counts:
 * the caller takes one off per reading in between). */
static long exits_now(long cpu)
{
	return stats_exits(cpu, CPU_STAT_VMEXITS_TOTAL);
}

static void role_ping(void)
{
	u32 rounds = (u32)cmdline_int("rounds", 2000), i;
	long cpu = stats_own_cpu(), e0, e1;
	struct stats_summary s;
	volatile u32 *rw;
	u64 t0;

	if (!rounds || rounds > MAX_ROUNDS)
		rounds = rounds ? MAX_ROUNDS : 1;
	open_link(false);
	irq_set_handler(BELL_VECTOR, bench_bell);
	rw = (volatile u32 *)d.rw;
	ivshmem_set_state(&d, 1);
	if (!wait_for(&d.state[1], 1, 60000)) {
		printk("shmem-bench: peer 1 never came up\n");
		stop();
	}
	e0 = exits_now(cpu);
	for (i = 0; i < rounds; i++) {
		t0 = tsc_read_ns();
		ivshmem_ring(&d, 1, 1);
		while (bells == i)
			relax();
		rtt[i] = (s32)(tsc_read_ns() - t0);
	}
	e1 = exits_now(cpu);
	rw[0] = 1;		/* done: pong counts its exits */
	stats_summarize(rtt, rounds, &s);
	printk("shmem-bench: ping: %u round trips: min %d avg %lld p50 %d "
	       "p99 %d max %d ns; %ld VM exits on its CPU\n", rounds, s.min,
	       (long long)s.avg, s.p50, s.p99, s.max, e1 - e0 - 1);
	stop();
}

static void role_pong(void)
{
	u32 answered = 0;
	long cpu = stats_own_cpu(), e0;
	volatile u32 *rw;

	open_link(false);
	irq_set_handler(BELL_VECTOR, bench_bell);
	rw = (volatile u32 *)d.rw;
	ivshmem_set_state(&d, 1);
	e0 = exits_now(cpu);
	while (!rw[0]) {
		if (bells != answered) {
			answered++;
			ivshmem_ring(&d, 0, 1);
		}
		relax();
	}
	printk("shmem-bench: pong: %u doorbells answered; %ld VM exits on its "
	       "CPU\n", answered, exits_now(cpu) - e0 - 1);
	stop();
}

static void role_outsider(void)
{
	u64 ecam = (u64)cmdline_int("ecam", 0);
	u64 link = (u64)cmdline_int("link", 0);
	u16 bdf = (u16)cmdline_int("bdf", 0);

	printk("shmem: outsider: config space base %s, function %02x:%02x.%x "
	       "reads 0x%x, link memory at 0x%llx reads 0x%x\n",
	       comm_region->pci_mmconfig_base ? "given" : "not given",
	       bdf >> 8, (bdf >> 3) & 0x1f, bdf & 7,
	       *(volatile u32 *)(unsigned long)(ecam + ((u64)bdf << 12)),
	       (unsigned long long)link, *(volatile u32 *)(unsigned long)link);
	stop();
}

void inmate_main(void)
{
	char role[16] = "";

	cmdline_str("role", role, sizeof(role));
	if (!strcmp(role, "a"))
		role_a();
	else if (!strcmp(role, "b"))
		role_b();
	else if (!strcmp(role, "outsider"))
		role_outsider();
	else if (!strcmp(role, "echo"))
		role_echo();
	else if (!strcmp(role, "ping"))
		role_ping();
	else if (!strcmp(role, "pong"))
		role_pong();
	printk("shmem: role=a, b, outsider, echo, ping or pong, not \"%s\"\n",
	       role);
	stop();
}
