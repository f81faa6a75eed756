// SPDX-License-Identifier: BSD-2-Clause
/*
 * bulkhead.ko: the Linux cell's side of Bulkhead (Documentation/
 * management.md), built out of tree against Debian's linux-headers.
 *
 * - It votes: a kernel thread answers the hypervisor's messages in the
 *   cell's comm region (approve a shutdown request, deny it while the
 *   cell is locked, RECEIVED for RECONFIG_COMPLETED, UNKNOWN otherwise).
 *   It sleeps until the hypervisor interrupts it for a message
 *   (HC_BH_MSG_INTERRUPT, on a vector of its own from the kernel's
 *   vector domain); on a hypervisor without that call it polls.
 * - It drives the cell's shared-memory links (shm.c).
 * - It manages, in the managing cell: /dev/bulkhead carries the
 *   `bulkhead` command's ioctls (../bulkhead_ioctl.h) to the management
 *   hypercalls, waits for a vote with the CPU free (sleeping between
 *   polls) and withdraws it when the waiting process gets a signal.
 *
 * The comm region's guest-physical address comes from the kernel command
 * line (bulkhead.comm_region=, put there by the image builder).
 */
#include <linux/delay.h>
#include <linux/fs.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/irq.h>
#include <linux/irqdomain.h>
#include <linux/kthread.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <asm/hw_irq.h>
#include <asm/irqdomain.h>
#include <asm/processor.h>

/* The ABI headers are the hypervisor's; give them the kernel's types. */
#define BULKHEAD_TYPES_H
#define BH_PACKED __attribute__((packed))
#define BH_ARRAY_SIZE(a) ARRAY_SIZE(a)
#define BH_STATIC_ASSERT(cond, msg) static_assert(cond, msg)
#include <bulkhead/comm_region.h>
#include <bulkhead/hypercall.h>
#include "bulkhead_ioctl.h"
#include "shm.h"

#define VOTE_POLL_MS	10	/* how often the comm region is looked at
				   when no interrupt tells of a message */
#define OP_POLL_MS	5	/* how often a pending operation is asked */
#define LOAD_CHUNK	(64 * 1024)

static unsigned long comm_region;
module_param(comm_region, ulong, 0444);
MODULE_PARM_DESC(comm_region, "guest-physical address of the cell's comm region");

/* Read-only parameters: what the voter saw, for the boot tests (each
 * message comes with exactly one interrupt when the cell has one). */
static unsigned long messages;
module_param(messages, ulong, 0444);
MODULE_PARM_DESC(messages, "messages from the hypervisor answered");
static unsigned long interrupts;
module_param(interrupts, ulong, 0444);
MODULE_PARM_DESC(interrupts, "message interrupts taken");

static struct comm_region *comm;
static struct task_struct *voter;
static bool locked;
static DEFINE_MUTEX(op_mutex);	/* one management operation at a time */

static long hypercall(unsigned long code, unsigned long arg1,
		      unsigned long arg2)
{
	long ret;

	asm volatile("vmmcall"
		     : "=a"(ret)
		     : "a"(code), "D"(arg1), "S"(arg2)
		     : "memory");
	return ret;
}

/* ---- votes -------------------------------------------------------- */

/* The protocol's order: the message cleared, then the reply. */
static void reply(u32 r)
{
	WRITE_ONCE(comm->msg_to_cell, MSG_NONE);
	mb();
	WRITE_ONCE(comm->reply_from_cell, r);
}

/* ---- the message interrupt ---------------------------------------- */

static DECLARE_WAIT_QUEUE_HEAD(msg_wait);
static struct fwnode_handle *msg_fwnode;
static struct irq_domain *msg_domain;
static unsigned int msg_irq;	/* 0: none, the voter polls */

static irqreturn_t msg_interrupt(int irq, void *unused)
{
	interrupts++;
	wake_up(&msg_wait);
	return IRQ_HANDLED;
}

/* An interrupt the hypervisor sends, not a device's: nothing to mask.
 * Without irq_set_affinity it stays on the vector and CPU the
 * hypervisor was given. */
static struct irq_chip msg_chip = {
	.name = "bulkhead",
	.irq_ack = irq_chip_ack_parent,
	.irq_retrigger = irq_chip_retrigger_hierarchy,
};

