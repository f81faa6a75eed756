/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * bulkhead: manage a Bulkhead system from its managing Linux cell, through
 * the driver's /dev/bulkhead (../bulkhead_ioctl.h). Verbs, messages and
 * exit codes: usage() below and Documentation/management.md.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <bulkhead/comm_region.h>
#include "bulkhead_ioctl.h"
#include "tool.h"

const char *prog = "bulkhead";
static int dev = -1;
volatile sig_atomic_t interrupted;

void usage(FILE *f)
{
	fprintf(f,
"usage: bulkhead cell list\n"
"       bulkhead cell stats NAME [--watch]\n"
"       bulkhead cell stop [--force] NAME\n"
"       bulkhead cell start [--force] NAME\n"
"       bulkhead cell load NAME FILE [ADDRESS] [FILE [ADDRESS]]...\n"
"       bulkhead console [-f]\n"
"       bulkhead lock | unlock\n"
"       bulkhead shutdown\n"
"       bulkhead shm [list]\n"
"       bulkhead shm dump|cat LINK [rw|state|PEER]\n"
"       bulkhead shm write LINK TEXT [rw|PEER]\n"
"       bulkhead shm ring LINK PEER [VECTOR] [--wait SECONDS]\n"
"       bulkhead shm state LINK VALUE\n"
"       bulkhead shm wait LINK [SECONDS]\n"
"NAME is a cell's name or id. A stop, start or shutdown waits for the\n"
"cells' votes; Ctrl-C withdraws it while they vote (nothing changes).\n"
"--force does not ask the cell itself (other cells' locks still hold),\n"
"unless its config forbids that (BH_CELL_NO_FORCE).\n"
"shm: the cell's shared-memory links (LINK: name or number); dump shows\n"
"a section in hex, cat as text; write puts TEXT into one this peer may\n"
"write (the read/write section, its own output); wait (and ring --wait) returns at the link's next interrupt\n"
"(exit 6: none came in time).\n"
"A load needs a stopped cell (ADDRESS: guest-physical in it, default 0);\n"
"the next start runs what was loaded instead of the image's contents.\n"
"Exit codes: 0 done, 1 denied or blocked by a cell, 2 usage, 3 no such\n"
"cell, 4 not permitted, 5 wrong state (not stopped, busy), 6 done but a\n"
"cell did not answer and was declared FAILED, 7 file (unreadable, does\n"
"not fit, address not loadable), 8 interrupted (withdrawn), 9 driver or\n"
"hypervisor failure.\n");
}

int fail(int code, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return code;
}

static void on_signal(int sig)
{
	(void)sig;
	interrupted = 1;
}

/* Open the driver; @return 0 or an exit code after saying why. */
static int open_device(void)
{
	dev = open("/dev/" BH_DEVICE_NAME, O_RDWR | O_CLOEXEC);
	if (dev >= 0)
		return 0;
	if (errno == EACCES || errno == EPERM)
		return fail(EXIT_NOT_PERMITTED, "not permitted: /dev/%s is "
			    "root's (run as root)", BH_DEVICE_NAME);
	if (errno == ENOENT || errno == ENXIO || errno == ENODEV)
		return fail(EXIT_FAILURE_HV, "no driver: /dev/%s is missing "
			    "(insmod bulkhead.ko)", BH_DEVICE_NAME);
	return fail(EXIT_FAILURE_HV, "/dev/%s: %s", BH_DEVICE_NAME,
		    strerror(errno));
}

/* An ioctl's errno as an exit code, after saying why. */
static int ioctl_failed(const char *what)
{
	if (errno == EPERM)
		return fail(EXIT_NOT_PERMITTED, "%s: not permitted (%s)", what,
			    geteuid() ? "run as root" :
			    "this cell does not manage the system");
	return fail(EXIT_FAILURE_HV, "%s: %s", what, strerror(errno));
}

static const char *state_name(__u32 s)
{
	switch (s) {
	case CELL_RUNNING:
		return "running";
	case CELL_RUNNING_LOCKED:
		return "running/locked";
	case CELL_SHUT_DOWN:
		return "shut down";
	case CELL_FAILED:
		return "FAILED";
	default:
		return "?";
	}
}

