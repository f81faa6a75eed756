# SPDX-License-Identifier: BSD-2-Clause
"""bhimage import-jailhouse on Jailhouse x86 cell configs that these
tests write themselves, byte by byte, from the published format
(include/jailhouse/cell-config.h of Jailhouse v0.12, config revision 12,
signature "JHCELL"; revision 14 has "JHCLL" and an architecture byte):
the C it writes must compile with the project's config rule, pass the
checker beside the bare test system and the hello cell, and hold what
carried over, with a comment for each thing that did not. Bad input (an
unknown revision or architecture, a truncated or oversized file, a
system config, a CPU beyond 63) must be refused with its reason and no
output."""
import os
import re
import struct
import subprocess

WORK = "build/tests/import"
BHIMAGE = "build/tools/bhimage"
SYSTEM = ("tests/qemu/cells/system-bare.c="
          "build/tests/qemu/cells/system-bare.cell")
HELLO = "cells/hello.c=build/cells/hello.cell"

# Jailhouse's values (cell-config.h, console.h).
JH_PASSIVE, JH_TEST_DEVICE = 0x1, 0x2
JH_PERMITTED, JH_ACTIVE = 0x40000000, 0x80000000
R, W, X, DMA, IO, COMM, LOADABLE, ROOTSHARED = (0x1, 0x2, 0x4, 0x8, 0x10,
                                                 0x20, 0x40, 0x80)
IO_32 = 4 << 16
CON_8250 = 2


def jh_cell(name, flags=0, cpus=b"\x08" + b"\0" * 7, mem=(), cache=(),
            irqchips=(), pio=(), pci=(), caps=(), reset=0, timeout=0,
            console=(0, 0, 0, 0), signature=b"JHCELL", revision=12):
    """A Jailhouse cell config: the 132-byte descriptor, then the CPU set
    and the arrays in their order. @mem: (phys, virt, size, flags);
    @cache: (start, size, type); @irqchips: (address, id, [4 words]);
    @pio: (base, length); @pci: (type, bdf, caps_start, num_caps[, iommu,
    domain[, msix_vectors, shmem_regions_start, shmem_dev_id,
    shmem_peers, shmem_protocol]]); @caps:
    (id, start, len, flags); @console: (address, size, type, flags)."""
    d = signature.ljust(6, b"\0")[:6] + struct.pack("<H", revision)
    d += name.encode().ljust(32, b"\0")
    d += struct.pack("<IIIIIIIIIII", 0, flags, len(cpus), len(mem),
                     len(cache), len(irqchips), len(pio), len(pci),
                     len(caps), 0, 0)
    d += struct.pack("<QQ", reset, timeout)
    d += struct.pack("<QIHHIIQ", console[0], console[1], console[2],
                     console[3], 0, 0, 0)
    assert len(d) == 132
    d += cpus
    for m in mem:
        d += struct.pack("<QQQQ", *m)
    for c in cache:
        d += struct.pack("<IIBBH", c[0], c[1], c[2], 0, 0)
    for a, i, pins in irqchips:
        d += struct.pack("<QII4I", a, i, 0, *pins)
    for p in pio:
        d += struct.pack("<HH", *p)
    for entry in pci:
        t, bdf, start, n = entry[:4]
        iommu, domain = entry[4:6] if len(entry) > 4 else (0, 0)
        vectors, sh_start, sh_id, sh_peers, sh_proto = \
            entry[6:11] if len(entry) > 6 else (0, 0, 0, 0, 0)
        d += struct.pack("<BBHH6IHHBBHHQIBBH", t, iommu, domain, bdf,
                         *([0] * 6), start, n, 0, 0, vectors, 0, 0,
                         sh_start, sh_id, sh_peers, sh_proto)
    for c in caps:
        d += struct.pack("<HHHH", *c)
    return d


# Like Jailhouse's tiny-demo: CPU 3, 1 MiB of loadable RAM, the comm
# region, a CAT region, COM2 and COM1 (the hypervisor's debug console,
# which Jailhouse lets it share) and its console on COM1.
TINY = dict(name="tiny-demo", flags=JH_PASSIVE | JH_TEST_DEVICE |
            JH_PERMITTED,
            mem=[(0x03200000, 0, 0x100000, R | W | X | LOADABLE),
                 (0, 0x100000, 0x1000, R | W | COMM)],
            cache=[(2, 1, 3)], pio=[(0x2f8, 8), (0x3f8, 8)],
            console=(0x3f8, 8, CON_8250, 0))

