"""The article's own Python, run as a peer through the same trial path.

serial_factorizer, threaded_factorizer and mp_factorizer as Eli Bendersky
wrote them (2012), with Python 3's integer division and the fix readers
asked for: the queue is drained before the processes are joined.
"""

import math
import multiprocessing
import threading
import time

from trial import run_peer


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


def canonical(result):
    return "".join(f"{n}:{'*'.join(str(f) for f in result[n])}\n" for n in sorted(result))


def read_numbers(trial):
    with open(trial.inputs[f"numbers-{trial.point['set']}"]) as f:
        return [int(line) for line in f if line.strip()]


def finish(trial, result, busy):
    trial.digest(canonical(result))
    trial.table("workers", [{"worker": i, "tasks": c, "busy_ms": round(ms, 3)} for i, (c, ms) in enumerate(busy)])


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


if __name__ == "__main__":
    run_peer({"python-serial": serial, "python-threads": threads, "python-processes": processes})
