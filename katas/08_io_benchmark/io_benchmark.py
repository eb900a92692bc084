"""Kata 08 — sequential, threads or asyncio: a benchmark for I/O.

`blocking_io` and `async_io` are given: keep them as they are. Write the three versions and `benchmark`.
Read README.md (or README.fr.md) for the whole exercise, then run `kata check 08`.
"""

import asyncio
import threading
import time


def blocking_io(delay: float) -> None:
    """Given: one blocking I/O operation (like a download with `requests.get`): it holds the thread that
    calls it for `delay` seconds."""
    time.sleep(delay)


async def async_io(delay: float) -> None:
    """Given: the same operation written for asyncio: it waits `delay` seconds without blocking the
    event loop."""
    await asyncio.sleep(delay)


def run_sequential(n_tasks: int, delay: float) -> float:
    """Call blocking_io(delay) n_tasks times, one after the other, in this thread.
    Return how many seconds that took, measured with a clock."""
    raise NotImplementedError("write run_sequential()")


def run_threads(n_tasks: int, delay: float) -> float:
    """Call blocking_io(delay) n_tasks times, each in its own thread, all at the same time, and wait for
    all of them. Return how many seconds that took, measured with a clock."""
    raise NotImplementedError("write run_threads()")


async def run_asyncio(n_tasks: int, delay: float) -> float:
    """Await async_io(delay) n_tasks times, all at the same time, in this event loop.
    Return how many seconds that took, measured with a clock."""
    raise NotImplementedError("write run_asyncio()")


def benchmark(n_tasks: int, delay: float) -> dict:
    """Run the three versions once each, with the same n_tasks and delay, and return
    {"sequential": seconds, "threads": seconds, "asyncio": seconds}."""
    raise NotImplementedError("write benchmark()")


if __name__ == "__main__":
    timings = benchmark(5, 0.2)
    for name, seconds in timings.items():
        print(f"{name:>10}: {seconds:.3f} s  (x{timings['sequential'] / seconds:.1f})")
