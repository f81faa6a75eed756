#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""make bench: measurements you can rerun, never pass/fail.

Under TCG wall time follows the host, so times are medians of several
runs with their min and max, best read as ratios taken on the same
machine in the same run; exit counts are exact. Sections:

  boot     the demo system's timeline: QEMU start to the loader, to the
           hypervisor banner, to every CPU up, to each cell's first line
  exits    VM exits the demo cells' steady state costs (hypervisor
           statistics read by the cells), x2APIC passed through and
           emulated over xAPIC
  reasons  every demo cell's exits per second by reason, read by the
           Linux cell 10 s apart (tests/bench/demo-exits)
  linux    the Linux cell's boot, from the hypervisor banner to its shell
           marker, in the demo system and alone on its two CPUs
           (tests/bench/linux-only), against Debian's kernel with the same
           initramfs booted bare by QEMU (-kernel) with the same CPUs and
           memory, from QEMU start to the marker; as ratios, and the
           kernels' own uptimes at the marker
  latency   the apic-timer program's interrupt latency (each tick's due
           time to its handler) under QEMU -icount, where virtual time
           follows instructions and a run nearly repeats: in its cell
           (tests/bench/latency: the cell alone on CPU 0) and on the bare
           machine (tests/bench/bare), x2APIC and xAPIC; min, avg, p50,
           p99, max, histograms and the ratios cell/bare
  interference the same cell (x2APIC) beside the Linux cell running a CPU
           and memory load on its two CPUs (tests/bench/interference)
  ipi       the smp program's IPI ping-pong between two CPUs (pingpong=
           1000) under -icount, in its cell (tests/bench/ipi: the cell
           alone on CPUs 0 and 1) and on the bare machine: round-trip
           time and the exits the pinging CPU took, x2APIC and xAPIC; the
           ratios cell/bare, and the bare figure the doorbells are set
           against
  doorbell  two cells of a shared-memory link ringing each other 1,000
           times under -icount (tests/bench/doorbell): round-trip time
           (min, avg, p50, p99, max, virtual ns) and the VM exits each
           side's CPU took, x2APIC and xAPIC
  footprint lines of C in core/ and arch/, the hypervisor binary's size,
           and (from the boot section's last boot) the hypervisor memory
           in use once the demo's cells are built

  tests/bench.py [--runs N] [--only SECTION[,SECTION]]

What was measured goes to build/bench/measurements.json, the report
(tests/bench_report.py) to build/bench/report.md with its plots. A run
that fails (QEMU does not start, a marker never comes) is left out of
the figures and reported with QEMU's own error and the log's tail; the
exit status is then 1.
"""
import argparse
import json
import os
import platform
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "qemu"))
from bootlib import Boot  # noqa: E402
from systest import demo_machine  # noqa: E402
import bench_report  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = "build/bench"
ESP = "build/esp.img"
TIMEOUT = 240
LINUX_MARKER = "bulkhead-linux: shell ready"
# The Linux cell's machine share, and the bare reference's machine.
LINUX_CPUS = 2
LINUX_MEM = "256M"
TAIL_LINES = 20
# The latency runs: the apic-timer program's command line and windows,
# and QEMU's deterministic mode. One instruction per translation block:
# QEMU 10 aborts ("Bad icount read") when an x2APIC timer register is
# read or written through RDMSR/WRMSR in the middle of a block under
# -icount; it changes no virtual time (the xAPIC runs agree either way).
BARE_HARNESS = "build/tests/bench/bare/bare.elf"
LATENCY_ARGS = "period_us=1000 window=2000 histogram=1"
LATENCY_ICOUNT = ["-icount", "shift=0,sleep=off"]
LATENCY_ACCEL = "tcg,one-insn-per-tb=on"
LATENCY_WINDOW = 2
LATENCY_MODES = (("max", "x2APIC"), ("max,-x2apic", "xAPIC"))


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


def failure(m, boot, run, what, missing, port=1):
    """Record run @run as failed: the markers @missing never came. QEMU's
    own error (its stderr, once it has ended) and the tail of the log of
    @port go with it."""
    boot.stop()
    err = boot.proc.stderr.read().decode("utf-8", "replace") \
        if boot.proc and boot.proc.stderr else ""
    try:
        tail = "\n".join(boot.output(port).splitlines()[-TAIL_LINES:])
    except OSError as e:
        tail = "(no log: %s)" % e
    m["failures"].append({
        "run": run, "what": what, "missing": missing,
        "exit": boot.proc.returncode if boot.proc else None,
        "qemu_error": err.strip(), "log_tail": tail})
    print("bench: run %s failed: %s; never came: %s%s" % (
        run, what, ", ".join(missing),
        "; QEMU: " + err.strip().splitlines()[-1] if err.strip() else ""),
        file=sys.stderr, flush=True)


def bench_boot(m, runs):
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
    demo = demo_machine()
    boot = m["boot"] = {"vcpus": demo["smp"], "steps": [s for s, _ in steps],
                        "runs": [], "rates": []}
    for run in range(runs):
        name = "boot-%d" % run
        with Boot(ESP, WORK, name, serials=4, **demo) as b:
            times = timeline(b, [mk for _, mk in steps])
            missing = [s for (s, _), t in zip(steps, times) if t is None]
            if missing:
                failure(m, b, name, "the demo system's boot", missing)
            out, com2 = b.output(), b.output(2)
        boot["runs"].append({"name": name, "times": {
            s: t for (s, _), t in zip(steps, times)}})
        rates = re.search(r"Calibrated against the PM timer: TSC (\d+) "
                          r"kHz, APIC timer (\d+) kHz", out)
        if rates:
            boot["rates"].append([int(g) for g in rates.groups()])
        boot["uncertain"] = boot.get("uncertain", 0) + (
            "Calibration UNCERTAIN" in out)
        mem = re.search(r"Hypervisor memory: (\d+) KiB of (\d+) KiB in use "
                        r"\(image (\d+) KiB; page pool (\d+) of (\d+) "
                        r"pages", out)
        if mem:
            m.setdefault("footprint", {})["memory"] = dict(zip(
                ("used_kib", "size_kib", "image_kib", "pool_used",
                 "pool_pages"), (int(g) for g in mem.groups())))
        uptime = re.search(r"shell ready: .* uptime ([\d.]+) s", com2)
        banner, marker = times[1], times[-1]
        lin = m.setdefault("linux", {})
        lin.setdefault("cell", []).append(
            marker - banner if banner is not None and marker is not None
            else None)
        lin.setdefault("cell_uptime", []).append(
            float(uptime.group(1)) if uptime else None)


def bench_exits(m):
    window = re.compile(r"\[apic-timer\] window (\d+): (\d+) ticks, "
                        r"wall-time jitter min (-?\d+) avg (-?\d+) max "
                        r"(-?\d+) ns; (\d+) VM exits")
    rtc_line = "steady state: "
    m["exits"] = []
    for cpu, mode in (("max", "x2APIC passed through"),
                      ("max,-x2apic", "xAPIC, x2APIC emulated")):
        name = "exits-" + cpu
        markers = ["[apic-timer] window 3: ", (3, rtc_line)]
        with Boot(ESP, WORK, name, cpu=cpu, serials=4,
                  **demo_machine()) as b:
            missing = b.wait_for(markers, timeout=TIMEOUT)
            if missing:
                failure(m, b, name, "steady-state exits, " + mode,
                        [x if isinstance(x, str) else x[1]
                         for x in missing])
            out, com3 = b.output(), b.output(3)
        wins = [tuple(int(g) for g in w.groups())
                for w in window.finditer(out)]
        hello = re.search(r"steady state: (\d+) VM exits in 5 s", com3)
        m["exits"].append({
            "mode": mode, "cpu": cpu,
            "ticks": sum(w[1] for w in wins),
            "apic_timer_exits": sum(w[5] for w in wins),
            "hello_exits_5s": int(hello.group(1)) if hello else None})


def stats_tables(text):
    """{cell: {reason: exits on all its CPUs}} from `bulkhead cell stats`
    tables in @text."""
    cells, cell = {}, None
    for line in text.splitlines():
        head = re.match(r'cell \d+ "([^"]+)" \(.*\): VM exits by reason',
                        line)
        if head:
            cell = cells.setdefault(head.group(1), {})
            continue
        row = re.match(r"([a-z_0-9]+)\s+((?:-?\d+\s*)+)$", line)
        if cell is not None and row:
            cell[row.group(1)] = int(row.group(2).split()[-1])
    return cells


def bench_reasons(m):
    """Every demo cell's exits by reason per second in its steady state,
    read by the Linux cell (tests/qemu/linux/bench-exits.sh) 10 s apart."""
    subprocess.run(["make", "--no-print-directory", "-s",
                    "SYSTEM=tests/bench/demo-exits"], check=True)
    smp, mem = open("build/demo-exits/qemu-machine").read().split()
    marks = ["bulkhead-test: exits at t0\r\n",
             "bulkhead-test: exits at t0 + 10 s",
             "bulkhead-test: bench-exits done"]
    name = "reasons"
    with Boot("build/demo-exits/esp.img", WORK, name, smp=int(smp), mem=mem,
              serials=4) as b:
        missing = b.wait_for([(2, marks[-1])], timeout=TIMEOUT)
        if missing:
            failure(m, b, name, "exits by reason", [marks[-1]], port=2)
        out = b.output(2).replace("\r\n", "\n")
    if missing:
        return
    marks = [mk.replace("\r\n", "\n") for mk in marks]
    if not all(mk in out for mk in marks):
        m["failures"].append({"run": name, "what": "exits by reason: the "
                              "script's markers are not all there",
                              "missing": [mk.strip() for mk in marks
                                          if mk not in out]})
        return
    first = out[out.index(marks[0]):out.index(marks[1])]
    second = out[out.index(marks[1]):out.index(marks[2])]
    a, z = stats_tables(first), stats_tables(second)
    if not a or set(a) != set(z):
        m["failures"].append({"run": name, "what": "exits by reason: "
                              "tables unreadable", "log_tail": second})
        return
    # A cell restarted between the readings starts its counts again.
    restarted = [c for c in z if any(z[c][r] < a[c].get(r, 0)
                                     for r in z[c])]
    if restarted:
        m["failures"].append({"run": name, "what": "exits by reason: "
                              "restarted between the readings: " +
                              ", ".join(restarted)})
        return
    m["reasons"] = {"seconds": 10, "cells": {
        c: {r: (z[c][r] - a[c].get(r, 0)) / 10 for r in z[c]}
        for c in z}}


def bench_linux(m, runs):
    subprocess.run(["make", "--no-print-directory", "-s", "linux"],
                   check=True)
    lin = m.setdefault("linux", {})
    lin.update({"version": open("build/linux/version").read().strip(),
                "cpus": LINUX_CPUS, "mem": LINUX_MEM, "bare": [],
                "bare_uptime": []})
    for run in range(runs):
        name = "linux-bare-%d" % run
        b = Boot(None, WORK, name, smp=LINUX_CPUS, mem=LINUX_MEM, serials=1,
                 extra=["-kernel", "build/linux/vmlinuz",
                        "-initrd", "build/linux/initramfs.cpio.gz",
                        "-append", "console=ttyS0 panic=-1"])
        with b:
            t, = timeline(b, [(1, LINUX_MARKER)])
            if t is None:
                failure(m, b, name, "Linux booted bare", [LINUX_MARKER])
            up = re.search(r"shell ready: .* uptime ([\d.]+) s", b.output())
        lin["bare"].append(t)
        lin["bare_uptime"].append(float(up.group(1)) if up else None)
    # The Linux cell alone on its two CPUs: the hypervisor's cost without
    # the demo cells' vCPUs competing for the host.
    subprocess.run(["make", "--no-print-directory", "-s",
                    "SYSTEM=tests/bench/linux-only"], check=True)
    smp, mem = open("build/linux-only/qemu-machine").read().split()
    lin.update({"alone": [], "alone_uptime": [], "alone_vcpus": int(smp)})
    markers = [(1, "Bulkhead hypervisor"), (2, LINUX_MARKER)]
    for run in range(runs):
        name = "linux-alone-%d" % run
        with Boot("build/linux-only/esp.img", WORK, name, smp=int(smp),
                  mem=mem, serials=2) as b:
            banner, marker = timeline(b, markers)
            if banner is None or marker is None:
                failure(m, b, name, "the Linux cell alone",
                        [t for (_, t), v in zip(markers, (banner, marker))
                         if v is None], port=2)
            up = re.search(r"shell ready: .* uptime ([\d.]+) s",
                           b.output(2))
        lin["alone"].append(marker - banner if banner is not None and
                            marker is not None else None)
        lin["alone_uptime"].append(float(up.group(1)) if up else None)


def latency_window(text, n):
    """Window @n of the apic-timer program's histogram report in @text
    (its cell's lines prefixed "[apic-timer] " or not): {min, avg, p50,
    p99, max, ticks, exits (None bare), hist: {from, width, counts}}, or
    None if the window or its histogram is not there."""
    w = re.search(r"window %d: (\d+) ticks, latency min (-?\d+) avg "
                  r"(-?\d+) p50 (-?\d+) p99 (-?\d+) max (-?\d+) ns; "
                  r"(?:bare|(\d+) VM exits)\r?\n" % n, text)
    h = re.search(r"histogram %d: from (-?\d+) ns, (\d+) ns per bucket:"
                  r"((?: \d+)+)\r?\n" % n, text)
    if not w or not h:
        return None
    ticks, lo, avg, p50, p99, hi = (int(g) for g in w.groups()[:6])
    return {"ticks": ticks, "min": lo, "avg": avg, "p50": p50, "p99": p99,
            "max": hi, "exits": int(w.group(7)) if w.group(7) else None,
            "hist": {"from": int(h.group(1)), "width": int(h.group(2)),
                     "counts": [int(c) for c in h.group(3).split()]}}


def bench_latency(m, runs):
    """The apic-timer program in its cell and bare under -icount, @runs
    boots of each: a boot's windows repeat in their min and, within a
    ns or two, their median (a few ticks may come some 60-70 ns late:
    -icount is not wholly deterministic where the CPU halts). The
    program's figures move by a few ns with the rates in its comm
    region, which boots calibrate a few ppm apart: bare boot k is given
    the rates cell boot k calibrated (bare.tsc_khz, bare.apic_khz), so
    that both do the same arithmetic and only the hypervisor differs."""
    subprocess.run(["make", "--no-print-directory", "-s",
                    "SYSTEM=tests/bench/latency"], check=True)
    subprocess.run(["make", "--no-print-directory", "-s", BARE_HARNESS],
                   check=True)
    smp, mem = open("build/latency/qemu-machine").read().split()
    lat = m["latency"] = {
        "args": LATENCY_ARGS, "window": LATENCY_WINDOW,
        "icount": " ".join(LATENCY_ICOUNT), "accel": LATENCY_ACCEL,
        "runs": []}
    rates = {}
    for cpu, apic, where, run in ((c, a, w, k) for c, a in LATENCY_MODES
                                  for w in ("cell", "bare")
                                  for k in range(runs)):
        name = "latency-%s-%s-%d" % (where, cpu, run)
        if where == "bare":
            given = rates.get((cpu, run))
            b = Boot(None, WORK, name, cpu=cpu, smp=int(smp), mem=mem,
                     serials=1, accel=LATENCY_ACCEL,
                     extra=LATENCY_ICOUNT + [
                         "-kernel", BARE_HARNESS, "-initrd",
                         "build/inmates/demos/apic-timer.bin " +
                         LATENCY_ARGS + (" bare.tsc_khz=%d bare.apic_khz="
                                         "%d" % given if given else "")])
            marker = "histogram %d:" % LATENCY_WINDOW
        else:
            b = Boot("build/latency/esp.img", WORK, name, cpu=cpu,
                     smp=int(smp), mem=mem, serials=1,
                     accel=LATENCY_ACCEL, extra=LATENCY_ICOUNT)
            marker = "[apic-timer] histogram %d:" % LATENCY_WINDOW
        with b:
            missing = b.wait_for([marker], timeout=TIMEOUT * 2)
            if missing:
                failure(m, b, name, "latency, %s, %s" % (where, apic),
                        [marker])
            out = b.output()
        figures = latency_window(out, LATENCY_WINDOW) if not missing \
            else None
        if figures is None and not missing:
            m["failures"].append({
                "run": name, "what": "latency, %s, %s: the window's "
                "report is unreadable" % (where, apic),
                "log_tail": "\n".join(out.splitlines()[-TAIL_LINES:])})
        cal = re.search(r"(?:calibrated|Calibrated against the PM "
                        r"timer): TSC (\d+) kHz, APIC timer (\d+) kHz",
                        out)
        given = re.search(r"bare: the rates given instead: TSC (\d+) kHz",
                          out)
        if cal and where == "cell":
            rates[(cpu, run)] = (int(cal.group(1)), int(cal.group(2)))
        lat["runs"].append({"apic": apic, "cpu": cpu, "where": where,
                            "run": run, "tsc_khz": int((given or cal)
                                                       .group(1))
                            if cal else None, "figures": figures})


def bench_interference(m):
    """The latency system's apic-timer cell on CPU 0 beside the Linux cell
    on CPUs 1 and 2 running a CPU and memory load (tests/bench/
    interference, tests/qemu/linux/load.sh), x2APIC, under -icount: the
    first window that starts after the load is running."""
    subprocess.run(["make", "--no-print-directory", "-s",
                    "SYSTEM=tests/bench/interference"], check=True)
    smp, mem = open("build/interference/qemu-machine").read().split()
    name = "interference"
    load = (2, "bulkhead-test: load running on")
    lat = m.setdefault("latency", {})
    lat["interference"] = None
    window = re.compile(r"\[apic-timer\] window (\d+):")
    with Boot("build/interference/esp.img", WORK, name, smp=int(smp),
              mem=mem, serials=2, accel=LATENCY_ACCEL,
              extra=LATENCY_ICOUNT) as b:
        # Linux boots at one instruction per block: slow in wall time.
        missing = b.wait_for([load], timeout=TIMEOUT * 10,
                             abort=["FAILED", "FATAL"])
        if missing:
            failure(m, b, name, "interference: the Linux cell's load",
                    [load[1]], port=2)
            return
        # The window under way may have begun before the load: the one
        # after it is the first wholly under load.
        seen = [int(n) for n in window.findall(b.output())]
        n = (max(seen) if seen else 0) + 2
        marker = "[apic-timer] histogram %d:" % n
        missing = b.wait_for([marker], timeout=TIMEOUT * 4)
        if missing:
            failure(m, b, name, "interference: the cell's window %d" % n,
                    [marker])
            return
        out = b.output()
    figures = latency_window(out, n)
    if figures is None:
        m["failures"].append({
            "run": name, "what": "interference: window %d is unreadable"
            % n, "log_tail": "\n".join(out.splitlines()[-TAIL_LINES:])})
        return
    cal = re.search(r"Calibrated against the PM timer: TSC (\d+) kHz", out)
    lat["interference"] = {"apic": "x2APIC", "cpu": "max", "window": n,
                           "figures": figures,
                           "booting": latency_window(out, 1),
                           "tsc_khz": int(cal.group(1)) if cal else None}


# The IPI runs: the smp program's arguments (bare, the second CPU's APIC
# ID too) and what its report looks like.
IPI_ARGS = "pingpong=1000"
IPI_LINE = re.compile(r"smp: ipi: (\d+) round trips to APIC ID \d+: min "
                      r"(\d+) avg (\d+) p50 (\d+) p99 (\d+) max (\d+) ns; "
                      r"(?:bare|(-?\d+) VM exits on its CPU)\r?\n")


def ipi_figures(text):
    """The smp program's ping-pong report in @text: {rounds, min, avg,
    p50, p99, max, exits (None bare)}, or None."""
    r = IPI_LINE.search(text)
    if not r:
        return None
    f = dict(zip(("rounds", "min", "avg", "p50", "p99", "max"),
                 (int(g) for g in r.groups()[:6])))
    f["exits"] = int(r.group(7)) if r.group(7) else None
    return f


def bench_ipi(m):
    """The smp program's IPI ping-pong in its cell and bare under -icount,
    x2APIC and xAPIC, one boot each: under -icount a run repeats."""
    subprocess.run(["make", "--no-print-directory", "-s",
                    "SYSTEM=tests/bench/ipi"], check=True)
    subprocess.run(["make", "--no-print-directory", "-s", BARE_HARNESS],
                   check=True)
    smp, mem = open("build/ipi/qemu-machine").read().split()
    m["ipi"] = []
    for cpu, apic in LATENCY_MODES:
        for where in ("cell", "bare"):
            name = "ipi-%s-%s" % (where, cpu)
            if where == "bare":
                b = Boot(None, WORK, name, cpu=cpu, smp=int(smp), mem=mem,
                         serials=1, accel=LATENCY_ACCEL,
                         extra=LATENCY_ICOUNT + [
                             "-kernel", BARE_HARNESS, "-initrd",
                             "build/inmates/demos/smp.bin %s peer=1"
                             % IPI_ARGS])
                marker = "ns; bare"
            else:
                b = Boot("build/ipi/esp.img", WORK, name, cpu=cpu,
                         smp=int(smp), mem=mem, serials=1,
                         accel=LATENCY_ACCEL, extra=LATENCY_ICOUNT)
                marker = "VM exits on its CPU"
            with b:
                missing = b.wait_for([marker], timeout=TIMEOUT * 2)
                if missing:
                    failure(m, b, name, "ipi, %s, %s" % (where, apic),
                            missing)
                out = b.output()
            figures = None if missing else ipi_figures(out)
            if figures is None and not missing:
                m["failures"].append({
                    "run": name, "what": "ipi, %s, %s: the report is "
                    "unreadable" % (where, apic),
                    "log_tail": "\n".join(out.splitlines()[-TAIL_LINES:])})
            m["ipi"].append({"apic": apic, "cpu": cpu, "where": where,
                             "figures": figures})


def bench_doorbell(m):
    """Cells ping and pong of tests/bench/doorbell, each on its own CPU,
    ring each other round after round under -icount: the round trips as
    ping's TSC measures them, and each side's exits (its CPU's total, the
    readings' own hypercalls taken off)."""
    subprocess.run(["make", "--no-print-directory", "-s",
                    "SYSTEM=tests/bench/doorbell"], check=True)
    smp, mem = open("build/doorbell/qemu-machine").read().split()
    ping = re.compile(r"\[ping\] shmem-bench: ping: (\d+) round trips: "
                      r"min (\d+) avg (\d+) p50 (\d+) p99 (\d+) max (\d+) "
                      r"ns; (-?\d+) VM exits on its CPU")
    pong = re.compile(r"\[pong\] shmem-bench: pong: (\d+) doorbells "
                      r"answered; (-?\d+) VM exits on its CPU")
    m["doorbell"] = []
    for cpu, apic in LATENCY_MODES:
        name = "doorbell-" + cpu
        with Boot("build/doorbell/esp.img", WORK, name, cpu=cpu,
                  smp=int(smp), mem=mem, serials=1, accel=LATENCY_ACCEL,
                  extra=LATENCY_ICOUNT) as b:
            missing = b.wait_for(["shmem-bench: ping: ",
                                  "shmem-bench: pong: "],
                                 timeout=TIMEOUT * 4)
            if missing:
                failure(m, b, name, "doorbell, " + apic, missing)
            out = b.output()
        a, c = ping.search(out), pong.search(out)
        if missing or not a or not c:
            continue
        m["doorbell"].append({
            "apic": apic, "cpu": cpu, "rounds": int(a.group(1)),
            "min": int(a.group(2)), "avg": int(a.group(3)),
            "p50": int(a.group(4)), "p99": int(a.group(5)),
            "max": int(a.group(6)), "ping_exits": int(a.group(7)),
            "pong_answered": int(c.group(1)),
            "pong_exits": int(c.group(2))})


def footprint(m):
    def lines(top):
        n = 0
        for d, _, names in os.walk(top):
            for f in names:
                if f.endswith((".c", ".h", ".S")):
                    with open(os.path.join(d, f), errors="replace") as fh:
                        n += sum(1 for _ in fh)
        return n
    m.setdefault("footprint", {}).update({
        "lines_core": lines("core"), "lines_arch": lines("arch"),
        "hypervisor_bytes": os.path.getsize("build/hypervisor.bin")})


def environment(runs):
    try:
        qemu = subprocess.run(["qemu-system-x86_64", "--version"],
                              capture_output=True, text=True)
        version = qemu.stdout.split("\n")[0].strip() if not \
            qemu.returncode else "not runnable: " + qemu.stderr.strip()
    except OSError as e:
        version = "not runnable: %s" % e
    cpu = platform.processor() or "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            names = re.findall(r"^model name\s*:\s*(.*)$", f.read(), re.M)
        if names:
            cpu = names[0]
    except OSError:
        pass
    return {"date": time.strftime("%Y-%m-%d %H:%M"),
            "qemu": version,
            "host_cpu": cpu, "host_cores": os.cpu_count(),
            "load_before": os.getloadavg()[0], "runs": runs}


def main():
    os.chdir(ROOT)
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--only",
                    default="boot,exits,reasons,linux,latency,"
                    "interference,ipi,doorbell,footprint")
    args = ap.parse_args()
    os.makedirs(WORK, exist_ok=True)
    m = {"env": environment(args.runs), "failures": []}
    sections = [("boot", lambda: bench_boot(m, args.runs)),
                ("exits", lambda: bench_exits(m)),
                ("reasons", lambda: bench_reasons(m)),
                ("linux", lambda: bench_linux(m, args.runs)),
                ("latency", lambda: bench_latency(m, args.runs)),
                ("interference", lambda: bench_interference(m)),
                ("ipi", lambda: bench_ipi(m)),
                ("doorbell", lambda: bench_doorbell(m)),
                ("footprint", lambda: footprint(m))]
    for name, fn in sections:
        if name not in args.only.split(","):
            continue
        try:
            fn()
        except (OSError, subprocess.CalledProcessError) as e:
            # QEMU or a build step could not run at all.
            m["failures"].append({"run": name, "what": "could not run",
                                  "error": str(e)})
    m["env"]["load_after"] = os.getloadavg()[0]
    with open(os.path.join(WORK, "measurements.json"), "w") as f:
        json.dump(m, f, indent=1)
    print(bench_report.write(m, WORK), end="")
    drawn, problems = bench_report.plot(WORK)
    for p in problems:
        print("bench: " + p, file=sys.stderr)
    print("bench: %s/report.md%s" % (WORK, "".join(
        ", %s/%s" % (WORK, d) for d in drawn)))
    if m["failures"]:
        print("bench: %d run(s) failed (see the report's last section)"
              % len(m["failures"]), file=sys.stderr)
    return 1 if m["failures"] or problems else 0


if __name__ == "__main__":
    sys.exit(main())
