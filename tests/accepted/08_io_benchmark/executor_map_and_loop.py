# Right way: executor.map with n workers, perf_counter_ns converted to seconds, a dict built in a loop.
import asyncio
import time
from concurrent.futures import ThreadPoolExecutor


def blocking_io(delay):
    time.sleep(delay)


async def async_io(delay):
    await asyncio.sleep(delay)


def run_sequential(n_tasks, delay):
    t0 = time.perf_counter_ns()
    for _ in range(n_tasks):
        blocking_io(delay)
    return (time.perf_counter_ns() - t0) / 1e9


def run_threads(n_tasks, delay):
    t0 = time.perf_counter_ns()
    with ThreadPoolExecutor(n_tasks) as executor:
        list(executor.map(blocking_io, [delay] * n_tasks))
    return (time.perf_counter_ns() - t0) / 1e9


async def run_asyncio(n_tasks, delay):
    t0 = time.perf_counter_ns()
    await asyncio.gather(*[async_io(delay) for _ in range(n_tasks)])
    return (time.perf_counter_ns() - t0) / 1e9


def benchmark(n_tasks, delay):
    versions = {
        "sequential": lambda: run_sequential(n_tasks, delay),
        "threads": lambda: run_threads(n_tasks, delay),
        "asyncio": lambda: asyncio.run(run_asyncio(n_tasks, delay)),
    }
    return {name: version() for name, version in versions.items()}
