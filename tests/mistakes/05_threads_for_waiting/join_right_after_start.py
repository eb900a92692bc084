# expect: not-concurrent
# Each thread is joined right after it starts: the waits run one after another.
import threading
import time


def task(name, duration):
    time.sleep(duration)
    return f"result of {name}"


def wait_all(durations):
    results = [None] * len(durations)

    def run(i, d):
        results[i] = task(f"task {i + 1}", d)

    for i, d in enumerate(durations):
        t = threading.Thread(target=run, args=(i, d))
        t.start()
        t.join()
    return results
