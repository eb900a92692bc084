# expect: not-awaited
# Calling a coroutine function does not run it: main never starts the event loop.
import asyncio


async def task(name, duration):
    print(f"[{name}] start")
    await asyncio.sleep(duration)
    print(f"[{name}] done")
    return f"result of {name}"


def main():
    task("kata", 1.0)
    return "result of kata"
