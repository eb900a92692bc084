# expect: not-joined
# Joins only the thread of the longest task, as if the others were sure to be done by then.
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
    if threads:
        threads[max(range(len(durations)), key=durations.__getitem__)].join()
    return results
