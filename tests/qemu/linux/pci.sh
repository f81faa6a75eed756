#!/bin/busybox sh
# SPDX-License-Identifier: BSD-2-Clause
#
# Boot test linux-pci (tests/qemu/systems/linux-pci), run by the Linux
# cell's init for bulkhead.test=pci: what the kernel found on the bus the
# host bridge of the cell's DSDT describes, each function's IDs, class,
# first BAR and configuration header as sysfs gives them; then edu's ID
# register through its BAR, once the kernel enabled the device, and the
# IRQ the kernel routed its INTx to.
say() { echo "bulkhead-linux: $*"; }
dmesg | grep -E "PCI Root Bridge|PCI host bridge|root bus resource" |
	sed 's/^\[[^]]*\] //' | while read -r l; do say "dmesg: $l"; done
n=0
for d in /sys/bus/pci/devices/*; do
	[ -e "$d/vendor" ] || continue
	n=$((n + 1))
	f=${d##*/}
	say "pci $f $(cat $d/vendor):$(cat $d/device) class $(cat $d/class)" \
		"BAR0 $(head -n 1 $d/resource)"
	say "pci $f config $(od -A n -t x4 -N 16 $d/config | tr -s ' ')"
done
say "pci functions: $n"
d=/sys/bus/pci/devices/0000:00:10.0
if [ -e $d ]; then
	echo 1 > $d/enable
	bar=$(head -n 1 $d/resource | cut -d' ' -f1)
	say "pci 0000:00:10.0 enabled: command" \
		"$(od -A n -t x2 -j 4 -N 2 $d/config | tr -d ' '), edu ID" \
		"$(devmem $bar 32)"
	# The IRQ its INTx got from the DSDT's _PRT (0: none routed).
	say "pci 0000:00:10.0 irq $(cat $d/irq)"
fi
say "pci test done"
