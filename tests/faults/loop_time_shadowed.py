# kata: 01
# expect: tampered
# No decoy: `task` gives the running loop a `time` attribute of its own, a function that answers its start
# plus `duration`, which shadows the loop's class method for every caller (it waits for real only when other
# tasks run beside it, so that the heartbeat of the concurrency check still ticks on time). Before, the
# `virtual` fixture read the run's time as `loop.time()` after the run, and every check passed. Now stopped:
# the fixture reads looptime's clock itself (LoopTimeEventLoop.time, bound at import) as each wait of the loop
# ends, and finds `time` shadowed at the next wait or at the end (checker/child/virtual.py): `tampered`
# ("replaced loop.time()"). The teacher's scan flags nothing here.
import asyncio


async def task(name, duration):
    print(f"[{name}] start")
    loop = asyncio.get_running_loop()
    if len(asyncio.all_tasks()) > 1:
        await asyncio.sleep(duration)
    else:
        start = loop.time()
        await asyncio.sleep(0)
        loop.time = lambda: start + duration
    print(f"[{name}] done")
    return f"result of {name}"


def main():
    return asyncio.run(task("kata", 1.0))
