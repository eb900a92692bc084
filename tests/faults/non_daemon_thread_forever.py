# kata: 01
# expect: timeout deadlock
# main() starts a non-daemon thread that never ends and waits for it.
import asyncio
import threading
import time


def forever():
    while True:
        time.sleep(0.01)


async def task(name, duration):
    print(f"[{name}] start")
    await asyncio.sleep(duration)
    print(f"[{name}] done")
    return f"result of {name}"


def main():
    worker = threading.Thread(target=forever)
    worker.start()
    worker.join()
    return asyncio.run(task("kata", 1.0))
