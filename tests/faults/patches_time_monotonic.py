# kata: 01
# expect: tampered
import asyncio
import time

time.monotonic = lambda: 0.0
time.perf_counter = lambda: 0.0


async def task(name, duration):
    print(f"[{name}] start")
    await asyncio.sleep(duration)
    print(f"[{name}] done")
    return f"result of {name}"


def main():
    return asyncio.run(task("kata", 1.0))
