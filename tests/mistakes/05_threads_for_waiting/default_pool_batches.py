# expect: not-concurrent
# ThreadPoolExecutor() without max_workers: a few workers only, so 20 tasks run in batches.
from concurrent.futures import ThreadPoolExecutor
import threading
import time


def task(name, duration):
    time.sleep(duration)
    return f"result of {name}"


def wait_all(durations):
    names = [f"task {i + 1}" for i in range(len(durations))]
    with ThreadPoolExecutor() as pool:
        return list(pool.map(task, names, durations))
