"""Kata 10 — timeouts and cancellation.

Write three coroutines that stop waiting on time, stop their siblings when one fails, and always clean
up. Read README.md (or README.fr.md) for the whole exercise, then run `kata check 10`.
"""

import asyncio


async def fetch_with_timeout(fetch, timeout: float):
    """Await `fetch()` (a coroutine function that takes no argument), but give up after `timeout` seconds.

    - fetch finishes in time: return what it returned, as soon as it returns;
    - fetch is still running after `timeout` seconds: cancel it and return None, at `timeout` seconds;
    - fetch raises: let its exception through.
    """
    raise NotImplementedError("write fetch_with_timeout()")


async def first_failure_cancels_all(jobs: list) -> list:
    """Run every job of `jobs` (coroutine functions that take no argument) at the same time.

    - all succeed: return their results, in the order of `jobs`;
    - one raises: cancel the others at once and let the error through (the job's own exception, or an
      ExceptionGroup that holds it);
    - first_failure_cancels_all itself is cancelled: its jobs are cancelled too.
    """
    raise NotImplementedError("write first_failure_cancels_all()")


async def with_connection(pool, job):
    """Take a connection with `await pool.acquire()`, return `await job(connection)`, and ALWAYS give the
    connection back with `pool.release(connection)`: when job returns, when it raises, and when the
    coroutine is cancelled. The error or the cancellation still goes through to the caller."""
    raise NotImplementedError("write with_connection()")


if __name__ == "__main__":

    async def demo():
        async def quick():
            await asyncio.sleep(0.1)
            return "quick"

        async def slow():
            await asyncio.sleep(10)
            return "slow"

        print(await fetch_with_timeout(quick, 1.0))  # quick
        print(await fetch_with_timeout(slow, 1.0))   # None, after 1 s

    asyncio.run(demo())
