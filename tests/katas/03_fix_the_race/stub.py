"""Kata 03 — fix the race.

`Counter.increment` below is racy: two threads can read the same value and both write value + 1, so one
increment is lost. Write `count_with_threads`, watch it lose updates, then make `increment` safe.
Read README.md (or README.fr.md) for the whole exercise, then run `kata check 03`.
"""

import threading
import time


class Counter:
    """A counter shared by several threads."""

    def __init__(self) -> None:
        self.value = 0

    def increment(self) -> None:
        """Add 1 to self.value. RACY: fix it so that no increment is ever lost."""
        current = self.value
        time.sleep(0)  # lets another thread run here, as the scheduler may do at any time
        self.value = current + 1


def count_with_threads(n_threads: int, increments_per_thread: int) -> int:
    """Start `n_threads` threads that share ONE Counter; each calls its increment()
    `increments_per_thread` times. Wait for all of them, then return the counter's final value."""
    raise NotImplementedError("write count_with_threads()")


if __name__ == "__main__":
    print(count_with_threads(8, 1000), "expected", 8 * 1000)
