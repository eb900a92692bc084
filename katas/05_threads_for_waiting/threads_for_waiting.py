"""Kata 05 — threads for waiting.

`task` is given: keep it as it is. It blocks its thread the way a network request or a slow disk does.
Write `wait_all`, which runs one task per duration, each in its own thread, all at the same time, waits for
all of them and returns their results in the order of the durations.
Read README.md (or README.fr.md) for the whole exercise, then run `kata check 05`.
"""

import threading
import time


def task(name: str, duration: float) -> str:
    """Given: block the calling thread for `duration` seconds (like a download), then return
    "result of <name>"."""
    time.sleep(duration)
    return f"result of {name}"


def wait_all(durations: list[float]) -> list[str]:
    """Run task("task 1", durations[0]), task("task 2", durations[1]), ... each in its own thread, all at
    the same time; wait for every thread (join), then return the results in the same order as `durations`.
    Five tasks of 0.2 s must take about 0.2 s, not 1 s."""
    raise NotImplementedError("write wait_all()")


if __name__ == "__main__":
    started = time.perf_counter()
    print(wait_all([0.2, 0.2, 0.2, 0.2, 0.2]))
    print(f"{time.perf_counter() - started:.2f} s")
