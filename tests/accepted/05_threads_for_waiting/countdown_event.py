# Right way: no join, but an Event set by the last thread to finish (a countdown).
import threading
import time


def task(name: str, duration: float) -> str:
    time.sleep(duration)
    return f"result of {name}"


def wait_all(durations):
    results = {}
    remaining = [len(durations)]
    lock = threading.Lock()
    done = threading.Event()
    if not durations:
        return []

    def run(i, d):
        r = task(f"task {i + 1}", d)
        with lock:
            results[i] = r
            remaining[0] -= 1
            if remaining[0] == 0:
                done.set()

    for i, d in enumerate(durations):
        threading.Thread(target=run, args=(i, d)).start()
    done.wait()
    return [results[i] for i in range(len(durations))]
