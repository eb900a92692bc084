"""Kata 02 — reference solution."""

import asyncio


async def task(name: str, duration: float) -> str:
    await asyncio.sleep(duration)
    return f"result of {name}"


async def run_all(durations: list[float]) -> list[str]:
    coroutines = [task(f"task {number}", duration) for number, duration in enumerate(durations, start=1)]
    return await asyncio.gather(*coroutines)


if __name__ == "__main__":
    print(asyncio.run(run_all([1.0, 2.0, 3.0, 4.0, 5.0])))
