# SPDX-License-Identifier: BSD-2-Clause
"""make bench's report, written from the measurements tests/bench.py
takes (build/bench/measurements.json) into build/bench/report.md, with
gnuplot data and scripts beside it and the PNGs gnuplot draws from them.

Kept apart from the measuring so that it can be tested on canned figures
(tests/bench_report_tests.py, in make test) with no QEMU and no gnuplot.

The measurements, a JSON object:
  env       date, qemu (version), host_cpu (model), host_cores,
            load_before / load_after (the host's 1-minute load average
            around the runs: contention), runs (per figure)
  boot      vcpus, steps (names, in order), runs: [{name, times: {step:
            seconds from QEMU's start, or null}}], rates: [[tsc_khz,
            apic_khz]] one per boot, uncertain: boots whose calibration
            said UNCERTAIN
  exits     [{mode, cpu, ticks, apic_timer_exits, hello_exits_5s}]
  reasons   seconds, cells: {cell: {reason: exits per second}}
  linux     version, cpus, mem, bare: [s], bare_uptime: [s], cell: [s]
            (hypervisor banner to the marker), cell_uptime: [s]
  latency   args (the program's command line), window (the one
            reported), icount, accel (QEMU's options), runs: [{apic
            (x2APIC or xAPIC), cpu (QEMU's -cpu), where (bare or cell),
            run (the boot's number), tsc_khz (the rate in its comm
            region: as the cell's boot calibrated it), figures:
            {ticks, min, avg, p50, p99, max (virtual ns), exits (None
            bare), hist: {from, width, counts}} or None}], interference:
            {apic, cpu, window, figures, booting (window 1's figures),
            tsc_khz} or None (the run failed)
  ipi       [{apic, cpu, where (bare or cell), figures: {rounds, min,
            avg, p50, p99, max (virtual ns of a round trip), exits (of
            the pinging CPU; None bare)} or None (the run failed)}]
  doorbell  [{apic, cpu, rounds, min, avg, p50, p99, max (virtual ns of
            a round trip), ping_exits, pong_answered, pong_exits}]
  footprint lines_core, lines_arch, hypervisor_bytes, memory: {used_kib,
            size_kib, image_kib, pool_used, pool_pages} (the hypervisor's
            line in the demo's boot; missing without the boot section)
  failures  [{run, what, missing: [markers], exit, qemu_error, log_tail,
            error (a step that could not run at all)}]
Any section may be missing (bench.py --only).
"""
import os
import shutil
import statistics
import subprocess


def summary(values):
    """(median, min, max, good, total) of @values, None entries being
    runs without the figure; median None if no run had it."""
    good = [v for v in values if v is not None]
    if not good:
        return None, None, None, 0, len(values)
    return (statistics.median(good), min(good), max(good), len(good),
            len(values))


def fmt(values, unit="s", digits=2):
    """"8.44 s (min 8.10, max 8.90; 3 runs)"; what did not come is said."""
    med, lo, hi, good, total = summary(values)
    if not total:
        return "not measured"
    if med is None:
        return "never (%d run%s, none got there)" % (total,
                                                     "" if total == 1
                                                     else "s")
    text = "%.*f %s" % (digits, med, unit)
    if good > 1:
        text += " (min %.*f, max %.*f; %d runs)" % (digits, lo, digits, hi,
                                                    good)
    else:
        text += " (1 run)"
    if good < total:
        text += ", %d of %d runs failed" % (total - good, total)
    return text


def _block(out, *lines):
    """@lines, then a blank line: one Markdown block."""
    out.extend(lines)
    out.append("")


def _fenced(out, label, text):
    """@label, then @text verbatim in a code block."""
    _block(out, label)
    _block(out, "```", text.rstrip(), "```")