# Everything that does not carry over, and an IOAPIC pin that does.
RICH = dict(name="rich", flags=JH_ACTIVE | 0x100, cpus=b"\x0c",
            mem=[(0x03400000, 0, 0x100000, R | W | X),
                 (0, 0x100000, 0x1000, R | W | COMM),
                 (0x03600000, 0x10000000, 0x1000, R | W | ROOTSHARED),
                 (0x03700000, 0x20000000, 0x1000, R | W | DMA),
                 (0xfebf0000, 0xfebf0000, 0x100, R | W | IO | IO_32),
                 (0, 0, 0, 0)],
            irqchips=[(0xfec00000, 0xff00, [1 << 5, 0, 0, 0])],
            pci=[(1, 0x00f8, 0, 2, 1, 0)], caps=[(0x05, 0x50, 14, 0),
                                          (0x10, 0x60, 20, 1)],
            pio=[(0x60, 1)], reset=0xff0, timeout=100000,
            console=(0x2f8, 8, CON_8250, 0))


# Like Jailhouse's configs/x86/pci-demo.c: CPU 2, 1 MiB of loadable RAM,
# the comm region, the BAR of its Intel HDA function at 00:1b.0 as an
# identity-mapped region (Jailhouse's way), COM2, COM1 and a PCI card's
# UART, its console on COM1, and the function with its MSI capability.
PCI_DEMO = dict(name="pci-demo", flags=JH_PASSIVE | JH_PERMITTED,
                cpus=b"\x04",
                mem=[(0x3ee00000, 0, 0x100000, R | W | X | LOADABLE),
                     (0, 0x100000, 0x1000, R | W | COMM),
                     (0xfebd4000, 0xfebd4000, 0x4000, R | W)],
                pio=[(0x2f8, 8), (0x3f8, 8), (0xe010, 8)],
                pci=[(1, 0x00d8, 0, 1)], caps=[(0x05, 0x60, 14, 1)],
                console=(0x3f8, 0, CON_8250, 0))
HDA_ID = "00:1b.0=8086:2668"


# Like Jailhouse's configs/x86/ivshmem-demo.c: peer @dev_id of a link of
# @peers at 01:0e.0 with 16 MSI-X vectors, its regions first (state table,
# read/write section, an output section per peer, the own one writable),
# identity-mapped from 0x3f0f0000, then its RAM and the comm region.
IVSHMEM = 3


def ivshmem_cell(name, dev_id, peers=2, cpu=1, ram=0x03c00000, proto=0):
    at, mem = 0x3f0f0000, []
    for size, flags in ([(0x1000, R | ROOTSHARED), (0x9000, R | W |
                                                    ROOTSHARED)] +
                        [(0x2000, R | ROOTSHARED | (W if k == dev_id
                                                    else 0))
                         for k in range(peers)]):
        mem.append((at, at, size, flags))
        at += size
    return dict(name=name, flags=JH_PASSIVE | JH_PERMITTED,
                cpus=bytes([1 << cpu]),
                mem=mem + [(ram, 0, 0x100000, R | W | X | LOADABLE),
                           (0, 0x100000, 0x1000, R | W | COMM)],
                pci=[(IVSHMEM, 0x0170, 0, 0, 0, 0, 16, 0, dev_id, peers,
                      proto)])


def link_stanza(source):
    """The link the import writes into its header comment, as C."""
    m = re.search(r"\n( \*\t\{\n.*?\n \*\t\}),\n", source, re.S)
    return m and re.sub(r"(?m)^ \*\t", "", m.group(1))


