"""The tasks the sharing probe (sharing_peer.py) runs in a pool's worker.

They live in an importable module, as the article says a worker's code must:
each only reports what arrived, so that what is tested is the crossing and
not the task. Every return value is a str or an int (shareable everywhere).
"""

# Module state the parent changes before a task reads it: shared only where the worker is a thread.
STATE = "module default"


def read_state():
    return STATE


def describe(value):
    """What arrived: its type, and its size where it has one."""
    name = type(value).__name__
    if isinstance(value, dict):
        lists = sum(isinstance(v, list) for v in value.values())
        items = sum(len(v) for v in value.values() if isinstance(v, list))
        return f"{name} of {len(value)} keys, {lists} lists ({items} items)"
    if isinstance(value, (bytes, bytearray, memoryview)):
        return f"{name} of {len(value)} bytes"
    return name


def mark(box):
    """Change the object that arrived: the parent then sees whether the change came back."""
    box.label = "changed in the worker"
    return type(box).__name__


def poke(view):
    """Write into the buffer that arrived: the parent then sees whether its own buffer changed."""
    view[0] = 1
    return describe(view)


def byte_length(data):
    return len(data)

