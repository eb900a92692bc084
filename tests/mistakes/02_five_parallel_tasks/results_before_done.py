# expect: not-awaited
# Starts the tasks, yields once, then collects the ones already done: none are, run_all returns early.
import asyncio


async def task(name: str, duration: float) -> str:
    await asyncio.sleep(duration)
    return f"result of {name}"


async def run_all(durations):
    tasks = [asyncio.create_task(task(f"task {n}", d)) for n, d in enumerate(durations, start=1)]
    await asyncio.sleep(0)
    return [t.result() for t in tasks if t.done()]
