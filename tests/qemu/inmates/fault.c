/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Faulty inmate for the containment tests: its command line says which
 * rule it breaks (fault=KIND). It announces the attempt, breaks the rule
 * and, if the hypervisor let it through, says so: the test looks for the
 * hypervisor's report and for the absence of that line.
 *
 * Kinds: memory (a read outside the cell's memory), port, msr,
 * apic-base (a write to the APIC base MSR), lvt (an unmasked ExtINT in
 * LINT0, through the xAPIC page), triple (a triple fault),
 * init, sipi, ipi (to another cell's CPU, APIC ID 1), manage (a
 * management hypercall), exception (a page fault the inmate library
 * reports itself), cpl3 (a hypercall from user mode: refused with
 * -EPERM, and the cell goes on).
 */
#include "inmate.h"
#include "bh_string.h"

#define FOREIGN_APIC_ID	1
#define X2APIC_ICR	0x830
#define MSR_EFER	0xc0000080
#define EFER_SCE	0x1
#define MSR_STAR	0xc0000081
#define MSR_LSTAR	0xc0000082
#define MSR_FMASK	0xc0000084
#define MSR_APIC_BASE	0x1b
#define MSR_VM_CR	0xc0010114

static char kind[32];
static volatile long cpl3_result;

/* SYSCALL target: back at CPL 0 on the same stack, RAX holding what the
 * hypercall at CPL 3 returned. */
void cpl3_return(void);
asm(".text\n"
    "cpl3_return:\n\t"
    "mov %rax, cpl3_result(%rip)\n\t"
    "call cpl3_done\n\t"
    "1: hlt\n\t"
    "jmp 1b\n");

void cpl3_done(void);

void cpl3_done(void)
{
	unsigned int i;

	printk("%s: hypercall at CPL 3 returned %ld; back at CPL 0, the "
	       "cell goes on\n", kind, cpl3_result);
	for (i = 0; i < 3; i++) {
		delay_us(1000000);
		printk("%s: alive\n", kind);
	}
	for (;;)
		asm volatile("hlt");	/* idle, not stopped */
}

/* Drop to CPL 3 with SYSRET, issue a hypercall there, come back with
 * SYSCALL. */
static void cpl3_hypercall(void)
{
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
	wrmsr(MSR_STAR, 0x20ULL << 48 | 0x10ULL << 32);
	wrmsr(MSR_LSTAR, (u64)cpl3_return);
	wrmsr(MSR_FMASK, 0x200);	/* IF off on the way back */
	asm volatile("lea 1f(%%rip), %%rcx\n\t"
		     "mov $0x2, %%r11\n\t"	/* RFLAGS: IF off */
		     "sysretq\n"
		     "1:\n\t"			/* CPL 3 */
		     "mov %0, %%eax\n\t"
		     "mov %1, %%edi\n\t"
		     "vmmcall\n\t"
		     "syscall"
		     : : "i"(HC_HYPERVISOR_GET_INFO), "i"(HC_INFO_NUM_CELLS)
		     : "rcx", "r11", "memory");
}

static void triple_fault(void)
{
	struct {
		u16 limit;
		u64 base;
	} BH_PACKED empty = { 0, 0 };

	asm volatile("lidt %0; int3" : : "m"(empty));
}

void inmate_main(void)
{
	if (!cmdline_str("fault", kind, sizeof(kind))) {
		printk("fault: no fault=KIND on the command line\n");
		stop();
	}
	irq_init();
	printk("%s: breaking the rule now\n", kind);
	if (!strcmp(kind, "memory"))
		(void)*(volatile u32 *)0x40000000UL;
	else if (!strcmp(kind, "port"))
		(void)inb(0x80);
	else if (!strcmp(kind, "msr"))
		(void)rdmsr(MSR_VM_CR);
	else if (!strcmp(kind, "apic-base"))
		wrmsr(MSR_APIC_BASE, rdmsr(MSR_APIC_BASE));
	else if (!strcmp(kind, "lvt"))
		*(volatile u32 *)0xfee00350UL = 0x700;
	else if (!strcmp(kind, "triple"))
		triple_fault();
	else if (!strcmp(kind, "init"))
		wrmsr(X2APIC_ICR, (u64)FOREIGN_APIC_ID << 32 | 0x4500);
	else if (!strcmp(kind, "sipi"))
		wrmsr(X2APIC_ICR, (u64)FOREIGN_APIC_ID << 32 | 0x4600);
	else if (!strcmp(kind, "ipi"))
		send_ipi(FOREIGN_APIC_ID, 0xf0);
	else if (!strcmp(kind, "manage"))
		hypercall1(HC_CELL_START, 0);
	else if (!strcmp(kind, "exception"))
		(void)*(volatile u32 *)0x100000000UL;	/* beyond its map */
	else if (!strcmp(kind, "cpl3"))
		cpl3_hypercall();
	else
		printk("%s: unknown fault kind\n", kind);
	printk("%s: still running: the hypervisor let it through\n", kind);
	stop();
}
