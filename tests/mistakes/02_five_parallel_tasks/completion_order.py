# expect: wrong-order
# as_completed yields results as tasks finish: the shortest first, not in input order.
import asyncio


async def task(name: str, duration: float) -> str:
    await asyncio.sleep(duration)
    return f"result of {name}"


async def run_all(durations):
    coroutines = [task(f"task {n}", d) for n, d in enumerate(durations, start=1)]
    return [await next_done for next_done in asyncio.as_completed(coroutines)]
