# Right way: asyncio.gather over a generator, keyword arguments.
import asyncio


async def task(name: str, duration: float) -> str:
    await asyncio.sleep(duration)
    return f"result of {name}"


async def run_all(durations: list[float]) -> list[str]:
    return list(await asyncio.gather(*(task(name=f"task {i + 1}", duration=d) for i, d in enumerate(durations))))
