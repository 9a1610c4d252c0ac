"""The Python side of the price client, shared by peer.py and peer_gevent.py.

Mirrors prices.ts: the same dates, the same kept prices (integer cents) and the
same canonical result, so every strategy's digest agrees with Node's. Imports
only the standard library, so that gevent can patch it before anything else
runs.
"""

import asyncio
import http.client
import json
import time
import urllib.error
import urllib.request
from datetime import date, timedelta

FIRST_DAY = date(2018, 3, 13)  # the article's publication date stands in for "today"


def travel_dates(count):
    return [(FIRST_DAY + timedelta(days=i + 1)).isoformat() for i in range(count)]


def keep_prices(body):
    return [round(d["price"]["amount"] * 100) for d in body["departures"]]


def delay_of(headers):
    try:
        return float(headers.get("x-delay-ms"))
    except (TypeError, ValueError):
        return None


def result(day, status, delay_ms, body, t0, error=None):
    ok = status == 200 and error is None
    prices = []
    if ok:
        try:
            prices = keep_prices(json.loads(body))
        except (ValueError, KeyError, TypeError) as e:
            ok, error = False, f"unreadable body: {e}"
    out = {"date": day, "ok": ok, "status": status, "prices": prices, "delay_ms": delay_ms, "request_ms": (time.perf_counter() - t0) * 1000}
    if not ok:
        out["error"] = error or body[:200].decode("utf8", "replace")
    return out


def fetch_urllib(base, day):
    """One date with urllib: a new connection per request, as a bare requests.get opens."""
    t0 = time.perf_counter()
    try:
        with urllib.request.urlopen(f"{base}/prices/{day}") as r:
            return result(day, r.status, delay_of(r.headers), r.read(), t0)
    except urllib.error.HTTPError as e:
        return result(day, e.code, delay_of(e.headers), e.read(), t0, error=f"HTTP {e.code}")
    except (OSError, http.client.HTTPException) as e:
        return result(day, 0, None, b"", t0, error=f"{type(e).__name__}: {e}")


async def fetch_streams(base, day):
    """One date over asyncio streams: HTTP/1.1, Connection: close, read to EOF."""
    t0 = time.perf_counter()
    host, port = base.removeprefix("http://").split(":")
    try:
        reader, writer = await asyncio.open_connection(host, int(port))
        writer.write(f"GET /prices/{day} HTTP/1.1\r\nHost: {host}:{port}\r\nConnection: close\r\n\r\n".encode())
        await writer.drain()
        raw = await reader.read()
        writer.close()
        await writer.wait_closed()
    except OSError as e:
        return result(day, 0, None, b"", t0, error=f"{type(e).__name__}: {e}")
    head, _, body = raw.partition(b"\r\n\r\n")
    lines = head.decode("latin1").split("\r\n")
    try:
        status = int(lines[0].split()[1])
    except (IndexError, ValueError):
        return result(day, 0, None, b"", t0, error=f"unreadable status line: {lines[0][:80]!r}")
    headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
    return result(day, status, delay_of(headers), body, t0, error=None if status == 200 else f"HTTP {status}")


def read_stats(base, reset=False):
    """The API's counters, on a connection of their own."""
    with urllib.request.urlopen(f"{base}/__stats{'?reset=1' if reset else ''}") as r:
        return json.loads(r.read())


def canonical(results):
    return "".join(f"{r['date']} {' '.join(str(p) for p in r['prices'])}\n" if r["ok"] else f"{r['date']} failed {r['status']}\n" for r in results)


PURPOSEFUL_STATUS = 503  # the API's answer for a date it fails on purpose (fail_every)


def record(trial, results, stats):
    """Digest, counters and server-side figures: the same metrics as the Node strategies.

    As in prices.ts: a trial with a failure the API did not make on purpose has
    no digest, so a stray error is counted but cannot stop the run.
    """
    if all(r["ok"] or r["status"] == PURPOSEFUL_STATUS for r in results):
        trial.digest(canonical(results))
    delays = [r["delay_ms"] for r in results if r["delay_ms"] is not None]
    trial.metric("requests_ok", sum(1 for r in results if r["ok"]))
    trial.metric("requests_failed", sum(1 for r in results if not r["ok"]))
    if delays:
        trial.metric("max_delay_ms", round(max(delays), 3))
    if results:
        trial.metric("max_request_ms", round(max(r["request_ms"] for r in results), 3))
    trial.metric("server_peak_in_flight", stats["peak_in_flight"])
    trial.metric("server_connections", stats["connections"])


def api_url(trial):
    api = trial.services.get("api")
    if not api:
        raise RuntimeError("the price API service is not running: run trials through the runner")
    return api["url"]


def run_sync(trial, fetch_all):
    """Time `fetch_all(base, dates)` as the work, with the API's counters around it."""
    base = api_url(trial)
    dates = travel_dates(int(trial.point["requests"]))
    read_stats(base, reset=True)
    results = trial.work(lambda: fetch_all(base, dates))
    record(trial, results, read_stats(base))
