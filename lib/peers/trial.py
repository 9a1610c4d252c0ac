"""The Python side of a trial: the same protocol as lib/trial/context.ts.

A peer script defines its strategies as functions of a Trial and ends with
``run_peer({'name': fn, ...})``. The runner passes the spec in the TRIAL_SPEC
environment variable and reads one JSON result from file descriptor 3.
Before the result, the trial waits for every process it started (reap_children),
since the runner counts the tree's CPU through those waits.
"""

import argparse
import hashlib
import json
import os
import resource
import sys
import time
import traceback

RESULT_FD = 3


def _children(pid):
    out = []
    try:
        tids = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return out
    for tid in tids:
        try:
            with open(f"/proc/{pid}/task/{tid}/children") as f:
                out.extend(int(p) for p in f.read().split())
        except OSError:
            pass
    return out


def _stat_cpu(pid):
    """utime+stime+cutime+cstime of a process, split user/sys, in ms; None when gone."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            text = f.read()
    except OSError:
        return None
    fields = text[text.rindex(")") + 2 :].split()
    tick = 1000.0 / os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[13])) * tick, (int(fields[12]) + int(fields[14])) * tick


def tree_cpu():
    """CPU of this process (all threads), its reaped children and its live descendants, in ms."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    user = (me.ru_utime + kids.ru_utime) * 1000
    sys_ = (me.ru_stime + kids.ru_stime) * 1000
    stack = _children(os.getpid())
    while stack:
        pid = stack.pop()
        cpu = _stat_cpu(pid)
        if cpu:
            user += cpu[0]
            sys_ += cpu[1]
        stack.extend(_children(pid))
    return user, sys_


# How long a trial waits, after its strategy returned, for the processes it started to exit.
REAP_TIMEOUT_S = 10.0


def _multiprocessing_helpers():
    """multiprocessing's forkserver and resource tracker, where this trial started them.

    Both are children of this process that run until it exits, and nothing waits for
    them: the forkserver reaps the pool workers it forked, so their CPU and its own
    would end in no process the runner counts (it reads the trial's reaped children)
    and read as another process's load.
    """
    server = getattr(sys.modules.get("multiprocessing.forkserver"), "_forkserver", None)
    tracker = getattr(sys.modules.get("multiprocessing.resource_tracker"), "_resource_tracker", None)
    return server, tracker


def _stop_multiprocessing_helpers():
    """Ask them to exit: closing the pipe each watches does it. The forkserver's _stop()
    (what CPython's tests call) also waits for it; the tracker is waited for with the rest."""
    server, tracker = _multiprocessing_helpers()
    if server is not None:
        server._stop()
    if tracker is not None:
        with tracker._lock:
            if tracker._fd is not None:
                os.close(tracker._fd)
                tracker._fd = None


def _descendants(pid):
    out, stack = [], _children(pid)
    while stack:
        p = stack.pop()
        out.append(p)
        stack.extend(_children(p))
    return out


def _wait_until_gone(keep, deadline):
    """Reap this process's children and wait for every other descendant, but `keep`, to exit.

    Returns the pids still there at the deadline."""
    while True:
        for pid in _children(os.getpid()):
            if pid in keep:
                continue
            try:
                os.waitpid(pid, os.WNOHANG)
            except ChildProcessError:
                pass  # reaped by its own Popen meanwhile
        live = [p for p in _descendants(os.getpid()) if p not in keep]
        if not live or time.monotonic() > deadline:
            return live
        time.sleep(0.005)


def reap_children(timeout_s=REAP_TIMEOUT_S):
    """Wait for every process this trial started, so that the runner counts their CPU.

    A process's CPU reaches the runner only through the chain of waits up to the trial
    process. First every worker must be gone, so that the forkserver has reaped it
    (its CPU is then in the forkserver's), then the helpers are stopped and reaped.
    Raises, naming them, when processes are still running after timeout_s: a pool
    left open, whose CPU would go uncounted.
    """
    deadline = time.monotonic() + timeout_s
    server, tracker = _multiprocessing_helpers()
    helpers = {getattr(server, "_forkserver_pid", None), getattr(tracker, "_pid", None)} - {None}
    live = _wait_until_gone(helpers, deadline)
    if not live:
        _stop_multiprocessing_helpers()
        live = _wait_until_gone(set(), deadline)
    if live:
        names = ", ".join(f"{pid} ({_cmdline(pid)})" for pid in live)
        raise RuntimeError(f"the trial left {len(live)} process(es) running {timeout_s:.0f} s after its strategy returned: {names}; shut every pool down inside the strategy, or their CPU goes uncounted")


