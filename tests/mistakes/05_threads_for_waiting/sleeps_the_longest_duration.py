# expect: not-joined
# Waits with a sleep of the longest duration plus a margin instead of join(): right only when the threads are on time.
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
    time.sleep(max(durations, default=0) + 0.02)
    return results
