/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * Loader output: the UEFI console, and COM1 directly when the firmware's
 * console does not already reach a serial port, so that a message is seen
 * once on each.
 */
#include <efi.h>
#include <efilib.h>

#include <bulkhead/x86.h>

#include "loader.h"
#include "report.h"

#define COM1 0x3f8
#define LOG_PREFIX "bulkhead-loader: "

static bool raw_com1;

static void com1_putc(char c)
{
	unsigned int spin = 100000;

	while (!(inb(COM1 + 5) & 0x20) && --spin)
		;
	outb(COM1, (u8)c);
}

/* Does the ConOut variable's device path list include a UART node? */
static bool conout_has_uart(void)
{
	EFI_DEVICE_PATH *dp, *node;
	bool found = false;

	dp = LibGetVariable(L"ConOut", &EfiGlobalVariable);
	if (!dp)
		return false;
	for (node = dp; !IsDevicePathEndType(node) || !IsDevicePathEnd(node);
	     node = NextDevicePathNode(node)) {
		if (DevicePathType(node) == MESSAGING_DEVICE_PATH &&
		    DevicePathSubType(node) == MSG_UART_DP)
			found = true;
		if ((size_t)DevicePathNodeLength(node) < sizeof(EFI_DEVICE_PATH))
			break;	/* malformed: stop rather than loop */
	}
	FreePool(dp);
	return found;
}

static void com1_init(void)
{
	outb(COM1 + 1, 0x00);	/* no interrupts */
	outb(COM1 + 3, 0x80);	/* DLAB */
	outb(COM1 + 0, 0x01);	/* 115200 baud */
	outb(COM1 + 1, 0x00);
	outb(COM1 + 3, 0x03);	/* 8N1 */
	outb(COM1 + 2, 0x07);	/* FIFO on and cleared */
	outb(COM1 + 4, 0x03);
}

void ldr_console_init(void)
{
	raw_com1 = !conout_has_uart();
	if (raw_com1)
		com1_init();
}

void ldr_die_raw(const char *msg)
{
	const char *p;

	for (p = LOG_PREFIX "error: "; *p; p++)
		com1_putc(*p);
	for (p = msg; *p; p++)
		com1_putc(*p);
	for (p = "; halting\r\n"; *p; p++)
		com1_putc(*p);
	for (;;)
		asm volatile("cli; hlt");
}

void ldr_log(const char *fmt, ...)
{
	char line[BH_REPORT_LINE + sizeof(LOG_PREFIX)];
	CHAR16 wide[sizeof(line) + 2];
	unsigned int i, n;
	va_list ap;

	n = (unsigned int)bh_snprintf(line, sizeof(line), "%s", LOG_PREFIX);
	va_start(ap, fmt);
	bh_vsnprintf(line + n, sizeof(line) - n, fmt, ap);
	va_end(ap);
	for (i = 0; line[i]; i++)
		wide[i] = (CHAR16)(u8)line[i];
	wide[i++] = L'\r';
	wide[i++] = L'\n';
	wide[i] = 0;
	uefi_call_wrapper(ST->ConOut->OutputString, 2, ST->ConOut, wide);
	if (raw_com1) {
		for (i = 0; line[i]; i++)
			com1_putc(line[i]);
		com1_putc('\r');
		com1_putc('\n');
	}
}

const char *ldr_status_name(EFI_STATUS st)
{
	switch (st) {
	case EFI_SUCCESS:		return "success";
	case EFI_LOAD_ERROR:		return "EFI_LOAD_ERROR";
	case EFI_INVALID_PARAMETER:	return "EFI_INVALID_PARAMETER";
	case EFI_UNSUPPORTED:		return "EFI_UNSUPPORTED";
	case EFI_BUFFER_TOO_SMALL:	return "EFI_BUFFER_TOO_SMALL";
	case EFI_DEVICE_ERROR:		return "EFI_DEVICE_ERROR";
	case EFI_OUT_OF_RESOURCES:	return "EFI_OUT_OF_RESOURCES";
	case EFI_NOT_FOUND:		return "EFI_NOT_FOUND";
	case EFI_END_OF_FILE:		return "EFI_END_OF_FILE";
	case EFI_SECURITY_VIOLATION:	return "EFI_SECURITY_VIOLATION";
	default:			return "EFI error";
	}
}

const char *ldr_efi_mem_type_name(UINT32 type)
{
	static const char *const names[] = {
		"EfiReservedMemoryType", "EfiLoaderCode", "EfiLoaderData",
		"EfiBootServicesCode", "EfiBootServicesData",
		"EfiRuntimeServicesCode", "EfiRuntimeServicesData",
		"EfiConventionalMemory", "EfiUnusableMemory",
		"EfiACPIReclaimMemory", "EfiACPIMemoryNVS",
		"EfiMemoryMappedIO", "EfiMemoryMappedIOPortSpace",
		"EfiPalCode", "EfiPersistentMemory",
	};

	return type < BH_ARRAY_SIZE(names) ? names[type] : "an OEM/OS type";
}
