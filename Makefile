# SPDX-License-Identifier: BSD-2-Clause
#
# Bulkhead: build the loader, the hypervisor, the cell configs, the system
# image and the EFI system partition image; run it in QEMU; test it.
#
#   make          build build/esp.img, the demo system of cells/
#   make SYSTEM=DIR  build the system whose configs are in DIR (its
#                 system.c and one .c per cell) into build/NAME/esp.img,
#                 NAME the last part of DIR
#   make run      boot it in QEMU (hypervisor console on this terminal,
#                 the cells' COM2-COM4 in build/run-com2.log ... -com4.log)
#                 with the CPUs and memory the system needs
#   make console  the Linux cell's shell (COM2) of a running make run
#   make debug    the same, halted, waiting for gdb -x build/debug.gdb
#   make TRACE_ERROR=1  a hypervisor that prints each error return
#   make test     every test; the last line says "N passed, N failed"
#   make fuzz     each libFuzzer target for FUZZ_SECONDS (default 60)
#   make fuzz-seeds  regenerate the seed corpora in tests/fuzz/corpus/
#   make bench    benchmarks (Documentation/benchmarks.md)
#   make docs     Doxygen into Documentation/generated/
#   make deps     install missing Debian packages (run/test do this)
#   make clean

B := build
Q ?= @

# ---- flags ---------------------------------------------------------------
WARN := -Wall -Wextra -Werror
HOST_CFLAGS := -std=gnu11 -O2 -g $(WARN) -Iinclude -Icore/lib -Icells/tool
FREESTANDING := -std=gnu11 -O2 -g $(WARN) -ffreestanding -fno-builtin \
	-fno-stack-protector -fno-stack-check -fno-strict-aliasing \
	-fno-tree-loop-distribute-patterns -fno-asynchronous-unwind-tables \
	-mno-red-zone -mgeneral-regs-only -Iinclude -Icore/lib
HV_CFLAGS := $(FREESTANDING) -fno-pic -fno-pie -mcmodel=kernel -Icore -Iarch/x86
# make TRACE_ERROR=1: the hypervisor prints file and line at every error
# return (core/hv.h, Documentation/debugging.md).
ifeq ($(TRACE_ERROR),1)
HV_CFLAGS += -DCONFIG_TRACE_ERROR
endif
# make TEST_HOOKS=1 (tests only, never for a real system): a hypervisor
# with a hypercall that faults inside the hypervisor, so that a boot test
# can show such a fault stopping one cell, and whose cells' second CPUs
# come in 0.5 s late to their first run (Documentation/testing.md).
ifeq ($(TEST_HOOKS),1)
HV_CFLAGS += -DCONFIG_TEST_HOOKS
endif
HV_LDFLAGS := -nostdlib -static -no-pie -z max-page-size=4096 \
	-z noexecstack --build-id=none -T arch/x86/hypervisor.lds

EFI_INC := /usr/include/efi
EFI_LIB := /usr/lib
EFI_CFLAGS := $(FREESTANDING) -fpic -fshort-wchar -maccumulate-outgoing-args \
	-DGNU_EFI_USE_MS_ABI -I$(EFI_INC) -I$(EFI_INC)/x86_64 \
	-I$(EFI_INC)/protocol -Iboot -DBH_LIBC_HAS_MEMCPY_MEMSET -DBH_SHA256_NI
EFI_LDFLAGS := -nostdlib -znocombreloc -shared -Bsymbolic -z noexecstack \
	-L$(EFI_LIB) -T$(EFI_LIB)/elf_x86_64_efi.lds $(EFI_LIB)/crt0-efi-x86_64.o

# CONFIG_DEFINES: -D options for the configs of the system built, so that
# one test system serves with parameters (make soak: the manage system
# with 200 cycles, tests/qemu/boot_tests.py), in a build directory (B) of
# its own.
CONFIG_CFLAGS := -std=gnu11 -O0 $(WARN) -I. -Iinclude -fno-common \
	-fno-asynchronous-unwind-tables $(CONFIG_DEFINES)

# ---- sources -------------------------------------------------------------
LIB_SRCS := core/lib/sha256.c core/lib/report.c core/lib/image.c \
	core/lib/config_check.c
