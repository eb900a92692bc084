# Right way: ThreadPoolExecutor with one worker per task; map keeps the order.
import threading
import time


def task(name: str, duration: float) -> str:
    time.sleep(duration)
    return f"result of {name}"


from concurrent.futures import ThreadPoolExecutor


def wait_all(durations):
    names = [f"task {i}" for i in range(1, len(durations) + 1)]
    with ThreadPoolExecutor(max_workers=max(1, len(durations))) as pool:
        return list(pool.map(task, names, durations))
