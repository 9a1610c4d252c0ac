"""The article's factorize_naive, in a module of its own so that every peer can import it.

An InterpreterPoolExecutor runs only functions it can import by name in a fresh
interpreter (not from the script that is __main__), so the interpreter pool's
worker function lives here too; peer.py imports factorize_naive from here for
the serial loop, the threads and the processes, so all run the same code.
"""

import time


def factorize_naive(n):
    if n < 2:
        return []
    factors = []
    p = 2
    while True:
        if n == 1:
            return factors
        r = n % p
        if r == 0:
            factors.append(p)
            n = n // p
        elif p * p >= n:
            factors.append(n)
            return factors
        elif p > 2:
            p += 2
        else:
            p += 1


def factorize_chunk(nums):
    """One static chunk in one worker: its results, its size and how long the worker was busy (ms)."""
    t0 = time.perf_counter()
    outdict = {n: factorize_naive(n) for n in nums}
    return outdict, len(nums), (time.perf_counter() - t0) * 1000
