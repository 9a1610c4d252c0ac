"""The article's own Python, run as a peer through the same trial path.

Its simulate(): a concurrent.futures pool runs `tasks` copies of run_task
(workloads.py, an importable module, as the article requires). As in the Node
trials, the pool's start-up is timed apart, and it holds every worker's start:
the constructor, then a trivial task on each worker (its thread; its process,
forked by the forkserver on 3.14; its interpreter, with the initializer and
the import of workloads), since neither a process pool that does not fork nor
an interpreter pool starts a worker before a task comes. The article's window
(creation, work and shutdown) is measured around it with the article's own CPU
count (get_total_cpu_time, via psutil where installed) beside the whole tree's.
"""

import hashlib
import json
import multiprocessing
import os
import sys
import tempfile
import threading
import time
import urllib.request
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

try:
    from concurrent.futures import InterpreterPoolExecutor
except ImportError:  # before Python 3.14
    InterpreterPoolExecutor = None

try:
    import psutil
except ImportError:
    psutil = None

import trial as trial_module
from trial import run_peer, tree_cpu

import workloads

HERE = os.path.dirname(os.path.abspath(__file__))
# An interpreter pool's workers do not see the script's folder (nor lib/peers, which a re-run of this
# __main__ imports): each adds them before its first task.
INTERPRETER_INIT = f"import sys; sys.path[:0] = {[HERE, os.path.dirname(os.path.abspath(trial_module.__file__))]!r}"
# How long each warm-up task holds its worker, round by round, until every worker has run one.
WARM_HOLDS_S = (0.0, 0.02, 0.05, 0.2)


# ---- the article's measurements ------------------------------------------------------


def _proc_cpu_ms(pid):
    """utime + stime of one process from /proc, in ms (what psutil's cpu_times().user + .system read)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) * 1000.0 / os.sysconf("SC_CLK_TCK")


def _descendants(pid):
    out, stack = [], [pid]
    while stack:
        p = stack.pop()
        try:
            tids = os.listdir(f"/proc/{p}/task")
        except OSError:
            continue
        for tid in tids:
            try:
                with open(f"/proc/{p}/task/{tid}/children") as f:
                    kids = [int(k) for k in f.read().split()]
            except OSError:
                continue
            out.extend(kids)
            stack.extend(kids)
    return out


def self_cpu_ms():
    """This process's user + system time, all threads, from the process CPU clock (ns resolution)."""
    return time.process_time() * 1000


def article_cpu_ms():
    """The article's get_total_cpu_time(): this process plus its live children; exited children are lost.

    The children are read with psutil, as the article does, where it is installed
    (else from /proc, the same fields); this process's own share comes from the
    process CPU clock, the quantity psutil reads for it at a finer resolution.
    """
    if psutil is not None:
        live = 0.0
        for child in psutil.Process(os.getpid()).children(recursive=True):
            try:
                t = child.cpu_times()
                live += (t.user + t.system) * 1000
            except Exception:
                pass
    else:
        live = sum(_proc_cpu_ms(p) for p in _descendants(os.getpid()))
    return self_cpu_ms() + live


def tree_cpu_ms():
    user, system = tree_cpu()
    return user + system


def rss_bytes():
    """The article's get_memory_mb(), in bytes: this process's RSS."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


class SpanMeter:
    """The article's window as segments; see cpu-accounting.ts for why the counts add up."""

    def __init__(self):
        self.span_ms = 0.0
        self.article_ms = 0.0
        self.tree_ms = 0.0

    def segment(self, fn):
        return self.wrapped(lambda inner: inner(), fn)

    def wrapped(self, wrap, fn):
        before = (self_cpu_ms(), article_cpu_ms(), tree_cpu_ms())
        inner = {}

        def measured():
            inner["cpu0"] = self_cpu_ms()
            inner["t0"] = time.perf_counter()
            try:
                return fn()
            finally:
                inner["t1"] = time.perf_counter()
                inner["cpu1"] = self_cpu_ms()

        try:
            return wrap(measured)
        finally:
            after = (self_cpu_ms(), article_cpu_ms(), tree_cpu_ms())
            # The harness's own probes inside trial.work, while the pool idles.
            around = (inner.get("cpu0", before[0]) - before[0]) + (after[0] - inner.get("cpu1", after[0]))
            self.span_ms += (inner.get("t1", 0) - inner.get("t0", 0)) * 1000
            self.article_ms += after[1] - before[1] - around
            self.tree_ms += after[2] - before[2] - around


# ---- pools, started before the work ------------------------------------------------------


def start_threads(workers):
    ex = ThreadPoolExecutor(max_workers=workers)
    # A thread is added per submit only while none is idle: hold each at a barrier until all exist.
    barrier = threading.Barrier(workers)
    for f in [ex.submit(barrier.wait) for _ in range(workers)]:
        f.result()
    return ex


def warm(ex, workers):
    """Run trivial tasks until every worker has run one, so that the start-up window holds all of their start.

    A process pool that does not fork (forkserver, 3.14's default on Linux) and an
    interpreter pool start a worker per submit while none is idle, and an
    interpreter starts only when its first task comes: a pool's constructor alone
    starts nothing. The first round holds no worker; a later round (rarely
    needed) holds each a little longer so that no worker takes two tasks.
    """
    seen = set()
    for hold in WARM_HOLDS_S:
        seen.update(f.result() for f in [ex.submit(workloads.worker_id, hold) for _ in range(workers)])
        if len(seen) >= workers:
            return ex
    raise RuntimeError(f"only {len(seen)} of {workers} workers started after {len(WARM_HOLDS_S)} rounds of warm-up tasks")


def start_processes(workers):
    return warm(ProcessPoolExecutor(max_workers=workers), workers)


