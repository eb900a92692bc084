# kata: 01
# expect: tampered
# No decoy: `task` moves the running loop's own clock. looptime keeps an event loop's virtual time in a
# private attribute of the loop (`_LoopTimeEventLoop__now`, an integer count of its resolution) that any code
# running on the loop can reach through asyncio.get_running_loop() and rewrite: `task` waits no time and sets
# the clock to its start plus `duration` (it waits for real only when other tasks run beside it, so that the
# heartbeat of the concurrency check still ticks on time). Before, the `virtual` fixture read the clock as it
# was after the run, and every check passed. Now stopped: looptime moves a loop's clock only while the loop
# waits (in its selector's select), so the fixture notes the clock as each wait ends and finds it moved at the
# next (checker/child/virtual.py); the run fails with `tampered` ("replaced loop.time()"), and the report
# with it. The teacher's scan flags nothing here.
import asyncio


def _set_clock(loop, seconds):
    now = loop._LoopTimeEventLoop__now
    before = loop.time()
    loop._LoopTimeEventLoop__now = now + 1  # one step of looptime's resolution
    step = loop.time() - before
    loop._LoopTimeEventLoop__now = round(seconds / step)


async def task(name, duration):
    print(f"[{name}] start")
    loop = asyncio.get_running_loop()
    if len(asyncio.all_tasks()) > 1:
        await asyncio.sleep(duration)
    else:
        start = loop.time()
        await asyncio.sleep(0)
        _set_clock(loop, start + duration)
    print(f"[{name}] done")
    return f"result of {name}"


def main():
    return asyncio.run(task("kata", 1.0))