def _cmdline(pid):
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return f.read().replace(b"\0", b" ").decode(errors="replace").strip()[:160]
    except OSError:
        return "gone"


def speed_probe_ms():
    """A fixed unit of CPU work, timed: shows whether the host ran this trial in a slow spell.

    The fastest of a few runs counts, as in lib/measure/speed-probe.ts, so that one
    preemption or a thread still handing back the GIL does not read as a slow host."""
    best = float("inf")
    for _ in range(4):
        t0 = time.perf_counter()
        x = 1
        for _ in range(12_500):
            x = (x * 1103515245 + 12345) & 0xFFFFFFFF
        best = min(best, (time.perf_counter() - t0) * 1000)
    return best


class Trial:
    def __init__(self, spec):
        self.strategy = spec["strategy"]
        self.point = spec["point"]
        self.params = spec["params"]
        self.inputs = spec["inputs"]
        self._settle_s = (spec.get("settleMs") or 0) / 1000
        self.services = spec.get("services", {})
        self._r = {
            "ok": True,
            "startup_ms": None,
            "wall_ms": None,
            "cpu_user_ms": None,
            "cpu_sys_ms": None,
            "work_start_epoch_ms": None,
            "work_end_epoch_ms": None,
            "digest": "",
            "probe_before_ms": None,
            "probe_after_ms": None,
            "metrics": {},
            "tables": {},
        }
        self._worked = False

    def startup(self, fn):
        t0 = time.perf_counter()
        value = fn()
        self._r["startup_ms"] = (self._r["startup_ms"] or 0) + (time.perf_counter() - t0) * 1000
        return value

    def work(self, fn):
        if self._worked:
            raise RuntimeError(f"strategy {self.strategy} called work() twice")
        self._worked = True
        # A pool that starts faster than the sampler's interval would otherwise be missing from the RSS before the work.
        if self._r["startup_ms"] is not None and self._settle_s > 0:
            time.sleep(self._settle_s)
        self._r["probe_before_ms"] = speed_probe_ms()
        u0, s0 = tree_cpu()
        self._r["work_start_epoch_ms"] = time.time() * 1000
        t0 = time.perf_counter()
        value = fn()
        t1 = time.perf_counter()
        self._r["work_end_epoch_ms"] = time.time() * 1000
        u1, s1 = tree_cpu()
        self._r.update(wall_ms=(t1 - t0) * 1000, cpu_user_ms=u1 - u0, cpu_sys_ms=s1 - s0)
        self._r["probe_after_ms"] = speed_probe_ms()
        return value

    def digest(self, canonical):
        data = canonical.encode() if isinstance(canonical, str) else canonical
        self._r["digest"] = hashlib.sha256(data).hexdigest()

    def metric(self, name, value):
        self._r["metrics"][name] = value

    def table(self, name, rows):
        self._r["tables"].setdefault(name, []).extend(rows)

    def result(self):
        if not self._worked:
            return {**self._r, "ok": False, "error": f"strategy {self.strategy} never called work()"}
        return self._r


def _emit(result):
    with os.fdopen(RESULT_FD, "w") as out:
        json.dump(result, out)


def run_peer(strategies):
    """Entry point of a peer script: run the strategy named by --strategy."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--strategy", required=True, choices=sorted(strategies))
    args = parser.parse_args()
    spec = json.loads(os.environ["TRIAL_SPEC"])
    trial = Trial(spec)
    try:
        strategies[args.strategy](trial)
        reap_children()
        _emit(trial.result())
    except BaseException:
        _emit({**trial.result(), "ok": False, "error": traceback.format_exc()})
        sys.exit(1)
