# Right way: a slotted dataclass, a BoundedSemaphore(1) as the lock.
import threading
import time
from dataclasses import dataclass, field


@dataclass(slots=True)
class Counter:
    value: int = 0
    _guard: threading.BoundedSemaphore = field(default_factory=lambda: threading.BoundedSemaphore(1), repr=False)

    def increment(self) -> None:
        with self._guard:
            current = self.value
            time.sleep(0)
            self.value = current + 1


def count_with_threads(n_threads: int, increments_per_thread: int) -> int:
    counter = Counter()

    def run() -> None:
        for _ in range(increments_per_thread):
            counter.increment()

    threads = [threading.Thread(target=run, daemon=True) for _ in range(n_threads)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return counter.value