def _env(m, out):
    env = m.get("env", {})
    _block(out, "## How this was measured")
    out.append("| | |")
    out.append("|---|---|")
    for key, label in (("date", "date"), ("qemu", "QEMU"),
                       ("host_cpu", "host CPU"),
                       ("host_cores", "host cores"),
                       ("runs", "runs per figure")):
        out.append("| %s | %s |" % (label, env.get(key, "unknown")))
    lb, la = env.get("load_before"), env.get("load_after")
    if lb is not None and la is not None:
        out.append("| host load (1 min) | %.2f before, %.2f after |" % (lb,
                                                                     la))
    out.append("")
    cores = env.get("host_cores")
    vcpus = m.get("boot", {}).get("vcpus")
    if cores and vcpus and vcpus > cores:
        out.append("The demo system's %d vCPUs share %d host cores under "
                   "TCG: wall times below measure that contention as much "
                   "as the hypervisor. Exit counts do not depend on it."
                   % (vcpus, cores))
        out.append("")


def _boot(m, out, files):
    boot = m.get("boot")
    if not boot:
        return
    steps, runs = boot["steps"], boot["runs"]
    _block(out, "## Demo system boot")
    out.append("Seconds from QEMU's start, %d vCPUs; median, min and max "
               "over the runs (figure `boot.png`)." % boot.get("vcpus", 0))
    out.append("")
    out.append("| step | median | min | max | runs |")
    out.append("|---|---|---|---|---|")
    dat = ["# step median min max"]
    for i, step in enumerate(steps):
        vals = [r["times"].get(step) for r in runs]
        med, lo, hi, good, total = summary(vals)
        if med is None:
            out.append("| %s | never | | | 0 of %d |" % (step, total))
            continue
        out.append("| %s | %.2f | %.2f | %.2f | %d of %d |" % (
            step, med, lo, hi, good, total))
        dat.append('%d "%s" %.3f %.3f %.3f' % (i, step, med, lo, hi))
    out.append("")
    if len(dat) > 1:
        files["boot.dat"] = "\n".join(dat) + "\n"
        files["boot.gp"] = BOOT_GP
    _rates(boot, out)


BOOT_GP = (
    "set terminal png size 900,420\n"
    "set output 'boot.png'\n"
    "set title 'Demo system boot: seconds from QEMU start (median, "
    "min-max)'\n"
    "set style fill solid 0.5\n"
    "set boxwidth 0.6\n"
    "set yrange [0:*]\n"
    "set xtics rotate by -30\n"
    "set ylabel 's'\n"
    "plot 'boot.dat' using 1:3:xtic(2) with boxes notitle, \\\n"
    "     '' using 1:3:4:5 with yerrorbars notitle\n")


def _rates(boot, out):
    rates = boot.get("rates") or []
    if boot.get("uncertain"):
        out.append("%d of the boots calibrated UNCERTAIN (the hypervisor's "
                   "console says by how much): their rates are among "
                   "these." % boot["uncertain"])
        out.append("")
    if rates:
        tsc = [t for t, _ in rates]
        apic = [a for _, a in rates]
        mid = statistics.median(tsc)
        out.append("Calibrated rates over %d boots (the hypervisor's "
                   "line): TSC median %d kHz (min %d, max %d: spread %.0f "
                   "ppm); APIC timer median %d kHz (min %d, max %d: at most "
                   "%.0f ppm off QEMU's 1000000 kHz)." % (
                       len(rates), mid, min(tsc), max(tsc),
                       (max(tsc) - min(tsc)) / mid * 1e6,
                       statistics.median(apic), min(apic), max(apic),
                       max(abs(a - 1000000) for a in apic)))
        out.append("")


def _exits(m, out):
    exits = m.get("exits")
    if not exits:
        return
    _block(out, "## VM exits in the cells' steady state")
    out.append("Exact counts from the hypervisor's statistics as the cells "
               "read them; one run each.")
    out.append("")
    out.append("| APIC mode | apic-timer exits | timer ticks | per tick | "
               "hello exits in 5 s |")
    out.append("|---|---|---|---|---|")
    for e in exits:
        if e.get("ticks"):
            out.append("| %s | %d | %d | %.2f | %s |" % (
                e["mode"], e["apic_timer_exits"], e["ticks"],
                e["apic_timer_exits"] / e["ticks"],
                "?" if e.get("hello_exits_5s") is None else
                e["hello_exits_5s"]))
        else:
            out.append("| %s | no window reported | | | |" % e["mode"])
    out.append("")


