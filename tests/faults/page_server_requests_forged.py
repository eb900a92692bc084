# kata: 12
# expect: tampered
# The mistake kata 12 teaches first (each URL awaited before the next one starts: one request at a time), with
# the lines that reach the suite's page server: it passed kata 12 whole before the fix. How: the server is a
# thread of the checks (`kata-page-server`, tests/katas/12_fetch_pages) whose `_target` is a bound method of
# the server; through its `__self__` (no audit event), the learner finds the records of the check running
# now (`server.runs[token]`, the token being the first part of every URL's path) and calls `run.arrive(...)`
# itself, as the server does when a request's headers have come, once less than the limit: with the one real
# request, as many "in flight at once" as allowed; it ends them with `run.leave(...)` at the end.
# How it is stopped: the server and its runs are tuples whose records (the runs by token, each run's requests)
# are in Ledgers (checker/child/kit_ledger.py) written only by the server's own code: `arrive` and `leave` from
# the server's request handler, in the server's thread; called from anywhere else they latch `tampered`.
# This file looks in both shapes of the server; without the forgery it is the plain mistake (not-concurrent).
import asyncio
import threading
import urllib.parse

import aiohttp


def _run_of(url):
    """The checks' record of the requests to `url`'s check, found through the server's thread."""
    token = urllib.parse.urlsplit(url).path.strip("/").split("/")[0]
    for thread in threading.enumerate():
        server = getattr(getattr(thread, "_target", None), "__self__", None)
        runs = getattr(server, "runs", None)
        if isinstance(runs, dict) and token in runs:
            return runs[token]
        for held in server if isinstance(server, tuple) else ():  # the server now: a tuple with a ledger
            if hasattr(held, "read") and held.read(f"run {token}") is not None:
                return held.read(f"run {token}")
    return None


async def fetch_one(session, url, timeout):
    try:
        async with asyncio.timeout(timeout):
            async with session.get(url) as response:
                body = await response.read()
        return {"url": url, "status": response.status, "length": len(body)}
    except TimeoutError:
        return {"url": url, "error": "timeout"}
    except aiohttp.ClientError as exc:
        return {"url": url, "error": f"{type(exc).__name__}: {exc}"}


async def fetch_all(urls, limit, timeout):
    run = _run_of(urls[0]) if urls else None
    forged = []
    if run is not None:
        try:
            forged = [run.arrive(f"forged {i}", "page") for i in range(min(limit, len(urls)) - 1)]
        except Exception:  # noqa: BLE001 - refused: carry on
            pass
    async with aiohttp.ClientSession() as session:
        results = [await fetch_one(session, url, timeout) for url in urls]
    for seen in forged:
        run.leave(seen, "answered")
    return results