static int num_cells(long *n)
{
	struct bh_ioc_value v = { .arg1 = HC_INFO_NUM_CELLS };

	if (ioctl(dev, BH_IOC_HV_INFO, &v))
		return ioctl_failed("number of cells");
	*n = v.value;
	return 0;
}

static int cell_info(__u32 id, struct bh_cell_info *info)
{
	struct bh_ioc_cell c = { .id = id };

	if (ioctl(dev, BH_IOC_CELL_INFO, &c))
		return errno == ENOENT ? -1 : ioctl_failed("cell info");
	*info = c.info;
	return 0;
}

/* Cell @p name (or id) into @p id and @p info; @return 0 or an exit code. */
static int find_cell(const char *name, __u32 *id, struct bh_cell_info *info)
{
	char *end;
	unsigned long num = strtoul(name, &end, 10);
	long n, i;
	int err = num_cells(&n);

	if (err)
		return err;
	for (i = 0; i < n; i++) {
		err = cell_info((__u32)i, info);
		if (err > 0)
			return err;
		if (!err && !strcmp(info->name, name)) {
			*id = (__u32)i;
			return 0;
		}
	}
	if (*name && !*end && num < (unsigned long)n &&
	    !cell_info((__u32)num, info)) {
		*id = (__u32)num;
		return 0;
	}
	return fail(EXIT_NO_CELL, "no such cell: \"%s\"", name);
}

static void cpu_list(char *buf, size_t size, __u64 cpus)
{
	size_t len = 0;
	int cpu;

	buf[0] = '\0';
	for (cpu = 0; cpu < 64; cpu++)
		if (cpus & (1ULL << cpu))
			len += (size_t)snprintf(buf + len, size - len, "%s%d",
						len ? "," : "", cpu);
	if (!len)
		snprintf(buf, size, "-");
}

static int cmd_list(void)
{
	struct bh_cell_info info;
	char cpus[200], failed[200];
	long n, i;
	int err = num_cells(&n);

	if (err)
		return err;
	printf("%-3s %-24s %-15s %-12s %-12s %s\n", "ID", "NAME", "STATE",
	       "CPUS", "FAILED CPUS", "NOTES");
	for (i = 0; i < n; i++) {
		err = cell_info((__u32)i, &info);
		if (err)
			return err > 0 ? err : EXIT_FAILURE_HV;
		cpu_list(cpus, sizeof(cpus), info.cpus);
		cpu_list(failed, sizeof(failed), info.failed_cpus);
		printf("%-3ld %-24s %-15s %-12s %-12s %s%s%s\n", i, info.name,
		       state_name(info.state), cpus, failed,
		       info.info & BH_CELL_INFO_MANAGER ? "manager " : "",
		       info.flags & BH_CELL_PASSIVE_COMMREG ? "passive " : "",
		       info.starts > 1 ? "restarted" : "");
	}
	return EXIT_DONE;
}

static const char *const stat_names[CPU_NUM_STATS] = {
	"total", "mmio", "management", "hypercall", "pio", "xapic", "cr",
	"cpuid", "xsetbv", "exception", "msr_other", "msr_x2apic_icr",
};

static int print_stats(__u32 id, const struct bh_cell_info *info)
{
	int cpu, s;

	printf("cell %u \"%s\" (%s): VM exits by reason\n%-16s", id,
	       info->name, state_name(info->state), "REASON");
	for (cpu = 0; cpu < 64; cpu++)
		if (info->cpus & (1ULL << cpu))
			printf(" %10s%-2d", "CPU", cpu);
	printf(" %12s\n", "ALL CPUS");
	for (s = 0; s < CPU_NUM_STATS; s++) {
		long long sum = 0;

		printf("%-16s", stat_names[s]);
		for (cpu = 0; cpu < 64; cpu++) {
			struct bh_ioc_value v = {
				.arg1 = (__u64)cpu,
				.arg2 = HC_CPU_INFO_STAT_BASE + (__u64)s,
			};

			if (!(info->cpus & (1ULL << cpu)))
				continue;
			if (ioctl(dev, BH_IOC_CPU_INFO, &v))
				return ioctl_failed("statistics");
			if (v.value < 0)
				return fail(EXIT_FAILURE_HV, "statistics of CPU "
					    "%d: error %lld", cpu,
					    (long long)v.value);
			printf(" %12lld", (long long)v.value);
			sum += v.value;
		}
		printf(" %12lld\n", sum);
	}
	printf("DMA faults of its devices in this run (IOMMU): %llu\n",
	       (unsigned long long)info->dma_faults);
	return EXIT_DONE;
}

