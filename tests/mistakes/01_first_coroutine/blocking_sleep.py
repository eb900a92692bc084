# expect: blocking-call
# time.sleep inside a coroutine freezes the event loop.
import asyncio
import time


async def task(name, duration):
    print(f"[{name}] start")
    time.sleep(duration)
    print(f"[{name}] done")
    return f"result of {name}"


def main():
    return asyncio.run(task("kata", 1.0))
