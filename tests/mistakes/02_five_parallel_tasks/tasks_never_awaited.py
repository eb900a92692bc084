# expect: not-awaited
# create_task starts the tasks, but run_all returns the Task objects without awaiting them.
import asyncio


async def task(name: str, duration: float) -> str:
    await asyncio.sleep(duration)
    return f"result of {name}"


async def run_all(durations):
    return [asyncio.create_task(task(f"task {n}", d)) for n, d in enumerate(durations, start=1)]
