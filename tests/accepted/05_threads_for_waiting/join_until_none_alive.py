# Right way: joins with a short timeout, again and again, until no thread is alive any more.
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
    while any(t.is_alive() for t in threads):
        for t in threads:
            t.join(timeout=0.01)
    return results
