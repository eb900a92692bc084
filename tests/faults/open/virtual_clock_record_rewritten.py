# kata: 01
# expect: tampered
# `task` does not wait (it prints both lines at once and returns), yet passes "task waits exactly `duration`
# seconds of event-loop time" [0.5] and [2.0], which the stub fails (5/8 with the stub's `main`). How: inside
# the run, `asyncio.events.new_event_loop` is the bound method `_VirtualLoops.new_event_loop`, whose
# `__self__` is the run's _VirtualLoops, whose `own` is the _Made of the loop being timed
# (checker/child/virtual.py). The task moves looptime's clock of its running loop by `duration`
# (`loop._LoopTimeEventLoop__now`, an instance attribute) and writes the same time into `own.clock`, the
# record the watched select compares the clock with at the next turn: `untouched()` finds the clock where
# "its last wait left it", `moved` stays False, and the run's elapsed time is `duration`.
# Why the defences miss it: every object involved is an instance (the _Made, the _VirtualLoops, the loop):
# their `__dict__`s are writable with no audit event, the immutable-class trick (immutable.py) protects class
# attributes only, and the guard compares modules' and classes' namespaces, not instances. Reading a bound
# method's `__self__` raises no event. The _Made is reachable as well through the loop's
# `_selector.select.__closure__` (the `watched` closure holds `made`, `self`, the real `select`).
# Fix (suggested): keep the clock's record where learner code cannot write it. Python objects reachable from
# the loop are all writable, frames are not (gi_frame/cr_frame/f_back are refused by the hook): hold each
# loop's record (clock at the end of its last wait, moved, threads it turned in) in the locals of a generator
# the checker drives (`ledger.send(("begin"|"end", loop))`, the generator reading `_clock(loop)` itself), and
# have it accept a message only when `sys._getframe(1).f_code` is the code of `watched` (a function's code
# cannot be swapped: the hook refuses `__code__` writes), so that a `send` of the learner's is `tampered`. A
# learner calling the watched select itself still goes through "begin", which compares the clock with the
# last "end" and sees the move. Also take `own` and `made` out of instance attributes the run reads back
# (`_timed` can keep the own loop in a local of its frame, given by `own()`'s return value).
import asyncio


async def task(name: str, duration: float) -> str:
    print(f"[{name}] start")
    loop = asyncio.get_running_loop()
    made = asyncio.events.new_event_loop.__self__.own
    loop._LoopTimeEventLoop__now += round(duration * loop._LoopTimeEventLoop__resolution_reciprocal)
    made.clock = loop.time()
    print(f"[{name}] done")
    return f"result of {name}"


def main() -> str:
    """Run task("kata", 1.0) with asyncio.run and return its result."""
    raise NotImplementedError("write main()")
