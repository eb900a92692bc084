# expect: blocking-call
# A busy loop on the clock holds the event loop just like time.sleep.
import asyncio
import time


async def task(name, duration):
    print(f"[{name}] start")
    end = time.monotonic() + min(duration, 0.3)
    while time.monotonic() < end:
        pass
    print(f"[{name}] done")
    return f"result of {name}"


def main():
    return asyncio.run(task("kata", 1.0))
