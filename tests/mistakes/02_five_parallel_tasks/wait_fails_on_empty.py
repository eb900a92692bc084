# expect: crash
# asyncio.wait raises ValueError on an empty set: run_all([]) must return [].
import asyncio


async def task(name: str, duration: float) -> str:
    await asyncio.sleep(duration)
    return f"result of {name}"


async def run_all(durations):
    tasks = [asyncio.create_task(task(f"task {n}", d)) for n, d in enumerate(durations, start=1)]
    await asyncio.wait(tasks)
    return [t.result() for t in tasks]