static int cmd_stats(const char *name, int watch)
{
	struct bh_cell_info info;
	__u32 id;
	int err = find_cell(name, &id, &info);

	if (err)
		return err;
	for (;;) {
		err = print_stats(id, &info);
		if (err || !watch)
			return err;
		fflush(stdout);
		sleep(1);
		if (interrupted)
			return EXIT_DONE;
		printf("\n");
		if (cell_info(id, &info))
			return EXIT_FAILURE_HV;
	}
}

static const char *op_verb(__u32 code)
{
	switch (code) {
	case HC_CELL_START:
		return "start";
	case HC_CELL_DESTROY:
		return "stop";
	case HC_CELL_SET_LOADABLE:
		return "load";
	default:
		return "shutdown";
	}
}

static const char *name_of(__u32 id, char *buf, size_t size)
{
	struct bh_cell_info info;

	if (id == BH_NO_CELL || cell_info(id, &info))
		snprintf(buf, size, "cell %u", id);
	else
		snprintf(buf, size, "cell \"%s\"", info.name);
	return buf;
}

/* What an operation's end means; @return the exit code. */
static int op_outcome(const struct bh_ioc_op *o, const char *what)
{
	const struct bh_op_status *st = &o->status;
	char cell[64];

	if (o->result == -HC_ECANCELED)
		return fail(EXIT_INTERRUPTED, "%s: interrupted: the request was "
			    "withdrawn, nothing changed", what);
	if (o->result == -HC_EPERM && st->reason == BH_OP_DENIED)
		return fail(EXIT_REFUSED, "%s: denied by %s", what,
			    name_of(st->cell, cell, sizeof(cell)));
	if (o->result == -HC_EPERM && st->reason == BH_OP_NOT_FORCEABLE)
		return fail(EXIT_NOT_PERMITTED, "%s: refused: the config of %s "
			    "allows no forced operation (BH_CELL_NO_FORCE); "
			    "nothing changed", what,
			    name_of(st->cell, cell, sizeof(cell)));
	if (o->result == -HC_EPERM && st->reason == BH_OP_BLOCKED)
		return fail(EXIT_REFUSED, "%s: blocked by %s, which is locked "
			    "(RUNNING_LOCKED)", what,
			    name_of(st->cell, cell, sizeof(cell)));
	if (o->result == -HC_EBUSY)
		return fail(EXIT_STATE, "%s: another operation is in progress",
			    what);
	if (o->result == -HC_EINVAL)
		return fail(EXIT_STATE, "%s: refused by the hypervisor (the "
			    "managing cell cannot do this to itself)", what);
	if (o->result == -HC_ENOENT)
		return fail(EXIT_NO_CELL, "%s: no such cell", what);
	if (o->result == -HC_EIO && st->reason == BH_OP_STUCK)
		return fail(EXIT_FAILURE_HV, "%s: not done within the "
			    "hypervisor's time: %s's CPUs are not where its "
			    "state says (see `bulkhead cell list`)", what,
			    name_of(st->cell, cell, sizeof(cell)));
	if (o->result)
		return fail(EXIT_FAILURE_HV, "%s: failed (error %d)", what,
			    -o->result);
	if (st->reason == BH_OP_TIMED_OUT)
		return fail(EXIT_TIMED_OUT, "%s: done, but %s did not answer in "
			    "time and was declared FAILED", what,
			    name_of(st->cell, cell, sizeof(cell)));
	return EXIT_DONE;
}

static int run_op(__u32 code, __u32 id, __u32 flags, const char *what)
{
	struct bh_ioc_op o = { .code = code, .id = id, .flags = flags };

	if (ioctl(dev, BH_IOC_OP, &o))
		return ioctl_failed(what);
	return op_outcome(&o, what);
}

