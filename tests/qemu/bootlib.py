# SPDX-License-Identifier: BSD-2-Clause
"""Boot an ESP image under QEMU + OVMF and watch the serial log.

A boot test waits for markers in the COM1 log with a generous time-out and
fails on a time-out: it never passes because time ran out.
"""
import itertools
import os
import re
import shutil
import socket
import struct
import subprocess
import tempfile
import time

OVMF_CODE = "/usr/share/OVMF/OVMF_CODE_4M.fd"
OVMF_VARS = "/usr/share/OVMF/OVMF_VARS_4M.fd"
BOOT_TIMEOUT = float(os.environ.get("BH_BOOT_TIMEOUT", "240"))


# QEMU's AMD IOMMU as make run has it: it translates DMA only with pt=off
# (Documentation/iommu.md); before the devices it translates for.
QEMU_IOMMU = ["-device", "amd-iommu,pt=off"]


# Numbers the monitor sockets of one test run.
_MONITORS = itertools.count()


def hypervisor_elf(esp):
    """The hypervisor.elf nearest above @esp (build/esp.img: build/;
    build/NAME/esp.img and a test build's B/NAME/esp.img: the build's;
    a variant in build/tests/boot: build/'s), for the names of the
    hypervisor's addresses; None if there is none."""
    d = os.path.dirname(os.path.abspath(esp))
    while True:
        elf = os.path.join(d, "hypervisor.elf")
        if os.path.exists(elf):
            return elf
        if os.path.dirname(d) == d:
            return None
        d = os.path.dirname(d)


