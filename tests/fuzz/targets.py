#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""Build and run Bulkhead's libFuzzer targets (tests/fuzz/fuzz_*.c).

  tests/fuzz/targets.py [--seconds N] [--coverage] [TARGET...]

runs each target (all by default) for N seconds (`make fuzz`, which passes
FUZZ_SECONDS, default 60, and --coverage) on its seed corpus
tests/fuzz/corpus/TARGET/ and, with --coverage, reports the line and
branch coverage of the code it tests (llvm-cov, from package llvm).
What it finds goes to build/fuzz/: new inputs to corpus/TARGET/ (kept, so
that campaigns add up), crashes, time-outs and leaks to
artifacts/TARGET/; nothing is written into the tree. Exits 1 if any
target failed. tests/run.py's fuzz section uses build() and run() for a
short run of a fixed number of inputs with a fixed seed.
"""
import argparse
import glob
import os
import platform
import re
import shutil
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
BUILD = os.path.join("build", "fuzz")
CC = "clang"
CFLAGS = ["-std=gnu11", "-O1", "-g", "-Wall", "-Wextra", "-Werror",
          "-fsanitize=fuzzer,address,undefined",
          "-fno-sanitize-recover=all", "-Iinclude", "-Icore/lib",
          "-Icells/tool", "-Iarch/x86", "-Itests/unit", "-Itests/fuzz"]
LIB = ["core/lib/sha256.c", "core/lib/report.c", "core/lib/image.c",
       "core/lib/config_check.c", "cells/tool/image_write.c"]

# Each target, in the order make fuzz and make test run them: the code it
# links besides tests/fuzz/fuzz_TARGET.c, the code it tests, its longest
# input, and how many inputs make test runs (a few seconds each).
TARGETS = {
    "image": {"link": LIB, "tests": ["core/lib/image.c"],
              "max_len": 16384, "test_runs": 10000},
    "config": {"link": ["core/lib/config_check.c", "core/lib/report.c"],
               "tests": ["core/lib/config_check.c"], "max_len": 16384,
               "test_runs": 50000},
    "decode": {"link": ["arch/x86/decode.c"], "tests": ["arch/x86/decode.c"],
               "max_len": 64, "test_runs": 1000000},
    "guest_paging": {"link": ["arch/x86/guest_paging.c"],
                     "tests": ["arch/x86/guest_paging.c"], "max_len": 12288,
                     "test_runs": 1000000},
    "pci_cfg": {"link": ["core/lib/pci_cfg.c", "core/lib/report.c"],
                "tests": ["core/lib/pci_cfg.c"], "max_len": 2048,
                "test_runs": 200000},
    "ivrs": {"link": ["arch/x86/acpi.c", "core/lib/report.c"],
             "tests": ["arch/x86/acpi.c"], "max_len": 4096,
             "test_runs": 200000},
}
COVERAGE_FLAGS = ["-std=gnu11", "-O0", "-g", "-fsanitize=fuzzer",
                  "-fprofile-instr-generate", "-fcoverage-mapping",
                  "-Iinclude", "-Icore/lib", "-Icells/tool", "-Iarch/x86",
                  "-Itests/unit", "-Itests/fuzz"]
# Headers any target may include: a change to one rebuilds them all.
HEADERS = ["include/bulkhead/*.h", "core/lib/*.h", "cells/tool/*.h",
           "arch/x86/*.h", "tests/unit/image_fixture.h",
           "tests/unit/pci_fixture.h", "tests/unit/ivrs_fixture.h",
           "tests/fuzz/*.h"]


def executable(name, kind=""):
    return os.path.join(BUILD, kind, name)


def build(name, kind="", flags=None):
    """Build target @name into build/fuzz/[KIND/]NAME unless it is up to
    date. Returns (ok, compiler output)."""
    srcs = ["tests/fuzz/fuzz_%s.c" % name] + TARGETS[name]["link"]
    exe = executable(name, kind)
    inputs = srcs + [h for pat in HEADERS for h in glob.glob(pat)]
    if os.path.exists(exe) and os.path.getmtime(exe) >= max(
            os.path.getmtime(f) for f in inputs):
        return True, ""
    os.makedirs(os.path.dirname(exe), exist_ok=True)
    try:
        cc = subprocess.run([CC] + (flags or CFLAGS) + srcs + ["-o", exe],
                            capture_output=True, text=True)
    except FileNotFoundError:
        return False, "%s not found (make deps installs it)" % CC
    return cc.returncode == 0, (cc.stdout + cc.stderr).strip()


def coverage(name):
    """Line and branch coverage of the code @name tests, by its seeds and
    what make fuzz found (build/fuzz/corpus/NAME): [(file, lines %, lines,
    branches %, branches)], or a string saying what went wrong."""
    tools = [next((t for t in (tool, tool + "-14") if shutil.which(t)), None)
             for tool in ("llvm-profdata", "llvm-cov")]
    if None in tools:
        return "llvm-profdata and llvm-cov are not installed (package llvm)"
    ok, log = build(name, "cov", COVERAGE_FLAGS)
    if not ok:
        return log
    exe = executable(name, "cov")
    raw, prof = exe + ".profraw", exe + ".profdata"
    found = os.path.join(BUILD, "corpus", name)
    os.makedirs(found, exist_ok=True)
    subprocess.run([exe, "-runs=0", found,
                    os.path.join("tests", "fuzz", "corpus", name)],
                   capture_output=True, env=dict(os.environ,
                                                 LLVM_PROFILE_FILE=raw))
    merge = subprocess.run([tools[0], "merge", "-o", prof, raw],
                           capture_output=True, text=True)
    if merge.returncode:
        return merge.stderr
    rep = subprocess.run([tools[1], "report", exe, "-instr-profile=" + prof]
                         + TARGETS[name]["tests"], capture_output=True,
                         text=True)
    rows = []
    for line in rep.stdout.splitlines():
        col = line.split()
        for f in TARGETS[name]["tests"]:
            if len(col) == 13 and os.path.abspath(col[0]) == \
                    os.path.abspath(f):
                rows.append((f, col[9], col[7], col[12], col[10]))
    return rows or rep.stdout + rep.stderr


def stats(output):
    """Runs, exec/s, new inputs and the final coverage of a libFuzzer run."""
    def last(pattern):
        found = re.findall(pattern, output, re.M)
        return int(found[-1]) if found else None
    return {
        "runs": last(r"^stat::number_of_executed_units:\s+(\d+)"),
        "new": last(r"^stat::new_units_added:\s+(\d+)"),
        "cov": last(r"\bcov: (\d+)"),
        "ft": last(r"\bft: (\d+)"),
        "corpus": last(r"\bcorp: (\d+)"),
    }


def _text(captured):
    if isinstance(captured, bytes):
        return captured.decode(errors="replace")
    return captured or ""


def run(name, out_corpus, args, timeout, repeatable=False):
    """Run target @name on tests/fuzz/corpus/NAME with libFuzzer @args,
    new inputs to @out_corpus. @repeatable: without address-space
    randomisation (setarch -R), which libFuzzer's tables of compared values
    are keyed by, so that a fixed seed gives the same run every time.
    Returns (ok, stats, output, seconds)."""
    artifacts = os.path.join(BUILD, "artifacts", name) + os.sep
    os.makedirs(out_corpus, exist_ok=True)
    os.makedirs(artifacts, exist_ok=True)
    prefix = []
    if repeatable and shutil.which("setarch"):
        prefix = ["setarch", platform.machine(), "-R"]
    cmd = prefix + [executable(name), "-artifact_prefix=" + artifacts,
           "-max_len=%d" % TARGETS[name]["max_len"], "-timeout=10",
           "-rss_limit_mb=2048", "-print_final_stats=1"] + args + [
           out_corpus, os.path.join("tests", "fuzz", "corpus", name)]
    start = time.monotonic()
    try:
        r = subprocess.run(cmd, capture_output=True, text=True,
                           timeout=timeout)
        ok, output = r.returncode == 0, r.stdout + r.stderr
    except subprocess.TimeoutExpired as e:
        ok = False
        output = "%s%s\ntimed out after %d s" % (
            _text(e.stdout), _text(e.stderr), timeout)
    return ok, stats(output), output, time.monotonic() - start


def summary(name, st, seconds):
    rate = (st["runs"] or 0) / seconds if seconds else 0
    return ("%s: %s runs in %.1f s (%.0f exec/s), coverage %s edges %s "
            "features, %s new inputs" % (
                name, st["runs"], seconds, rate, st["cov"], st["ft"],
                st["new"]))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seconds", type=int, default=60)
    ap.add_argument("--coverage", action="store_true",
                    help="after fuzzing, the line and branch coverage of "
                    "the code each target tests (llvm-cov)")
    ap.add_argument("targets", nargs="*", default=list(TARGETS))
    opts = ap.parse_args()
    os.chdir(ROOT)
    unknown = set(opts.targets) - set(TARGETS)
    if unknown:
        print("unknown target(s): " + ", ".join(sorted(unknown)))
        return 2
    failed = []
    for name in opts.targets:
        ok, log = build(name)
        if not ok:
            print("FAIL fuzz/%s build:\n%s" % (name, log))
            failed.append(name)
            continue
        print("fuzz/%s: %d s ..." % (name, opts.seconds), flush=True)
        ok, st, output, seconds = run(
            name, os.path.join(BUILD, "corpus", name),
            ["-max_total_time=%d" % opts.seconds],
            timeout=opts.seconds + 120)
        if ok:
            print("PASS fuzz/" + summary(name, st, seconds))
        else:
            print(output[-6000:])
            print("FAIL fuzz/%s: inputs in %s" % (
                name, os.path.join(BUILD, "artifacts", name)))
            failed.append(name)
        if opts.coverage:
            rows = coverage(name)
            if isinstance(rows, str):
                print("fuzz/%s coverage: %s" % (name, rows.strip()))
                rows = []
            for f, lines, nlines, branches, nbranches in rows:
                print("  coverage of %s: lines %s of %s, branches %s of %s"
                      % (f, lines, nlines, branches, nbranches))
    if failed:
        print("failed: " + ", ".join("fuzz/" + f for f in failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