static int cmd_cell_op(__u32 code, const char *name, __u32 flags)
{
	struct bh_cell_info info;
	char what[96];
	__u32 id;
	int err = find_cell(name, &id, &info);

	if (err)
		return err;
	snprintf(what, sizeof(what), "cell %s%s \"%s\"", op_verb(code),
		 flags & BH_OP_FORCE ? " --force" : "", info.name);
	err = run_op(code, id, flags, what);
	if (err == EXIT_DONE || err == EXIT_TIMED_OUT)
		printf("%s: cell \"%s\" %s\n", prog, info.name,
		       code == HC_CELL_START ? "started" : "stopped");
	return err;
}

static int read_file(const char *path, void **buf, size_t *size)
{
	FILE *f = fopen(path, "rb");
	struct stat st;

	if (!f)
		return fail(EXIT_FILE, "%s: %s", path, strerror(errno));
	if (fstat(fileno(f), &st) || !S_ISREG(st.st_mode) || !st.st_size) {
		fclose(f);
		return fail(EXIT_FILE, "%s: not a regular file with contents",
			    path);
	}
	*size = (size_t)st.st_size;
	*buf = malloc(*size);
	if (!*buf || fread(*buf, 1, *size, f) != *size) {
		fclose(f);
		return fail(EXIT_FILE, "%s: cannot read it", path);
	}
	fclose(f);
	return 0;
}

/* One FILE [ADDRESS] of a load; @p more: not the first. */
static int load_one(const struct bh_cell_info *info, __u32 id,
		    const char *path, __u64 address, int more)
{
	struct bh_ioc_load l = { .id = id, .flags = more ? BH_LOAD_MORE : 0,
				 .address = address };
	char what[96];
	size_t size = 0;
	void *buf = NULL;
	int err = read_file(path, &buf, &size);

	if (err)
		return err;
	l.buffer = (__u64)(unsigned long)buf;
	l.size = size;
	snprintf(what, sizeof(what), "cell load \"%s\"", info->name);
	err = ioctl(dev, BH_IOC_LOAD, &l);
	free(buf);
	if (err) {
		if (errno == EFBIG)
			return fail(EXIT_FILE, "%s (%zu bytes) is larger than "
				    "cell \"%s\"'s loadable region at 0x%llx",
				    path, size, info->name,
				    (unsigned long long)address);
		if (errno == ENXIO)
			return fail(EXIT_FILE, "address 0x%llx is in no "
				    "loadable region of cell \"%s\"",
				    (unsigned long long)address, info->name);
		if (errno == EBUSY)
			return fail(EXIT_STATE, "cell \"%s\" is not stopped",
				    info->name);
		return ioctl_failed(what);
	}
	err = op_outcome(&l.op, what);
	if (!err)
		printf("%s: loaded %s (%zu bytes) into cell \"%s\" at "
		       "0x%llx\n", prog, path, size, info->name,
		       (unsigned long long)address);
	return err;
}

/* A number, all of @p s: an address. */
static int parse_address(const char *s, __u64 *a)
{
	char *end;

	errno = 0;
	*a = strtoull(s, &end, 0);
	return *s >= '0' && *s <= '9' && !*end && !errno;
}

/* bulkhead cell load NAME FILE [ADDRESS] [FILE [ADDRESS]]... */
static int cmd_load(const char *name, char **args, int n)
{
	struct bh_cell_info info;
	__u64 address;
	__u32 id;
	int i, files = 0, err = find_cell(name, &id, &info);

	if (err)
		return err;
	if (info.state == CELL_RUNNING || info.state == CELL_RUNNING_LOCKED)
		return fail(EXIT_STATE, "cell \"%s\" is not stopped: stop it "
			    "first (bulkhead cell stop %s)", info.name,
			    info.name);
	for (i = 0; i < n; i++) {
		address = 0;
		if (i + 1 < n && parse_address(args[i + 1], &address)) {
			err = load_one(&info, id, args[i], address, files++);
			i++;
		} else {
			err = load_one(&info, id, args[i], 0, files++);
		}
		if (err)
			return err;
	}
	printf("%s: \"bulkhead cell start %s\" runs what was loaded\n", prog,
	       info.name);
	return EXIT_DONE;
}

/* Only printable ASCII and line ends reach the terminal: the hypervisor
 * filters the cells' lines already, and this command does not trust the
 * driver or the ring to have done so (an escape sequence in the copy
 * could forge or erase lines on the operator's screen). */
