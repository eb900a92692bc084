# expect: wrong-result
# Never calls task: sleeps as long as the longest and builds the results itself.
import asyncio


async def task(name: str, duration: float) -> str:
    await asyncio.sleep(duration)
    return f"result of {name}"


async def run_all(durations):
    await asyncio.sleep(max(durations, default=0))
    return [f"result of task {n}" for n in range(1, len(durations) + 1)]
