"""The article's rules of sharing, tested: what each concurrent.futures pool takes as a task or an argument.

The article says an InterpreterPoolExecutor refuses functions defined in
__main__, lambdas, closures and bound methods, that class instances and other
"complex objects" are risky, that globals are not shared, and that all of it is
stricter than multiprocessing. Each value below is handed to an interpreter, a
process and a thread pool of one (started first), and what happens is a row of
the `sharing` side table: accepted or refused, with which exception, and what
arrived. The values are defined here, in __main__, as in a user's script; the
tasks that receive them live in sharing_tasks.py, an importable module.

A second set runs in a child ``python -c`` program, whose __main__ cannot be
imported again (as in a notebook or a REPL): that is where the article's own
messages come from.
"""

import json
import os
import socket
import subprocess
import sys

import sharing_probe
import sharing_tasks
import trial as trial_module
from trial import run_peer

HERE = os.path.dirname(os.path.abspath(__file__))
PEERS = os.path.dirname(os.path.abspath(trial_module.__file__))
INIT = sharing_probe.paths_init(HERE, PEERS)

# A global of __main__ that the parent changes at run time (to 3) before the tasks that read it run.
FACTOR = 2


def square(x):
    return x * x


def scaled(x):
    return x * FACTOR


class Scaler:
    def __init__(self, k):
        self.k = k

    def times(self, x):
        return self.k * x


class Box:
    def __init__(self, label):
        self.label = label


def multiplier(k):
    def times(x):
        return k * x

    return times


def read_global(result):
    return f"ran; returned {result!r} (FACTOR = {result // 7} in the worker, {FACTOR} in the parent)", "yes" if result == 7 * FACTOR else "no"


def cases(n_bytes):
    """Each case: its id, whether the value is the task or its argument, what it is, and how to make it."""
    box = {}
    buffer = {}
    opened = {}

    def instance():
        box["it"] = Box("set by the parent")
        return sharing_tasks.mark, (box["it"],), lambda r: (f"{r} (its change {'came back' if box['it'].label != 'set by the parent' else 'stayed in the worker'})", "yes" if box["it"].label != "set by the parent" else "no"), None

    def shared_memory():
        buffer["it"] = bytearray(8)
        return sharing_tasks.poke, (memoryview(buffer["it"]),), lambda r: (f"{r} (its write {'reached' if buffer['it'][0] == 1 else 'did not reach'} the parent's buffer)", "yes" if buffer["it"][0] == 1 else "no"), None

    def module_state():
        sharing_tasks.STATE = "set by the parent"

        def restore():
            sharing_tasks.STATE = "module default"

        return sharing_tasks.read_state, (), lambda r: (f"ran; read {r!r}", "yes" if r == "set by the parent" else "no"), restore

    def file_handle():
        opened["f"] = open(__file__, "rb")
        return sharing_tasks.describe, (opened["f"],), lambda r: (r, ""), opened["f"].close

    def a_socket():
        opened["s"] = socket.socket()
        return sharing_tasks.describe, (opened["s"],), lambda r: (r, ""), opened["s"].close

    return [
        {"case": "main-function", "role": "task", "value": "a function defined in __main__ (the script), naming no global", "make": lambda: (square, (7,), sharing_probe.returned, None)},
        {"case": "main-function-global", "role": "task", "value": "a function defined in __main__ that reads a global of __main__ the parent changed at run time", "make": lambda: (scaled, (7,), read_global, None)},
        {"case": "lambda", "role": "task", "value": "a lambda naming no global (x * x)", "make": lambda: (lambda x: x * x, (7,), sharing_probe.returned, None)},
        {"case": "lambda-global", "role": "task", "value": "a lambda that reads a global of __main__ (x * FACTOR)", "make": lambda: (lambda x: x * FACTOR, (7,), read_global, None)},
        {"case": "closure", "role": "task", "value": "a closure (a nested function using its parent's local k = 3)", "make": lambda: (multiplier(3), (7,), sharing_probe.returned, None)},
        {"case": "bound-method", "role": "task", "value": "a bound method of an instance of a class defined in __main__", "make": lambda: (Scaler(3).times, (7,), sharing_probe.returned, None)},
        {"case": "class-instance", "role": "argument", "value": "an instance of a class defined in __main__, which the task changes", "make": instance},
        {"case": "large-bytes", "role": "argument", "value": f"a bytes of {n_bytes} bytes", "make": lambda: (sharing_tasks.byte_length, (bytes(n_bytes),), lambda r: (f"bytes of {r} bytes", ""), None)},
        {"case": "dict-of-lists", "role": "argument", "value": "a dict of two lists of ints", "make": lambda: (sharing_tasks.describe, ({"a": [1, 2, 3], "b": [4, 5]},), lambda r: (r, ""), None)},
        {"case": "shared-memory", "role": "argument", "value": "a memoryview of a bytearray, which the task writes into", "make": shared_memory},
        {"case": "module-state", "role": "task", "value": "a task reading a module global the parent changed at run time", "make": module_state},
        {"case": "generator", "role": "argument", "value": "a generator", "make": lambda: (sharing_tasks.describe, ((i for i in range(3)),), lambda r: (r, ""), None)},
        {"case": "file-handle", "role": "argument", "value": "an open file", "make": file_handle},
        {"case": "socket", "role": "argument", "value": "a socket", "make": a_socket},
    ]


# The same values in a __main__ that cannot be imported again: a program given with python -c.
UNIMPORTABLE = r'''
import json
import sys

import sharing_probe
import sharing_tasks

FACTOR = 2


def square(x):
    return x * x


def scaled(x):
    return x * FACTOR


class Box:
    def __init__(self, label):
        self.label = label

    def get(self):
        return self.label


def instance():
    box = Box("set by the parent")
    return sharing_tasks.mark, (box,), lambda r: (r, "yes" if box.label != "set by the parent" else "no"), None


CASES = [
    {"case": "unimportable-main-function", "role": "task", "value": "a function defined in a __main__ given with python -c, naming no global", "make": lambda: (square, (7,), sharing_probe.returned, None)},
    {"case": "unimportable-main-function-global", "role": "task", "value": "a function defined in a __main__ given with python -c, reading a global of it", "make": lambda: (scaled, (7,), sharing_probe.returned, None)},
    {"case": "unimportable-bound-method", "role": "task", "value": "a bound method of an instance of a class defined in a __main__ given with python -c", "make": lambda: (Box("set by the parent").get, (), sharing_probe.returned, None)},
    {"case": "unimportable-class-instance", "role": "argument", "value": "an instance of a class defined in a __main__ given with python -c", "make": instance},
]

if __name__ == "__main__":
    FACTOR = 3
    print(json.dumps(sharing_probe.run_all(CASES, sys.argv[1])))
'''


def unimportable_rows():
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([HERE, PEERS])}
    done = subprocess.run([sys.executable, "-c", UNIMPORTABLE, INIT], env=env, capture_output=True, text=True, timeout=300, cwd=HERE)
    if done.returncode != 0:
        raise RuntimeError(f"the python -c sharing probe exited with {done.returncode}: {done.stderr.strip()[-2000:]}")
    return json.loads(done.stdout.strip().split("\n")[-1])


def sharing(trial):
    n_bytes = int(trial.point["n"])

    def probe():
        global FACTOR
        FACTOR = 3  # the parent's change at run time: does a worker see it?
        return sharing_probe.run_all(cases(n_bytes), INIT) + unimportable_rows()

    trial.table("sharing", trial.work(probe))


if __name__ == "__main__":
    run_peer({"python-sharing": sharing})
