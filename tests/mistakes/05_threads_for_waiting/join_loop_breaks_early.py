# expect: not-joined
# Joins in a loop but stops at the first thread whose result is there, as if the rest were done too.
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
    for i, t in enumerate(threads):
        t.join()
        if results[i] is not None:
            break
    return results
