# expect: not-awaited
# main keeps the coroutine in a variable and returns it, never starting the event loop: task never runs.
import asyncio


async def task(name, duration):
    print(f"[{name}] start")
    await asyncio.sleep(duration)
    print(f"[{name}] done")
    return f"result of {name}"


def main():
    pending = [task("kata", 1.0)]
    return pending[0]
