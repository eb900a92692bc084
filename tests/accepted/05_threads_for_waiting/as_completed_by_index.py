# Right way: a pool with one worker per task, results taken as they complete and put at their index.
from concurrent.futures import ThreadPoolExecutor, as_completed
import threading
import time


def task(name, duration):
    time.sleep(duration)
    return f"result of {name}"


def wait_all(durations):
    results = [None] * len(durations)
    if not durations:
        return results
    with ThreadPoolExecutor(max_workers=len(durations)) as pool:
        futures = {pool.submit(task, f"task {i + 1}", d): i for i, d in enumerate(durations)}
        for future in as_completed(futures):
            results[futures[future]] = future.result()
    return results
