# expect: not-joined
# Joins only the last thread started, as if it were the last to finish.
import asyncio
import threading
import time


def blocking_io(delay):
    time.sleep(delay)


async def async_io(delay):
    await asyncio.sleep(delay)

def run_sequential(n_tasks, delay):
    start = time.perf_counter()
    for _ in range(n_tasks):
        blocking_io(delay)
    return time.perf_counter() - start

def run_threads(n_tasks, delay):
    start = time.perf_counter()
    threads = [threading.Thread(target=blocking_io, args=(delay,)) for _ in range(n_tasks)]
    for t in threads:
        t.start()
    threads[-1].join()
    return time.perf_counter() - start

async def run_asyncio(n_tasks, delay):
    start = time.perf_counter()
    await asyncio.gather(*(async_io(delay) for _ in range(n_tasks)))
    return time.perf_counter() - start

def benchmark(n_tasks, delay):
    return {
        "sequential": run_sequential(n_tasks, delay),
        "threads": run_threads(n_tasks, delay),
        "asyncio": asyncio.run(run_asyncio(n_tasks, delay)),
    }
