"""The article's own Python, run as a peer through the same trial path.

serial_factorizer, threaded_factorizer and mp_factorizer as Eli Bendersky
wrote them (2012), with Python 3's integer division and the fix readers
asked for: the queue is drained before the processes are joined. The same
functions run on the system's CPython (python-*) and on a CPython 3.14
(python314-*), which adds interp_factorizer: mp_factorizer's static chunks on
an InterpreterPoolExecutor.
"""

import math
import multiprocessing
import os
import sys
import threading
import time

try:
    from concurrent.futures import InterpreterPoolExecutor
except ImportError:  # before Python 3.14
    InterpreterPoolExecutor = None

import importlib.util

import factorize
from factorize import factorize_naive
from trial import run_peer

# A sub-interpreter does not see this script's folder on sys.path: each adds it before its first task, to import factorize.
INTERPRETER_INIT = f"import sys; sys.path.insert(0, {os.path.dirname(os.path.abspath(__file__))!r})"


def serial_factorizer(nums):
    return {n: factorize_naive(n) for n in nums}


def _chunks(nums, n):
    size = int(math.ceil(len(nums) / float(n)))
    return [nums[size * i : size * (i + 1)] for i in range(n)]


def _thread_worker(nums, outdict, busy):
    t0 = time.perf_counter()
    for n in nums:
        outdict[n] = factorize_naive(n)
    busy.append((len(nums), (time.perf_counter() - t0) * 1000))


def threaded_factorizer(nums, nthreads, busy):
    outs = [{} for _ in range(nthreads)]
    threads = [threading.Thread(target=_thread_worker, args=(chunk, outs[i], busy)) for i, chunk in enumerate(_chunks(nums, nthreads))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return {k: v for out in outs for k, v in out.items()}


def _process_worker(nums, out_q):
    t0 = time.perf_counter()
    outdict = {n: factorize_naive(n) for n in nums}
    out_q.put((outdict, len(nums), (time.perf_counter() - t0) * 1000))


def mp_factorizer(nums, nprocs, busy):
    out_q = multiprocessing.Queue()
    procs = [multiprocessing.Process(target=_process_worker, args=(chunk, out_q)) for chunk in _chunks(nums, nprocs)]
    for p in procs:
        p.start()
    result = {}
    for _ in procs:
        outdict, count, busy_ms = out_q.get()
        result.update(outdict)
        busy.append((count, busy_ms))
    for p in procs:
        p.join()
    return result


def interp_factorizer(nums, ninterps, busy):
    """mp_factorizer's static chunks, one per sub-interpreter of an InterpreterPoolExecutor (each with its own GIL).

    As the article creates its processes inside the timed call, the pool is created
    and shut down inside it too; its interpreters start on their first task.
    """
    result = {}
    with InterpreterPoolExecutor(max_workers=ninterps, initializer=exec, initargs=(INTERPRETER_INIT,)) as ex:
        futures = [ex.submit(factorize.factorize_chunk, chunk) for chunk in _chunks(nums, ninterps)]
        for f in futures:
            outdict, count, busy_ms = f.result()
            result.update(outdict)
            busy.append((count, busy_ms))
    return result


def canonical(result):
    return "".join(f"{n}:{'*'.join(str(f) for f in result[n])}\n" for n in sorted(result))


def read_numbers(trial):
    with open(trial.inputs[f"numbers-{trial.point['set']}"]) as f:
        return [int(line) for line in f if line.strip()]


def stdlib_bytecode():
    """Whether this CPython's standard library has compiled bytecode: without it, every new process or interpreter compiles what it imports."""
    return "cached" if os.path.exists(importlib.util.cache_from_source(multiprocessing.__file__)) else "missing"


def finish(trial, result, busy):
    trial.digest(canonical(result))
    trial.table("workers", [{"worker": i, "tasks": c, "busy_ms": round(ms, 3)} for i, (c, ms) in enumerate(busy)])
    trial.metric("stdlib_bytecode", stdlib_bytecode())


def serial(trial):
    nums = read_numbers(trial)
    t = {}

    def work():
        t0 = time.perf_counter()
        out = serial_factorizer(nums)
        t["busy"] = (time.perf_counter() - t0) * 1000
        return out

    result = trial.work(work)
    finish(trial, result, [(1, t["busy"])])


def threads(trial):
    nums = read_numbers(trial)
    busy = []
    result = trial.work(lambda: threaded_factorizer(nums, int(trial.point["workers"]), busy))
    finish(trial, result, busy)


def processes(trial):
    nums = read_numbers(trial)
    busy = []
    result = trial.work(lambda: mp_factorizer(nums, int(trial.point["workers"]), busy))
    finish(trial, result, busy)
    # fork on Linux before 3.14, forkserver from 3.14: how each process of the pool starts.
    trial.metric("start_method", multiprocessing.get_start_method())


def interpreters(trial):
    if InterpreterPoolExecutor is None:
        raise RuntimeError(f"Python {sys.version.split()[0]} has no concurrent.futures.InterpreterPoolExecutor (3.14+): set PYTHON314=/path/to/python3.14 or run make deps as root")
    nums = read_numbers(trial)
    busy = []
    result = trial.work(lambda: interp_factorizer(nums, int(trial.point["workers"]), busy))
    finish(trial, result, busy)


if __name__ == "__main__":
    # python-* run on the system's CPython, python314-* the same functions on a CPython 3.14 (experiment.ts names it).
    run_peer({
        "python-serial": serial,
        "python-threads": threads,
        "python-processes": processes,
        "python314-serial": serial,
        "python314-threads": threads,
        "python314-processes": processes,
        "python314-interpreters": interpreters,
    })
