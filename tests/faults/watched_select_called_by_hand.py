# kata: 01
# expect: tampered
# `task` never waits on a timer: it calls its loop's select itself, `loop._selector.select(duration)`, over
# and over. That select is virtual time's own `watched` (the genuine code, so its notes to the ledger are
# taken), and looptime, asked for a wait of `duration` with nothing to do, moves its clock by `duration`
# after its few idle turns: a wait no timer of asyncio's asked for. How it is stopped
# (checker/child/virtual.py): a wait is taken only when asyncio's `_run_once` called the select, with the
# time to its next timer (the ledger reads the caller's code, `sys._getframe(2).f_code`); any other caller
# is `tampered`.
import asyncio


async def task(name: str, duration: float) -> str:
    print(f"[{name}] start")
    loop = asyncio.get_running_loop()
    start = loop.time()
    for _ in range(1000):
        if loop.time() - start >= duration:
            break
        loop._selector.select(duration - (loop.time() - start))
    print(f"[{name}] done")
    return f"result of {name}"


def main() -> str:
    return asyncio.run(task("kata", 1.0))
