# kata: 01
# expect: tampered
# Replaces asyncio.sleep so that "waiting" is instant, hoping the timing checks believe it.
import asyncio


async def _instant(delay, result=None):
    return result

asyncio.sleep = _instant


async def task(name, duration):
    print(f"[{name}] start")
    await asyncio.sleep(duration)
    print(f"[{name}] done")
    return f"result of {name}"


def main():
    return asyncio.run(task("kata", 1.0))
