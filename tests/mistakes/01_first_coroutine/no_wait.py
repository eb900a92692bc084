# expect: wrong-timing
# Never waits at all.
import asyncio


async def task(name, duration):
    print(f"[{name}] start")
    print(f"[{name}] done")
    return f"result of {name}"


def main():
    return asyncio.run(task("kata", 1.0))
