"""The article's workloads (its workloads.py and executor_utils.py).

Kept in an importable module, not in the peer script, because process and
interpreter pools load the task by its module name. Two changes: the page
comes from a local server (the URL is part of the argument), and io_heavy
removes its file in a ``finally`` so that a failing task leaves nothing behind.
Beyond the article: disk_heavy, file work that waits on the disk (tasks.ts
has its Node twin), and io_steps, io_heavy cut into its steps, each timed.
"""

import codecs
import mmap
import os
import resource
import shutil
import tempfile
import time
import urllib.request

# The prefix of the temporary files, to find any left behind.
TEMP_PREFIX = "interpreter-pools-io-"


def cpu_heavy(n):
    s = 0
    for i in range(n):
        s = i * i
    return s


def memory_heavy(n):
    arr = [i for i in range(n)]
    return sum(arr)


def io_heavy(size_mb, directory=None):
    data = "a" * (1024 * 1024)
    tmp = tempfile.NamedTemporaryFile(delete=False, prefix=TEMP_PREFIX, dir=directory)
    filename = tmp.name
    try:
        with tmp:
            for _ in range(size_mb):
                tmp.write(data.encode())
        total = 0
        with open(filename, "r") as f:
            for line in f:
                total = len(line)
        return total
    finally:
        os.remove(filename)


# The disk workload's record: 1 MiB, each written durably before the next (DISK_RECORD in tasks.ts).
DISK_RECORD = 1024 * 1024


def disk_heavy(size_mb, directory=None):
    """Write size_mb records of 1 MiB to a temporary file, each durable on the device before the next.

    O_DIRECT (past the page cache) and O_DSYNC (each write returns once the
    device has it), from an anonymous mmap, which is page-aligned as O_DIRECT
    needs; os.write releases the GIL while it waits. Returns the file's size.
    """
    record = mmap.mmap(-1, DISK_RECORD)
    folder = tempfile.mkdtemp(prefix=TEMP_PREFIX, dir=directory)
    try:
        page = b"a" * mmap.PAGESIZE
        for offset in range(0, DISK_RECORD, mmap.PAGESIZE):
            record[offset:offset + mmap.PAGESIZE] = page
        fd = os.open(os.path.join(folder, "data"), os.O_CREAT | os.O_WRONLY | os.O_TRUNC | os.O_DIRECT | os.O_DSYNC, 0o600)
        try:
            for _ in range(size_mb):
                written = os.write(fd, record)
                if written != DISK_RECORD:
                    raise OSError(f"disk_heavy: wrote {written} of {DISK_RECORD} bytes")
            return os.fstat(fd).st_size
        finally:
            os.close(fd)
    finally:
        record.close()
        shutil.rmtree(folder, ignore_errors=True)


def network_heavy(arg):
    url, requests = arg
    total = 0
    for _ in range(requests):
        with urllib.request.urlopen(url) as r:
            total = len(r.read())
    return total


WORKLOADS = {
    "cpu": cpu_heavy,
    "memory": memory_heavy,
    "io": io_heavy,
    "disk": disk_heavy,
    "network": network_heavy,
}


def run_task(fn_name, arg):
    return WORKLOADS[fn_name](arg)


# ---- where io_heavy's CPU goes -------------------------------------------------------------

# TextIOWrapper's chunk: what `for line in f` reads and decodes at a time.
TEXT_CHUNK = 8192


def _timed(fn):
    r0 = resource.getrusage(resource.RUSAGE_SELF)
    t0 = time.perf_counter()
    value = fn()
    wall = time.perf_counter() - t0
    r1 = resource.getrusage(resource.RUSAGE_SELF)
    return value, {"wall_ms": round(wall * 1000, 3), "user_ms": round((r1.ru_utime - r0.ru_utime) * 1000, 3), "sys_ms": round((r1.ru_stime - r0.ru_stime) * 1000, 3)}


def io_steps(size_mb, rounds, directory=None):
    """io_heavy cut into its steps, each timed with its CPU, then the whole task: rows of the io_steps side table.

    encode: data.encode() per MiB; write: the bytes through a buffered file
    (into the page cache); read: the file's bytes back, a TextIOWrapper chunk at
    a time; decode: UTF-8 to str, chunk by chunk, as the text layer does; join:
    find the line break in each piece and join the pieces of the one line (a copy).
    """
    rows = []
    for rnd in range(rounds):
        steps = []
        data = "a" * (1024 * 1024)
        folder = tempfile.mkdtemp(prefix=TEMP_PREFIX, dir=directory)
        filename = os.path.join(folder, "data")

        def step(name, fn):
            value, t = _timed(fn)
            steps.append({"runtime": "python", "step": name, "round": rnd, "mb": size_mb, **t})
            return value

        def encode():
            b = b""
            for _ in range(size_mb):
                b = data.encode()
            return b

        def write(b):
            with open(filename, "wb") as f:
                for _ in range(size_mb):
                    f.write(b)

        def read():
            with open(filename, "rb") as f:
                return list(iter(lambda: f.read(TEXT_CHUNK), b""))

        def decode(chunks):
            decoder = codecs.getincrementaldecoder("utf-8")()
            return [decoder.decode(c) for c in chunks]

        def join(pieces):
            for p in pieces:
                p.find("\n")
            return len("".join(pieces))

        try:
            encoded = step("encode", encode)
            step("write", lambda: write(encoded))
            chunks = step("read", read)
            pieces = step("decode", lambda: decode(chunks))
            length = step("join", lambda: join(pieces))
            del chunks, pieces
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        total = step("task", lambda: io_heavy(size_mb, directory))
        if total != length:
            raise RuntimeError(f"io_steps: the steps read a line of {length} characters, the task {total}")
        rows.extend(steps)
    return rows


def type_name(value):
    """What arrived in the worker: the isolation probe."""
    return type(value).__name__


def worker_id(hold_s=0.0):
    """Which worker ran this (process, interpreter, thread), after holding it `hold_s` seconds: the pools' warm-up."""
    import threading
    import time

    if hold_s > 0:
        time.sleep(hold_s)

    try:
        from concurrent import interpreters

        interp = interpreters.get_current().id
    except ImportError:  # before Python 3.14
        interp = 0
    return f"{os.getpid()}:{interp}:{threading.get_ident()}"


def payload(size):
    """The fixed cost's payload: `size` bytes cycling through 0..250, as payloadOf() builds them in Node."""
    return (bytes(range(251)) * (size // 251 + 1))[:size]


def echo(value):
    """The fixed cost's round trip: the payload goes to the worker and comes back as it arrived."""
    return value
