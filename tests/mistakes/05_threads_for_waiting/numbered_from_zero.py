# expect: wrong-result
# Names the tasks from 0 instead of 1.
import threading
import time


def task(name, duration):
    time.sleep(duration)
    return f"result of {name}"


def wait_all(durations):
    results = [None] * len(durations)

    def run(i, d):
        results[i] = task(f"task {i}", d)

    threads = [threading.Thread(target=run, args=(i, d)) for i, d in enumerate(durations)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results
