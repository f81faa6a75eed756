/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Documentation/hypervisor-interfaces.md against the ABI headers
 * (include/bulkhead/hypercall.h, comm_region.h): each documented
 * constant (a table row "| `NAME` | value |") has that value in the
 * headers, each constant the headers define is documented, and the
 * comm region's layout table gives each field's offset and size.
 */
#include <ctype.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <bulkhead/comm_region.h>
#include <bulkhead/hypercall.h>

#include "check.h"

#define DOC "Documentation/hypervisor-interfaces.md"

/* Every constant the guest interface has, as compiled. */
#define C(name) { #name, (long long)(name) }
static const struct {
	const char *name;
	long long value;
} abi[] = {
	C(HC_DISABLE), C(HC_CELL_CREATE), C(HC_CELL_START),
	C(HC_CELL_SET_LOADABLE), C(HC_CELL_DESTROY),
	C(HC_HYPERVISOR_GET_INFO), C(HC_CELL_GET_STATE), C(HC_CPU_GET_INFO),
	C(HC_DEBUG_CONSOLE_PUTC), C(HC_BH_FIRST), C(HC_BH_SYSTEM_SHUTDOWN),
	C(HC_BH_CELL_LOAD), C(HC_BH_OP_STATUS), C(HC_BH_CELL_GET_INFO),
	C(HC_BH_CONSOLE_READ), C(HC_BH_LAST), C(HC_BH_MSG_INTERRUPT),
	C(BH_NO_CELL), C(BH_LOAD_MAX),
	C(BH_CONSOLE_READ_MAX), C(BH_OP_DONE), C(BH_OP_DENIED),
	C(BH_OP_BLOCKED), C(BH_OP_TIMED_OUT), C(BH_OP_WITHDRAWN),
	C(BH_OP_STUCK), C(BH_OP_NOT_FORCEABLE), C(BH_OP_FORCE),
	C(BH_CELL_INFO_MANAGER), C(HC_EPERM), C(HC_ENOENT), C(HC_EIO),
	C(HC_EBUSY), C(HC_EINVAL), C(HC_ENOSYS), C(HC_EINPROGRESS),
	C(HC_ECANCELED), C(HC_CPU_INFO_STATE), C(HC_CPU_INFO_STAT_BASE),
	C(CPU_RUNNING), C(CPU_FAILED), C(CPU_STAT_VMEXITS_TOTAL),
	C(CPU_STAT_VMEXITS_MMIO), C(CPU_STAT_VMEXITS_MANAGEMENT),
	C(CPU_STAT_VMEXITS_HYPERCALL), C(CPU_STAT_VMEXITS_PIO),
	C(CPU_STAT_VMEXITS_XAPIC), C(CPU_STAT_VMEXITS_CR),
	C(CPU_STAT_VMEXITS_CPUID), C(CPU_STAT_VMEXITS_XSETBV),
	C(CPU_STAT_VMEXITS_EXCEPTION), C(CPU_STAT_VMEXITS_MSR_OTHER),
	C(CPU_STAT_VMEXITS_MSR_X2APIC_ICR), C(CPU_NUM_STATS),
	C(HC_INFO_MEM_POOL_SIZE), C(HC_INFO_MEM_POOL_USED),
	C(HC_INFO_REMAP_POOL_SIZE), C(HC_INFO_REMAP_POOL_USED),
	C(HC_INFO_NUM_CELLS), C(HC_CPUID_SIGNATURE), C(HC_CPUID_FEATURES),
	C(COMM_REGION_ABI_REVISION), C(CELL_RUNNING), C(CELL_RUNNING_LOCKED),
	C(CELL_SHUT_DOWN), C(CELL_FAILED), C(CELL_FAILED_COMM_REV),
	C(MSG_NONE), C(MSG_SHUTDOWN_REQUEST), C(MSG_RECONFIG_COMPLETED),
	C(MSG_UNKNOWN), C(MSG_REQUEST_DENIED), C(MSG_REQUEST_APPROVED),
	C(MSG_RECEIVED), C(COMM_FLAG_DBG_PUTC_PERMITTED),
	C(COMM_FLAG_DBG_PUTC_ACTIVE), C(COMM_FLAG_BH_MANAGER),
	C(BH_TEST_DEVICE_OFFSET),
};

/* The comm region's fields, as compiled. */
#define F(field) { #field, offsetof(struct comm_region, field),	\
		   sizeof(((struct comm_region *)0)->field) }
static const struct {
	const char *name;
	size_t offset, size;
} fields[] = {
	F(signature), F(revision), F(cell_state), F(msg_to_cell),
	F(reply_from_cell), F(flags), F(console), F(pci_mmconfig_base),
	F(pm_timer_address), F(num_cpus), F(tsc_khz), F(apic_khz),
};

#define MAX_ROWS 256

/* What the document says. */
struct row {
	char name[64];
	long long value;	/* a constant's value, or a field's offset */
	long long size;		/* a field's size; -1 for a constant */
};
static struct row rows[MAX_ROWS];
static unsigned int num_rows;

