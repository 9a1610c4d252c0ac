"""The article's own Python, run as a peer through the same trial path.

f1 to f4 as Peter Bengtsson wrote them (2017): gzip each payload in memory with
gzip.GzipFile (level 9 by default) and keep the size. Changes, each for the
measurement only: the pools are created in trial.startup() so that their
start-up is timed apart (start-up plus work is the article's cold timing);
the pools are given the sizes their defaults pick (the run passes them in, so
the rows say how many workers ran); f3 keeps each future's index, the remedy
the article itself suggests for as_completed's order; and each call also
returns which worker ran it and for how long, for the per-worker table.
"""

import concurrent.futures
import functools
import gzip
import io
import multiprocessing
import os
import resource
import threading
import time

from trial import run_peer


def gzip_size(payload, level=9):
    """The article's work: gzip in memory, return the size of the buffer."""
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="w", compresslevel=level) as f:
        f.write(payload)
    return buffer.tell()


def timed_gzip_size(payload, level):
    t0 = time.perf_counter()
    size = gzip_size(payload, level)
    return size, f"{os.getpid()}-{threading.get_ident()}", (time.perf_counter() - t0) * 1000


# Pre-starting a pool: every worker must reach this barrier before any passes it,
# so all of them exist before the clock runs. Process workers inherit it by fork.
_START_BARRIER = None
START_TIMEOUT_S = 60


def _meet(_):
    _START_BARRIER.wait(START_TIMEOUT_S)
    return os.getpid()


def f1(payloads, level):
    return [timed_gzip_size(p, level) for p in payloads]


def f2(pool, payloads, level):
    return pool.map(functools.partial(timed_gzip_size, level=level), payloads)


def f3(executor, payloads, level):
    futures = {executor.submit(timed_gzip_size, p, level): i for i, p in enumerate(payloads)}
    out = [None] * len(payloads)
    for future in concurrent.futures.as_completed(futures):
        out[futures[future]] = future.result()
    return out


def f4(executor, payloads, level):
    futures = {executor.submit(timed_gzip_size, p, level): i for i, p in enumerate(payloads)}
    out = [None] * len(payloads)
    for future in concurrent.futures.as_completed(futures):
        out[futures[future]] = future.result()
    return out


# ---- trial plumbing ------------------------------------------------------------------------


def read_bundle(trial):
    folder = trial.inputs[trial.point["bundle"]]
    names = sorted(n for n in os.listdir(folder) if n.endswith(".sym"))
    payloads = []
    for n in names:
        with open(os.path.join(folder, n), "rb") as f:
            payloads.append(f.read())
    return names, payloads


def parent_cpu_ms():
    """CPU of this process alone (all its threads), without its children."""
    r = resource.getrusage(resource.RUSAGE_SELF)
    return (r.ru_utime + r.ru_stime) * 1000


def measure(trial, fn):
    box = {}

    def body():
        c0 = parent_cpu_ms()
        out = fn()
        box["parent"] = parent_cpu_ms() - c0
        return out

    results = trial.work(body)
    trial.metric("parent_cpu_ms", round(box["parent"], 1))
    return results


def finish(trial, names, results):
    sizes = [r[0] for r in results]
    trial.digest("".join(sorted(f"{n}:{s}\n" for n, s in zip(names, sizes))))
    trial.metric("gzip_bytes", sum(sizes))
    busy = {}
    for _, worker, ms in results:
        tasks, total = busy.get(worker, (0, 0.0))
        busy[worker] = (tasks + 1, total + ms)
    trial.table("workers", [{"worker": i, "tasks": t, "busy_ms": round(ms, 3)} for i, (t, ms) in enumerate(busy.values())])


def run_f1(trial):
    names, payloads = read_bundle(trial)
    level = int(trial.point["level"])
    finish(trial, names, measure(trial, lambda: f1(payloads, level)))


def run_f2(trial):
    names, payloads = read_bundle(trial)
    level = int(trial.point["level"])
    # multiprocessing.Pool() starts its processes when it is created.
    pool = trial.startup(lambda: multiprocessing.Pool(int(trial.point["workers"])))
    with pool:
        results = measure(trial, lambda: f2(pool, payloads, level))
    finish(trial, names, results)


def _prestarted(make_executor, barrier, workers):
    # Executors start workers on demand: make each one exist before the clock runs.
    global _START_BARRIER
    _START_BARRIER = barrier
    executor = make_executor()
    list(executor.map(_meet, range(workers)))
    return executor


def run_f3(trial):
    names, payloads = read_bundle(trial)
    level = int(trial.point["level"])
    workers = int(trial.point["workers"])
    executor = trial.startup(lambda: _prestarted(lambda: concurrent.futures.ThreadPoolExecutor(workers), threading.Barrier(workers), workers))
    with executor:
        results = measure(trial, lambda: f3(executor, payloads, level))
    finish(trial, names, results)


def run_f4(trial):
    names, payloads = read_bundle(trial)
    level = int(trial.point["level"])
    workers = int(trial.point["workers"])
    if multiprocessing.get_start_method() != "fork":
        raise RuntimeError("python-f4 pre-starts its workers with a barrier they inherit by fork; this platform starts them otherwise")
    executor = trial.startup(lambda: _prestarted(lambda: concurrent.futures.ProcessPoolExecutor(workers), multiprocessing.Barrier(workers), workers))
    with executor:
        results = measure(trial, lambda: f4(executor, payloads, level))
    finish(trial, names, results)


if __name__ == "__main__":
    run_peer({"python-f1": run_f1, "python-f2": run_f2, "python-f3": run_f3, "python-f4": run_f4})
