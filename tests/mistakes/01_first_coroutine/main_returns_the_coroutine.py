# expect: not-awaited
# main returns the coroutine itself instead of running it with asyncio.run: task never runs.
import asyncio


async def task(name, duration):
    print(f"[{name}] start")
    await asyncio.sleep(duration)
    print(f"[{name}] done")
    return f"result of {name}"


def main():
    return task("kata", 1.0)