def bh_cell(data):
    """The fields of a compiled Bulkhead cell config (config.h)."""
    (sig, rev, name, flags, cpus, n_mem, n_irq, n_pio, n_pci, n_blobs,
     n_linux, n_cmdline, reset, timeout) = struct.unpack_from(
        "<6sH32sIQIIIIIIIQQ", data)
    console_rate, reserved = struct.unpack_from("<II", data, 96)
    con_addr, con_size, con_type, con_flags = struct.unpack_from(
        "<QIHH", data, 104)
    off = 136
    mem = [struct.unpack_from("<QQQQ", data, off + 32 * i)
           for i in range(n_mem)]
    off += 32 * n_mem
    irq = [struct.unpack_from("<QII4I", data, off + 32 * i)
           for i in range(n_irq)]
    off += 32 * n_irq
    pio = [struct.unpack_from("<HH", data, off + 4 * i)
           for i in range(n_pio)]
    off += 4 * n_pio
    # type, iommu, domain, bdf, flags, vendor, device
    pci = [struct.unpack_from("<BBHHHHH", data, off + 32 * i)
           for i in range(n_pci)]
    off += 32 * n_pci + 760 * n_linux + 1040 * n_cmdline
    blobs = [struct.unpack_from("<120sQ", data, off + 128 * i)
             for i in range(n_blobs)]
    return dict(name=name.rstrip(b"\0").decode(), flags=flags, cpus=cpus,
                mem=mem, irq=irq, pio=pio, n_pci=n_pci, pci=pci,
                reset=reset,
                timeout=timeout, console=(con_addr, con_type),
                console_rate=console_rate, reserved=reserved,
                blobs=[(f.rstrip(b"\0").decode(), a) for f, a in blobs])


def import_cell(name, data, *args, opts=()):
    """Write @data as WORK/@name.cell and import it with the options
    @opts and the blobs @args; (exit status, the C written, stderr)."""
    path = os.path.join(WORK, name + ".cell")
    with open(path, "wb") as f:
        f.write(data)
    r = subprocess.run([BHIMAGE, "import-jailhouse"] + list(opts) +
                       [path] + list(args),
                       capture_output=True, text=True)
    return r.returncode, r.stdout, r.stderr


def build_and_check(name, source):
    """Compile @source with the project's config rule and check it with
    the bare system and hello: (error text or "", the cell's fields)."""
    src = os.path.join(WORK, name + ".c")
    with open(src, "w") as f:
        f.write(source)
    cell = os.path.join("build", WORK, name + ".cell")
    mk = subprocess.run(["make", "-s", "--no-print-directory", cell,
                         "build/tests/qemu/cells/system-bare.cell",
                         "build/cells/hello.cell"],
                        capture_output=True, text=True)
    if mk.returncode:
        return "does not compile:\n" + mk.stderr, None
    ck = subprocess.run([BHIMAGE, "check", SYSTEM, HELLO,
                         "%s=%s" % (src, cell)], capture_output=True,
                        text=True)
    if ck.returncode:
        return "refused by the checker:\n" + ck.stderr, None
    return "", bh_cell(open(cell, "rb").read())


def flat(source):
    """The C's text with comment markers and line breaks as spaces."""
    return " ".join(" ".join(line.strip().lstrip("/*").strip()
                             for line in source.splitlines()).split())