static int msg_domain_alloc(struct irq_domain *d, unsigned int virq,
			    unsigned int nr, void *arg)
{
	int err = irq_domain_alloc_irqs_parent(d, virq, nr, arg);

	if (err)
		return err;
	irq_domain_set_info(d, virq, 0, &msg_chip, NULL, handle_edge_irq,
			    NULL, "edge");
	return 0;
}

static const struct irq_domain_ops msg_domain_ops = {
	.alloc = msg_domain_alloc,
	.free = irq_domain_free_irqs_common,
};

static void msg_irq_teardown(void)
{
	if (msg_irq) {
		free_irq(msg_irq, NULL);
		irq_dispose_mapping(msg_irq);
		msg_irq = 0;
	}
	if (msg_domain)
		irq_domain_remove(msg_domain);
	msg_domain = NULL;
	if (msg_fwnode)
		irq_domain_free_fwnode(msg_fwnode);
	msg_fwnode = NULL;
}

/*
 * A vector of the kernel's own on @cpu (the voter's), as a child of the
 * x86 vector domain so that no device can be given it, and the
 * hypervisor told to interrupt @cpu with it for each message. 0, or why
 * not (the voter then polls).
 */
static int msg_irq_setup(unsigned int cpu)
{
	struct irq_alloc_info info = { .mask = cpumask_of(cpu) };
	struct irq_cfg *cfg;
	long ret;
	int virq, err;

	msg_fwnode = irq_domain_alloc_named_fwnode("bulkhead");
	if (!msg_fwnode)
		return -ENOMEM;
	msg_domain = irq_domain_create_hierarchy(x86_vector_domain, 0, 1,
						 msg_fwnode, &msg_domain_ops,
						 NULL);
	err = -ENOMEM;
	if (!msg_domain)
		goto fail;
	virq = irq_domain_alloc_irqs(msg_domain, 1, NUMA_NO_NODE, &info);
	err = virq < 0 ? virq : -ENOSPC;
	if (virq <= 0)
		goto fail;
	err = request_irq(virq, msg_interrupt, IRQF_NOBALANCING, "bulkhead",
			  NULL);
	if (err) {
		irq_dispose_mapping(virq);
		goto fail;
	}
	msg_irq = virq;
	cfg = irqd_cfg(irq_get_irq_data(virq));
	err = -ENXIO;
	if (!cfg || !cfg->vector)
		goto fail;
	ret = hypercall(HC_BH_MSG_INTERRUPT, cfg->vector, cfg->dest_apicid);
	err = ret == -HC_ENOSYS ? -ENOSYS : ret ? -EINVAL : 0;
	if (err)
		goto fail;
	pr_info("bulkhead: messages interrupt CPU %u (APIC ID %u) on vector "
		"0x%x (IRQ %u)\n", cpu, cfg->dest_apicid, cfg->vector, virq);
	return 0;
fail:
	msg_irq_teardown();
	return err;
}

static int vote_thread(void *unused)
{
	while (!kthread_should_stop()) {
		u32 msg = READ_ONCE(comm->msg_to_cell);

		if (msg != MSG_NONE)
			messages++;
		if (msg == MSG_SHUTDOWN_REQUEST) {
			bool deny = READ_ONCE(locked);

			pr_info("bulkhead: shutdown request from the hypervisor: "
				"%s\n", deny ? "denied (bulkhead lock)" :
				"approved");
			reply(deny ? MSG_REQUEST_DENIED : MSG_REQUEST_APPROVED);
		} else if (msg == MSG_RECONFIG_COMPLETED) {
			pr_info("bulkhead: reconfiguration completed: received\n");
			reply(MSG_RECEIVED);
		} else if (msg != MSG_NONE) {
			pr_info("bulkhead: message %u unknown\n", msg);
			reply(MSG_UNKNOWN);
		}
		if (msg_irq)
			wait_event_interruptible(msg_wait,
				READ_ONCE(comm->msg_to_cell) != MSG_NONE ||
				kthread_should_stop());
		else
			schedule_timeout_interruptible(
				msecs_to_jiffies(VOTE_POLL_MS));
	}
	return 0;
}

static void set_locked(bool on)
{
	WRITE_ONCE(locked, on);
	WRITE_ONCE(comm->cell_state, on ? CELL_RUNNING_LOCKED : CELL_RUNNING);
	pr_info("bulkhead: cell %s\n", on ? "locked (RUNNING_LOCKED): changes "
		"to other cells are blocked" : "unlocked");
}

