# Right way: time.time() as the clock, a ThreadPoolExecutor with one worker per task, a TaskGroup.
import asyncio
import time
from concurrent.futures import ThreadPoolExecutor


def blocking_io(delay):
    time.sleep(delay)


async def async_io(delay):
    await asyncio.sleep(delay)


def run_sequential(n_tasks, delay):
    debut = time.time()
    for _ in range(n_tasks):
        blocking_io(delay)
    return time.time() - debut


def run_threads(n_tasks, delay):
    debut = time.time()
    with ThreadPoolExecutor(max_workers=n_tasks) as pool:
        for future in [pool.submit(blocking_io, delay) for _ in range(n_tasks)]:
            future.result()
    return time.time() - debut


async def run_asyncio(n_tasks, delay):
    debut = time.time()
    async with asyncio.TaskGroup() as tg:
        for _ in range(n_tasks):
            tg.create_task(async_io(delay))
    return time.time() - debut


def benchmark(n_tasks, delay):
    results = {}
    results["sequential"] = run_sequential(n_tasks, delay)
    results["threads"] = run_threads(n_tasks, delay)
    results["asyncio"] = asyncio.run(run_asyncio(n_tasks, delay))
    return results