HV_SRCS := arch/x86/entry.S arch/x86/exceptions.S arch/x86/exceptions.c \
	arch/x86/trampoline.S arch/x86/setup.c arch/x86/uart.c arch/x86/acpi.c \
	arch/x86/platform.c arch/x86/apic.c arch/x86/apic_filter.c \
	arch/x86/smp.c arch/x86/svm.c arch/x86/svm_run.S arch/x86/npt.c \
	arch/x86/cell.c arch/x86/vcpu.c arch/x86/bitmaps.c arch/x86/decode.c \
	arch/x86/guest_paging.c arch/x86/npf.c arch/x86/ioapic.c \
	arch/x86/vapic.c arch/x86/calibrate.c arch/x86/cpuid.c arch/x86/msi.c \
	arch/x86/amd_iommu.c arch/x86/iommu_tables.c \
	core/main.c core/printk.c core/pages.c core/cell.c core/control.c core/console.c \
	core/mmio.c core/percpu.c core/lib/vote.c core/lib/ring.c core/lib/line.c \
	core/lib/budget.c core/pci.c core/lib/pci_cfg.c core/shmem.c \
	core/lib/ivshmem.c \
	$(LIB_SRCS) core/lib/string.c
# The loader and the host tool own their vector registers: their SHA-256
# uses the CPU's SHA instructions where it has them (core/lib/sha256_ni.S).
LOADER_SRCS := boot/loader.c boot/console.c boot/exit.c boot/enter.S \
	$(LIB_SRCS) core/lib/sha256_ni.S core/lib/string.c
TOOL_SRCS := cells/tool/bhimage.c cells/tool/image_write.c \
	cells/tool/linux_cell.c cells/tool/acpi_build.c \
	cells/tool/jailhouse_import.c $(LIB_SRCS) core/lib/sha256_ni.S

