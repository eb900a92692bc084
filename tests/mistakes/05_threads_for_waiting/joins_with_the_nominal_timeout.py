# expect: not-joined
# Joins each thread with a timeout equal to its task's duration: gives up on a task that runs a little late.
import threading
import time


def task(name, duration):
    time.sleep(duration)
    return f"result of {name}"


def wait_all(durations):
    results = [None] * len(durations)

    def run(i, d):
        results[i] = task(f"task {i + 1}", d)

    threads = [threading.Thread(target=run, args=(i, d)) for i, d in enumerate(durations)]
    for t in threads:
        t.start()
    for t, d in zip(threads, durations):
        t.join(timeout=d)
    return results
