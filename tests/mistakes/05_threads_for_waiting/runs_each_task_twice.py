# expect: wrong-result
# Starts every thread at once, then calls task again in the caller to get the results: each download made twice.
import threading
import time


def task(name, duration):
    time.sleep(duration)
    return f"result of {name}"


def wait_all(durations):
    threads = [threading.Thread(target=task, args=(f"task {i + 1}", d)) for i, d in enumerate(durations)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return [task(f"task {i + 1}", d) for i, d in enumerate(durations)]
