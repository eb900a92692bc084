# Right way: submit every task, then read each future's result in input order.
import threading
import time


def task(name: str, duration: float) -> str:
    time.sleep(duration)
    return f"result of {name}"


import concurrent.futures as cf


def wait_all(durations):
    pool = cf.ThreadPoolExecutor(max_workers=len(durations) or 1)
    try:
        futures = [pool.submit(task, name=f"task {n}", duration=d) for n, d in enumerate(durations, 1)]
        return [f.result() for f in futures]
    finally:
        pool.shutdown(wait=True)
