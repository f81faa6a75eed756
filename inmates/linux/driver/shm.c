// SPDX-License-Identifier: BSD-2-Clause
/*
 * bulkhead.ko, shared-memory links (Documentation/shared-memory.md): a
 * PCI driver for the ivshmem 2.0 function (110a:4106) the hypervisor
 * gives each peer of a link. Each function becomes /dev/bulkhead-shmN
 * (../bulkhead_ioctl.h): its memory to mmap, with this peer's rights;
 * its interrupts to wait for (read, poll); its doorbells and state by
 * ioctl. The peer's state is 1 while the driver holds the function, 0
 * once it lets go (and the hypervisor's 0 whenever the cell stops), so
 * that the other peers see this one come and go.
 */
#include <linux/atomic.h>
#include <linux/fs.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/pci.h>
#include <linux/poll.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#define BULKHEAD_TYPES_H
#define BH_PACKED __attribute__((packed))
#define BH_ARRAY_SIZE(a) ARRAY_SIZE(a)
#define BH_STATIC_ASSERT(cond, msg) static_assert(cond, msg)
#include <bulkhead/hypercall.h>
#include "bulkhead_ioctl.h"
#include "shm.h"

/* The function (ivshmem 2.0, and Bulkhead's name capability). */
#define SHM_VENDOR		0x110a
#define SHM_DEVICE		0x4106
#define CAP_STATE_SIZE		4
#define CAP_RW_SIZE		8
#define CAP_OUT_SIZE		0x10
#define CAP_ADDRESS		0x18
#define CAP_NAME_TAG		3	/* 'B': Bulkhead's second one */
#define CAP_NAME		4
#define REG_ID			0x00
#define REG_MAX_PEERS		0x04
#define REG_INT_CTRL		0x08
#define REG_DOORBELL		0x0c
#define REG_STATE		0x10
#define MAX_VECTORS		16
#define MAX_PEERS		16
#define STATE_UP		1

struct shm {
	struct pci_dev *pdev;
	void __iomem *regs;
	phys_addr_t phys;		/* guest-physical */
	void *mem;			/* the kernel's mapping */
	u64 state_size, rw_size, out_size, size;
	u32 id, peers, vectors, protocol;
	char name[BH_SHM_NAME_LEN];
	char dev_name[24];
	int index;			/* N of /dev/bulkhead-shmN */
	struct miscdevice misc;
	wait_queue_head_t wait;
	atomic64_t total;
	atomic64_t per_vector[MAX_VECTORS];
};

static DEFINE_IDA(shm_ida);

static irqreturn_t shm_interrupt(int irq, void *data)
{
	struct shm *s = data;
	int v = irq - pci_irq_vector(s->pdev, 0);

	if (v >= 0 && v < MAX_VECTORS)
		atomic64_inc(&s->per_vector[v]);
	atomic64_inc(&s->total);
	wake_up_interruptible(&s->wait);
	return IRQ_HANDLED;
}

/* ---- the device file ---------------------------------------------- */

/* What the file saw last: the count of interrupts at its last read. */
struct shm_file {
	struct shm *s;
	u64 seen;
};

static int shm_open(struct inode *inode, struct file *f)
{
	struct shm *s = container_of(f->private_data, struct shm, misc);
	struct shm_file *sf = kzalloc(sizeof(*sf), GFP_KERNEL);

	if (!sf)
		return -ENOMEM;
	sf->s = s;
	sf->seen = atomic64_read(&s->total);
	f->private_data = sf;
	return 0;
}

static int shm_release(struct inode *inode, struct file *f)
{
	kfree(f->private_data);
	return 0;
}

static ssize_t shm_read(struct file *f, char __user *buf, size_t len,
			loff_t *pos)
{
	struct shm_file *sf = f->private_data;
	struct shm *s = sf->s;
	u64 now;

	if (len < sizeof(now))
		return -EINVAL;
	if (f->f_flags & O_NONBLOCK) {
		if (atomic64_read(&s->total) == sf->seen)
			return -EAGAIN;
	} else if (wait_event_interruptible(s->wait,
					    atomic64_read(&s->total) !=
					    sf->seen)) {
		return -ERESTARTSYS;
	}
	now = atomic64_read(&s->total);
	sf->seen = now;
	if (copy_to_user(buf, &now, sizeof(now)))
		return -EFAULT;
	return sizeof(now);
}

static __poll_t shm_poll(struct file *f, poll_table *wait)
{
	struct shm_file *sf = f->private_data;

	poll_wait(f, &sf->s->wait, wait);
	return atomic64_read(&sf->s->total) != sf->seen ?
	       EPOLLIN | EPOLLRDNORM : 0;
}

/* Whether this peer may write [off, off + len) of the link's memory:
 * within the read/write section or its own output section. */