/* ---- management --------------------------------------------------- */

static bool manager(void)
{
	return READ_ONCE(comm->flags) & COMM_FLAG_BH_MANAGER;
}

/*
 * Carry operation @code on cell @id to its end. A signal withdraws it
 * while the cells vote; once approved it is waited for to the end (the
 * change is under way and short).
 */
static void run_op(struct bh_ioc_op *o, struct bh_op_status *st)
{
	unsigned long arg1 = o->code == HC_BH_SYSTEM_SHUTDOWN ? 0 : o->id;
	long ret = hypercall(o->code, arg1, o->flags);
	bool withdrawn = false;

	while (ret == -HC_EINPROGRESS) {
		if (!withdrawn && signal_pending(current)) {
			o->interrupted = 1;
			withdrawn = true;
			ret = hypercall(HC_BH_OP_STATUS, virt_to_phys(st), 1);
			continue;
		}
		msleep(OP_POLL_MS);
		ret = hypercall(HC_BH_OP_STATUS, virt_to_phys(st), 0);
	}
	o->result = (s32)ret;
	/* The account of this operation, or why it was refused at once
	 * (then the status is the previous operation's: cleared). */
	if (ret == -HC_EBUSY || ret == -HC_EINVAL || ret == -HC_ENOENT ||
	    (hypercall(HC_BH_OP_STATUS, virt_to_phys(st), 0) &&
	     st->code != o->code))
		memset(st, 0, sizeof(*st));
	o->status = *st;
}

static long ioc_op(struct bh_ioc_op __user *uarg)
{
	struct bh_op_status *st;
	struct bh_ioc_op o;

	if (copy_from_user(&o, uarg, sizeof(o)))
		return -EFAULT;
	if (o.code != HC_CELL_START && o.code != HC_CELL_DESTROY &&
	    o.code != HC_BH_SYSTEM_SHUTDOWN)
		return -EINVAL;
	if ((o.flags & ~BH_OP_FORCE) || o.reserved ||
	    (o.flags && o.code == HC_BH_SYSTEM_SHUTDOWN))
		return -EINVAL;
	st = kzalloc(sizeof(*st), GFP_KERNEL);
	if (!st)
		return -ENOMEM;
	o.interrupted = 0;
	mutex_lock(&op_mutex);
	run_op(&o, st);
	mutex_unlock(&op_mutex);
	kfree(st);
	return copy_to_user(uarg, &o, sizeof(o)) ? -EFAULT : 0;
}

/* One HC_BH_CELL_LOAD of @size bytes at @buf (kernel memory). */
static long load_chunk(u32 id, u64 address, const void *buf, u64 size,
		       struct bh_load *ld)
{
	*ld = (struct bh_load){ .address = address,
				.source = virt_to_phys((void *)buf),
				.size = size };
	return hypercall(HC_BH_CELL_LOAD, id, virt_to_phys(ld));
}

static long do_load(struct bh_ioc_load *l, void *chunk, struct bh_load *ld,
		    struct bh_op_status *st)
{
	const u8 __user *src = u64_to_user_ptr(l->buffer);
	long state = hypercall(HC_CELL_GET_STATE, l->id, 0);
	u64 done, n;
	long ret;

	if (state == -HC_ENOENT)
		return -ENOENT;
	if (state == CELL_RUNNING || state == CELL_RUNNING_LOCKED)
		return -EBUSY;
	if (!l->size || l->address + l->size < l->address ||
	    (l->flags & ~BH_LOAD_MORE))
		return -EINVAL;
	l->op = (struct bh_ioc_op){ .code = HC_CELL_SET_LOADABLE, .id = l->id };
	if (!(l->flags & BH_LOAD_MORE)) {
		run_op(&l->op, st);
		if (l->op.result)
			return 0;	/* the op says why */
	}
	/* Both ends first, so that a file that does not fit is refused
	 * before anything of it is copied. */
	memset(chunk, 0, 1);
	ret = load_chunk(l->id, l->address, chunk, 1, ld);
	if (ret == -HC_EBUSY)
		return -EBUSY;
	if (ret)
		return -ENXIO;
	if (load_chunk(l->id, l->address + l->size - 1, chunk, 1, ld))
		return -EFBIG;
	for (done = 0; done < l->size; done += n) {
		n = min_t(u64, l->size - done, LOAD_CHUNK);
		if (copy_from_user(chunk, src + done, n))
			return -EFAULT;
		ret = load_chunk(l->id, l->address + done, chunk, n, ld);
		if (ret)
			return ret == -HC_EBUSY ? -EBUSY : -EIO;
		cond_resched();
	}
	return 0;
}

