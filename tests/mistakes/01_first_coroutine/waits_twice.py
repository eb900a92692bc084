# expect: wrong-timing
# Waits the duration twice.
import asyncio


async def task(name, duration):
    print(f"[{name}] start")
    await asyncio.sleep(duration)
    await asyncio.sleep(duration)
    print(f"[{name}] done")
    return f"result of {name}"


def main():
    return asyncio.run(task("kata", 1.0))
