# expect: crash
# The old way of running a coroutine: ask asyncio.get_event_loop() for a loop, then run_until_complete. Since
# Python 3.14 get_event_loop() raises when no loop is running (it no longer creates one); asyncio.run is the way.
import asyncio


async def task(name: str, duration: float) -> str:
    print(f"[{name}] start")
    await asyncio.sleep(duration)
    print(f"[{name}] done")
    return f"result of {name}"


def main() -> str:
    loop = asyncio.get_event_loop()
    return loop.run_until_complete(task("kata", 1.0))
