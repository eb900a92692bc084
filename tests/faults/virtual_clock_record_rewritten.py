# kata: 01
# expect: tampered
# `task` does not wait: it moves looptime's clock of its running loop by `duration`
# (`loop._LoopTimeEventLoop__now`, an instance attribute) and then tries to make virtual time's record agree,
# to pass "task waits exactly `duration` seconds of event-loop time". The record used to be an instance (the
# `_VirtualLoops` reached as `asyncio.events.new_event_loop.__self__`, its `own._Made.clock`), written with no
# audit event. How it is stopped (checker/child/virtual.py): the records live in the locals of one generator
# per run, the ledger, whose frame learner code cannot reach (`gi_frame` is refused); `new_event_loop` is a
# plain function. Reaching the ledger through the function's `__closure__` and sending it the note a wait
# ends with is refused: the ledger takes a message only from the code of the checker's function that sends
# it (the frame that called `Keeper.send`). And were no message sent, the next wait, or the run's end, finds
# the clock away from where the last wait left it: `tampered`.
import asyncio


async def task(name: str, duration: float) -> str:
    print(f"[{name}] start")
    loop = asyncio.get_running_loop()
    cells = dict(zip(asyncio.events.new_event_loop.__code__.co_freevars,
                     (cell.cell_contents for cell in asyncio.events.new_event_loop.__closure__)))
    if "keeper" in cells:  # the ledger now: a generator behind its Keeper's bound send (checker/child/kit_ledger.py)
        ledger, lock = cells["keeper"][0].__self__, cells["keeper"].lock
    else:
        ledger, lock = cells["ledger"], cells["lock"]
    with lock:
        ledger.send(("turn", loop, duration))
    loop._LoopTimeEventLoop__now += round(duration * loop._LoopTimeEventLoop__resolution_reciprocal)
    with lock:
        ledger.send(("waited", loop, duration))
    print(f"[{name}] done")
    return f"result of {name}"


def main() -> str:
    """Run task("kata", 1.0) with asyncio.run and return its result."""
    raise NotImplementedError("write main()")
