"""Kata 05 — reference solution."""

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


if __name__ == "__main__":
    started = time.perf_counter()
    print(wait_all([0.2, 0.2, 0.2, 0.2, 0.2]))
    print(f"{time.perf_counter() - started:.2f} s")
