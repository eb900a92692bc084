# kata: 01
# expect: tampered
# `task` never waits (both lines printed at once, result returned at once), yet passes both "task waits
# exactly `duration` seconds" checks and, with the honest `main`, "main runs task("kata", 1.0)..." (6/8;
# the stub passes 2). How: looptime's select wrapper (`LoopTimeEventLoop.__replaced_select`) calls the OS
# selector through an INSTANCE attribute of the loop, `loop._LoopTimeEventLoop__original_select`. The task
# replaces it, on its running loop, by a function that adds `duration` to looptime's clock
# (`loop._LoopTimeEventLoop__now`) once, puts the real one back and selects. The clock thus moves inside a
# select, between the moment checker/child/virtual.py's `watched` compares the clock with its record and the
# moment it notes the clock again: for the checker it is a wait of `duration`, and the run's elapsed time is
# `duration`. Unlike virtual_clock_record_rewritten.py, no checker object is written: a ledger out of the
# learner's reach would not stop this one.
# Why the defences miss it: the loop's instance attributes (looptime's private state: `__now`,
# `__original_select`, `__enabled`, `__sync`...) are writable with no audit event; untouched() looks only for
# a `time` in the loop's `__dict__`; the guard compares modules and classes, never a loop.
# Fix (suggested, checker/child/virtual.py `_watch`): judge each wait by what asyncio asked for: keep, in the
# locals of `watched`, the clock before the select and the `timeout` it was called with; after it, a clock
# that moved by more than `timeout` (asyncio computes it from its timer heap: 0 when callbacks are ready, the
# time to the next timer otherwise), or moved at all when `timeout` is None and no executor future is
# pending (the only case where looptime steps on its own), is `tampered`. And read looptime's state only
# after checking that the loop's `__dict__` holds no name of looptime's class methods (`_LoopTimeEventLoop__*`
# callables, like the `time` check already done).
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