# The system to build: a directory holding system.c and one config per
# cell (any other .c there). The demo's, cells/, builds into build/
# itself; another into build/NAME/.
SYSTEM ?= cells
SYSTEM_DIR := $(patsubst %/,%,$(SYSTEM))
SYSTEM_SRC := $(SYSTEM_DIR)/system.c
ifeq ($(wildcard $(SYSTEM_SRC)),)
$(error SYSTEM=$(SYSTEM): no $(SYSTEM_SRC) (a system is a directory with system.c and a .c per cell))
endif
CELL_SRCS := $(sort $(filter-out $(SYSTEM_SRC),$(wildcard $(SYSTEM_DIR)/*.c)))
SYS_B := $(if $(filter cells,$(SYSTEM_DIR)),$(B),$(B)/$(notdir $(SYSTEM_DIR)))

HV_OBJS := $(patsubst %,$(B)/hv/%.o,$(HV_SRCS))
LOADER_OBJS := $(patsubst %,$(B)/loader/%.o,$(LOADER_SRCS))

BHIMAGE := $(B)/tools/bhimage
HV_BIN := $(B)/hypervisor.bin
LOADER := $(B)/BOOTX64.EFI
IMAGE := $(SYS_B)/system.img
ESP := $(SYS_B)/esp.img
QEMU_MACHINE := $(SYS_B)/qemu-machine
# The demo Linux cell's disk image (below): where cells/qemu-devices
# names it, whatever the build directory.
LINUX_DATA := build/linux-data.img
DEMOS := hello smp apic-timer rtos pci-demo
INMATE_BINS := $(B)/inmates/tiny.bin \
	$(patsubst %,$(B)/inmates/demos/%.bin,$(DEMOS)) \
	$(B)/inmates/linux/shim.bin

# make bench's bare harness (tests/bench/bare), booted by make test too.
BARE_HARNESS := $(B)/tests/bench/bare/bare.elf

all: $(ESP) $(BARE_HARNESS) $(if $(filter cells,$(SYSTEM_DIR)),$(LINUX_DATA))

# ---- host tool -----------------------------------------------------------
$(BHIMAGE): $(TOOL_SRCS) $(wildcard include/bulkhead/*.h core/lib/*.h cells/tool/*.h)
	@mkdir -p $(@D)
	$(Q)$(CC) $(HOST_CFLAGS) -DBH_SHA256_NI $(TOOL_SRCS) -o $@

# ---- hypervisor ----------------------------------------------------------
# The hypervisor's objects are rebuilt when its flags change.
# The stamp is brought up to date as the Makefile is read, not by a
# forced rule, so that make -q and -n still tell what is out of date.
HV_FLAGS_STAMP := $(B)/hv/flags
$(shell mkdir -p $(B)/hv && { echo '$(HV_CFLAGS)' | \
	cmp -s - $(HV_FLAGS_STAMP) || echo '$(HV_CFLAGS)' > $(HV_FLAGS_STAMP); })

$(B)/hv/%.c.o: %.c $(HV_FLAGS_STAMP)
	@mkdir -p $(@D)
	$(Q)$(CC) $(HV_CFLAGS) -MMD -c $< -o $@

$(B)/hv/%.S.o: %.S $(HV_FLAGS_STAMP)
	@mkdir -p $(@D)
	$(Q)$(CC) $(HV_CFLAGS) -MMD -c $< -o $@

$(B)/hypervisor.elf: $(HV_OBJS) arch/x86/hypervisor.lds
	$(Q)$(LD) $(HV_LDFLAGS) $(HV_OBJS) -o $@

$(HV_BIN): $(B)/hypervisor.elf $(BHIMAGE)
	$(Q)objcopy -O binary -j .header -j .text -j .rodata -j .data $< $@
	$(Q)$(BHIMAGE) seal-hv $@

# ---- loader --------------------------------------------------------------
$(B)/loader/%.c.o: %.c
	@mkdir -p $(@D)
	$(Q)$(CC) $(EFI_CFLAGS) -MMD -c $< -o $@

$(B)/loader/%.S.o: %.S
	@mkdir -p $(@D)
	$(Q)$(CC) $(EFI_CFLAGS) -MMD -c $< -o $@

$(B)/loader.so: $(LOADER_OBJS)
	$(Q)$(LD) $(EFI_LDFLAGS) $(LOADER_OBJS) -o $@ -lefi -lgnuefi

$(LOADER): $(B)/loader.so
	$(Q)objcopy -j .text -j .sdata -j .data -j .dynamic -j .dynsym \
		-j .rel -j .rela -j .rel.* -j .rela.* -j .reloc \
		--target efi-app-x86_64 --subsystem=10 $< $@

# ---- inmates -------------------------------------------------------------
$(B)/inmates/tiny.bin: inmates/tiny/tiny.S
	@mkdir -p $(@D)
	$(Q)$(CC) -c $< -o $(B)/inmates/tiny.o
	$(Q)$(LD) -Ttext=0 -e _start --oformat binary $(B)/inmates/tiny.o -o $@

# Inmate library and demos: 64-bit, linked at guest 0.
INMATE_CFLAGS := $(FREESTANDING) -fno-pic -fno-pie -mcmodel=small \
	-Iinmates/lib
INMATE_LIB_SRCS := inmates/lib/header.S inmates/lib/irq.S \
	inmates/lib/printk.c inmates/lib/timing.c inmates/lib/smp.c \
	inmates/lib/apic.c inmates/lib/ioapic.c inmates/lib/irq.c \
	inmates/lib/cmdline.c inmates/lib/stats.c inmates/lib/comm.c \
	inmates/lib/pci.c inmates/lib/ivshmem.c \
	core/lib/report.c \
	core/lib/string.c
INMATE_LIB_OBJS := $(patsubst %,$(B)/inm/%.o,$(INMATE_LIB_SRCS))

$(B)/inm/%.c.o: %.c
	@mkdir -p $(@D)
	$(Q)$(CC) $(INMATE_CFLAGS) -MMD -c $< -o $@

$(B)/inm/%.S.o: %.S
	@mkdir -p $(@D)
	$(Q)$(CC) $(INMATE_CFLAGS) -MMD -c $< -o $@

# A flat image in one RWX segment: the cell's memory is RWX anyway.
define link_inmate
	@mkdir -p $(@D)
	$(Q)$(LD) -nostdlib -static -no-pie -z noexecstack --build-id=none \
		--no-warn-rwx-segments \
		-T inmates/lib/inmate.lds $(INMATE_LDFLAGS) $(INMATE_LIB_OBJS) \
		$< -o $@
endef

# The MMIO decoder test reaches the test device RIP-relative: its address
# as a link-time symbol (tests/qemu/inmates/mmio-test.c).
$(B)/tests/qemu/inmates/mmio-test.elf: INMATE_LDFLAGS := \
	--defsym=mmio_dev=0x101ff8

$(B)/inmates/demos/%.elf: $(B)/inm/inmates/demos/%.c.o $(INMATE_LIB_OBJS) \
		inmates/lib/inmate.lds
	$(link_inmate)

# The Linux cell's boot shim.
$(B)/inmates/linux/%.elf: $(B)/inm/inmates/linux/%.c.o $(INMATE_LIB_OBJS) \
		inmates/lib/inmate.lds
	$(link_inmate)

# Faulty inmates for the containment tests.
$(B)/tests/qemu/inmates/%.elf: $(B)/inm/tests/qemu/inmates/%.c.o \
		$(INMATE_LIB_OBJS) inmates/lib/inmate.lds
	$(link_inmate)

# 32-bit inmates: flat protected mode, no paging (inmates/lib/header-32.S),
# with the library's console and command line; libgcc for 64-bit division
# (gcc-multilib).
INMATE32_CFLAGS := $(FREESTANDING) -m32 -fno-pic -fno-pie -Iinmates/lib
INMATE32_LIB_SRCS := inmates/lib/header-32.S inmates/lib/printk.c \
	inmates/lib/cmdline.c core/lib/report.c core/lib/string.c
INMATE32_LIB_OBJS := $(patsubst %,$(B)/inm32/%.o,$(INMATE32_LIB_SRCS))

$(B)/inm32/%.c.o: %.c
	@mkdir -p $(@D)
	$(Q)$(CC) $(INMATE32_CFLAGS) -MMD -c $< -o $@

$(B)/inm32/%.S.o: %.S
	@mkdir -p $(@D)
	$(Q)$(CC) $(INMATE32_CFLAGS) -MMD -c $< -o $@

$(B)/tests/qemu/inmates/mmio-test-32.elf: \
		$(B)/inm32/tests/qemu/inmates/mmio-test-32.c.o \
		$(INMATE32_LIB_OBJS) inmates/lib/inmate.lds
	@mkdir -p $(@D)
	$(Q)$(LD) -m elf_i386 -nostdlib -static -no-pie -z noexecstack \
		--build-id=none --no-warn-rwx-segments -T inmates/lib/inmate.lds \
		$(INMATE32_LIB_OBJS) $< $(shell $(CC) -m32 \
		-print-libgcc-file-name) -o $@

# make bench's bare harness: an ELF32 multiboot kernel that runs one inmate
# binary on the bare machine (tests/bench/bare/bare.c), with the
# hypervisor's own calibration.
BARE_OBJS := $(patsubst %,$(B)/inm32/%.o,tests/bench/bare/entry.S \
	tests/bench/bare/bare.c arch/x86/calibrate.c inmates/lib/printk.c \
	core/lib/report.c core/lib/string.c)

$(B)/inm32/tests/bench/bare/%.o: INMATE32_CFLAGS += -Iarch/x86
$(BARE_HARNESS): $(BARE_OBJS) tests/bench/bare/bare.lds
	@mkdir -p $(@D)
	$(Q)$(LD) -m elf_i386 -nostdlib -static -no-pie -z noexecstack \
		--build-id=none --no-warn-rwx-segments \
		-T tests/bench/bare/bare.lds $(BARE_OBJS) $(shell $(CC) -m32 \
		-print-libgcc-file-name) -o $@

$(B)/%.bin: $(B)/%.elf
	$(Q)objcopy -O binary $< $@

# ---- the Linux cell's kernel, driver, command and initramfs ---------------
# Debian's kernel as shipped and the linux-headers package that matches
# it, unpacked (not installed) by make deps (.ci/deps) into build/linux/;
# the Bulkhead driver built out of tree against those headers, the
# bulkhead command (static), busybox-static and inmates/linux/init in an
# initramfs made reproducibly.
LINUX_KERNEL := build/linux/vmlinuz
LINUX_KBUILD := build/linux/kbuild
LINUX_INITRD := $(B)/linux/initramfs.cpio.gz
BULKHEAD_KO := $(B)/linux/bulkhead.ko
BULKHEAD_CLI := $(B)/linux/bulkhead
BUSYBOX := /bin/busybox
ABI_HEADERS := $(wildcard include/bulkhead/*.h) inmates/linux/bulkhead_ioctl.h

$(LINUX_KERNEL) $(LINUX_KBUILD)/Makefile:
	./.ci/deps linux

# The modules of that kernel the cell's devices need (inmates/linux/modules,
# with their dependencies and modules.dep/alias), unpacked by .ci/deps.
LINUX_MODULES := build/linux/modules/list
$(LINUX_MODULES): inmates/linux/modules $(LINUX_KERNEL)
	./.ci/deps linux
	@touch $@

# $(call driver,KBUILD DIR): bulkhead.ko for the kernel built there, in
# $(@D)/driver. Kbuild writes next to the sources: it gets a copy of them.
define driver
	$(Q)rm -rf $(@D)/driver && mkdir -p $(@D)/driver
	$(Q)cp $(DRIVER_FILES) $(@D)/driver/
	$(Q)env -u MAKEFLAGS -u MFLAGS $(MAKE) -s -C $(1) \
		M=$(abspath $(@D)/driver) \
		BULKHEAD_INCLUDE=$(abspath include) \
		BULKHEAD_LINUX=$(abspath inmates/linux) modules 2>&1 | \
		grep -v "^Skipping BTF generation" || true
	$(Q)strip --strip-debug -o $@ $(@D)/driver/bulkhead.ko
endef

DRIVER_FILES := inmates/linux/driver/core.c inmates/linux/driver/shm.c \
	inmates/linux/driver/shm.h inmates/linux/driver/Kbuild
DRIVER_SRCS := $(DRIVER_FILES) inmates/linux/bulkhead_ioctl.h $(ABI_HEADERS)
$(BULKHEAD_KO): $(DRIVER_SRCS) $(LINUX_KBUILD)/Makefile
	$(call driver,$(LINUX_KBUILD))

CLI_SRCS := inmates/linux/tool/bulkhead.c inmates/linux/tool/shm.c
$(BULKHEAD_CLI): $(CLI_SRCS) inmates/linux/tool/tool.h \
		inmates/linux/bulkhead_ioctl.h $(ABI_HEADERS)
	@mkdir -p $(@D)
	$(Q)$(CC) -std=gnu11 -O2 $(WARN) -static -s -Iinclude -Iinmates/linux \
		$(CLI_SRCS) -o $@

# $(call initramfs,TARGET,EXTRA FILES under /tests[,DRIVER]): the cell's
# root, with bulkhead.ko and the modules of $(LINUX_MODULES) for Debian's
# kernel, unless DRIVER names the driver of another kernel.
define initramfs
	$(Q)rm -rf $(1).root && mkdir -p $(1).root/bin $(1).root/proc $(1).root/sys \
		$(1).root/dev $(1).root/lib/modules $(1).root/tests \
		$(1).root/tmp
	$(Q)cp $(BUSYBOX) $(1).root/bin/busybox
	$(Q)cp $(BULKHEAD_CLI) $(1).root/bin/bulkhead
	$(Q)cp $(if $(3),$(3),$(BULKHEAD_KO)) $(1).root/lib/modules/bulkhead.ko
	$(Q)$(if $(3),,cp -R $(dir $(LINUX_MODULES))lib $(1).root/)
	$(Q)cp inmates/linux/init $(1).root/init
	$(Q)mkdir -p $(1).root/etc && cp inmates/linux/udhcpc.script \
		$(1).root/etc/udhcpc.script
	$(Q)mkdir -p $(1).root/etc && printf '%s\n' 'root:x:0:0:root:/:/bin/sh' \
		'nobody:x:65534:65534:nobody:/:/bin/false' > $(1).root/etc/passwd
	$(Q)printf '%s\n' 'root:x:0:' 'nogroup:x:65534:' > $(1).root/etc/group
	$(Q)$(if $(2),cp $(2) $(1).root/tests/)
	$(Q)cd $(1).root && find . | LC_ALL=C sort | \
		cpio -o -H newc --quiet -R 0:0 --reproducible | gzip -9n > \
		$(abspath $(1))
endef

$(LINUX_INITRD): inmates/linux/init inmates/linux/udhcpc.script $(BUSYBOX) \
		$(BULKHEAD_KO) $(BULKHEAD_CLI) $(LINUX_MODULES)
	$(call initramfs,$@)

# The test images' initramfs: the same, with tests/qemu/linux/*.sh (the
# init runs NAME.sh for bulkhead.test=NAME, Documentation/testing.md) and
# the voter inmate and command line they load into a cell.
LINUX_TEST_SCRIPTS := $(wildcard tests/qemu/linux/*.sh) \
	$(B)/tests/qemu/inmates/voter.bin tests/qemu/cells/loaded-cmdline.txt
$(B)/tests/linux/initramfs.cpio.gz: inmates/linux/init \
		inmates/linux/udhcpc.script $(BUSYBOX) \
		$(BULKHEAD_KO) $(BULKHEAD_CLI) $(LINUX_TEST_SCRIPTS) \
		$(LINUX_MODULES)
	@mkdir -p $(@D)
	$(call initramfs,$@,$(LINUX_TEST_SCRIPTS))

linux: $(LINUX_KERNEL) $(LINUX_INITRD)

# The demo Linux cell's disk (cells/qemu-devices: a virtio disk at
# 00:12.0): 64 MiB of ext4, made on first use and never overwritten, so
# that what the cell keeps in /data lasts (make clean removes it, with
# the rest of build/).
$(LINUX_DATA):
	@mkdir -p $(@D)
	$(Q)rm -f $@.tmp && truncate -s 64M $@.tmp
	$(Q)PATH="$$PATH:/usr/sbin:/sbin" mkfs.ext4 -q -L bulkhead-data $@.tmp
	$(Q)mv $@.tmp $@
	@echo "made $@ (the Linux cell's disk, ext4, 64 MiB)"

# ---- a Jailhouse-guest kernel, for the boot test of such a cell -----------
# Debian's linux-source-6.1 (make deps installs it) on a tinyconfig base
# with tests/qemu/jailhouse-guest/kernel.config merged in: a kernel that
# detects Jailhouse (CONFIG_JAILHOUSE_GUEST) and boots through the
# SETUP_JAILHOUSE setup_data. Built once into $(JH_GUEST_DIR)/ (the
# sources unpacked there, a few minutes on 2 cores), shared by every
# build directory; every line of the fragment must be in the final
# .config, or the build says which is not.
JH_GUEST_DIR := build/linux/jailhouse-guest
JH_GUEST_KERNEL := $(JH_GUEST_DIR)/bzImage
JH_GUEST_SOURCE := /usr/src/linux-source-6.1.tar.xz
JH_GUEST_CONFIG := tests/qemu/jailhouse-guest/kernel.config
JH_GUEST_KO := $(B)/tests/linux/jailhouse-guest/bulkhead.ko
JH_GUEST_INITRD := $(B)/tests/linux/jailhouse-guest/initramfs.cpio.gz

$(JH_GUEST_KERNEL): $(JH_GUEST_CONFIG)
	@test -f $(JH_GUEST_SOURCE) || { echo "$(JH_GUEST_SOURCE) is" \
		"missing: make deps installs linux-source-6.1" >&2; exit 1; }
	$(Q)if [ ! -f $(JH_GUEST_DIR)/src/Makefile ]; then \
		rm -rf $(JH_GUEST_DIR)/src && mkdir -p $(JH_GUEST_DIR)/src && \
		tar -xf $(JH_GUEST_SOURCE) -C $(JH_GUEST_DIR)/src \
		--strip-components=1 \
		--exclude='linux-source-6.1/Documentation/[!K]*'; fi
	$(Q)rm -rf $(JH_GUEST_DIR)/obj && mkdir -p $(JH_GUEST_DIR)/obj
	$(Q)obj=$(abspath $(JH_GUEST_DIR)/obj); log=$$obj/build.log; \
	cd $(JH_GUEST_DIR)/src && \
	{ env -u MAKEFLAGS -u MFLAGS make O=$$obj tinyconfig && \
	  scripts/kconfig/merge_config.sh -m -O $$obj $$obj/.config \
		$(abspath $(JH_GUEST_CONFIG)) && \
	  env -u MAKEFLAGS -u MFLAGS make O=$$obj olddefconfig; } \
		> $$log 2>&1 || { tail -20 $$log; exit 1; }; \
	bad=$$(grep '^CONFIG_' $(abspath $(JH_GUEST_CONFIG)) | \
		while read -r l; do grep -qx "$$l" $$obj/.config || \
		echo "$$l"; done); \
	if [ -n "$$bad" ]; then echo "$(JH_GUEST_CONFIG): not in the" \
		"kernel's final .config (a dependency missing?):" $$bad >&2; \
		exit 1; fi; \
	echo "building the Jailhouse-guest kernel (linux-source-6.1," \
		"a few minutes)"; \
	env -u MAKEFLAGS -u MFLAGS make -j$$(nproc) O=$$obj bzImage modules \
		>> $$log 2>&1 || { tail -20 $$log; exit 1; }
	$(Q)cp $(JH_GUEST_DIR)/obj/arch/x86/boot/bzImage $@

# The driver for that kernel, and the test initramfs with it.
$(JH_GUEST_KO): $(DRIVER_SRCS) $(JH_GUEST_KERNEL)
	$(call driver,$(JH_GUEST_DIR)/obj)

$(JH_GUEST_INITRD): inmates/linux/init inmates/linux/udhcpc.script \
		$(BUSYBOX) $(JH_GUEST_KO) \
		$(BULKHEAD_CLI) $(LINUX_TEST_SCRIPTS)
	@mkdir -p $(@D)
	$(call initramfs,$@,$(LINUX_TEST_SCRIPTS),$(JH_GUEST_KO))

# ---- configs and system image --------------------------------------------
# A config's bytes are its `config` object: compile, then keep .data only.
$(B)/%.cell: %.c include/bulkhead/config.h include/bulkhead/types.h
	@mkdir -p $(@D)
	$(Q)$(CC) $(CONFIG_CFLAGS) -MMD -MT $@ -c $< -o $(@:.cell=.o)
	$(Q)objcopy -O binary -j .data $(@:.cell=.o) $@

CONFIG_ARGS := $(SYSTEM_SRC)=$(B)/$(SYSTEM_SRC:.c=.cell) \
	$(foreach c,$(CELL_SRCS),$(c)=$(B)/$(c:.c=.cell))

CONFIG_CELLS := $(B)/$(SYSTEM_SRC:.c=.cell) \
	$(patsubst %.c,$(B)/%.cell,$(CELL_SRCS))
# The files the configs name (blobs, and a Linux section's kernel and
# initramfs), made by a make of the normal build (the paths in configs
# are build/...): exactly those, so that the Debian kernel is fetched
# only for a system with a Linux cell.
MAKE_CONFIG_FILES = files=$$($(BHIMAGE) files $(CONFIG_ARGS)) && \
	$(MAKE) -s --no-print-directory B=build SYSTEM=cells TEST_HOOKS= \
	TRACE_ERROR= $$files

# Those files first; bhimage then writes IMAGE.d, which makes the image
# depend on every one of them (read back by the -include at the end), and
# the machine QEMU needs (make run).
$(IMAGE): $(BHIMAGE) $(HV_BIN) $(CONFIG_CELLS)
	@mkdir -p $(@D)
	$(Q)$(MAKE_CONFIG_FILES)
	$(Q)$(BHIMAGE) pack -o $@ -M $@.d -Q $(QEMU_MACHINE) -H $(HV_BIN) \
		$(CONFIG_ARGS)

# A build with its own B (make TEST_HOOKS=1) loads the normal build's
# files too (IMAGE.d names build/...), which it has no rules for: before
# it looks at them, the normal build's make brings them up to date, so
# that an image is remade when an inmate it loads changed. Order-only:
# only what that make changes makes the image old.
ifneq ($(B),build)
$(IMAGE): | normal-build-files
endif
normal-build-files: $(BHIMAGE) $(CONFIG_CELLS)
	$(Q)$(MAKE_CONFIG_FILES)

# ---- EFI system partition (mtools: no root, no loop mount) ----------------
$(ESP): $(LOADER) $(HV_BIN) $(IMAGE)
	$(Q)rm -f $@.tmp
	$(Q)truncate -s 64M $@.tmp
	$(Q)mkfs.vfat -F 32 -n BULKHEAD $@.tmp >/dev/null
	$(Q)mmd -i $@.tmp ::/EFI ::/EFI/BOOT ::/bulkhead
	$(Q)mcopy -i $@.tmp $(LOADER) ::/EFI/BOOT/BOOTX64.EFI
	$(Q)mcopy -i $@.tmp $(HV_BIN) ::/bulkhead/hypervisor.bin
	$(Q)mcopy -i $@.tmp $(IMAGE) ::/bulkhead/system.img
	$(Q)mv $@.tmp $@
	@echo "built $@"

# ---- running -------------------------------------------------------------
OVMF_CODE := /usr/share/OVMF/OVMF_CODE_4M.fd
OVMF_VARS := /usr/share/OVMF/OVMF_VARS_4M.fd
QEMU_CPU ?= max
# The devices the system's cells own: its qemu-devices file, if any (the
# same file the boot tests read, tests/qemu/systest.py); after the IOMMU,
# which QEMU must know first to translate for them.
QEMU_DEVICES := $(if $(wildcard $(SYSTEM_DIR)/qemu-devices),$(shell cat $(SYSTEM_DIR)/qemu-devices))
# QEMU_SMP and QEMU_MEM, if set, override what the system needs
# ($(QEMU_MACHINE), written by bhimage: "CPUS MEMORY").
QEMU_FLAGS = -machine q35 -accel tcg -cpu $(QEMU_CPU) \
	-smp $(or $(QEMU_SMP),$$1) -m $(or $(QEMU_MEM),$$2) \
	-drive if=pflash,format=raw,unit=0,readonly=on,file=$(OVMF_CODE) \
	-drive if=pflash,format=raw,unit=1,file=$(B)/run-vars.fd \
	-drive if=none,id=esp,format=raw,file=$(ESP) \
	-device ide-hd,drive=esp,bus=ide.0,bootindex=0 \
	$(if $(wildcard $(SYSTEM_DIR)/no-iommu),,-device amd-iommu,pt=off) \
	$(QEMU_DEVICES) \
	-device isa-debug-exit,iobase=0xf4,iosize=4 \
	-net none -nographic -monitor none -serial stdio \
	-chardev socket,id=com2,path=$(B)/run-com2.sock,server=on,wait=off,logfile=$(B)/run-com2.log \
	-serial chardev:com2 \
	-serial file:$(B)/run-com3.log -serial file:$(B)/run-com4.log

run: deps
	$(Q)$(MAKE) --no-print-directory all
	$(Q)cp $(OVMF_VARS) $(B)/run-vars.fd
	@echo "The Linux cell's shell (COM2): make console, in another terminal"
	set -- $$(cat $(QEMU_MACHINE)); qemu-system-x86_64 $(QEMU_FLAGS)

# The Linux cell's console (COM2) of a running make run / make debug:
# what it printed so far, then the live, interactive line. Quit: Ctrl-C.
console:
	$(Q)test -S $(B)/run-com2.sock || { echo "no COM2 socket: start make run first"; exit 1; }
	$(Q)tail -n 20 $(B)/run-com2.log; echo "--- live (Ctrl-C to leave) ---"
	$(Q)socat -,raw,echo=0,escape=0x03 UNIX-CONNECT:$(B)/run-com2.sock

# ---- debugging -----------------------------------------------------------
# make debug: QEMU starts halted with its gdb stub on GDB_PORT; gdb with
# build/debug.gdb loads the hypervisor's symbols (it runs at its link
# address, where the loader maps it) and stops at hv_main.
GDB_PORT ?= 1234

debug: deps
	$(Q)$(MAKE) --no-print-directory all debug-script
	$(Q)cp $(OVMF_VARS) $(B)/run-vars.fd
	@echo "QEMU is halted, waiting for gdb on port $(GDB_PORT). In another terminal:"
	@echo "    gdb -x $(B)/debug.gdb"
	set -- $$(cat $(QEMU_MACHINE)); \
		qemu-system-x86_64 $(QEMU_FLAGS) -S -gdb tcp::$(GDB_PORT)

debug-script: $(B)/hypervisor.elf
	$(Q)printf '%s\n' \
		'# Bulkhead: generated by make debug-script' \
		'set pagination off' \
		'set confirm off' \
		'symbol-file $(abspath $(B)/hypervisor.elf)' \
		'directory $(CURDIR)' \
		'target remote localhost:$(GDB_PORT)' \
		'hbreak hv_main' \
		'continue' > $(B)/debug.gdb

# ---- tests ---------------------------------------------------------------
test: deps
	$(Q)$(MAKE) --no-print-directory all
	$(Q)python3 tests/run.py

# The management boot test with 200 stop/start cycles instead of 20.
soak: deps
	$(Q)$(MAKE) --no-print-directory all
	$(Q)python3 tests/run.py --only boot:soak

# libFuzzer targets (tests/fuzz/): each for FUZZ_SECONDS on its seeds,
# then the coverage of the code it tests; what they find goes to
# build/fuzz/, never into the tree.
FUZZ_SECONDS ?= 60
fuzz: deps
	$(Q)python3 tests/fuzz/targets.py --coverage --seconds $(FUZZ_SECONDS)

# The seed corpora, committed: the fixture's images and configs, the
# demo's configs (one with a bad cell), instructions, page-table walks.
# Seeds kept by hand (regress-*: inputs that once found a bug) survive a
# regeneration.
MKSEEDS := $(B)/fuzz/mkseeds
DEMO_CONFIGS := $(B)/$(SYSTEM_SRC:.c=.cell) $(patsubst %.c,$(B)/%.cell,$(CELL_SRCS))
$(MKSEEDS): tests/fuzz/mkseeds.c tests/fuzz/config_input.h \
		tests/unit/image_fixture.h tests/unit/pci_fixture.h \
		cells/tool/image_write.c $(LIB_SRCS) \
		$(wildcard include/bulkhead/*.h core/lib/*.h cells/tool/*.h)
	@mkdir -p $(@D)
	$(Q)$(CC) $(HOST_CFLAGS) -Itests/unit -Itests/fuzz tests/fuzz/mkseeds.c \
		cells/tool/image_write.c $(LIB_SRCS) -o $@

fuzz-seeds: $(MKSEEDS) $(DEMO_CONFIGS) $(INMATE_BINS) \
		$(B)/tests/configs/overlap-memory.cell
	$(Q)find tests/fuzz/corpus -type f ! -name 'regress-*' -delete
	$(Q)$(MKSEEDS) tests/fuzz/corpus
	$(Q)$(MKSEEDS) --config tests/fuzz/corpus/config/demo.cfg $(DEMO_CONFIGS)
	$(Q)$(MKSEEDS) --config tests/fuzz/corpus/config/demo-overlap-memory.cfg \
		$(DEMO_CONFIGS) $(B)/tests/configs/overlap-memory.cell

# Measurements, not tests: boot timeline, exit counts, Linux reference,
# footprint; build/bench/report.md and its plots (gnuplot).
bench:
	$(Q)./.ci/deps bench
	$(Q)$(MAKE) --no-print-directory all linux
	$(Q)python3 tests/bench.py

cppcheck:
	$(Q)cppcheck --quiet --enable=warning,style,performance,portability \
		--error-exitcode=1 --inline-suppr --std=c11 \
		--suppress=missingIncludeSystem -Iinclude -Icore/lib -Icore \
		-Iarch/x86 -Icells/tool -D__x86_64__ \
		-Iinmates/lib -Itests/unit -Itests/fuzz core arch cells/tool inmates \
		tests/unit tests/fuzz

docs:
	$(Q)mkdir -p Documentation/generated
	$(Q)doxygen Documentation/Doxyfile

deps:
	$(Q)./.ci/deps

clean:
	rm -rf $(B) Documentation/generated

.PHONY: all run console debug debug-script test fuzz fuzz-seeds bench linux \
	cppcheck docs deps clean normal-build-files
# Keep the inmates' ELF files: they carry the symbols for debugging.
.SECONDARY:
-include $(shell find $(B) -path $(JH_GUEST_DIR) -prune -o -name '*.d' \
	-type f -print 2>/dev/null)
