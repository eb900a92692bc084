# expect: blocking-call
# `from time import sleep` binds the blocking function at import: still blocking.
import asyncio
from time import sleep


async def task(name, duration):
    print(f"[{name}] start")
    sleep(duration)
    print(f"[{name}] done")
    return f"result of {name}"


def main():
    return asyncio.run(task("kata", 1.0))
