# Right way: threads joined in reverse order, polling join(timeout) until none is alive.

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
    start = time.perf_counter()
    for _ in range(n_tasks):
        blocking_io(delay)
    return time.perf_counter() - start


def run_threads(n_tasks: int, delay: float) -> float:
    start = time.perf_counter()
    threads = [threading.Thread(target=blocking_io, args=(delay,)) for _ in range(n_tasks)]
    for thread in threads:
        thread.start()
    while any(thread.is_alive() for thread in threads):
        for thread in reversed(threads):
            thread.join(timeout=0.005)
    return time.perf_counter() - start


async def run_asyncio(n_tasks: int, delay: float) -> float:
    start = time.perf_counter()
    await asyncio.gather(*(async_io(delay) for _ in range(n_tasks)))
    return time.perf_counter() - start


def benchmark(n_tasks: int, delay: float) -> dict:
    return {
        "sequential": run_sequential(n_tasks, delay),
        "threads": run_threads(n_tasks, delay),
        "asyncio": asyncio.run(run_asyncio(n_tasks, delay)),
    }

