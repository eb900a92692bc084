# Right way: asyncio.TaskGroup (Python 3.11+), results read after the group has ended.
import asyncio


async def task(name: str, duration: float) -> str:
    await asyncio.sleep(duration)
    return f"result of {name}"


async def run_all(durations: list[float]) -> list[str]:
    async with asyncio.TaskGroup() as group:
        running = [group.create_task(task(f"task {i}", d)) for i, d in enumerate(durations, 1)]
    return [t.result() for t in running]