def _reasons(m, out, files):
    rs = m.get("reasons")
    if not rs:
        return
    cells = sorted(rs["cells"])
    reasons = [r for r in REASONS if r != "total" and any(
        rs["cells"][c].get(r) for c in cells)]
    _block(out, "## VM exits per second by reason, each cell")
    out.append("The demo system in its steady state, over %d s, all CPUs "
               "of each cell (figure `reasons.png`). The Linux cell reads "
               "the statistics, running the `bulkhead` command once per "
               "cell: its row is that reading (hypercalls, the CPUID of "
               "each process's start, the IPIs of scheduling them); a "
               "demo's hypercalls are its console output." % rs["seconds"])
    out.append("")
    out.append("| cell | total | %s |" % " | ".join(reasons) if reasons
               else "| cell | total |")
    out.append("|---" * (2 + len(reasons)) + "|")
    dat = ["# cell total " + " ".join(reasons)]
    for i, c in enumerate(cells):
        row = rs["cells"][c]
        out.append("| %s | %.1f |%s" % (c, row.get("total", 0), "".join(
            " %.1f |" % row.get(r, 0) for r in reasons)))
        dat.append('%d "%s" %.3f%s' % (i, c, row.get("total", 0), "".join(
            " %.3f" % row.get(r, 0) for r in reasons)))
    out.append("")
    files["reasons.dat"] = "\n".join(dat) + "\n"
    files["reasons.gp"] = (
        "set terminal png size 700,400\n"
        "set output 'reasons.png'\n"
        "set title 'VM exits per second, each cell (all its CPUs)'\n"
        "set style fill solid 0.5\n"
        "set boxwidth 0.6\n"
        "set yrange [0:*]\n"
        "plot 'reasons.dat' using 1:3:xtic(2) with boxes notitle\n")


# The hypervisor's exit reasons, in its statistics' order.
REASONS = ["total", "mmio", "management", "hypercall", "pio", "xapic", "cr",
           "cpuid", "xsetbv", "exception", "msr_other", "msr_x2apic_icr"]


def _linux(m, out, files):
    lin = m.get("linux")
    if not lin:
        return
    _block(out, "## The Linux cell against the same kernel booted bare")
    out.append("%s, %d CPUs and %s each; the bare kernel booted by QEMU "
               "`-kernel` from QEMU's start, the cell from the hypervisor's "
               "banner, both to the init's marker (figure `linux.png`)."
               % (lin.get("version", "?"), lin.get("cpus", 0),
                  lin.get("mem", "?")))
    out.append("")
    out.append("| | to the marker | kernel uptime at the marker |")
    out.append("|---|---|---|")
    out.append("| bare | %s | %s |" % (fmt(lin.get("bare", [])),
                                      fmt(lin.get("bare_uptime", []))))
    if "cell" in lin:
        out.append("| cell, in the demo system (%s vCPUs) | %s | %s |" % (
            m.get("boot", {}).get("vcpus", "?"), fmt(lin["cell"]),
            fmt(lin.get("cell_uptime", []))))
    if "alone" in lin:
        out.append("| cell, alone (%s vCPUs) | %s | %s |" % (
            lin.get("alone_vcpus", "?"), fmt(lin["alone"]),
            fmt(lin.get("alone_uptime", []))))
    med = {k: summary(lin.get(k, []))[0] for k in (
        "bare", "bare_uptime", "cell", "cell_uptime", "alone",
        "alone_uptime")}
    out.append("")
    dat = ["# what median"]
    if med["bare"]:
        dat.append('0 "bare" %.3f' % med["bare"])
    for i, (key, label) in enumerate((("cell", "in the demo system"),
                                      ("alone", "alone")), 1):
        if not (med["bare"] and med[key]):
            continue
        up = med[key + "_uptime"]
        out.append("Ratio cell %s / bare of the medians: %.2f to the "
                   "marker%s." % (label, med[key] / med["bare"],
                                  ", %.2f of the kernels' own uptimes" %
                                  (up / med["bare_uptime"]) if up and
                                  med["bare_uptime"] else ""))
        dat.append('%d "%s" %.3f' % (i, "cell, " + label, med[key]))
    out.append("")
    if len(dat) > 2:
        files["linux.dat"] = "\n".join(dat) + "\n"
        files["linux.gp"] = (
            "set terminal png size 600,400\n"
            "set output 'linux.png'\n"
            "set title 'Linux boot to the shell marker (median s)'\n"
            "set style fill solid 0.5\n"
            "set boxwidth 0.5\n"
            "set yrange [0:*]\n"
            "plot 'linux.dat' using 1:3:xtic(2) with boxes "
            "notitle\n")


