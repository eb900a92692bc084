# expect: not-joined
# Starts the threads but never joins them: returns before the results exist.
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
        threading.Thread(target=run, args=(i, d), daemon=True).start()
    return results
