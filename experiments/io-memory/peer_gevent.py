"""The article's gevent version: patch the standard library first, then fetch
every date through a greenlet pool with plain urllib."""

from gevent import monkey

monkey.patch_all()

from gevent.pool import Pool  # noqa: E402  (after patching, on purpose)

from price_client import fetch_urllib, run_sync  # noqa: E402
from trial import run_peer  # noqa: E402


def gevent_pool(trial):
    size = int(trial.point["concurrency"])
    run_sync(trial, lambda base, dates: Pool(size).map(lambda d: fetch_urllib(base, d), dates))


if __name__ == "__main__":
    run_peer({"python-gevent": gevent_pool})