# The latency target on x2APIC (issue: near-bare speed): cell/bare.
LATENCY_TARGET = 1.02


def _latency(m, out, files):
    lat = m.get("latency")
    if not lat:
        return
    _block(out, "## Interrupt latency, bare and in a cell, under -icount")
    out.append("The `apic-timer` program (one-shot APIC timer, %s): each "
               "tick's latency from its due time to its handler by the "
               "TSC, in virtual ns. QEMU `-icount %s` with `-accel %s`: "
               "virtual time follows the instructions executed, so the "
               "host's load does not enter. Window %d of the program's "
               "report: a boot's windows repeat in their min and nearly in "
               "their median (a few ticks may come 60-70 ns late: -icount "
               "is not wholly deterministic where the CPU halts); boots "
               "differ by a "
               "few ns with the rates each calibrated (last column), so "
               "each figure is the median over the boots. "
               "Bare: "
               "`tests/bench/bare` boots the same binary with SeaBIOS, "
               "each boot given the rates its cell's boot calibrated "
               "(`bare.tsc_khz`, `bare.apic_khz`), so that the program "
               "does the same arithmetic bare and in its cell "
               "(figures `latency-*.png`)." % (
                   lat.get("args", "?"), lat.get("icount", "?").replace(
                       "-icount ", ""), lat.get("accel", "?"),
                   lat.get("window", 0)))
    out.append("")
    out.append("| APIC | run | min | avg | p50 | p99 | max | VM exits per "
               "tick | avg over the boots | TSC rate it was given, kHz |")
    out.append("|---|---|---|---|---|---|---|---|---|---|")
    groups = {}
    for r in lat.get("runs", []):
        groups.setdefault((r["apic"], r["where"]), []).append(r)
    by = {}
    for (apic, where), runs in groups.items():
        figs = [r["figures"] for r in runs if r.get("figures")]
        by[(apic, where)] = f = _latency_median(figs)
        if not f:
            out.append("| %s | %s | never (%s) | | | | | | | |" % (
                apic, where, _boots(len(runs))))
            continue
        avgs = [g["avg"] for g in figs]
        out.append("| %s | %s | %s | %s |%s %s | %s |" % (
            apic, where, " | ".join(_num(f[k]) for k in LATENCY_STATS),
            "-" if f["exits"] is None else "%.2f" % f["exits_per_tick"],
            "" if len(figs) == len(runs) else
            " %d of %d boots failed;" % (len(runs) - len(figs), len(runs)),
            "%s (min %d, max %d; %s)" % (
                _num(statistics.median(avgs)), min(avgs), max(avgs),
                _boots(len(figs))),
            ", ".join(str(r.get("tsc_khz") or "?") for r in runs)))
    intf = lat.get("interference")
    if "interference" in lat:
        f = intf["figures"] if intf else None
        cells = [_num(f[k]) for k in LATENCY_STATS] + [
            "%.2f" % (f["exits"] / f["ticks"]), "1 boot", ""] \
            if f and f["ticks"] else ["never"] + [""] * 7
        out.append("| %s |" % " | ".join(["x2APIC", "cell, Linux loaded"] +
                                         cells))
    out.append("")
    for apic in dict.fromkeys(a for a, _ in by):
        bare, cell = by.get((apic, "bare")), by.get((apic, "cell"))
        if not (bare and cell and bare["avg"] > 0 and bare["p99"] > 0):
            out.append("%s: no ratio (a run is missing)." % apic)
            continue
        ratio = cell["avg"] / bare["avg"]
        text = "%s: cell/bare %.3f on the average, %.3f at p99 (medians " \
               "over the boots)" % (apic, ratio, cell["p99"] / bare["p99"])
        if apic == "x2APIC":
            text += "; target <= %.2f on the average: %s" % (
                LATENCY_TARGET, "met" if ratio <= LATENCY_TARGET
                else "NOT met")
        out.append(text + ".")
        out.append("")
        if apic == "x2APIC" and intf:
            _interference(intf, bare, cell, out)
        _latency_plot(apic, bare, cell, files)