def run(res):
    os.makedirs(WORK, exist_ok=True)

    rc, out, err = import_cell("tiny", jh_cell(**TINY),
                               "build/inmates/demos/hello.bin")
    problem, c = build_and_check("tiny", out) if rc == 0 else (err, None)
    res.check("import/tiny-demo-like", c and c["name"] == "tiny-demo" and
              c["flags"] == 0x1 | 0x2 | 0x400 | 0x40000000 | 0x80000000 and
              c["cpus"] == 0x8 and
              c["mem"] == [(0x03200000, 0, 0x100000, 0x47),
                           (0, 0x100000, 0x1000, 0x23)] and
              c["pio"] == [(0x2f8, 8)] and c["console"] == (0, 0) and
              c["blobs"] == [("build/inmates/demos/hello.bin", 0)],
              "%s%r\n%s" % (problem, c, out))
    res.check("import/tiny-demo-like-comments", rc == 0 and all(
        s in flat(out) for s in [
            "cache region 0 (CAT ways 2-2, type 3): left out",
            "I/O port range 1 [0x3f8-0x400) covers the hypervisor's debug "
            "console at 0x3f8",
            "its console is the 8250 at 0x3f8, the hypervisor's debug "
            "console"]), out)

    rc, out, err = import_cell("rich", jh_cell(**RICH),
                               opts=("-p", "00:1f.0=8086:2918"))
    problem, c = build_and_check("rich", out) if rc == 0 else (err, None)
    res.check("import/what-carries-over", c and c["cpus"] == 0xc and
              c["flags"] == 0x400 | 0x80000000 and
              c["mem"] == [(0x03400000, 0, 0x100000, 0x7),
                           (0, 0x100000, 0x1000, 0x23),
                           (0x03600000, 0x10000000, 0x1000, 0x83),
                           (0x03700000, 0x20000000, 0x1000, 0xb)] and
              c["irq"] == [(0xfec00000, 0xff00, 0, 1 << 5, 0, 0, 0)] and
              c["pio"] == [(0x60, 1)] and
              c["pci"] == [(1, 0, 0, 0xf8, 0, 0x8086, 0x2918)] and
              c["reset"] == 0xff0 and c["timeout"] == 100000 and
              c["console"] == (0x2f8, 2) and c["blobs"] == [],
              "%s%r\n%s" % (problem, c, out))
    text = flat(out)
    missing = [s for s in [
        "memory region 4 [0xfebf0000-0xfebf0100) at guest 0xfebf0000 is "
        "not whole pages", "memory region 5 is empty",
        "the PCI capability list (2 entries): left out, Bulkhead walks "
        "each function's own list",
        "the INTx lines of its PCI functions are not routed",
        "PCI device 0000:00:1f.0: Jailhouse's IOMMU unit 1 left out, "
        "Bulkhead finds each function's IOMMU in the ACPI IVRS",
        "unknown cell flags 0x100",
        "msg_reply_timeout 100000 counts Jailhouse's polling loops",
        "region 2, ROOTSHARED",
        "no blob: Jailhouse loads a cell's image at run time"]
        if s not in text]
    res.check("import/a-comment-for-what-does-not", rc == 0 and
              not missing, "missing %r in:\n%s" % (missing, out))

    # Jailhouse's pci-demo: the function carried over with the ID given,
    # its BAR region left out (Bulkhead maps the BAR the firmware
    # assigned), the capability list and the shared COM1 too.
    rc, out, err = import_cell("pci-demo", jh_cell(**PCI_DEMO),
                               "build/inmates/demos/pci-demo.bin",
                               opts=("-p", HDA_ID))
    problem, c = build_and_check("pci-demo", out) if rc == 0 else (err, None)
    res.check("import/pci-demo-like", c and c["name"] == "pci-demo" and
              c["cpus"] == 0x4 and
              c["mem"] == [(0x3ee00000, 0, 0x100000, 0x47),
                           (0, 0x100000, 0x1000, 0x23)] and
              c["pio"] == [(0x2f8, 8), (0xe010, 8)] and
              c["pci"] == [(1, 0, 0, 0xd8, 0, 0x8086, 0x2668)],
              "%s%r\n%s" % (problem, c, out))
    missing = [t for t in [
        "memory region 2 [0xfebd4000-0xfebd8000), identity-mapped and not "
        "executable, is taken for a BAR of the cell's PCI functions: left "
        "out, Bulkhead maps each function's BARs itself where the firmware "
        "put them", "the PCI capability list (1 entry): left out",
        "Jailhouse's PCI device 0, 0000:00:1b.0 (its ID given to bhimage "
        "-p)"]
        if t not in flat(out)]
    res.check("import/pci-demo-like-comments", rc == 0 and not missing,
              "missing %r in:\n%s" % (missing, out))

    # An ivshmem device: its regions left out, and the link of which the
    # cell is one end written for the system config. Two peers'
    # imports, their ends put together, make a system the checker takes.
    ends, cells = [], []
    for k in range(2):
        rc, out, err = import_cell("ivshmem-%d" % k, jh_cell(
            **ivshmem_cell("ivsh-%d" % k, k, cpu=2 + k,
                           ram=0x03c00000 + k * 0x100000)),
            "build/inmates/demos/hello.bin")
        problem, c = build_and_check("ivshmem-%d" % k, out) if rc == 0 \
            else (err, None)
        res.check("import/ivshmem-peer-%d" % k, c and
                  c["mem"] == [(0x03c00000 + k * 0x100000, 0, 0x100000,
                                0x47), (0, 0x100000, 0x1000, 0x23)] and
                  c["n_pci"] == 0 and
                  "PCI ivshmem device 0000:01:0e.0 (ID %d of 2 peers, "
                  "protocol 0x0000, 16 MSI-X vectors) and its memory "
                  "regions 0-3 (state table 0x1000, read/write 0x9000, 2 "
                  "outputs 0x2000 bytes each): in Bulkhead a link of the "
                  "system config, whose memory the image builder places"
                  % k in flat(out), "%s%r\n%s" % (problem, c, out))
        ends.append(link_stanza(out))
        cells.append("%s/ivshmem-%d.c=build/%s/ivshmem-%d.cell"
                     % (WORK, k, WORK, k))
    res.check("import/ivshmem-link-written", ends[0] == """{
\t.name = "ivshmem-01:0e.0",
\t.num_peers = 2,
\t.protocol = 0x0000,
\t.vectors = 16,
\t.state_size = 0x1000,
\t.rw_size = 0x9000,
\t.output_size = 0x2000,
\t.peers = {
\t\t{ .cell = "ivsh-0", .bdf = 0x0170, .id = 0, .virt_start = 0x3f0f0000 },
\t},
}""", "%r" % ends)
    problem = "no link in an import"
    if all(ends):
        peer1 = [line for line in ends[1].splitlines() if ".cell" in line]
        link = ends[0].replace("\t},\n}", "%s\n\t},\n}" % peer1[0])
        src = os.path.join(WORK, "ivshmem-system.c")
        with open(src, "w") as f:
            f.write("#define SYSTEM_SHMEM_MEMORY { .phys_start = "
                    "0x04000000, .size = 0x00100000 }\n"
                    "#define SYSTEM_NUM_SHMEM_LINKS 1\n"
                    "#define SYSTEM_SHMEM_LINKS %s\n"
                    "#include \"tests/qemu/cells/system-bare.c\"\n"
                    % link.replace("\n", " \\\n"))
        mk = subprocess.run(["make", "-s", "--no-print-directory",
                             "build/%s/ivshmem-system.cell" % WORK],
                            capture_output=True, text=True)
        ck = subprocess.run([BHIMAGE, "check", "%s=build/%s/ivshmem-system"
                             ".cell" % (src, WORK)] + cells,
                            capture_output=True, text=True) \
            if not mk.returncode else mk
        problem = "" if not ck.returncode else ck.stderr
    res.check("import/ivshmem-link-checked", not problem, problem)
    # More peers than a link may have: said, no link written.
    rc, out, err = import_cell("ivshmem-9", jh_cell(
        **ivshmem_cell("ivsh-9", 1, peers=9)))
    res.check("import/ivshmem-too-many-peers", rc == 0 and
              "its 9 peers cannot be a Bulkhead link (2 to 8)" in flat(out)
              and not link_stanza(out), err + out)

    # Without PCI functions such a region is device memory, not RAM.
    mmio = dict(TINY, mem=TINY["mem"] + [(0xfeb00000, 0xfeb00000, 0x1000,
                                          R | W)])
    rc, out, err = import_cell("mmio", jh_cell(**mmio))
    problem, c = build_and_check("mmio", out) if rc == 0 else (err, None)
    res.check("import/device-memory-is-io", c and
              c["mem"][2] == (0xfeb00000, 0xfeb00000, 0x1000, 0x13) and
              "identity-mapped, not executable: device memory" in flat(out),
              "%s%r\n%s" % (problem, c, out))

    # The IDs: one for each function the cell owns, no other.
    pci_bad = [
        ("no-id", (), "PCI device 0 (0000:00:1b.0) has no vendor:device ID "
         "in Jailhouse's format, and Bulkhead checks it at boot: give it "
         "with -p 0000:00:1b.0=VENDOR:DEVICE (lspci -n on the target "
         "shows it)"),
        ("foreign-id", ("-p", HDA_ID, "-p", "00:1c.0=8086:2940"),
         "-p 0000:00:1c.0: the cell owns no PCI device there"),
        ("id-twice", ("-p", HDA_ID, "-p", "0000:00:1b.0=8086:2668"),
         "-p 0000:00:1b.0 given twice"),
        ("segment-1", ("-p", "0001:00:1b.0=8086:2668"),
         "PCI device 0 (0001:00:1b.0) is in segment 1: a Bulkhead cell "
         "owns functions of segment 0 (the MCFG window's) only"),
    ]
    for name, args, why in pci_bad:
        cell = dict(PCI_DEMO, pci=[(1, 0x00d8, 0, 1, 0, 1)]) \
            if name == "segment-1" else PCI_DEMO
        rc, out, err = import_cell("bad-" + name, jh_cell(**cell),
                                   opts=args)
        path = os.path.join(WORK, "bad-%s.cell" % name)
        res.check("import/refuses-" + name, rc == 1 and not out and
                  err.strip() == "%s: %s" % (path, why),
                  "exit %d, stdout %r, stderr %r" % (rc, out[:200], err))
    for text in ["00:1b.0", "00:1b.8=8086:293e", "00:20.0=8086:293e",
                 "00:1b.0=8086:293e0", "00:1b.0=-8086:293e"]:
        rc, out, err = import_cell("bad-syntax", jh_cell(**PCI_DEMO),
                                   opts=("-p", text))
        res.check("import/refuses-pci-id-" + text, rc == 2 and not out and
                  "-p %s: not [DOMAIN:]BUS:DEV.FN=VENDOR:DEVICE" % text
                  in err, "exit %d, stdout %r, stderr %r"
                  % (rc, out[:200], err))

    # A name that would end the header comment and inject C: it stays
    # text, and the name carries over exactly.
    evil = "x*/ int evil; /*"
    rc, out, err = import_cell("comment", jh_cell(**dict(TINY, name=evil)))
    problem, c = build_and_check("comment", out) if rc == 0 else (err, None)
    code = re.sub(r"/\*.*?\*/", " ",
                  out.replace('.name = "%s"' % evil, ".name = NAME"),
                  flags=re.S)
    res.check("import/name-stays-in-its-comment", c and
              c["name"] == evil and "evil" not in code,
              "%s%r\n%s" % (problem, c, out))

    data = jh_cell(**dict(TINY, signature=b"JHCLL\0", revision=14))
    rc, out, err = import_cell("rev14", data)
    res.check("import/revision-14", rc == 0 and
              "revision 14" in out, err + out)

    bad = [
        ("revision", jh_cell(**dict(TINY, revision=11)),
         "Jailhouse config revision 11 with signature JHCELL: only 12 "
         "(v0.12) and 13 are known"),
        ("arm", jh_cell(**dict(TINY, signature=b"JHCLL\x02",
                               revision=14)),
         "a config for Jailhouse architecture 2, not x86 (0)"),
        ("truncated", jh_cell(**TINY)[:-10],
         "truncated: 214 bytes, its counts say 224"),
        ("short", jh_cell(**TINY)[:100],
         "truncated: 100 bytes, shorter than the 132-byte cell "
         "descriptor"),
        ("trailing", jh_cell(**TINY) + b"\0" * 4,
         "228 bytes, its counts say 224: not one cell config"),
        ("system", b"JHSYS\0" + b"\0" * 482,
         "a Jailhouse system config (the root cell's), not a cell config; "
         "Bulkhead's system config is written by hand (cells/system.c)"),
        ("no-signature", b"XXXXXX" + jh_cell(**TINY)[6:],
         "not a Jailhouse cell config (no JHCELL or JHCLL signature)"),
        ("cpu-64", jh_cell(**dict(TINY, cpus=b"\0" * 8 + b"\x01" +
                                  b"\0" * 7)),
         "CPU 64 is in the cell: Bulkhead cells have CPUs 0-63"),
        ("ivshmem-id", jh_cell(**ivshmem_cell("x", 2)),
         "PCI ivshmem device 0 (0000:01:0e.0): ID 2, but 2 peers"),
        ("ivshmem-regions", jh_cell(**dict(ivshmem_cell("x", 0), pci=[
            (IVSHMEM, 0x0170, 0, 0, 0, 0, 16, 4, 0, 2, 0)])),
         "PCI ivshmem device 0 (0000:01:0e.0): its 4 shared memory regions "
         "from region 4 are beyond the cell's 6"),
        ("ivshmem-segment", jh_cell(**dict(ivshmem_cell("x", 0), pci=[
            (IVSHMEM, 0x0170, 0, 0, 0, 1, 16, 0, 0, 2, 0)])),
         "PCI ivshmem device 0 (0001:01:0e.0) is in segment 1: a Bulkhead "
         "link's functions are in segment 0"),
    ]
    for name, data, why in bad:
        rc, out, err = import_cell("bad-" + name, data)
        path = os.path.join(WORK, "bad-%s.cell" % name)
        res.check("import/refuses-" + name, rc == 1 and not out and
                  err.strip() == "%s: %s" % (path, why),
                  "exit %d, stdout %r, stderr %r" % (rc, out[:200], err))
