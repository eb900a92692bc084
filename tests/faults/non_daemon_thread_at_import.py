# kata: 01
# expect: leaked-thread
# Right answers, but loading the module starts a non-daemon thread that never ends: as a program, it never exits.
import asyncio
import threading
import time


def forever():
    while True:
        time.sleep(0.01)


threading.Thread(target=forever, name="forever").start()


async def task(name, duration):
    print(f"[{name}] start")
    await asyncio.sleep(duration)
    print(f"[{name}] done")
    return f"result of {name}"


def main():
    return asyncio.run(task("kata", 1.0))
