# expect: not-a-coroutine
# run_all is a plain def that starts its own event loop: it must be a coroutine function.
import asyncio


async def task(name: str, duration: float) -> str:
    await asyncio.sleep(duration)
    return f"result of {name}"


def run_all(durations):
    async def both():
        return await asyncio.gather(*(task(f"task {n}", d) for n, d in enumerate(durations, start=1)))
    return asyncio.run(both())