class Boot:
    """One QEMU run of an ESP image under OVMF (or, with esp None, of what
    @extra boots under QEMU's default BIOS, e.g. -kernel); COM1 and the
    other ports go to log files. An ESP boots on a machine with QEMU's
    AMD IOMMU translating (QEMU_IOMMU) unless @iommu is False."""

    def __init__(self, esp, workdir, name, cpu="max", smp=7, mem="1G",
                 serials=3, extra=(), accel="tcg", iommu=True):
        # QEMU option values are comma-separated: keep them out of paths.
        name = re.sub(r"[^A-Za-z0-9_.-]", "_", name)
        self.log = os.path.join(workdir, name + ".serial.log")
        # COM1 is the hypervisor console; COM2.. are the cells' UARTs.
        self.logs = [self.log] + [os.path.join(workdir, "%s.com%d.log"
                                                % (name, n))
                                  for n in range(2, serials + 1)]
        vars_fd = os.path.join(workdir, name + ".vars.fd")
        shutil.copy(OVMF_VARS, vars_fd)
        self.cmd = [
            "qemu-system-x86_64", "-machine", "q35", "-accel", accel,
            "-cpu", cpu, "-smp", str(smp), "-m", mem,
        ]
        if esp:
            self.cmd += [
                "-drive", "if=pflash,format=raw,unit=0,readonly=on,file=" +
                OVMF_CODE,
                "-drive", "if=pflash,format=raw,unit=1,file=" + vars_fd,
                "-drive", "if=none,id=esp,format=raw,file=" + esp,
                "-device", "ide-hd,drive=esp,bus=ide.0,bootindex=0"]
            if iommu:
                self.cmd += QEMU_IOMMU
        self.cmd += [
            "-device", "isa-debug-exit,iobase=0xf4,iosize=4",
            "-net", "none", "-display", "none",
        ]
        # The monitor, for what a time-out shows of the CPUs (cpu_dump());
        # a short path: a socket's name has at most 107 characters.
        tmp = tempfile.gettempdir()
        self.monitor = os.path.join(tmp if len(tmp) < 64 else "/tmp",
                                    "bh-mon-%d-%d" % (os.getpid(),
                                                      next(_MONITORS)))
        self.cmd += ["-monitor", "unix:%s,server=on,wait=off" % self.monitor]
        self.elf = hypervisor_elf(esp) if esp else None
        for log in self.logs:
            self.cmd += ["-serial", "file:" + log]
        self.cmd += list(extra)
        self.proc = None
        self.exit_code = None

    def __enter__(self):
        for log in self.logs:
            open(log, "w").close()
        self.proc = subprocess.Popen(self.cmd, stdin=subprocess.DEVNULL,
                                     stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE)
        return self

    def __exit__(self, *exc):
        self.stop()

    def output(self, port=1):
        """What serial port COM<port> has printed so far."""
        with open(self.logs[port - 1], "rb") as f:
            return f.read().decode("latin-1")

    def _missing(self, markers):
        outs = {}
        missing = []
        for m in markers:
            port, text = m if isinstance(m, tuple) else (1, m)
            if port not in outs:
                outs[port] = self.output(port)
            if text not in outs[port]:
                missing.append(m)
        return missing

    def wait_for(self, markers, timeout=BOOT_TIMEOUT, abort=()):
        """Wait until every marker has appeared; a marker is a text on
        COM1 or a (port, text) pair. Returns the markers still missing
        (empty on success) after QEMU exited, the time-out expired or
        one of the @abort markers appeared (a failure that ends the
        wait)."""
        deadline = time.monotonic() + timeout
        while True:
            missing = self._missing(markers)
            if not missing:
                return []
            if abort and len(self._missing(abort)) < len(abort):
                return missing
            if self.proc.poll() is not None:
                self.exit_code = self.proc.returncode
                return self._missing(markers)
            if time.monotonic() > deadline:
                self.cpu_dump("%d of %d marker(s) missing after %d s, the "
                              "first %r" % (len(missing), len(markers),
                                            timeout, missing[0]))
                return missing
            time.sleep(0.2)

    def cpu_dump(self, why):
        """Print where every CPU is (RIP, the hypervisor function it is
        in, halted or not), from QEMU's monitor: what a boot that timed
        out tells of a CPU that went silent. The whole register dump goes
        to NAME.cpus.log beside the serial log."""
        text = self._monitor("info registers -a")
        dump = self.log.replace(".serial.log", ".cpus.log")
        with open(dump, "w") as f:
            f.write(text)
        print("  [%s] %s; where the CPUs are (all registers in %s):"
              % (os.path.basename(self.log), why, dump))
        # CR3 tells the hypervisor (one value on every CPU) from a guest
        # whose addresses overlap its own (Linux's modules).
        for cpu, rip, hlt, cr3 in re.findall(
                r"CPU#(\d+)\n.*?RIP=([0-9a-f]+).*?HLT=(\d).*?CR3=([0-9a-f]+)",
                text, re.S):
            print("    CPU %2s RIP %s CR3 %s %s%s"
                  % (cpu, rip, cr3.lstrip("0") or "0", self._symbol(rip),
                     " (halted)" if hlt == "1" else ""))

    def _monitor(self, command, timeout=20):
        """What QEMU's monitor answers to @command ("" if it cannot)."""
        out = b""
        try:
            with socket.socket(socket.AF_UNIX) as s:
                s.settimeout(timeout)
                s.connect(self.monitor)
                for send in (b"", command.encode() + b"\n"):
                    s.sendall(send)
                    out = b""  # the banner's prompt, then the answer's
                    while not out.endswith(b"(qemu) "):
                        chunk = s.recv(65536)
                        if not chunk:
                            break
                        out += chunk
        except OSError as e:
            out += ("(monitor: %s)" % e).encode()
        return out.decode("latin-1").replace("\r", "")

    def _symbol(self, rip):
        """The hypervisor function and line at @rip, or "(guest)"."""
        if not rip.startswith("ffffffffc"):
            return "(guest)"
        if not self.elf:
            return "(hypervisor)"
        try:
            r = subprocess.run(["addr2line", "-f", "-s", "-e", self.elf,
                                rip], capture_output=True, text=True)
        except OSError:
            return "(hypervisor)"
        name = " at ".join(r.stdout.split())
        return "(guest)" if not name or name.startswith("??") else name

    def wait_exit(self, timeout=BOOT_TIMEOUT):
        """Wait for QEMU to exit by itself; None on time-out."""
        try:
            self.exit_code = self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.cpu_dump("still running after %d s" % timeout)
            return None
        return self.exit_code

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        if os.path.exists(self.monitor):
            os.unlink(self.monitor)


def esp_variant(base_esp, path, replace=None, delete=None):
    """Copy the ESP image to @path, then replace or delete files in it.
    replace: {"::/bulkhead/system.img": host_file}; delete: [esp paths]."""
    subprocess.run(["cp", "--sparse=always", base_esp, path], check=True)
    for dst, src in (replace or {}).items():
        subprocess.run(["mcopy", "-o", "-i", path, src, dst], check=True)
    for dst in delete or []:
        subprocess.run(["mdel", "-i", path, dst], check=True)
    return path


def image_parts(data):
    """(type, cell, index, offset, size, name) of each part of a system
    image, read with the layout of include/bulkhead/image.h."""
    num_parts, = struct.unpack_from("<I", data, 88)
    parts = []
    for i in range(num_parts):
        t, c, idx, _, off, size = struct.unpack_from("<IIIIQQ", data, 104 + 128 * i)
        name = data[104 + 128 * i + 64:104 + 128 * (i + 1)].split(b"\0")[0]
        parts.append((t, c, idx, off, size, name.decode()))
    return parts


def flip(data, offset):
    b = bytearray(data)
    b[offset] ^= 0x01
    return bytes(b)
