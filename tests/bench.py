#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""make bench: measurements you can rerun, never pass/fail.

Under TCG wall time follows the host, so times are medians of several
runs and are best read as ratios taken on the same machine in the same
run; exit counts are exact. Sections:

  boot     the demo system's timeline: QEMU start to the loader, to the
           hypervisor banner, to every CPU up, to each cell's first line
  exits    VM exits the demo cells' steady state costs (hypervisor
           statistics read by the cells), x2APIC passed through and
           emulated over xAPIC
  linux    the Linux cell's boot, from the hypervisor banner to its shell
           marker, against Debian's kernel with the same initramfs booted
           bare by QEMU (-kernel) with the same CPUs and memory, from QEMU
           start to the marker; both as a ratio, and the kernels' own
           uptimes at the marker

  tests/bench.py [--runs N] [--only SECTION[,SECTION]]

The report goes to stdout and build/bench/report.txt.
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "qemu"))
from bootlib import Boot  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = "build/bench"
ESP = "build/esp.img"
TIMEOUT = 240
LINUX_MARKER = "bulkhead-linux: shell ready"
MEASURED = {}	# shared between sections of one run
# The Linux cell's machine share, and the bare reference's machine.
LINUX_CPUS = 2
LINUX_MEM = "256M"


def timeline(boot, markers, timeout=TIMEOUT):
    """Seconds from QEMU's start until each (port, text) marker first
    appears; None for a marker that never came."""
    seen = {}
    start = time.monotonic()
    while len(seen) < len(markers) and time.monotonic() - start < timeout:
        outs = {}
        for m in markers:
            if m in seen:
                continue
            port, text = m
            if port not in outs:
                outs[port] = boot.output(port)
            if text in outs[port]:
                seen[m] = time.monotonic() - start
        if boot.proc.poll() is not None:
            break
        time.sleep(0.05)
    return [seen.get(m) for m in markers]


def fmt(values):
    got = [v for v in values if v is not None]
    if not got:
        return "never"
    med = statistics.median(got)
    extra = "" if len(got) == 1 else " (min %.2f, max %.2f, %d runs)" % (
        min(got), max(got), len(got))
    return "%.2f s%s" % (med, extra) + ("" if len(got) == len(values) else
                                        ", %d runs timed out" %
                                        (len(values) - len(got)))


def bench_boot(runs, report):
    steps = [
        ("loader started", (1, "bulkhead-loader: Bulkhead loader")),
        ("hypervisor banner", (1, "Bulkhead hypervisor")),
        ("all CPUs up", (1, "CPUs up in the hypervisor")),
        ("cells started", (1, "Starting ")),
        ("apic-timer first line", (1, "[apic-timer] apic-timer:")),
        ("hello first line (COM3)", (3, "Hello from a Bulkhead cell")),
        ("smp first line", (1, "[smp] SMP demo on APIC ID")),
        ("rtos first line (COM4)", (4, "rtos: fixed-priority")),
        ("linux shell marker (COM2)", (2, LINUX_MARKER)),
    ]
    times = [[] for _ in steps]
    for run in range(runs):
        with Boot(ESP, WORK, "boot-%d" % run, serials=4) as b:
            for i, t in enumerate(timeline(b, [m for _, m in steps])):
                times[i].append(t)
            uptime = re.search(r"shell ready: .* uptime ([\d.]+) s",
                               b.output(2))
            rates = re.search(r"Calibrated against the PM timer: TSC (\d+) "
                              r"kHz, APIC timer (\d+) kHz", b.output())
            if rates:
                MEASURED.setdefault("rates", []).append(
                    tuple(int(g) for g in rates.groups()))
            if uptime:
                MEASURED.setdefault("cell_uptime", []).append(
                    float(uptime.group(1)))
    report("Demo system boot, seconds from QEMU start (medians):")
    for (name, _), t in zip(steps, times):
        report("  %-28s %s" % (name, fmt(t)))
    banner, cells = times[1], times[3]
    spans = [c - b for b, c in zip(banner, cells) if b is not None and
             c is not None]
    report("  %-28s %s" % ("banner to cells started", fmt(spans)))
    MEASURED["cell_linux"] = [c - b for b, c in zip(banner, times[-1])
                              if b is not None and c is not None]
    # The rates the hypervisor put in every comm region, boot by boot:
    # the TSC's spread, and the APIC timer's against QEMU's 1 GHz.
    rates = MEASURED.get("rates", [])
    if rates:
        tsc = [t for t, _ in rates]
        apic = [a for _, a in rates]
        mid = statistics.median(tsc)
        report("Calibrated rates over %d boots (the hypervisor's line):"
               % len(rates))
        report("  TSC        median %d kHz, min %d, max %d: spread %.0f ppm "
               "of the median" % (mid, min(tsc), max(tsc),
                                  (max(tsc) - min(tsc)) / mid * 1e6))
        report("  APIC timer median %d kHz, min %d, max %d: at most %.0f "
               "ppm off QEMU's 1000000 kHz" % (
                   statistics.median(apic), min(apic), max(apic),
                   max(abs(a - 1000000) for a in apic)))


