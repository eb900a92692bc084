# Right way: asyncio.wait on the tasks (guarding the empty list), results in input order.
import asyncio


async def task(name: str, duration: float) -> str:
    await asyncio.sleep(duration)
    return f"result of {name}"


async def run_all(durations: list[float]) -> list[str]:
    tasks = [asyncio.ensure_future(task(f"task {n}", d)) for n, d in enumerate(durations, start=1)]
    if tasks:
        await asyncio.wait(tasks)
    return [t.result() for t in tasks]
