#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""Run every Bulkhead test and print "N passed, N failed" last.

Sections: host unit tests (tests/unit, built with ASan/UBSan), cppcheck,
build-time config checks (tests/configs: each bad config must fail the
image build with the message its "expect:" lines give), Jailhouse configs
imported (tests/import_tests.py), the voting protocol's model, a short bounded
run of each libFuzzer target (tests/fuzz), and QEMU boot tests
(tests/qemu) that read the serial log. Run from the project root after
`make all`; `make test` does both.

  tests/run.py [--only SECTION[,SECTION]]   sections: unit cppcheck configs
                                             import model fuzz boot
  tests/run.py --only boot:GROUP[,boot:GROUP]  chosen boot groups (see
                                             GROUPS in tests/qemu/boot_tests.py and
                                             tests/qemu/systems/*/test.py)
"""
import glob
import os
import re
import shutil
import subprocess
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ in the tree
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "qemu"))
import boot_tests  # noqa: E402
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "fuzz"))
import targets as fuzz_targets  # noqa: E402
sys.path.insert(0, os.path.dirname(__file__))
import import_tests  # noqa: E402
import bench_report_tests  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.path.join(ROOT, "build", "tests")
UNIT_FLAGS = ["-std=gnu11", "-O1", "-g", "-Wall", "-Wextra", "-Werror",
              "-fsanitize=address,undefined", "-fno-sanitize-recover=all",
              "-Iinclude", "-Icore/lib", "-Icore", "-Icells/tool",
              "-Iarch/x86", "-DBH_SHA256_NI"]
UNIT_LIBS = ["core/lib/sha256.c", "core/lib/sha256_ni.S", "core/lib/report.c", "core/lib/image.c",
             "core/lib/config_check.c", "cells/tool/image_write.c",
             "arch/x86/acpi.c", "arch/x86/npt.c", "arch/x86/bitmaps.c",
             "arch/x86/apic_filter.c", "arch/x86/decode.c",
             "arch/x86/guest_paging.c", "cells/tool/linux_cell.c",
             "cells/tool/acpi_build.c", "core/lib/vote.c",
             "core/lib/ring.c", "core/lib/line.c", "core/lib/budget.c",
             "arch/x86/calibrate.c", "arch/x86/cpuid.c",
             "core/lib/pci_cfg.c", "core/lib/ivshmem.c", "arch/x86/msi.c",
             "arch/x86/iommu_tables.c"]


class Results:
    def __init__(self):
        self.passed = 0
        self.failed = []

    def ok(self, name):
        self.passed += 1
        print("PASS %s" % name, flush=True)

    def fail(self, name, detail):
        self.failed.append(name)
        print("FAIL %s: %s" % (name, detail), flush=True)

    def check(self, name, cond, detail=""):
        if cond:
            self.ok(name)
        else:
            self.fail(name, detail)


def run_unit(res):
    os.makedirs(BUILD, exist_ok=True)
    for src in sorted(glob.glob("tests/unit/test_*.c")):
        name = os.path.basename(src)[:-2]
        exe = os.path.join(BUILD, name)
        cc = subprocess.run(["gcc"] + UNIT_FLAGS + [src] + UNIT_LIBS +
                            ["-o", exe], capture_output=True, text=True)
        if cc.returncode:
            res.fail("unit/%s build" % name, cc.stderr.strip())
            continue
        run = subprocess.run([exe], capture_output=True, text=True,
                             timeout=600)
        lines = run.stdout.splitlines()
        seen = 0
        for line in lines:
            # "ok NAME [anything]" or "FAIL NAME: why"
            m = re.match(r"(ok|FAIL) ([^\s:]+):?\s*(.*)$", line)
            if line.startswith("SKIP "):
                print("SKIP unit/%s/%s" % (name, line[5:]), flush=True)
            if not m:
                continue
            seen += 1
            if m.group(1) == "ok":
                res.ok("unit/%s/%s" % (name, m.group(2)))
            else:
                res.fail("unit/%s/%s" % (name, m.group(2)), m.group(3) or "")
        # A crash or sanitizer report must not hide behind passed lines.
        res.check("unit/%s exit" % name, run.returncode == 0 and seen > 0,
                  "exit %d, %d checks\n%s" % (run.returncode, seen,
                                              run.stderr[-2000:]))


def run_cppcheck(res):
    r = subprocess.run(["make", "--no-print-directory", "cppcheck"],
                       capture_output=True, text=True)
    res.check("cppcheck", r.returncode == 0, (r.stdout + r.stderr)[-3000:])


def check_image_deps(res):
    """build/system.img depends on every file the configs name: each blob
    of the packed image (bhimage info) is in build/system.img.d, and make
    would repack the image if one of them changed (make -q -W)."""
    info = subprocess.run(["build/tools/bhimage", "info", "build/system.img",
                           "build/hypervisor.bin"], capture_output=True,
                          text=True)
    names = [n for n in re.findall(r"^part \d+ blob .* name=(.*)$",
                                   info.stdout, re.M)
             if not n.startswith("(")]
    try:
        deps = open("build/system.img.d").read().split()
    except OSError as e:
        deps = []
        info.stderr += str(e)
    missing = [n for n in names if n not in deps]
    res.check("configs/image-depends-on-its-files", names and not missing,
              "blobs %r not in build/system.img.d %s" % (missing,
                                                         info.stderr))
    # make -q says 1 for "out of date": after a change of each file the
    # image is made from, and not after one of a file it is not (README).
    stale = []
    for f, want in (("build/linux/vmlinuz", 1),
                    ("build/inmates/demos/hello.bin", 1), ("README.md", 0)):
        q = subprocess.run(["make", "-q", "--no-print-directory", "-W", f,
                            "build/system.img"], capture_output=True)
        if q.returncode != want:
            stale.append((f, q.returncode))
    res.check("configs/image-remade-when-a-file-changes", not stale,
              "make -q build/system.img after a change of (file, exit "
              "status): %r" % stale)
    # A system without a Linux cell (make SYSTEM=DIR) needs no kernel: it
    # is not among the files its configs name, and a new kernel leaves
    # its image as it is.
    rogue = ["SYSTEM=tests/qemu/systems/rogue"]
    subprocess.run(["make", "-s", "--no-print-directory"] + rogue,
                   check=True)
    files = subprocess.run(
        ["build/tools/bhimage", "files"] +
        ["tests/qemu/systems/rogue/%s.c=build/tests/qemu/systems/rogue/"
         "%s.cell" % (c, c) for c in ("system", "00-hello", "01-rogue")],
        capture_output=True, text=True).stdout.split()
    q = subprocess.run(["make", "-q", "--no-print-directory", "-W",
                        "build/linux/vmlinuz"] + rogue +
                       ["build/rogue/system.img"], capture_output=True)
    res.check("configs/no-kernel-without-a-linux-cell",
              files == ["build/inmates/demos/hello.bin",
                        "build/inmates/tiny.bin"]
              and q.returncode == 0 and "build/linux/vmlinuz" not in
              open("build/rogue/system.img.d").read(),
              "rogue's files %r, make -q after a new kernel: %d"
              % (files, q.returncode))


def run_configs(res):
    """Each tests/configs/*.c is a cell config with one defect, or a
    system config ("system: yes") with defects. Packed with the bare demo
    system (a cell config) and the cells it names, the build must fail
    with its expected messages (file, cell and region named) and write no
    image."""
    check_image_deps(res)
    bare = "build/tests/qemu/cells/system-bare.cell"
    system = "tests/qemu/cells/system-bare.c=" + bare
    subprocess.run(["make", "--no-print-directory", bare], check=True,
                   capture_output=True)
    for src in sorted(glob.glob("tests/configs/*.c")):
        text = open(src).read()
        expects = re.findall(r"^ \* expect: (.*)$", text, re.M)
        others = re.findall(r"^ \* with: (.*)$", text, re.M)
        name = "configs/" + os.path.basename(src)[:-2]
        if not expects:
            res.fail(name, "no 'expect:' line in " + src)
            continue
        cell = "build/" + src[:-2] + ".cell"
        mk = subprocess.run(["make", "--no-print-directory", cell],
                            capture_output=True, text=True)
        if mk.returncode:
            res.fail(name, "cannot compile: " + mk.stderr.strip())
            continue
        out = os.path.join(BUILD, os.path.basename(src)[:-2] + ".img")
        if os.path.exists(out):
            os.remove(out)
        args = ["%s=build/%s.cell" % (o, o[:-2]) for o in others]
        # A bad system config ("system: yes") is packed with the cells
        # it names; a bad cell config with the bare system and those.
        if re.search(r"^ \* system: yes$", text, re.M):
            args.insert(0, "%s=%s" % (src, cell))
        else:
            args = [system] + args + ["%s=%s" % (src, cell)]
        r = subprocess.run(["build/tools/bhimage", "pack", "-o", out, "-H",
                            "build/hypervisor.bin"] + args,
                           capture_output=True, text=True)
        missing = [e for e in expects if e not in r.stderr]
        res.check(name, r.returncode != 0 and not missing and
                  not os.path.exists(out),
                  "exit %d, missing %r in:\n%s" % (r.returncode, missing,
                                                   r.stderr))


def run_model(res):
    """Each Promela model in tests/model/ (the voting protocol, a cell's
    lifecycle), checked by spin: no assertion violated, no invalid end
    state (no deadlock), init wholly reached, then the LTL property "ends"
    (every request ends) under weak fairness, with no acceptance cycle."""
    for model in sorted(glob.glob(os.path.join(ROOT, "tests", "model",
                                               "*.pml"))):
        check_model(res, model)


def check_model(res, model):
    tag = "model/" + os.path.basename(model)[:-4]
    work = os.path.join(BUILD, tag)
    os.makedirs(work, exist_ok=True)
    gen = subprocess.run(["spin", "-a", model], cwd=work,
                         capture_output=True, text=True)
    if gen.returncode:
        res.fail(tag + " generate", gen.stdout + gen.stderr)
        return
    runs = [("safety", ["-DNOCLAIM"], []),
            ("ends", [], ["-a", "-f", "-N", "ends"])]
    for name, cflags, args in runs:
        exe = os.path.join(work, "pan-" + name)
        cc = subprocess.run(["gcc", "-O2", "-w"] + cflags +
                            ["-o", exe, "pan.c"], cwd=work,
                            capture_output=True, text=True)
        if cc.returncode:
            res.fail("%s %s" % (tag, name), cc.stderr[-2000:])
            continue
        run = subprocess.run([exe, "-m100000"] + args, cwd=work,
                             capture_output=True, text=True, timeout=900)
        out = run.stdout
        ok = "errors: 0" in out and "depth too small" not in out
        if name == "safety":
            ok = ok and "unreached in init\n\t(0 of" in out
        states = re.search(r"(\d[\d.e+]*) states, stored", out)
        res.check("%s %s (%s states)" %
                  (tag, name, states.group(1) if states else "?"), ok,
                  out[-3000:])


def run_fuzz(res):
    """Each libFuzzer target (tests/fuzz/targets.py) for a fixed number of
    inputs from seed 1, starting from its seeds in tests/fuzz/corpus/; what
    it adds goes to build/tests/fuzz/TARGET/, emptied first, and neither
    corpus reloads nor address-space randomisation steer it, so every run
    is the same. A crash, sanitizer report, leak or time-out fails it."""
    for name, t in fuzz_targets.TARGETS.items():
        ok, log = fuzz_targets.build(name)
        if not ok:
            res.fail("fuzz/%s build" % name, log[-3000:])
            continue
        out = os.path.join(BUILD, "fuzz", name)
        shutil.rmtree(out, ignore_errors=True)
        ok, st, output, seconds = fuzz_targets.run(
            name, out, ["-runs=%d" % t["test_runs"], "-seed=1", "-reload=0"],
            timeout=300, repeatable=True)
        print("     " + fuzz_targets.summary(name, st, seconds), flush=True)
        res.check("fuzz/" + name, ok and st["runs"] == t["test_runs"],
                  "exit status %s after %s of %d runs; inputs in "
                  "build/fuzz/artifacts/%s/\n%s" % (
                      "ok" if ok else "failed", st["runs"], t["test_runs"],
                      name, output[-4000:]))


def main():
    os.chdir(ROOT)
    only = None
    boot_only = None
    if len(sys.argv) > 2 and sys.argv[1] == "--only":
        only = set()
        for item in sys.argv[2].split(","):
            section, _, group = item.partition(":")
            only.add(section)
            if group:
                boot_only = (boot_only or set()) | {group}
        unknown = (boot_only or set()) - {g for g, _ in boot_tests.GROUPS}
        if unknown:
            print("unknown boot group(s): " + ", ".join(sorted(unknown)))
            return 2
    res = Results()
    start = time.monotonic()
    sections = [("unit", run_unit), ("cppcheck", run_cppcheck),
                ("configs", run_configs), ("import", import_tests.run),
                ("bench-report", bench_report_tests.run),
                ("model", run_model),
                ("fuzz", run_fuzz),
                ("boot", lambda res: boot_tests.run(res, boot_only))]
    for name, fn in sections:
        if only is None or name in only:
            print("== %s" % name, flush=True)
            fn(res)
    print("== %.0f s" % (time.monotonic() - start))
    if res.failed:
        print("failed: " + ", ".join(res.failed))
    print("%d passed, %d failed" % (res.passed, len(res.failed)))
    return 1 if res.failed else 0


if __name__ == "__main__":
    sys.exit(main())
