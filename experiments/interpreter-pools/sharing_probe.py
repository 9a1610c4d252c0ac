"""The parent's side of the sharing probe: hand one value to one pool, record what happened.

Used by sharing_peer.py (whose __main__ is a script file, as a user's would be)
and by the program it runs with ``python -c`` (a __main__ that cannot be
imported again, as in a notebook or a REPL). Each case submits one task to a
pool of one worker that is already started, and records a row of the
`sharing` side table (columns in experiment.ts, meaning in sharing.ts).
"""

import os
import re
import time
from concurrent.futures import BrokenExecutor, ProcessPoolExecutor, ThreadPoolExecutor

try:
    from concurrent.futures import InterpreterPoolExecutor
except ImportError:  # before Python 3.14
    InterpreterPoolExecutor = None

import workloads

# The pools probed, each with the strategy model it stands for in the report.
EXECUTORS = (
    ("InterpreterPoolExecutor", "python-interpreters"),
    ("ProcessPoolExecutor", "python-processes"),
    ("ThreadPoolExecutor", "python-threads"),
)

TIMEOUT_S = 60


def start_pool(name, init):
    """A pool of one worker, started (its first task run) before any case is timed."""
    if name == "InterpreterPoolExecutor":
        ex = InterpreterPoolExecutor(1, initializer=exec, initargs=(init,))
    elif name == "ProcessPoolExecutor":
        ex = ProcessPoolExecutor(1)
    else:
        ex = ThreadPoolExecutor(1)
    ex.submit(workloads.worker_id).result(timeout=TIMEOUT_S)
    return ex


def qualified(exc):
    """The exception's type as a user sees it: NotShareableError with its module, TypeError bare."""
    cls = type(exc)
    module = {"builtins": "", "_pickle": "pickle"}.get(cls.__module__, cls.__module__)
    return f"{module}.{cls.__qualname__}" if module else cls.__qualname__


def first_line(text, limit=200):
    """The first line of a message, without the addresses that change from run to run."""
    line = str(text).strip().split("\n")[0]
    line = re.sub(r" at 0x[0-9a-fA-F]+", "", line)
    return line[:limit]


def returned(result):
    return f"ran; returned {result!r}", ""


def probe_case(ex, executor, model, case):
    """Run one case on one pool: a row of the sharing table, and whether the pool broke."""
    fn, args, check, cleanup = case["make"]()
    row = {
        "runtime": "python",
        "executor": executor,
        "model": model,
        "case": case["case"],
        "role": case["role"],
        "value": case["value"],
        "outcome": "accepted",
        "error": "",
        "message": "",
        "cause": "",
        "arrived_as": "",
        "shared": "",
        "ms": None,
    }
    broke = False
    t0 = time.perf_counter()
    try:
        result = ex.submit(fn, *args).result(timeout=TIMEOUT_S)
        row["ms"] = round((time.perf_counter() - t0) * 1000, 3)
        row["arrived_as"], row["shared"] = check(result)
    except Exception as e:  # noqa: BLE001 - the refusal is the finding
        row["ms"] = round((time.perf_counter() - t0) * 1000, 3)
        row.update(outcome="refused", error=qualified(e), message=first_line(e))
        cause = e.__cause__
        # A process pool's cause is the worker's traceback as text: the message already says it.
        if cause is not None and type(cause).__name__ != "_RemoteTraceback":
            row["cause"] = f"{qualified(cause)}: {first_line(cause)}"
        broke = isinstance(e, BrokenExecutor)
    finally:
        if cleanup:
            cleanup()
    return row, broke


def run_all(cases, init):
    """Every case on every pool; a pool a case broke is replaced before the next case, not after the last."""
    rows = []
    for executor, model in EXECUTORS:
        if executor == "InterpreterPoolExecutor" and InterpreterPoolExecutor is None:
            continue
        ex = None
        try:
            for case in cases:
                ex = ex or start_pool(executor, init)
                row, broke = probe_case(ex, executor, model, case)
                rows.append(row)
                if broke:
                    ex.shutdown(wait=False, cancel_futures=True)
                    ex = None
        finally:
            if ex is not None:
                ex.shutdown(wait=True)
    return rows


def paths_init(*folders):
    """An interpreter's initializer: the folders its tasks import from (a new interpreter sees neither)."""
    return f"import sys; sys.path[:0] = {[os.path.abspath(f) for f in folders]!r}"
