# kata: 01
# expect: tampered
# `task` waits on nothing with a timer: it moves looptime's end of time (`loop._LoopTimeEventLoop__end`, an
# instance attribute) to `duration` from now and awaits a future nobody completes. With nothing to wait for,
# looptime jumps its clock to that end and fails every task with its LoopTimeoutError, which the task
# catches: its clock reads `duration`, with no timer of asyncio's ever due. How it is stopped
# (checker/child/virtual.py): before each wait the ledger finds looptime's state as virtual time set it (its
# end among it), and a wait with no timeout may move the clock only to virtual time's own end: `tampered`.
import asyncio


async def task(name: str, duration: float) -> str:
    print(f"[{name}] start")
    loop = asyncio.get_running_loop()
    loop._LoopTimeEventLoop__end = loop._LoopTimeEventLoop__now + round(
        duration * loop._LoopTimeEventLoop__resolution_reciprocal)
    try:
        await loop.create_future()
    except asyncio.TimeoutError:
        pass
    print(f"[{name}] done")
    return f"result of {name}"


def main() -> str:
    return asyncio.run(task("kata", 1.0))
