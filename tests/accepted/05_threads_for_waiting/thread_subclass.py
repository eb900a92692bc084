# Right way: a Thread subclass that keeps its result; started all, then joined all.
import threading
import time


def task(name: str, duration: float) -> str:
    time.sleep(duration)
    return f"result of {name}"


class Worker(threading.Thread):
    def __init__(self, number, duration):
        super().__init__()
        self.number, self.duration, self.result = number, duration, None

    def run(self):
        self.result = task(f"task {self.number}", self.duration)


def wait_all(durations):
    workers = [Worker(n, d) for n, d in enumerate(durations, start=1)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return [w.result for w in workers]
