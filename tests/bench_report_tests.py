# SPDX-License-Identifier: BSD-2-Clause
"""The bench report (tests/bench_report.py) on canned measurements: what
a reader must find in build/bench/report.md, and what gnuplot is given.
No QEMU, no gnuplot: the writer's words and numbers only."""
import os
import re
import shutil

import bench
import bench_report

WORK = "build/tests/bench-report"

CANNED = {
    "env": {"date": "2026-12-05 11:00", "qemu": "QEMU emulator version "
            "10.0.2", "host_cpu": "AMD EPYC 7B13", "host_cores": 2,
            "load_before": 0.5, "load_after": 2.25, "runs": 3},
    "boot": {"vcpus": 7, "steps": ["hypervisor banner", "cells started",
                                   "rtos first line (COM4)"],
             "runs": [{"name": "boot-0", "times": {
                 "hypervisor banner": 5.0, "cells started": 8.0,
                 "rtos first line (COM4)": 9.0}},
                      {"name": "boot-1", "times": {
                          "hypervisor banner": 6.0, "cells started": 9.5,
                          "rtos first line (COM4)": None}},
                      {"name": "boot-2", "times": {
                          "hypervisor banner": 4.0, "cells started": 7.0,
                          "rtos first line (COM4)": 8.0}}],
             "rates": [[2300000, 1000010], [2300046, 999990]],
             "uncertain": 1},
    "exits": [{"mode": "x2APIC passed through", "cpu": "max", "ticks": 15000,
               "apic_timer_exits": 0, "hello_exits_5s": 0},
              {"mode": "xAPIC, x2APIC emulated", "cpu": "max,-x2apic",
               "ticks": 0, "apic_timer_exits": 0, "hello_exits_5s": None}],
    "linux": {"version": "linux-image-6.1.0-57-amd64", "cpus": 2,
              "mem": "256M", "bare": [4.0, 4.4, 4.2],
              "bare_uptime": [1.5, 1.6, 1.5], "cell": [8.0, None, 8.8],
              "cell_uptime": [1.8, None, 1.8], "alone": [5.0, 5.5, 5.25],
              "alone_uptime": [1.65, 1.65, 1.7], "alone_vcpus": 2},
    "reasons": {"seconds": 10, "cells": {
        "linux": {"total": 12.5, "hypercall": 12.5, "pio": 0.0},
        "apic-timer": {"total": 0.0, "hypercall": 0.0, "pio": 0.0}}},
    "latency": {"args": "period_us=1000 window=2000 histogram=1",
                "window": 2, "icount": "-icount shift=0,sleep=off",
                "accel": "tcg,one-insn-per-tb=on", "runs": [
                    {"apic": "x2APIC", "cpu": "max", "where": "bare",
                     "tsc_khz": 999995, "figures": {
                         "ticks": 2000, "min": 89, "avg": 97, "p50": 97,
                         "p99": 103, "max": 107, "exits": None,
                         "hist": {"from": 89, "width": 1,
                                  "counts": [1, 0, 999, 1000]}}},
                    {"apic": "x2APIC", "cpu": "max", "where": "cell",
                     "tsc_khz": 999994, "figures": {
                         "ticks": 2000, "min": 90, "avg": 100, "p50": 101,
                         "p99": 108, "max": 108, "exits": 0,
                         "hist": {"from": 90, "width": 2,
                                  "counts": [1, 1999]}}},
                    {"apic": "x2APIC", "cpu": "max", "where": "cell",
                     "tsc_khz": 999993, "figures": {
                         "ticks": 2000, "min": 91, "avg": 95, "p50": 95,
                         "p99": 95, "max": 109, "exits": 0,
                         "hist": {"from": 91, "width": 1,
                                  "counts": [1, 1999]}}},
                    {"apic": "xAPIC", "cpu": "max,-x2apic", "where": "bare",
                     "tsc_khz": None, "figures": None},
                    {"apic": "xAPIC", "cpu": "max,-x2apic", "where": "cell",
                     "tsc_khz": 999994, "figures": {
                         "ticks": 2000, "min": 388, "avg": 398, "p50": 398,
                         "p99": 406, "max": 406, "exits": 4000,
                         "hist": {"from": 388, "width": 1,
                                  "counts": [2000]}}}],
                "interference": {"apic": "x2APIC", "cpu": "max",
                                 "window": 4, "tsc_khz": 999993,
                                 "figures": {
                                     "ticks": 2000, "min": 91, "avg": 105,
                                     "p50": 104, "p99": 120, "max": 130,
                                     "exits": 0, "hist": {
                                         "from": 91, "width": 2,
                                         "counts": [2000]}},
                                 "booting": {
                                     "ticks": 2000, "min": 91, "avg": 100,
                                     "p50": 100, "p99": 110, "max": 130,
                                     "exits": 0, "hist": {
                                         "from": 91, "width": 2,
                                         "counts": [2000]}}}},
    "ipi": [{"apic": "x2APIC", "cpu": "max", "where": "cell",
             "figures": {"rounds": 1000, "min": 4000, "avg": 4010,
                         "p50": 4010, "p99": 4020, "max": 4100,
                         "exits": 1000}},
            {"apic": "x2APIC", "cpu": "max", "where": "bare",
             "figures": {"rounds": 1000, "min": 1000, "avg": 1002,
                         "p50": 1002, "p99": 1005, "max": 1050,
                         "exits": None}},
            {"apic": "xAPIC", "cpu": "max,-x2apic", "where": "cell",
             "figures": {"rounds": 1000, "min": 5000, "avg": 5000,
                         "p50": 5000, "p99": 5000, "max": 5000,
                         "exits": 2000}},
            {"apic": "xAPIC", "cpu": "max,-x2apic", "where": "bare",
             "figures": None}],
    "doorbell": [{"apic": "x2APIC", "cpu": "max", "rounds": 1000,
                  "min": 5777, "avg": 5783, "p50": 5783, "p99": 5784,
                  "max": 5864, "ping_exits": 1000, "pong_answered": 1000,
                  "pong_exits": 1000},
                 {"apic": "xAPIC", "cpu": "max,-x2apic", "rounds": 1000,
                  "min": 6793, "avg": 6799, "p50": 6799, "p99": 6800,
                  "max": 6856, "ping_exits": 2000, "pong_answered": 1000,
                  "pong_exits": 2000}],
    "footprint": {"lines_core": 9000, "lines_arch": 6000,
                  "hypervisor_bytes": 106520,
                  "memory": {"used_kib": 1100, "size_kib": 8192,
                             "image_kib": 500, "pool_used": 150,
                             "pool_pages": 1900}},
    "failures": [{"run": "boot-1", "what": "the demo system's boot",
                  "missing": ["rtos first line (COM4)"], "exit": 1,
                  "qemu_error": "qemu-system-x86_64: Failed to get \"write\" "
                  "lock\nIs another process using the image?",
                  "log_tail": "Bulkhead hypervisor 0.1\nStarting 5 cells"}],
}


