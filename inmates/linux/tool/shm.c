/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * bulkhead shm: the cell's shared-memory links (Documentation/
 * shared-memory.md), through the driver's /dev/bulkhead-shmN
 * (../bulkhead_ioctl.h).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "bulkhead_ioctl.h"
#include "tool.h"

#define MAX_LINKS	64

/* The cell's link devices, by number. */
static int links(int *nums)
{
	DIR *d = opendir("/dev");
	const size_t pre = strlen(BH_SHM_DEVICE_PREFIX);
	struct dirent *e;
	int n = 0, i, j;

	if (!d)
		return 0;
	while ((e = readdir(d)) && n < MAX_LINKS)
		if (!strncmp(e->d_name, BH_SHM_DEVICE_PREFIX, pre) &&
		    e->d_name[pre] >= '0' && e->d_name[pre] <= '9')
			nums[n++] = atoi(e->d_name + pre);
	closedir(d);
	for (i = 1; i < n; i++)		/* by number: few */
		for (j = i; j > 0 && nums[j] < nums[j - 1]; j--) {
			int t = nums[j];

			nums[j] = nums[j - 1];
			nums[j - 1] = t;
		}
	return n;
}

/* Open link device number @p num and read what it says. @return the
 * file, or -1 after saying why (*@p code: the exit code). */
static int open_num(int num, struct bh_ioc_shm_info *info, int *code)
{
	char path[64];
	int fd;

	snprintf(path, sizeof(path), "/dev/%s%d", BH_SHM_DEVICE_PREFIX, num);
	fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		*code = fail(errno == EACCES || errno == EPERM ?
			     EXIT_NOT_PERMITTED : EXIT_FAILURE_HV, "%s: %s",
			     path, strerror(errno));
		return -1;
	}
	if (ioctl(fd, BH_IOC_SHM_INFO, info)) {
		*code = fail(errno == EPERM ? EXIT_NOT_PERMITTED :
			     EXIT_FAILURE_HV, "%s: %s", path,
			     strerror(errno));
		close(fd);
		return -1;
	}
	info->name[sizeof(info->name) - 1] = '\0';
	return fd;
}

/* The link named (or numbered) @p name. */
static int open_link(const char *name, struct bh_ioc_shm_info *info,
		     int *code)
{
	int nums[MAX_LINKS], n = links(nums), i;
	char *end;
	long k = strtol(name, &end, 10);

	for (i = 0; i < n; i++) {
		int fd = open_num(nums[i], info, code);

		if (fd < 0)
			return -1;
		if (!strcmp(info->name, name) || (!*end && k == nums[i]))
			return fd;
		close(fd);
	}
	*code = fail(EXIT_NO_CELL, "no link \"%s\" in this cell%s", name,
		     n ? "" : " (it has none, or bulkhead.ko is not loaded)");
	return -1;
}

static int cmd_list(void)
{
	int nums[MAX_LINKS], n = links(nums), i, code = 0;
	struct bh_ioc_shm_info info;
	unsigned int k;

	if (!n)
		printf("no shared-memory links (or bulkhead.ko is not "
		       "loaded)\n");
	for (i = 0; i < n; i++) {
		unsigned long long irqs = 0;
		int fd = open_num(nums[i], &info, &code);

		if (fd < 0)
			return code;
		for (k = 0; k < 16; k++)
			irqs += info.interrupts[k];
		printf("%d %s: peer %u of %u, protocol 0x%04x, %u vector(s), "
		       "%llu interrupt(s); state table 0x%llx, read/write "
		       "0x%llx, output 0x%llx bytes; states:", nums[i],
		       info.name, info.id, info.peers, info.protocol,
		       info.vectors, irqs,
		       (unsigned long long)info.state_size,
		       (unsigned long long)info.rw_size,
		       (unsigned long long)info.output_size);
		for (k = 0; k < info.peers && k < 16; k++)
			printf(" %u=%u", k, info.states[k]);
		printf("\n");
		close(fd);
	}
	return 0;
}