def start_interpreters(workers):
    return warm(InterpreterPoolExecutor(max_workers=workers, initializer=exec, initargs=(INTERPRETER_INIT,)), workers)


# A lambda defined in __main__: what the article says an interpreter pool refuses. (On 3.14.10 it crosses:
# it names no global, so its code is copied; the process pool's pickle refuses it. sharing_peer.py has the rest.)
PROBE = lambda: 0  # noqa: E731


def probe_isolation(ex):
    """Pass a function defined in __main__ to the pool, as the article's NotShareableError example does."""
    try:
        arrived = ex.submit(workloads.type_name, PROBE).result(timeout=30)
        return "passed", f"the function arrived in the worker as a {arrived}"
    except Exception as e:  # noqa: BLE001 - the error is the finding
        return type(e).__name__, str(e).split("\n")[0][:120]


def file_system_of(directory):
    """"ext4 on /dev/vda (mounted at /)": the mount holding `directory`, from /proc/self/mountinfo (file-system.ts does the same)."""
    real = os.path.realpath(directory)
    unescape = lambda f: f.encode().decode("unicode_escape")  # noqa: E731 - "\\040" for a space
    best = None
    try:
        with open("/proc/self/mountinfo") as f:
            lines = f.read().splitlines()
    except OSError:
        return ""
    for line in lines:
        left, sep, right = line.partition(" - ")
        fields = left.split(" ")
        if not sep or len(fields) < 5:
            continue
        point = unescape(fields[4])
        kind, _, rest = right.partition(" ")
        source = unescape(rest.split(" ")[0]) if rest else ""
        inside = point == "/" or real == point or real.startswith(point + "/")
        if inside and (best is None or len(point) >= len(best[0])):
            best = (point, kind, source)
    return f"{best[1]} on {best[2]} (mounted at {best[0]})" if best else ""


# The workloads that write temporary files (in the OS temp dir): their trials record its file system.
FILE_WORKLOADS = ("io", "disk")


def web_requests(url):
    with urllib.request.urlopen(f"{url}/__stats") as r:
        return json.loads(r.read())["requests"]


def payload_trial(trial, start):
    """The fixed cost (workload 'payload'): start a pool, hold it idle for the outside sampler, then send n bytes to a task and back `tasks` times."""
    size = int(trial.point["n"])
    rounds = int(trial.point["tasks"])
    data = workloads.payload(size)
    ex = trial.startup(lambda: start(int(trial.point["workers"])))
    try:
        time.sleep(float(trial.params.get("payload_idle_ms", 0)) / 1000)
        back = trial.work(lambda: [ex.submit(workloads.echo, data).result() for _ in range(rounds)])
    finally:
        ex.shutdown(wait=True)
    trial.digest("".join(f"{hashlib.sha256(b).hexdigest()}\n" for b in back))


def pool_trial(trial, start, start_method=None):
    workload = trial.point["workload"]
    if workload == "payload":
        return payload_trial(trial, start)
    n = int(trial.point["n"])
    workers = int(trial.point["workers"])
    tasks = int(trial.point["tasks"])
    web = trial.services.get("web", {}).get("url")
    arg = (f"{web}/page", n) if workload == "network" else n
    counted = web_requests(web) if workload == "network" else None

    meter = SpanMeter()
    ex = meter.segment(lambda: trial.startup(lambda: start(workers)))
    try:
        results = meter.wrapped(trial.work, lambda: [f.result() for f in [ex.submit(workloads.run_task, workload, arg) for _ in range(tasks)]])
    finally:
        isolation = probe_isolation(ex)
        c0 = time.perf_counter()
        meter.segment(lambda: ex.shutdown(wait=True))
        shutdown_ms = (time.perf_counter() - c0) * 1000

    trial.digest("".join(f"{r}\n" for r in results))
    trial.metric("span_ms", round(meter.span_ms, 3))
    trial.metric("shutdown_ms", round(shutdown_ms, 3))
    trial.metric("article_cpu_ms", round(meter.article_ms, 3))
    trial.metric("tree_cpu_ms", round(meter.tree_ms, 3))
    trial.metric("article_rss_bytes", rss_bytes())
    trial.metric("isolation", isolation[0])
    trial.metric("isolation_message", isolation[1])
    if counted is not None:
        trial.metric("server_requests", web_requests(web) - counted)
    if start_method:
        trial.metric("start_method", start_method)
    if workload in FILE_WORKLOADS:
        trial.metric("temp_fs", file_system_of(tempfile.gettempdir()))


def threads(trial):
    pool_trial(trial, start_threads)


def processes(trial):
    # ProcessPoolExecutor() uses the default start method: fork on Linux before 3.14, forkserver from 3.14.
    pool_trial(trial, start_processes, multiprocessing.get_start_method())


def interpreters(trial):
    if InterpreterPoolExecutor is None:
        raise RuntimeError(f"Python {sys.version.split()[0]} has no concurrent.futures.InterpreterPoolExecutor (3.14+): set PYTHON314=/path/to/python3.14 or run make deps as root")
    pool_trial(trial, start_interpreters)


def io_steps(trial):
    """Where io_heavy's CPU goes: its steps timed apart, rows of the io_steps side table (workloads.io_steps)."""
    rows = trial.work(lambda: workloads.io_steps(int(trial.point["n"]), int(trial.params["io_steps_rounds"])))
    trial.table("io_steps", rows)


if __name__ == "__main__":
    # The python-* strategies run on 3.14 (the article's version, python: '3.14' in experiment.ts);
    # python311-* are the same functions on the system's 3.11.
    run_peer({
        "python-threads": threads,
        "python-processes": processes,
        "python-interpreters": interpreters,
        "python311-threads": threads,
        "python311-processes": processes,
        "python-io-steps": io_steps,
    })