static bool shm_writable(const struct shm *s, u64 off, u64 len)
{
	u64 rw = s->state_size, out = rw + s->rw_size + s->id * s->out_size;

	return (off >= rw && off + len <= rw + s->rw_size) ||
	       (s->out_size && off >= out && off + len <= out + s->out_size);
}

static int shm_mmap(struct file *f, struct vm_area_struct *vma)
{
	struct shm *s = ((struct shm_file *)f->private_data)->s;
	u64 off = (u64)vma->vm_pgoff << PAGE_SHIFT;
	u64 len = vma->vm_end - vma->vm_start;

	if (off >= s->size || len > s->size - off)
		return -EINVAL;
	/* A write where the peer may only read would stop the cell. */
	if (vma->vm_flags & VM_WRITE) {
		if (!(vma->vm_flags & VM_SHARED) ||
		    !shm_writable(s, off, len))
			return -EACCES;
	} else {
		vma->vm_flags &= ~VM_MAYWRITE;
	}
	return remap_pfn_range(vma, vma->vm_start,
			       (s->phys + off) >> PAGE_SHIFT, len,
			       vma->vm_page_prot);
}

static void shm_info(struct shm *s, struct bh_ioc_shm_info *i)
{
	const u32 *state = s->mem;
	u32 k;

	memset(i, 0, sizeof(*i));
	memcpy(i->name, s->name, sizeof(i->name));
	i->id = s->id;
	i->peers = s->peers;
	i->vectors = s->vectors;
	i->protocol = s->protocol;
	i->state_size = s->state_size;
	i->rw_size = s->rw_size;
	i->output_size = s->out_size;
	for (k = 0; k < s->peers && k < MAX_PEERS; k++)
		i->states[k] = READ_ONCE(state[k]);
	for (k = 0; k < MAX_VECTORS; k++)
		i->interrupts[k] = atomic64_read(&s->per_vector[k]);
}

static long shm_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct shm *s = ((struct shm_file *)f->private_data)->s;
	struct bh_ioc_shm_info info;
	struct bh_ioc_shm_ring r;
	u32 state;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	switch (cmd) {
	case BH_IOC_SHM_INFO:
		shm_info(s, &info);
		return copy_to_user((void __user *)arg, &info, sizeof(info)) ?
		       -EFAULT : 0;
	case BH_IOC_SHM_RING:
		if (copy_from_user(&r, (void __user *)arg, sizeof(r)))
			return -EFAULT;
		if (r.peer >= s->peers || r.vector >= s->vectors ||
		    r.peer > 0xffff)
			return -EINVAL;
		/* What the ring says is in memory first. */
		wmb();
		iowrite32(r.peer << 16 | r.vector, s->regs + REG_DOORBELL);
		return 0;
	case BH_IOC_SHM_STATE:
		if (copy_from_user(&state, (void __user *)arg, sizeof(state)))
			return -EFAULT;
		wmb();
		iowrite32(state, s->regs + REG_STATE);
		return 0;
	default:
		return -ENOTTY;
	}
}

static const struct file_operations shm_fops = {
	.owner = THIS_MODULE,
	.open = shm_open,
	.release = shm_release,
	.read = shm_read,
	.poll = shm_poll,
	.mmap = shm_mmap,
	.unlocked_ioctl = shm_ioctl,
	.llseek = noop_llseek,
};

/* ---- the PCI function --------------------------------------------- */

static u64 cfg_read64(struct pci_dev *p, int pos)
{
	u32 lo, hi;

	pci_read_config_dword(p, pos, &lo);
	pci_read_config_dword(p, pos + 4, &hi);
	return (u64)hi << 32 | lo;
}

/* The ivshmem vendor capability at *@p std, Bulkhead's with the link's
 * name at *@p named (0 if the function has none). */
static void find_caps(struct pci_dev *p, int *std, int *named)
{
	int pos = pci_find_capability(p, PCI_CAP_ID_VNDR);
	u8 tag;

	*std = *named = 0;
	for (; pos; pos = pci_find_next_capability(p, pos, PCI_CAP_ID_VNDR)) {
		pci_read_config_byte(p, pos + CAP_NAME_TAG, &tag);
		if (tag == 'B' && !*named)
			*named = pos;
		else if (!*std)
			*std = pos;
	}
}

