# Right way: a helper that makes the coroutines, gather unpacking a list comprehension.
import asyncio


async def task(name: str, duration: float) -> str:
    await asyncio.sleep(duration)
    return f"result of {name}"


def make_jobs(durations):
    return [task(f"task {k}", seconds) for k, seconds in zip(range(1, len(durations) + 1), durations)]


async def run_all(durations):
    jobs = make_jobs(durations)
    out = await asyncio.gather(*jobs)
    return out
