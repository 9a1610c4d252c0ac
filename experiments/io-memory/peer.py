"""The article's Python, run as a peer: sequential, ThreadPoolExecutor and
asyncio (aiohttp, or plain asyncio streams where aiohttp is missing).

gevent must patch the standard library before anything imports it, so it has
a script of its own: peer_gevent.py.
"""

import asyncio
import time
from concurrent.futures import ThreadPoolExecutor

from price_client import delay_of, fetch_streams, fetch_urllib, result, run_sync
from trial import run_peer


def sequential(trial):
    run_sync(trial, lambda base, dates: [fetch_urllib(base, d) for d in dates])


def threads(trial):
    workers = int(trial.point["concurrency"])

    def fetch_all(base, dates):
        # As in the article: the pool's threads start lazily, inside the timed work.
        with ThreadPoolExecutor(max_workers=workers) as pool:
            return list(pool.map(lambda d: fetch_urllib(base, d), dates))

    run_sync(trial, fetch_all)


def asyncio_aiohttp(trial):
    import aiohttp  # only this strategy needs it: the others run where it is missing

    limit = int(trial.point["concurrency"])

    async def one(session, base, day):
        t0 = time.perf_counter()
        try:
            async with session.get(f"{base}/prices/{day}") as r:
                body = await r.read()
                return result(day, r.status, delay_of(r.headers), body, t0, error=None if r.status == 200 else f"HTTP {r.status}")
        except (aiohttp.ClientError, asyncio.TimeoutError) as e:
            return result(day, 0, None, b"", t0, error=f"{type(e).__name__}: {e}")

    async def fetch_all(base, dates):
        async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=limit)) as session:
            return await asyncio.gather(*(one(session, base, d) for d in dates))

    run_sync(trial, lambda base, dates: asyncio.run(fetch_all(base, dates)))


def asyncio_streams(trial):
    limit = int(trial.point["concurrency"])

    async def fetch_all(base, dates):
        gate = asyncio.Semaphore(limit)

        async def one(d):
            async with gate:
                return await fetch_streams(base, d)

        return await asyncio.gather(*(one(d) for d in dates))

    run_sync(trial, lambda base, dates: asyncio.run(fetch_all(base, dates)))


if __name__ == "__main__":
    run_peer({"python-sequential": sequential, "python-threads": threads, "python-asyncio": asyncio_aiohttp, "python-asyncio-streams": asyncio_streams})
