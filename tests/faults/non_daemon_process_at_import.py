# kata: 01
# expect: leaked-process
# Right answers, but loading the module starts a non-daemon process that never ends (fork, so that it does not
# load the module again): Python waits for it at exit, so as a program the file never exits.
import asyncio
import multiprocessing
import time


def forever():
    while True:
        time.sleep(0.05)


multiprocessing.get_context("fork").Process(target=forever, name="forever").start()


async def task(name, duration):
    print(f"[{name}] start")
    await asyncio.sleep(duration)
    print(f"[{name}] done")
    return f"result of {name}"


def main():
    return asyncio.run(task("kata", 1.0))