static int shm_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct shm *s;
	int err, cap, named, v, n;
	u32 w;

	s = devm_kzalloc(&pdev->dev, sizeof(*s), GFP_KERNEL);
	if (!s)
		return -ENOMEM;
	s->pdev = pdev;
	init_waitqueue_head(&s->wait);
	err = pcim_enable_device(pdev);
	if (err)
		return err;
	err = pcim_iomap_regions(pdev, BIT(0), "bulkhead-shm");
	if (err)
		return err;
	s->regs = pcim_iomap_table(pdev)[0];
	find_caps(pdev, &cap, &named);
	if (!cap) {
		dev_err(&pdev->dev, "no ivshmem vendor capability\n");
		return -ENODEV;
	}
	pci_read_config_dword(pdev, cap + CAP_STATE_SIZE, &w);
	s->state_size = w;
	s->rw_size = cfg_read64(pdev, cap + CAP_RW_SIZE);
	s->out_size = cfg_read64(pdev, cap + CAP_OUT_SIZE);
	s->phys = cfg_read64(pdev, cap + CAP_ADDRESS);
	s->id = ioread32(s->regs + REG_ID);
	s->peers = ioread32(s->regs + REG_MAX_PEERS);
	s->protocol = pdev->class & 0xffff;
	for (n = 0; named && n < BH_SHM_NAME_LEN - 1; n += 4) {
		pci_read_config_dword(pdev, named + CAP_NAME + n, &w);
		memcpy(s->name + n, &w, min(4, BH_SHM_NAME_LEN - 1 - n));
	}
	if (!s->peers || s->peers > MAX_PEERS || s->id >= s->peers) {
		dev_err(&pdev->dev, "ID %u of %u peers: not a link\n", s->id,
			s->peers);
		return -ENODEV;
	}
	s->size = s->state_size + s->rw_size + s->peers * s->out_size;
	s->mem = devm_memremap(&pdev->dev, s->phys, s->size, MEMREMAP_WB);
	if (IS_ERR(s->mem))
		return PTR_ERR(s->mem);
	pci_set_master(pdev);
	n = pci_msix_vec_count(pdev);
	if (n <= 0 || n > MAX_VECTORS) {
		dev_err(&pdev->dev, "%d MSI-X vectors\n", n);
		return -ENODEV;
	}
	err = pci_alloc_irq_vectors(pdev, n, n, PCI_IRQ_MSIX);
	if (err < 0)
		return err;
	s->vectors = n;
	for (v = 0; v < n; v++) {
		err = devm_request_irq(&pdev->dev, pci_irq_vector(pdev, v),
				       shm_interrupt, 0, "bulkhead-shm", s);
		if (err)
			goto free_vectors;
	}
	s->index = ida_alloc(&shm_ida, GFP_KERNEL);
	if (s->index < 0) {
		err = s->index;
		goto free_irqs;
	}
	snprintf(s->dev_name, sizeof(s->dev_name), BH_SHM_DEVICE_PREFIX "%d",
		 s->index);
	s->misc = (struct miscdevice){
		.minor = MISC_DYNAMIC_MINOR,
		.name = s->dev_name,
		.fops = &shm_fops,
		.mode = 0600,
	};
	err = misc_register(&s->misc);
	if (err)
		goto free_id;
	pci_set_drvdata(pdev, s);
	iowrite32(1, s->regs + REG_INT_CTRL);
	iowrite32(STATE_UP, s->regs + REG_STATE);
	dev_info(&pdev->dev, "link \"%s\": peer %u of %u, /dev/%s, %u "
		 "vectors, memory at 0x%llx (state 0x%llx, read/write 0x%llx, "
		 "output 0x%llx bytes)\n", s->name, s->id, s->peers,
		 s->dev_name, s->vectors, (unsigned long long)s->phys,
		 s->state_size, s->rw_size, s->out_size);
	return 0;
free_id:
	ida_free(&shm_ida, s->index);
free_irqs:
	v = n;
free_vectors:
	while (v-- > 0)
		devm_free_irq(&pdev->dev, pci_irq_vector(pdev, v), s);
	pci_free_irq_vectors(pdev);
	return err;
}

static void shm_remove(struct pci_dev *pdev)
{
	struct shm *s = pci_get_drvdata(pdev);
	int v;

	iowrite32(0, s->regs + REG_STATE);
	iowrite32(0, s->regs + REG_INT_CTRL);
	misc_deregister(&s->misc);
	ida_free(&shm_ida, s->index);
	for (v = 0; v < s->vectors; v++)
		devm_free_irq(&pdev->dev, pci_irq_vector(pdev, v), s);
	pci_free_irq_vectors(pdev);
}

static const struct pci_device_id shm_ids[] = {
	{ PCI_DEVICE(SHM_VENDOR, SHM_DEVICE) },
	{ }
};

static struct pci_driver shm_driver = {
	.name = "bulkhead-shm",
	.id_table = shm_ids,
	.probe = shm_probe,
	.remove = shm_remove,
};

int bh_shm_init(void)
{
	return pci_register_driver(&shm_driver);
}

void bh_shm_exit(void)
{
	pci_unregister_driver(&shm_driver);
}
