# expect: not-awaited
# asyncio.sleep(...) without await creates a coroutine that never runs.
import asyncio


async def task(name, duration):
    print(f"[{name}] start")
    asyncio.sleep(duration)
    print(f"[{name}] done")
    return f"result of {name}"


def main():
    return asyncio.run(task("kata", 1.0))
