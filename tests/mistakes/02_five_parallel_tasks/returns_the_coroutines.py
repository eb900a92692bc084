# expect: not-awaited
# run_all returns the list of coroutines it made, instead of awaiting them: no task ever runs.
import asyncio


async def task(name, duration):
    await asyncio.sleep(duration)
    return f"result of {name}"


async def run_all(durations):
    return [task(f"task {number}", duration) for number, duration in enumerate(durations, start=1)]