def run(res):
    shutil.rmtree(WORK, ignore_errors=True)
    text = bench_report.write(CANNED, WORK)
    on_disk = open(os.path.join(WORK, "report.md")).read()
    res.check("bench-report/written", text == on_disk, "report.md differs")
    # How it was measured, contention said in words.
    for name, need in [
            ("qemu", "| QEMU | QEMU emulator version 10.0.2 |"),
            ("cpu", "| host CPU | AMD EPYC 7B13 |"),
            ("cores", "| host cores | 2 |"),
            ("runs", "| runs per figure | 3 |"),
            ("load", "| host load (1 min) | 0.50 before, 2.25 after |"),
            ("contention", "The demo system's 7 vCPUs share 2 host cores")]:
        res.check("bench-report/env-" + name, need in text,
                  "no %r in:\n%s" % (need, text[:1500]))
    # Medians with min and max; a step a run never reached counts so.
    res.check("bench-report/boot-median-min-max",
              "| hypervisor banner | 5.00 | 4.00 | 6.00 | 3 of 3 |" in text
              and "| rtos first line (COM4) | 8.50 | 8.00 | 9.00 | 2 of 3 |"
              in text, text)
    res.check("bench-report/rates",
              "TSC median 2300023 kHz (min 2300000, max 2300046: spread 20 "
              "ppm)" in text and "at most 10 ppm off" in text and
              "1 of the boots calibrated UNCERTAIN" in text, text)
    res.check("bench-report/exits",
              "| x2APIC passed through | 0 | 15000 | 0.00 | 0 |" in text and
              "| xAPIC, x2APIC emulated | no window reported |" in text, text)
    res.check("bench-report/linux",
              "| bare | 4.20 s (min 4.00, max 4.40; 3 runs) |" in text and
              "| cell, in the demo system (7 vCPUs) | 8.40 s (min 8.00, max "
              "8.80; 2 runs), 1 of 3 runs failed |" in text and
              "| cell, alone (2 vCPUs) | 5.25 s (min 5.00, max 5.50; 3 "
              "runs) |" in text and
              "Ratio cell in the demo system / bare of the medians: 2.00 to "
              "the marker, 1.20 of the kernels' own uptimes." in text and
              "Ratio cell alone / bare of the medians: 1.25 to the marker, "
              "1.10 of the kernels' own uptimes." in text, text)
    res.check("bench-report/doorbell",
              "| x2APIC | 1000 | 5777 | 5783 | 5783 | 5784 | 5864 | 1.00 | "
              "1.00 |" in text and "| xAPIC | 1000 | 6793 | 6799 | 6799 | "
              "6800 | 6856 | 2.00 | 2.00 |" in text, text)
    res.check("bench-report/ipi",
              "| x2APIC | cell | 1000 | 4000 | 4010 | 4010 | 4020 | 4100 | "
              "1.00 |" in text and "| x2APIC | bare | 1000 | 1000 | 1002 | "
              "1002 | 1005 | 1050 | - |" in text and
              "| xAPIC | bare | never |" in text and
              "x2APIC: cell/bare 4.002 on the average, 4.000 at p99." in text
              and "xAPIC: no ratio (a run is missing)." in text, text)
    # The doorbells against a bare IPI there and back, where there is one.
    res.check("bench-report/doorbell-against-bare-ipi",
              "x2APIC: doorbell/bare IPI 5.771 on the average, 5.755 at p99 "
              "(a round trip against one bare IPI there and back); "
              "doorbell/IPI in a cell 1.442 on the average." in text and
              "xAPIC: no bare IPI figure to set it against; doorbell/IPI "
              "in a cell 1.360 on the average." in text, text)
    res.check("bench-report/footprint",
              "9000 lines of C and assembly in `core/`, 6000 in `arch/`; the "
              "hypervisor binary is 106520 bytes." in text and
              "the hypervisor keeps 1100 KiB of the 8192 KiB its system "
              "config gives it: its image (code, data, per-CPU state) 500 "
              "KiB and 150 of 1900 pages" in text, text)
    # Exits by reason: only reasons some cell has, per second.
    res.check("bench-report/reasons",
              "| cell | total | hypercall |" in text and
              "| apic-timer | 0.0 | 0.0 |" in text and
              "| linux | 12.5 | 12.5 |" in text and "pio" not in
              text[text.find("## VM exits per second"):
                   text.find("## The Linux cell")], text)
    # Latency: each run's figures, exits per tick, the ratios against
    # the target, a missing run said so; the histograms side by side.
    res.check("bench-report/latency",
              "| x2APIC | bare | 89 | 97 | 97 | 103 | 107 | - | 97 (min 97, "
              "max 97; 1 boot) | 999995 |" in text and
              "| x2APIC | cell | 90.5 | 97.5 | 98 | 101.5 | 108.5 | 0.00 | "
              "97.5 (min 95, max 100; 2 boots) | 999994, 999993 |" in text
              and "| xAPIC | bare | never (1 boot) |" in text and
              "| xAPIC | cell | 388 | 398 | 398 | 406 | 406 | 2.00 | 398 "
              "(min 398, max 398; 1 boot) | 999994 |" in text and
              "x2APIC: cell/bare 1.005 on the average, 0.985 at p99 "
              "(medians over the boots); target <= 1.02 on the average: "
              "met." in text and
              "xAPIC: no ratio (a run is missing)." in text and
              "\n| x2APIC | cell, Linux loaded | 91 | 105 | 104 | 120 | 130 | "
              "0.00 | 1 boot |  |\n" in text and
              "(`tests/bench/interference`, one boot, window 4, the first "
              "wholly under load): 105 ns on the average, 1.077 of the cell "
              "alone and 1.082 of bare; p99 120 ns; 0 VM exits in 2000 "
              "ticks." in text and "while the Linux cell booted (window "
              "1): 100 ns on the average, p99 110 ns; under load / booting "
              "1.050." in text and "(TSC 999993 kHz here)" in text and
              "`-icount shift=0,sleep=off` with `-accel "
              "tcg,one-insn-per-tb=on`" in text, text)
    dat = open(os.path.join(WORK, "latency-x2apic.dat")).read()
    res.check("bench-report/latency-data",
              dat == "# ns bare cell\n89 1 0\n90 0 0\n91 999 1\n"
              "92 1000 1999\n" and not os.path.exists(
                  os.path.join(WORK, "latency-xapic.dat")) and
              "set output 'latency-x2apic.png'" in open(os.path.join(
                  WORK, "latency-x2apic.gp")).read(), dat)
    # The program's report as bench.py reads it, bare and in a cell.
    lines = ("apic-timer: one-shot APIC timer every 1000 us\n"
             "window 1: 2000 ticks, latency min 1 avg 2 p50 2 p99 3 max 4 "
             "ns; bare\n"
             "histogram 1: from 1 ns, 1 ns per bucket: 5 6\n"
             "[apic-timer] window 2: 2000 ticks, latency min 90 avg 100 p50 "
             "101 p99 108 max 108 ns; 12 VM exits\r\n"
             "[apic-timer] histogram 2: from 90 ns, 2 ns per bucket: 1 0 "
             "1999\r\n"
             "window 3: 2000 ticks, latency min 1 avg 2 p50 2 p99 3 max 4 "
             "ns; bare\n")
    res.check("bench-report/latency-parse",
              bench.latency_window(lines, 2) == {
                  "ticks": 2000, "min": 90, "avg": 100, "p50": 101,
                  "p99": 108, "max": 108, "exits": 12,
                  "hist": {"from": 90, "width": 2, "counts": [1, 0, 1999]}}
              and bench.latency_window(lines, 1)["exits"] is None and
              bench.latency_window(lines, 3) is None and
              bench.latency_window(lines, 4) is None,
              repr(bench.latency_window(lines, 2)))
    # The CLI's tables as bench.py reads them.
    table = ('cell 2 "linux" (running): VM exits by reason\n'
             "REASON                  CPU5          CPU6     ALL CPUS\n"
             "total                   40            2           42\n"
             "hypercall               38            0           38\n"
             "msr_x2apic_icr           2            2            4\n")
    res.check("bench-report/stats-tables",
              bench.stats_tables("noise\n" + table) ==
              {"linux": {"total": 42, "hypercall": 38, "msr_x2apic_icr": 4}},
              repr(bench.stats_tables(table)))
    # A failed run: which, what never came, QEMU's words, the log.
    fail = text[text.find("## Runs that failed"):]
    res.check("bench-report/failure",
              "### boot-1: the demo system's boot" in fail and
              "Never came: `rtos first line (COM4)`." in fail and
              "QEMU exited with status 1." in fail and
              'Failed to get "write" lock' in fail and
              "Starting 5 cells" in fail, fail)
    # gnuplot's input: the data the table shows, the scripts naming it.
    dat = open(os.path.join(WORK, "boot.dat")).read()
    res.check("bench-report/boot-data",
              re.search(r'^2 "rtos first line \(COM4\)" 8\.500 8\.000 '
                        r'9\.000$', dat, re.M) is not None, dat)
    gp = open(os.path.join(WORK, "boot.gp")).read()
    res.check("bench-report/boot-script",
              "set output 'boot.png'" in gp and "'boot.dat'" in gp and
              "yerrorbars" in gp, gp)
    res.check("bench-report/linux-plot",
              os.path.exists(os.path.join(WORK, "linux.gp")) and
              '1 "cell, in the demo system" 8.400' in open(
                  os.path.join(WORK, "linux.dat")).read() and
              '2 "cell, alone" 5.250' in open(
                  os.path.join(WORK, "linux.dat")).read(),
              "no linux.gp / linux.dat")
    # Nothing measured at all: "never", and no plot of nothing.
    empty = {"env": {}, "boot": {"vcpus": 7, "steps": ["hypervisor banner"],
                                 "runs": [{"name": "boot-0", "times": {
                                     "hypervisor banner": None}}]},
             "latency": {"runs": [], "interference": None},
             "failures": [{"run": "boot-0", "what": "the demo system's "
                           "boot", "missing": ["hypervisor banner"],
                           "exit": 1, "qemu_error": "qemu-system-x86_64: "
                           "Could not open 'build/esp.img'",
                           "log_tail": ""},
                          {"run": "linux", "what": "could not run",
                           "error": "Command '['make', 'linux']' returned "
                           "non-zero exit status 2."}]}
    text = bench_report.write(empty, WORK + "/empty")
    res.check("bench-report/never",
              "| hypervisor banner | never | | | 0 of 1 |" in text and
              "| QEMU | unknown |" in text and
              "Could not open 'build/esp.img'" in text and
              "The log is empty." in text and
              "\n| x2APIC | cell, Linux loaded | never |  |  |  |  |  |  |"
              "  |\n" in text
              and
              "### linux: could not run" in text and
              "Error: `Command '['make', 'linux']' returned" in text and
              "QEMU said" not in text[text.find("### linux"):], text)
    res.check("bench-report/no-plot-of-nothing",
              not os.path.exists(os.path.join(WORK, "empty", "boot.gp")),
              "boot.gp written with no data")
    res.check("bench-report/fmt-never", bench_report.fmt([None, None]) ==
              "never (2 runs, none got there)" and
              bench_report.fmt([]) == "not measured",
              bench_report.fmt([None]))
