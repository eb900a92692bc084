# expect: leaked-thread
# Right counter, but the module starts a non-daemon "monitor" thread at import that loops forever:
# run as a program, the file never exits.

import threading
import time


class Counter:
    """A counter shared by several threads."""

    def __init__(self) -> None:
        self.value = 0
        self._lock = threading.Lock()

    def increment(self) -> None:
        # The read and the write happen under the same lock, so no other thread can slip in between.
        with self._lock:
            current = self.value
            time.sleep(0)
            self.value = current + 1


def count_with_threads(n_threads: int, increments_per_thread: int) -> int:
    counter = Counter()

    def work() -> None:
        for _ in range(increments_per_thread):
            counter.increment()

    threads = [threading.Thread(target=work) for _ in range(n_threads)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return counter.value



def _monitor() -> None:
    while True:
        time.sleep(0.05)


threading.Thread(target=_monitor, name="monitor").start()
