# expect: wrong-order
# Each thread appends its result when done: the list comes out in finishing order.
import threading
import time


def task(name, duration):
    time.sleep(duration)
    return f"result of {name}"


def wait_all(durations):
    results = []

    def run(i, d):
        results.append(task(f"task {i + 1}", d))

    threads = [threading.Thread(target=run, args=(i, d)) for i, d in enumerate(durations)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results