def bench_exits(report):
    window = re.compile(r"\[apic-timer\] window (\d+): (\d+) ticks, jitter "
                        r"min (-?\d+) avg (-?\d+) max (-?\d+) ns; (\d+) VM "
                        r"exits")
    rtc_line = "steady state: "
    report("VM exits in the cells' steady state:")
    for cpu, mode in (("max", "x2APIC passed through"),
                      ("max,-x2apic", "xAPIC, x2APIC emulated")):
        with Boot(ESP, WORK, "exits-" + cpu, cpu=cpu, serials=4) as b:
            b.wait_for(["[apic-timer] window 3: ", (3, rtc_line)])
            out, com3 = b.output(), b.output(3)
        wins = [tuple(int(g) for g in m.groups())
                for m in window.finditer(out)]
        hello = re.search(r"steady state: (\d+) VM exits in 5 s", com3)
        if wins:
            ticks = sum(w[1] for w in wins)
            exits = sum(w[5] for w in wins)
            report("  %-24s apic-timer: %d exits in %d timer ticks "
                   "(%.2f per tick); hello: %s exits in 5 s" %
                   (mode, exits, ticks, exits / ticks,
                    hello.group(1) if hello else "?"))
        else:
            report("  %-24s apic-timer reported nothing" % mode)


def bench_linux(runs, report):
    subprocess.run(["make", "--no-print-directory", "-s", "linux"],
                   check=True)
    version = open("build/linux/version").read().strip()
    times = []
    for run in range(runs):
        b = Boot(None, WORK, "linux-bare-%d" % run, smp=LINUX_CPUS,
                 mem=LINUX_MEM, serials=1, extra=[
                     "-kernel", "build/linux/vmlinuz",
                     "-initrd", "build/linux/initramfs.cpio.gz",
                     "-append", "console=ttyS0 panic=-1"])
        with b:
            times += timeline(b, [(1, LINUX_MARKER)])
        out = b.output()
        up = re.search(r"uptime ([\d.]+) s", b.output())
        if up:
            MEASURED.setdefault("bare_uptime", []).append(
                float(up.group(1)))
    marker = re.search(r"shell ready: (\d+) CPUs, MemTotal (\d+) kB, "
                       r"uptime ([\d.]+) s", out)
    report("Linux %s booted bare by QEMU -kernel (%d CPUs, %s):" %
           (version, LINUX_CPUS, LINUX_MEM))
    report("  %-28s %s" % ("QEMU start to shell marker", fmt(times)))
    if marker:
        report("  %-28s %s CPUs, MemTotal %s kB; uptime at the marker %s s"
               " (last run)" % ("the kernel saw", *marker.groups()))
    cell = MEASURED.get("cell_linux")
    good = [t for t in times if t is not None]
    if cell and good:
        ratio = statistics.median(cell) / statistics.median(good)
        report("Linux cell, hypervisor banner to shell marker: %s; ratio to "
               "the bare boot: %.2f" % (fmt(cell), ratio))
    cu, bu = MEASURED.get("cell_uptime"), MEASURED.get("bare_uptime")
    if cu and bu:
        report("  kernel uptime at the marker: cell %.2f s, bare %.2f s, "
               "ratio %.2f" % (statistics.median(cu), statistics.median(bu),
                               statistics.median(cu) / statistics.median(bu)))


def main():
    os.chdir(ROOT)
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--only", default="boot,exits,linux")
    args = ap.parse_args()
    os.makedirs(WORK, exist_ok=True)
    lines = []

    def report(line):
        print(line, flush=True)
        lines.append(line)

    report("Bulkhead benchmarks, %s, QEMU %s" % (
        time.strftime("%Y-%m-%d %H:%M"),
        subprocess.run(["qemu-system-x86_64", "--version"],
                       capture_output=True, text=True).stdout.split()[3]))
    only = args.only.split(",")
    if "boot" in only:
        bench_boot(args.runs, report)
    if "exits" in only:
        bench_exits(report)
    if "linux" in only:
        bench_linux(args.runs, report)
    with open(os.path.join(WORK, "report.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
