# expect: wrong-output
# Prints both lines before waiting.
import asyncio


async def task(name, duration):
    print(f"[{name}] start")
    print(f"[{name}] done")
    await asyncio.sleep(duration)
    return f"result of {name}"


def main():
    return asyncio.run(task("kata", 1.0))
