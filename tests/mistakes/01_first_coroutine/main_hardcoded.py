# expect: wrong-output
# main returns the expected text without running anything.
import asyncio


async def task(name, duration):
    print(f"[{name}] start")
    await asyncio.sleep(duration)
    print(f"[{name}] done")
    return f"result of {name}"


def main():
    return "result of kata"
