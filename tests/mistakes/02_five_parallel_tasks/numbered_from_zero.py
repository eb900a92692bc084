# expect: wrong-result
# Numbers the tasks from 0: "task 0", "task 1", ...
import asyncio


async def task(name: str, duration: float) -> str:
    await asyncio.sleep(duration)
    return f"result of {name}"


async def run_all(durations):
    return await asyncio.gather(*(task(f"task {n}", d) for n, d in enumerate(durations)))
