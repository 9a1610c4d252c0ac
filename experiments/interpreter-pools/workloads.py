"""The article's workloads (its workloads.py and executor_utils.py).

Kept in an importable module, not in the peer script, because process and
interpreter pools load the task by its module name. Two changes: the page
comes from a local server (the URL is part of the argument), and io_heavy
removes its file in a ``finally`` so that a failing task leaves nothing behind.
"""

import os
import tempfile
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
    "network": network_heavy,
}


def run_task(fn_name, arg):
    return WORKLOADS[fn_name](arg)


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
