# kata: 01
# expect: tampered
# `main` never runs an event loop nor `task`: it prints the two lines and returns "result of kata", yet
# passes "main runs task("kata", 1.0) with asyncio.run and returns its result", which needs `run.loops >= 1`
# and 1.0 s of event-loop time (3/8 with the stub's `task`: the stub passes 2). How: inside `virtual(main)`,
# `asyncio.events.new_event_loop.__self__` is the run's _VirtualLoops (checker/child/virtual.py). main makes
# a loop with `asyncio.new_event_loop()` (recorded as a _Made of the check's thread, not nested), never runs
# it, and rewrites its _Made: adds the check's thread to `ran_in` (a mutable set), moves looptime's clock of
# that loop to 1.0 s (`loop._LoopTimeEventLoop__now`) and sets `clock` to match. `timed()` then picks it as
# the one loop "made and run apart", `untouched()` holds, `foreign()` is empty: loops=1, elapsed=1.0.
# Why the defences miss it: instances' `__dict__`s and mutable containers held by instances (`ran_in`,
# `made`, `spans`) are written with no audit event; immutable.py freezes class attributes only; the guard
# compares namespaces of modules and classes, not instances; a bound method's `__self__` raises no event.
# Fix (suggested): as for virtual_clock_record_rewritten.py, the record of which loops turned and where
# their clocks stood must live where learner code cannot write (the locals of a checker-driven generator,
# fed only from `watched`, checked by its caller's code object); and do not hand the _VirtualLoops out as
# `__self__` of what is installed as `asyncio.new_event_loop` (install a plain function whose only state is
# such a ledger). A loop counts as run only by what `watched` itself reported.
import asyncio
import threading


async def task(name: str, duration: float) -> str:
    """Print "[<name>] start", wait `duration` seconds without blocking the event loop,
    print "[<name>] done", and return "result of <name>"."""
    raise NotImplementedError("write task()")


def main() -> str:
    loops = asyncio.events.new_event_loop.__self__
    loop = asyncio.new_event_loop()  # made by virtual time, never run
    made = loops.made[-1]
    made.ran_in.add(threading.get_ident())
    loop._LoopTimeEventLoop__now += loop._LoopTimeEventLoop__resolution_reciprocal  # 1.0 s
    made.clock = loop.time()
    loop.close()
    print("[kata] start")
    print("[kata] done")
    return "result of kata"