LATENCY_STATS = ("min", "avg", "p50", "p99", "max")


def _num(v):
    return "%d" % v if v == int(v) else "%.1f" % v


def _boots(n):
    return "%d boot%s" % (n, "" if n == 1 else "s")


def _latency_median(figs):
    """The median of each figure over the boots in @figs, exits per tick,
    and the histogram of the boot whose average is the median; None if
    no boot had figures."""
    if not figs:
        return None
    med = {k: statistics.median(f[k] for f in figs) for k in LATENCY_STATS}
    med["exits"] = None if figs[0]["exits"] is None else \
        statistics.median(f["exits"] for f in figs)
    med["exits_per_tick"] = statistics.median(
        (f["exits"] or 0) / f["ticks"] if f["ticks"] else 0 for f in figs)
    middle = sorted(figs, key=lambda f: f["avg"])[(len(figs) - 1) // 2]
    med["hist"] = middle["hist"]
    return med


def _interference(intf, bare, cell, out):
    f = intf["figures"]
    out.append("Beside the Linux cell running a CPU and memory load on its "
               "two CPUs (`tests/bench/interference`, one boot, window %d, "
               "the first wholly under load): %d ns on the average, %.3f of "
               "the cell alone and %.3f of bare; p99 %d ns; %d VM exits in "
               "%d ticks."
               % (intf["window"], f["avg"], f["avg"] / cell["avg"],
                  f["avg"] / bare["avg"], f["p99"], f["exits"], f["ticks"]))
    first = intf.get("booting")
    if first:
        out.append("In the same boot, while the Linux cell booted (window "
                   "1): %d ns on the average, p99 %d ns; under load / "
                   "booting %.3f. That is the comparison to read: a figure "
                   "moves by a few ns with the rates a boot calibrated (TSC "
                   "%s kHz here), which the table gives for each boot "
                   "(Documentation/performance.md, \"Latency: bare "
                   "against a cell\")." % (
                       first["avg"], first["p99"], f["avg"] / first["avg"],
                       intf.get("tsc_khz") or "?"))
    out.append("")


def _latency_plot(apic, bare, cell, files):
    """The two histograms of @apic on one latency axis."""
    name = "latency-%s" % apic.lower()
    dat = ["# ns bare cell"]
    bins = {}
    for col, f in ((0, bare), (1, cell)):
        h = f["hist"]
        for i, c in enumerate(h["counts"]):
            bins.setdefault(h["from"] + i * h["width"], [0, 0])[col] += c
    dat += ["%d %d %d" % (x, b, c) for x, (b, c) in sorted(bins.items())]
    files[name + ".dat"] = "\n".join(dat) + "\n"
    files[name + ".gp"] = (
        "set terminal png size 800,400\n"
        "set output '%s.png'\n"
        "set title '%s: interrupt latency, bare and in a cell (-icount)'\n"
        "set xlabel 'latency, virtual ns'\n"
        "set ylabel 'ticks'\n"
        "plot '%s.dat' using 1:2 with impulses lw 4 title 'bare', \\\n"
        "     '' using ($1+0.3):3 with impulses lw 4 title 'cell'\n"
        % (name, apic, name))


def _ipi_runs(m, where):
    """{apic: the figures of the IPI run @where (bare or cell)} of the
    runs that reported."""
    return {r["apic"]: r["figures"] for r in m.get("ipi") or []
            if r["where"] == where and r.get("figures")}


def _ipi(m, out):
    runs = m.get("ipi")
    if runs is None:
        return
    _block(out, "## IPI round trips, bare and in a cell, under -icount")
    out.append("The `smp` program (`pingpong=1000`): its first CPU sends "
               "the second an IPI, which answers with one, round after "
               "round; each round trip by the first CPU's TSC, in virtual "
               "ns, and the VM exits that CPU took over the rounds. In "
               "its cell (`tests/bench/ipi`, alone on CPUs 0 and 1) every "
               "IPI is an exit: the hypervisor checks the ICR write "
               "against the cell's CPUs and sends it itself. Bare: "
               "`tests/bench/bare` with the same binary, the second CPU "
               "started by the program. Under -icount a run repeats: one "
               "boot each.")
    out.append("")
    out.append("| APIC | run | round trips | min | avg | p50 | p99 | max | "
               "VM exits per round trip, pinging CPU |")
    out.append("|---|---|---|---|---|---|---|---|---|")
    for r in runs:
        f = r.get("figures")
        if not f:
            out.append("| %s | %s | never | | | | | | |" % (r["apic"],
                                                          r["where"]))
            continue
        out.append("| %s | %s | %d | %s | %s |" % (
            r["apic"], r["where"], f["rounds"],
            " | ".join(_num(f[k]) for k in LATENCY_STATS),
            "-" if f["exits"] is None else "%.2f" % (f["exits"] /
                                                    f["rounds"])))
    out.append("")
    bares, cells = _ipi_runs(m, "bare"), _ipi_runs(m, "cell")
    for apic in dict.fromkeys(r["apic"] for r in runs):
        bare, cell = bares.get(apic), cells.get(apic)
        if not (bare and cell and bare["avg"] > 0 and bare["p99"] > 0):
            out.append("%s: no ratio (a run is missing)." % apic)
        else:
            out.append("%s: cell/bare %.3f on the average, %.3f at p99."
                       % (apic, cell["avg"] / bare["avg"],
                          cell["p99"] / bare["p99"]))
        out.append("")


def _doorbell(m, out):
    runs = m.get("doorbell")
    if runs is None:
        return
    _block(out, "## Doorbells between cells")
    out.append("Two cells of a shared-memory link on their own CPUs ring "
               "each other, round after round, under QEMU -icount "
               "(virtual ns): the round trip as the ringing cell's TSC "
               "measures it, and the VM exits each side's CPU took over "
               "the rounds. A ring is one exit of the ringing CPU (the "
               "doorbell register's write); the interrupt it sends costs "
               "the receiving CPU none where it owns its x2APIC, and its "
               "EOI write over an emulated xAPIC.")
    out.append("")
    if not runs:
        out.append("No run reported its figures.")
        out.append("")
        return
    out.append("| APIC | round trips | min | avg | p50 | p99 | max | exits "
               "per round trip, ringing side | per doorbell answered, "
               "other side |")
    out.append("|---|---|---|---|---|---|---|---|---|")
    for r in runs:
        out.append("| %s | %d | %d | %d | %d | %d | %d | %.2f | %.2f |" % (
            r["apic"], r["rounds"], r["min"], r["avg"], r["p50"],
            r["p99"], r["max"], r["ping_exits"] / r["rounds"],
            r["pong_exits"] / max(r["pong_answered"], 1)))
    out.append("")
    # The nearest bare operation: an IPI from one CPU to another and
    # back (the section above); and the same in a cell, where each IPI
    # is an exit too, but through the ICR rather than an MMIO write.
    bare, cell = _ipi_runs(m, "bare"), _ipi_runs(m, "cell")
    for r in runs:
        b, c = bare.get(r["apic"]), cell.get(r["apic"])
        if b and b["avg"] > 0 and b["p99"] > 0:
            text = "%s: doorbell/bare IPI %.3f on the average, %.3f at " \
                   "p99 (a round trip against one bare IPI there and " \
                   "back)" % (r["apic"], r["avg"] / b["avg"],
                              r["p99"] / b["p99"])
        else:
            text = "%s: no bare IPI figure to set it against" % r["apic"]
        if c and c["avg"] > 0:
            text += "; doorbell/IPI in a cell %.3f on the average" % (
                r["avg"] / c["avg"])
        out.append(text + ".")
        out.append("")


def _footprint(m, out):
    fp = m.get("footprint")
    if not fp:
        return
    _block(out, "## Footprint")
    if "lines_core" in fp:
        out.append("%d lines of C and assembly in `core/`, %d in `arch/`; "
                   "the hypervisor binary is %d bytes." % (
                       fp["lines_core"], fp["lines_arch"],
                       fp["hypervisor_bytes"]))
    mem = fp.get("memory")
    if mem:
        out.append("With the demo's cells built, the hypervisor keeps %d KiB "
                   "of the %d KiB its system config gives it: its image "
                   "(code, data, per-CPU state) %d KiB and %d of %d pages "
                   "of its pool (page tables, cells' and CPUs' control "
                   "blocks)." % (mem["used_kib"], mem["size_kib"],
                                 mem["image_kib"], mem["pool_used"],
                                 mem["pool_pages"]))
    out.append("")


def _failures(m, out):
    fails = m.get("failures") or []
    if not fails:
        return
    _block(out, "## Runs that failed")
    out.append("These runs are missing from the figures above; `make "
               "bench` exits non-zero.")
    out.append("")
    for f in fails:
        out.append("### %s: %s" % (f["run"], f.get("what", "failed")))
        out.append("")
        if f.get("missing"):
            out.append("Never came: %s." % ", ".join(
                "`%s`" % x for x in f["missing"]))
        if f.get("exit") is not None:
            out.append("QEMU exited with status %s." % f["exit"])
        out.append("")
        if f.get("error"):
            out.append("Error: `%s`" % f["error"].strip())
            out.append("")
        if f.get("qemu_error"):
            _fenced(out, "QEMU said:", f["qemu_error"])
        if f.get("log_tail"):
            _fenced(out, "The log's tail:", f["log_tail"])
        elif "log_tail" in f:
            out.append("The log is empty.")
            out.append("")


def write(m, outdir):
    """Write report.md and the plots' data and scripts into @outdir;
    return the report's text."""
    out = ["# Bulkhead benchmarks", ""]
    files = {}
    _env(m, out)
    _boot(m, out, files)
    _exits(m, out)
    _reasons(m, out, files)
    _linux(m, out, files)
    _latency(m, out, files)
    _ipi(m, out)
    _doorbell(m, out)
    _footprint(m, out)
    _failures(m, out)
    os.makedirs(outdir, exist_ok=True)
    # No plot of an earlier run survives one that has nothing to plot.
    for old in os.listdir(outdir):
        if old.endswith((".gp", ".dat", ".png")):
            os.remove(os.path.join(outdir, old))
    for name, text in files.items():
        with open(os.path.join(outdir, name), "w") as f:
            f.write(text)
    text = "\n".join(out) + "\n"
    with open(os.path.join(outdir, "report.md"), "w") as f:
        f.write(text)
    return text


def plot(outdir):
    """Run gnuplot on each script in @outdir; (drawn, problems)."""
    scripts = sorted(n for n in os.listdir(outdir) if n.endswith(".gp"))
    if not shutil.which("gnuplot"):
        return [], ["gnuplot is not installed (make bench installs "
                    "gnuplot-nox): no plots drawn"]
    drawn, problems = [], []
    for s in scripts:
        r = subprocess.run(["gnuplot", s], cwd=outdir, capture_output=True,
                           text=True)
        png = s[:-3] + ".png"
        if r.returncode or not os.path.exists(os.path.join(outdir, png)):
            problems.append("gnuplot %s: %s" % (s, r.stderr.strip()))
        else:
            drawn.append(png)
    return drawn, problems