/* Section @p what ("rw", "state" or a peer's number: its output) of the
 * link: its offset and size. @return 0, or an exit code. */
static int section(const struct bh_ioc_shm_info *i, const char *what,
		   __u64 *off, __u64 *size)
{
	char *end;
	unsigned long peer;

	if (!strcmp(what, "state")) {
		*off = 0;
		*size = i->state_size;
		return 0;
	}
	if (!strcmp(what, "rw")) {
		*off = i->state_size;
		*size = i->rw_size;
		return 0;
	}
	peer = strtoul(what, &end, 0);
	if (*end || !*what || peer >= i->peers)
		return fail(EXIT_USAGE, "section \"%s\": rw, state or a peer "
			    "(0..%u)", what, i->peers - 1);
	*off = i->state_size + i->rw_size + peer * i->output_size;
	*size = i->output_size;
	return 0;
}

static void hexdump(const unsigned char *p, __u64 size)
{
	__u64 last = size, a;
	unsigned int k;

	while (last && !p[last - 1])
		last--;
	for (a = 0; a < last; a += 16) {
		printf("%08llx ", (unsigned long long)a);
		for (k = 0; k < 16; k++)
			printf(a + k < size ? " %02x" : "   ", p[a + k]);
		printf("  ");
		for (k = 0; k < 16 && a + k < size; k++)
			putchar(p[a + k] >= 0x20 && p[a + k] < 0x7f ?
				p[a + k] : '.');
		printf("\n");
	}
	printf("(0x%llx bytes, zero from 0x%llx)\n", (unsigned long long)size,
	       (unsigned long long)((last + 15) & ~15ULL));
}

/* dump or cat (@p text) section @p what, or write @p put into it (the
 * driver maps only what this peer may write writable). */
static int cmd_data(const char *link, const char *what, int text,
		    const char *put)
{
	struct bh_ioc_shm_info info;
	int code = 0, fd = open_link(link, &info, &code);
	__u64 off = 0, size = 0, page = (__u64)sysconf(_SC_PAGESIZE), start;
	unsigned char *map;

	if (fd < 0)
		return code;
	code = section(&info, what, &off, &size);
	if (code || !size) {
		close(fd);
		return code ? code : fail(EXIT_USAGE, "section \"%s\" of link "
					  "\"%s\" is empty", what, info.name);
	}
	if (put && strlen(put) + 1 > size) {
		close(fd);
		return fail(EXIT_FILE, "%zu bytes do not fit in section %s of "
			    "link \"%s\" (0x%llx bytes)", strlen(put) + 1,
			    what, info.name, (unsigned long long)size);
	}
	start = off & ~(page - 1);
	map = mmap(NULL, off + size - start, put ? PROT_READ | PROT_WRITE :
		   PROT_READ, MAP_SHARED, fd, (off_t)start);
	if (map == MAP_FAILED) {
		code = errno == EACCES ?
		       fail(EXIT_NOT_PERMITTED, "link \"%s\": section %s is "
			    "not this peer's to write", info.name, what) :
		       fail(EXIT_FAILURE_HV, "link \"%s\": mmap: %s",
			    info.name, strerror(errno));
		close(fd);
		return code;
	}
	if (put)
		memcpy(map + (off - start), put, strlen(put) + 1);
	else if (text)
		printf("%.*s\n", (int)strnlen((char *)map + (off - start),
					     size), map + (off - start));
	else
		hexdump(map + (off - start), size);
	munmap(map, off + size - start);
	close(fd);
	return 0;
}

/* Wait on @p fd (link @p name) up to @p secs seconds (NULL: for ever)
 * for an interrupt the file has not seen. @return an exit code. */
