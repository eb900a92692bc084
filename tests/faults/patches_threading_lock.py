# kata: 01
# expect: tampered
import asyncio
import threading


class NoLock:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

threading.Lock = NoLock


async def task(name, duration):
    print(f"[{name}] start")
    await asyncio.sleep(duration)
    print(f"[{name}] done")
    return f"result of {name}"


def main():
    return asyncio.run(task("kata", 1.0))
