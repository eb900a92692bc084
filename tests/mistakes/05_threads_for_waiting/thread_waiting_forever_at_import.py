# expect: leaked-thread
# Right wait_all, but the module starts at import a worker that waits on an Event nobody ever sets:
# run as a program, the file never exits.

import threading
import time


def task(name: str, duration: float) -> str:
    """Given: block the calling thread for `duration` seconds (like a download), then return
    "result of <name>"."""
    time.sleep(duration)
    return f"result of {name}"


def wait_all(durations: list[float]) -> list[str]:
    results: list = [None] * len(durations)

    def run(index: int, duration: float) -> None:
        results[index] = task(f"task {index + 1}", duration)

    threads = [threading.Thread(target=run, args=(i, d)) for i, d in enumerate(durations)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results



_stop = threading.Event()
_warm_up = threading.Thread(target=_stop.wait, name="warm-up")
_warm_up.start()