static long ioc_load(struct bh_ioc_load __user *uarg)
{
	struct bh_op_status *st = NULL;
	struct bh_load *ld = NULL;
	struct bh_ioc_load l;
	void *chunk = NULL;
	long ret = -ENOMEM;

	if (copy_from_user(&l, uarg, sizeof(l)))
		return -EFAULT;
	chunk = kmalloc(LOAD_CHUNK, GFP_KERNEL);
	ld = kzalloc(sizeof(*ld), GFP_KERNEL);
	st = kzalloc(sizeof(*st), GFP_KERNEL);
	if (chunk && ld && st) {
		mutex_lock(&op_mutex);
		ret = do_load(&l, chunk, ld, st);
		mutex_unlock(&op_mutex);
	}
	kfree(st);
	kfree(ld);
	kfree(chunk);
	if (!ret && copy_to_user(uarg, &l, sizeof(l)))
		ret = -EFAULT;
	return ret;
}

static long ioc_cell(struct bh_ioc_cell __user *uarg)
{
	struct bh_cell_info *info;
	struct bh_ioc_cell c;
	long ret;

	if (copy_from_user(&c, uarg, sizeof(c)))
		return -EFAULT;
	info = kzalloc(sizeof(*info), GFP_KERNEL);
	if (!info)
		return -ENOMEM;
	ret = hypercall(HC_BH_CELL_GET_INFO, c.id, virt_to_phys(info));
	c.info = *info;
	kfree(info);
	if (ret == -HC_ENOENT)
		return -ENOENT;
	if (ret)
		return -EIO;
	return copy_to_user(uarg, &c, sizeof(c)) ? -EFAULT : 0;
}

static long ioc_value(struct bh_ioc_value __user *uarg, unsigned long code)
{
	struct bh_ioc_value v;

	if (copy_from_user(&v, uarg, sizeof(v)))
		return -EFAULT;
	v.value = hypercall(code, v.arg1, v.arg2);
	return copy_to_user(uarg, &v, sizeof(v)) ? -EFAULT : 0;
}

static long ioc_console(struct bh_ioc_console __user *uarg)
{
	struct bh_console_read *rd;
	struct bh_ioc_console c;
	void *buf;
	long ret = -ENOMEM;

	if (copy_from_user(&c, uarg, sizeof(c)))
		return -EFAULT;
	if (!c.size || c.size > BH_CONSOLE_READ_MAX)
		return -EINVAL;
	buf = kmalloc(BH_CONSOLE_READ_MAX, GFP_KERNEL);
	rd = kzalloc(sizeof(*rd), GFP_KERNEL);
	if (buf && rd) {
		*rd = (struct bh_console_read){ .buffer = virt_to_phys(buf),
						.size = c.size,
						.position = c.position };
		ret = hypercall(HC_BH_CONSOLE_READ, virt_to_phys(rd), 0);
		if (ret >= 0) {
			c.copied = ret;
			c.position = rd->position;
			c.end = rd->end;
			ret = copy_to_user(u64_to_user_ptr(c.buffer), buf,
					   c.copied) ||
			      copy_to_user(uarg, &c, sizeof(c)) ? -EFAULT : 0;
		} else {
			ret = -EIO;
		}
	}
	kfree(rd);
	kfree(buf);
	return ret;
}

static long bh_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	void __user *uarg = (void __user *)arg;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (cmd == BH_IOC_LOCK) {
		if (arg > 1)
			return -EINVAL;
		set_locked(arg);
		return 0;
	}
	/* Anything else is the managing cell's: from another cell a
	 * management hypercall would stop it. */
	if (!manager())
		return -EPERM;
	switch (cmd) {
	case BH_IOC_CELL_INFO:
		return ioc_cell(uarg);
	case BH_IOC_HV_INFO:
		return ioc_value(uarg, HC_HYPERVISOR_GET_INFO);
	case BH_IOC_CPU_INFO:
		return ioc_value(uarg, HC_CPU_GET_INFO);
	case BH_IOC_OP:
		return ioc_op(uarg);
	case BH_IOC_LOAD:
		return ioc_load(uarg);
	case BH_IOC_CONSOLE:
		return ioc_console(uarg);
	default:
		return -ENOTTY;
	}
}

