# Right way: every thread started, then every thread joined, the last started first.
import threading
import time


def task(name, duration):
    time.sleep(duration)
    return f"result of {name}"


def wait_all(durations):
    results = [None] * len(durations)

    def run(i, d):
        results[i] = task(f"task {i + 1}", d)

    threads = [threading.Thread(target=run, args=(i, d), name=f"worker-{i}") for i, d in enumerate(durations)]
    for t in threads:
        t.start()
    for t in reversed(threads):
        t.join()
    return results
