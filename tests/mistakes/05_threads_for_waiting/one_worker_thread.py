# expect: no-threads
# One background thread runs every task, one after another.
import threading
import time


def task(name, duration):
    time.sleep(duration)
    return f"result of {name}"


def wait_all(durations):
    results = []

    def run_all():
        for i, d in enumerate(durations):
            results.append(task(f"task {i + 1}", d))

    worker = threading.Thread(target=run_all)
    worker.start()
    worker.join()
    return results