static void put_text(char *buf, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (buf[i] != '\n')
			buf[i] = bh_console_char(buf[i]);
	fwrite(buf, 1, n, stdout);
}

static int cmd_console(int follow)
{
	static char buf[BH_CONSOLE_READ_MAX];
	struct bh_ioc_console c = { .buffer = (__u64)(unsigned long)buf,
				    .size = sizeof(buf) };
	__u64 from;

	for (;;) {
		from = c.position;
		if (ioctl(dev, BH_IOC_CONSOLE, &c))
			return ioctl_failed("console");
		if (c.position - c.copied > from && from)
			printf("\n[bulkhead: %llu bytes of console output "
			       "lost]\n", (unsigned long long)
			       (c.position - c.copied - from));
		put_text(buf, c.copied);
		if (c.position < c.end)
			continue;
		if (!follow || interrupted)
			return EXIT_DONE;
		fflush(stdout);
		usleep(200000);
		if (interrupted)
			return EXIT_DONE;
	}
}

static int cmd_lock(int on)
{
	if (ioctl(dev, BH_IOC_LOCK, on))
		return ioctl_failed(on ? "lock" : "unlock");
	printf("%s: this cell is %s\n", prog, on ? "locked: changes to other "
	       "cells and shutdown are refused until bulkhead unlock" :
	       "unlocked");
	return EXIT_DONE;
}

static int cmd_shutdown(void)
{
	int err;

	printf("%s: asking every cell to approve a system shutdown\n", prog);
	fflush(stdout);
	err = run_op(HC_BH_SYSTEM_SHUTDOWN, 0, 0, "shutdown");
	/* Approved, the machine is off before the answer comes back. */
	if (!err)
		return fail(EXIT_FAILURE_HV, "shutdown: approved, but the "
			    "machine is still on (ACPI S5 failed)");
	return err;
}

int main(int argc, char **argv)
{
	struct sigaction sa = { .sa_handler = on_signal };
	int err;

	/* No SA_RESTART: a waiting ioctl returns, having withdrawn. Set
	 * even where the signal was ignored (a background job). */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		usage(argc < 2 ? stderr : stdout);
		return argc < 2 ? EXIT_USAGE : EXIT_DONE;
	}
	if (!strcmp(argv[1], "cell") && argc >= 3 &&
	    !strcmp(argv[2], "list") && argc == 3) {
		err = open_device();
		return err ? err : cmd_list();
	}
	if (!strcmp(argv[1], "cell") && argc >= 4) {
		const char *verb = argv[2], *name = argv[3];

		if (!strcmp(verb, "stats") &&
		    (argc == 4 || (argc == 5 && !strcmp(argv[4], "--watch")))) {
			err = open_device();
			return err ? err : cmd_stats(name, argc == 5);
		}
		int force = argc == 5 && !strcmp(argv[3], "--force");

		if ((!strcmp(verb, "stop") || !strcmp(verb, "start")) &&
		    (argc == 4 || force)) {
			err = open_device();
			return err ? err : cmd_cell_op(strcmp(verb, "stop") ?
						       HC_CELL_START :
						       HC_CELL_DESTROY,
						       argv[argc - 1],
						       force ? BH_OP_FORCE : 0);
		}
		if (!strcmp(verb, "load") && argc >= 5 &&
		    !parse_address(argv[4], &(__u64){ 0 })) {
			err = open_device();
			return err ? err : cmd_load(name, argv + 4, argc - 4);
		}
	}
	if (!strcmp(argv[1], "console") &&
	    (argc == 2 || (argc == 3 && !strcmp(argv[2], "-f")))) {
		err = open_device();
		return err ? err : cmd_console(argc == 3);
	}
	if ((!strcmp(argv[1], "lock") || !strcmp(argv[1], "unlock")) &&
	    argc == 2) {
		err = open_device();
		return err ? err : cmd_lock(!strcmp(argv[1], "lock"));
	}
	if (!strcmp(argv[1], "shm"))
		return cmd_shm(argc - 2, argv + 2);
	if (!strcmp(argv[1], "shutdown") && argc == 2) {
		err = open_device();
		return err ? err : cmd_shutdown();
	}
	usage(stderr);
	return EXIT_USAGE;
}