static int wait_fd(int fd, const char *name, const char *secs)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	int r = poll(&p, 1, secs ? atoi(secs) * 1000 : -1);
	__u64 count;

	if (r > 0 && read(fd, &count, sizeof(count)) == sizeof(count)) {
		printf("link \"%s\": interrupt (%llu so far)\n", name,
		       (unsigned long long)count);
		return 0;
	}
	if (r == 0)
		return fail(EXIT_TIMED_OUT, "link \"%s\": no interrupt in %s s",
			    name, secs);
	return fail(interrupted ? EXIT_INTERRUPTED : EXIT_FAILURE_HV,
		    "link \"%s\": wait: %s", name, strerror(errno));
}

/* Ring, and with @p wait (seconds) wait for the next interrupt: the file
 * is open before the ring, so that an answer cannot come unseen. */
static int cmd_ring(const char *link, const char *peer, const char *vec,
		    const char *wait)
{
	struct bh_ioc_shm_info info;
	int code = 0, fd = open_link(link, &info, &code);
	struct bh_ioc_shm_ring r;
	char *e1, *e2 = "";

	if (fd < 0)
		return code;
	r.peer = (__u32)strtoul(peer, &e1, 0);
	r.vector = vec ? (__u32)strtoul(vec, &e2, 0) : 0;
	if (*e1 || *e2 || !*peer || r.peer >= info.peers ||
	    r.vector >= info.vectors) {
		close(fd);
		return fail(EXIT_USAGE, "link \"%s\": peer %s, vector %s: it "
			    "has peers 0..%u and vectors 0..%u", info.name,
			    peer, vec ? vec : "0", info.peers - 1,
			    info.vectors - 1);
	}
	code = ioctl(fd, BH_IOC_SHM_RING, &r) ?
	       fail(EXIT_FAILURE_HV, "ring: %s", strerror(errno)) : 0;
	if (!code && wait)
		code = wait_fd(fd, info.name, wait);
	close(fd);
	return code;
}

static int cmd_state(const char *link, const char *value)
{
	struct bh_ioc_shm_info info;
	int code = 0, fd = open_link(link, &info, &code);
	char *end;
	__u32 v;

	if (fd < 0)
		return code;
	v = (__u32)strtoul(value, &end, 0);
	if (*end || !*value) {
		close(fd);
		return fail(EXIT_USAGE, "state \"%s\": a number", value);
	}
	code = ioctl(fd, BH_IOC_SHM_STATE, &v) ?
	       fail(EXIT_FAILURE_HV, "state: %s", strerror(errno)) : 0;
	close(fd);
	return code;
}

static int cmd_wait(const char *link, const char *secs)
{
	struct bh_ioc_shm_info info;
	int code = 0, fd = open_link(link, &info, &code);

	if (fd < 0)
		return code;
	code = wait_fd(fd, info.name, secs);
	close(fd);
	return code;
}

int cmd_shm(int argc, char **argv)
{
	if (!argc || (argc == 1 && !strcmp(argv[0], "list")))
		return cmd_list();
	if ((!strcmp(argv[0], "dump") || !strcmp(argv[0], "cat")) &&
	    (argc == 2 || argc == 3))
		return cmd_data(argv[1], argc == 3 ? argv[2] : "rw",
				!strcmp(argv[0], "cat"), NULL);
	if (!strcmp(argv[0], "write") && (argc == 3 || argc == 4))
		return cmd_data(argv[1], argc == 4 ? argv[3] : "rw", 0,
				argv[2]);
	if (!strcmp(argv[0], "ring") && argc >= 5 &&
	    !strcmp(argv[argc - 2], "--wait") && argc <= 6)
		return cmd_ring(argv[1], argv[2], argc == 6 ? argv[3] : NULL,
				argv[argc - 1]);
	if (!strcmp(argv[0], "ring") && (argc == 3 || argc == 4))
		return cmd_ring(argv[1], argv[2], argc == 4 ? argv[3] : NULL,
				NULL);
	if (!strcmp(argv[0], "state") && argc == 3)
		return cmd_state(argv[1], argv[2]);
	if (!strcmp(argv[0], "wait") && (argc == 2 || argc == 3))
		return cmd_wait(argv[1], argc == 3 ? argv[2] : NULL);
	usage(stderr);
	return EXIT_USAGE;
}
