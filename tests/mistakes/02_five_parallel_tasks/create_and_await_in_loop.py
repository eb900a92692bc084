# expect: not-concurrent
# create_task then await it at once, in the same loop turn: still one after another.
import asyncio


async def task(name: str, duration: float) -> str:
    await asyncio.sleep(duration)
    return f"result of {name}"


async def run_all(durations):
    results = []
    for number, duration in enumerate(durations, start=1):
        running = asyncio.create_task(task(f"task {number}", duration))
        results.append(await running)
    return results
