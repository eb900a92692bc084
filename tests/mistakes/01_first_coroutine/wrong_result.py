# expect: wrong-result
import asyncio


async def task(name, duration):
    print(f"[{name}] start")
    await asyncio.sleep(duration)
    print(f"[{name}] done")
    return "result of task"


def main():
    return asyncio.run(task("kata", 1.0))
