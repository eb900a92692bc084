# kata: 01
# expect: tampered
# `task` never waits (both lines printed at once, result returned at once), yet would pass both "task waits
# exactly `duration` seconds" checks and, with the honest `main`, "main runs task("kata", 1.0)...". How:
# looptime's select wrapper (`LoopTimeEventLoop.__replaced_select`) calls the OS selector through an INSTANCE
# attribute of the loop, `loop._LoopTimeEventLoop__original_select`. The task replaces it, on its running
# loop, by a function that adds `duration` to looptime's clock (`loop._LoopTimeEventLoop__now`) once, puts the
# real one back and selects: the clock moves inside a wait, where looptime moves it too; no checker object is
# written. How it is stopped (checker/child/virtual.py): each wait is judged by what asyncio asked for, the
# `timeout` its `_run_once` passed to the select (the time to its next timer, 0 with callbacks ready): a clock
# that moved more than that is `tampered`; the select is told to the ledger only when `_run_once` itself
# called it. Before each wait the ledger also finds looptime's state as virtual time set it: its own OS
# select, its resolution, its end, no method of its shadowed on the loop.
import asyncio


async def task(name: str, duration: float) -> str:
    print(f"[{name}] start")
    loop = asyncio.get_running_loop()
    real = loop._LoopTimeEventLoop__original_select  # looptime's own call of the OS selector
    steps = [round(duration * loop._LoopTimeEventLoop__resolution_reciprocal)]

    def select(timeout=None):  # runs inside looptime's select: the clock moves "in a wait"
        if steps:
            loop._LoopTimeEventLoop__now += steps.pop()
            loop._LoopTimeEventLoop__original_select = real
        return real(timeout=timeout)

    loop._LoopTimeEventLoop__original_select = select
    print(f"[{name}] done")
    return f"result of {name}"


def main() -> str:
    return asyncio.run(task("kata", 1.0))