static const struct file_operations bh_fops = {
	.owner = THIS_MODULE,
	.unlocked_ioctl = bh_ioctl,
	.llseek = noop_llseek,
};

static struct miscdevice bh_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = BH_DEVICE_NAME,
	.fops = &bh_fops,
	.mode = 0600,
};

/* ---- module ------------------------------------------------------- */

/* The signature Bulkhead's CPUID gives: Jailhouse's, or KVM's for a cell
 * with BH_CELL_CPUID_KVM (the comm region's check follows). */
static bool bulkhead_present(void)
{
	u32 eax, sig[3];

	if (boot_cpu_data.x86_vendor != X86_VENDOR_AMD &&
	    boot_cpu_data.x86_vendor != X86_VENDOR_HYGON)
		return false;	/* vmmcall: Bulkhead runs on AMD SVM */
	if (!boot_cpu_has(X86_FEATURE_HYPERVISOR))
		return false;
	cpuid(HC_CPUID_SIGNATURE, &eax, &sig[0], &sig[1], &sig[2]);
	return !memcmp(sig, "Jailhouse\0\0\0", sizeof(sig)) ||
	       !memcmp(sig, "KVMKVMKVM\0\0\0", sizeof(sig));
}

/* The hypervisor told to send nothing more (once the call returns it
 * sends none: it changes the choice under the lock its sending holds),
 * then the vector freed. */
static void msg_irq_off(void)
{
	if (msg_irq)
		hypercall(HC_BH_MSG_INTERRUPT, 0, 0);
	msg_irq_teardown();
}

static int __init bulkhead_init(void)
{
	unsigned int cpu;
	int err;

	if (!bulkhead_present()) {
		pr_err("bulkhead: no Bulkhead hypervisor (CPUID 0x40000000)\n");
		return -ENODEV;
	}
	if (!comm_region) {
		pr_err("bulkhead: no comm region (bulkhead.comm_region=)\n");
		return -EINVAL;
	}
	comm = memremap(comm_region, PAGE_SIZE, MEMREMAP_WB);
	if (!comm)
		return -ENOMEM;
	if (memcmp(comm->signature, COMM_REGION_MAGIC,
		   sizeof(comm->signature)) ||
	    comm->revision != COMM_REGION_ABI_REVISION) {
		pr_err("bulkhead: no comm region at 0x%lx\n", comm_region);
		err = -ENODEV;
		goto unmap;
	}
	/* Bound to one CPU, the voter, its interrupt (or its poll timer)
	 * and its wake-up stay on that CPU: a wake-up queued to another
	 * CPU is an IPI, which exits. */
	cpu = cpumask_first(cpu_online_mask);
	err = msg_irq_setup(cpu);
	if (err)
		pr_warn("bulkhead: no message interrupt (error %d): looking "
			"for messages every %u ms\n", err, VOTE_POLL_MS);
	voter = kthread_create(vote_thread, NULL, "bulkhead-vote");
	if (IS_ERR(voter)) {
		err = PTR_ERR(voter);
		goto unmap;
	}
	kthread_bind(voter, cpu);
	wake_up_process(voter);
	err = misc_register(&bh_misc);
	if (err)
		goto stop;
	err = bh_shm_init();
	if (err) {
		misc_deregister(&bh_misc);
		goto stop;
	}
	pr_info("bulkhead: comm region at 0x%lx, answering the hypervisor; "
		"%s\n", comm_region, manager() ? "this cell manages the system "
		"(/dev/bulkhead)" : "this cell does not manage");
	return 0;
stop:
	kthread_stop(voter);
unmap:
	msg_irq_off();
	memunmap(comm);
	return err;
}

static void __exit bulkhead_exit(void)
{
	bh_shm_exit();
	misc_deregister(&bh_misc);
	kthread_stop(voter);
	msg_irq_off();
	memunmap(comm);
}

module_init(bulkhead_init);
module_exit(bulkhead_exit);
MODULE_DESCRIPTION("Bulkhead: the Linux cell's votes and management");
MODULE_LICENSE("Dual BSD/GPL");
