"""Kata 02 — five tasks at once.

`task` is given: keep it as it is. Write `run_all`, which runs one task per duration, all at the same time,
and returns their results in the order of the durations.
Read README.md (or README.fr.md) for the whole exercise, then run `kata check 02`.
"""

import asyncio


async def task(name: str, duration: float) -> str:
    """Given: wait `duration` seconds without blocking the event loop, then return "result of <name>"."""
    await asyncio.sleep(duration)
    return f"result of {name}"


async def run_all(durations: list[float]) -> list[str]:
    """Run task("task 1", durations[0]), task("task 2", durations[1]), ... all at the same time, and return
    their results in the same order as `durations`. Five tasks of 1..5 s must take 5 s, not 15."""
    raise NotImplementedError("write run_all()")


if __name__ == "__main__":
    print(asyncio.run(run_all([1.0, 2.0, 3.0, 4.0, 5.0])))