/* The cells of table row @p line (text between '|'), trimmed. */
static unsigned int cells_of(char *line, char *cell[], unsigned int max)
{
	unsigned int n = 0;
	char *p = line, *bar;

	if (*p++ != '|')
		return 0;
	while (n < max && (bar = strchr(p, '|'))) {
		char *end = bar;

		*bar = '\0';
		while (*p == ' ')
			p++;
		while (end > p && end[-1] == ' ')
			*--end = '\0';
		cell[n++] = p;
		p = bar + 1;
	}
	return n;
}

/* @p s is `NAME`: its NAME into @p out. */
static bool quoted(const char *s, char *out, size_t len)
{
	size_t n = strlen(s);

	if (n < 3 || s[0] != '`' || s[n - 1] != '`' || n - 2 >= len)
		return false;
	memcpy(out, s + 1, n - 2);
	out[n - 2] = '\0';
	return true;
}

/* @p s is a whole number (decimal or 0x hex) into @p v. */
static bool number(const char *s, long long *v)
{
	char *end;

	if (!isdigit((unsigned char)s[0]))
		return false;
	*v = strtoll(s, &end, 0);
	return *end == '\0';
}

static void read_doc(void)
{
	static char line[4096];
	FILE *f = fopen(DOC, "r");
	char *cell[8], name[64];

	check("doc-readable", f != NULL, DOC);
	if (!f)
		return;
	while (fgets(line, sizeof(line), f) && num_rows < MAX_ROWS) {
		struct row *r = &rows[num_rows];
		unsigned int n;

		line[strcspn(line, "\n")] = '\0';
		n = cells_of(line, cell, 8);
		if (n >= 2 && quoted(cell[0], name, sizeof(name)) &&
		    number(cell[1], &r->value)) {
			strcpy(r->name, name);
			r->size = -1;
			num_rows++;
		} else if (n >= 3 && number(cell[0], &r->value) &&
			   quoted(cell[1], name, sizeof(name)) &&
			   number(cell[2], &r->size)) {
			strcpy(r->name, name);
			num_rows++;
		}
	}
	fclose(f);
}

static const struct row *doc_row(const char *name, bool field)
{
	unsigned int i;

	for (i = 0; i < num_rows; i++)
		if (!strcmp(rows[i].name, name) && (rows[i].size >= 0) == field)
			return &rows[i];
	return NULL;
}

/* Each documented constant has its value; each compiled one is there. */
static void test_constants(void)
{
	char name[96];
	unsigned int i, j;

	for (i = 0; i < BH_ARRAY_SIZE(abi); i++) {
		const struct row *r = doc_row(abi[i].name, false);

		snprintf(name, sizeof(name), "constant/%s", abi[i].name);
		checkf(name, r && r->value == abi[i].value,
		       "the header says %lld, the document %s%lld",
		       abi[i].value, r ? "" : "nothing: ",
		       r ? r->value : 0LL);
	}
	for (i = 0; i < num_rows; i++) {
		if (rows[i].size >= 0)
			continue;
		for (j = 0; j < BH_ARRAY_SIZE(abi); j++)
			if (!strcmp(rows[i].name, abi[j].name))
				break;
		snprintf(name, sizeof(name), "documented/%s", rows[i].name);
		check(name, j < BH_ARRAY_SIZE(abi),
		      "documented, but no constant of the ABI headers");
	}
}

static void test_layout(void)
{
	char name[96];
	unsigned int i;

	for (i = 0; i < BH_ARRAY_SIZE(fields); i++) {
		const struct row *r = doc_row(fields[i].name, true);

		snprintf(name, sizeof(name), "comm-region/%s", fields[i].name);
		checkf(name, r && r->value == (long long)fields[i].offset &&
		       r->size == (long long)fields[i].size,
		       "compiled at offset %zu, %zu bytes; the document %s "
		       "%lld, %lld", fields[i].offset, fields[i].size,
		       r ? "says" : "has nothing:", r ? r->value : -1LL,
		       r ? r->size : -1LL);
	}
}

/* Every #define of the ABI headers (but include guards and strings) is
 * in the compiled list, so none can be left out of the document. */
static void test_headers_complete(void)
{
	static const char *const headers[] = {
		"include/bulkhead/hypercall.h",
		"include/bulkhead/comm_region.h",
	};
	static char line[1024];
	char name[96], def[64];
	unsigned int h, j;

	for (h = 0; h < BH_ARRAY_SIZE(headers); h++) {
		FILE *f = fopen(headers[h], "r");

		check("header-readable", f != NULL, headers[h]);
		if (!f)
			continue;
		while (fgets(line, sizeof(line), f)) {
			if (sscanf(line, "#define %63[A-Za-z0-9_]", def) != 1 ||
			    !strncmp(def, "BULKHEAD_", 9) ||
			    strchr(line, '"'))
				continue;
			for (j = 0; j < BH_ARRAY_SIZE(abi); j++)
				if (!strcmp(def, abi[j].name))
					break;
			snprintf(name, sizeof(name), "listed/%s", def);
			check(name, j < BH_ARRAY_SIZE(abi),
			      "a constant of the ABI headers that the test "
			      "(and so the document) does not list");
		}
		fclose(f);
	}
}

int main(void)
{
	sanitizers_init();
	read_doc();
	RUN(test_constants);
	RUN(test_layout);
	RUN(test_headers_complete);
	return failures ? 1 : 0;
}
