# Right way: threads put (index, result) in a queue; the results are sorted by index at the end.
import threading
import time


def task(name: str, duration: float) -> str:
    time.sleep(duration)
    return f"result of {name}"


import queue


def wait_all(durations):
    out = queue.Queue()
    threads = []
    for i, d in enumerate(durations):
        t = threading.Thread(target=lambda i=i, d=d: out.put((i, task(f"task {i + 1}", d))), daemon=True)
        threads.append(t)
        t.start()
    for t in threads:
        t.join()
    pairs = sorted(out.get() for _ in durations)
    return [result for _, result in pairs]
