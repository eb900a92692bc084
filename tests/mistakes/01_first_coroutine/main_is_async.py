# expect: wrong-result
# main is a coroutine function: calling it runs nothing.
import asyncio


async def task(name, duration):
    print(f"[{name}] start")
    await asyncio.sleep(duration)
    print(f"[{name}] done")
    return f"result of {name}"


async def main():
    return await task("kata", 1.0)
