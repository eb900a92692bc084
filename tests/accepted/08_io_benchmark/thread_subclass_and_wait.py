# Right way: a Thread subclass, time.monotonic, asyncio.wait on tasks, benchmark in another order.
import asyncio
import threading
import time


def blocking_io(delay):
    time.sleep(delay)


async def async_io(delay):
    await asyncio.sleep(delay)


class Worker(threading.Thread):
    def __init__(self, delay):
        super().__init__()
        self.delay = delay

    def run(self):
        blocking_io(self.delay)


def timed(func, *args):
    start = time.monotonic()
    func(*args)
    return time.monotonic() - start


def run_sequential(n_tasks, delay):
    return timed(lambda: [blocking_io(delay) for _ in range(n_tasks)])


def run_threads(n_tasks, delay):
    def all_threads():
        workers = [Worker(delay) for _ in range(n_tasks)]
        for w in workers:
            w.start()
        for w in workers:
            w.join()
    return timed(all_threads)


async def run_asyncio(n_tasks, delay):
    start = time.monotonic()
    tasks = [asyncio.create_task(async_io(delay)) for _ in range(n_tasks)]
    if tasks:
        await asyncio.wait(tasks)
    return time.monotonic() - start


def benchmark(n_tasks, delay):
    a = asyncio.run(run_asyncio(n_tasks, delay))
    t = run_threads(n_tasks, delay)
    s = run_sequential(n_tasks, delay)
    return dict(sequential=s, threads=t, asyncio=a)
