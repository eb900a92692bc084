# expect: not-joined
# Waits for the threads with a sleep of the total duration "to be safe" instead of join().
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
        threading.Thread(target=run, args=(i, d)).start()
    time.sleep(sum(durations) + 0.05)
    return results
