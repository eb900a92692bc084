# kata: 01
# expect: tampered
# `main` never runs an event loop nor `task`: it makes a loop with `asyncio.new_event_loop()` that it never
# runs, and makes it look run for 1.0 s, to pass "main runs task("kata", 1.0) with asyncio.run and returns its
# result". It used to rewrite that loop's record (an instance reached through
# `asyncio.events.new_event_loop.__self__`: the check's thread added to `ran_in`, its `clock` set). How it is
# stopped (checker/child/virtual.py): a loop counts as run only by what its watched select told the ledger,
# a generator whose locals hold the records; main reaches the ledger through `new_event_loop.__closure__` and
# sends it a turn and a wait of its own, but the ledger takes a message only from the code of the checker's
# function that sends it (the frame that called `Keeper.send`), and a forged one latches `tampered`.
import asyncio


async def task(name: str, duration: float) -> str:
    """Print "[<name>] start", wait `duration` seconds without blocking the event loop,
    print "[<name>] done", and return "result of <name>"."""
    raise NotImplementedError("write task()")


def main() -> str:
    made = asyncio.events.new_event_loop
    cells = dict(zip(made.__code__.co_freevars, (cell.cell_contents for cell in made.__closure__)))
    if "keeper" in cells:  # the ledger now: a generator behind its Keeper's bound send (checker/child/kit_ledger.py)
        ledger, lock = cells["keeper"][0].__self__, cells["keeper"].lock
    else:
        ledger, lock = cells["ledger"], cells["lock"]
    loop = asyncio.new_event_loop()  # made by virtual time, never run
    with lock:
        ledger.send(("turn", loop, 1.0))
    loop._LoopTimeEventLoop__now += loop._LoopTimeEventLoop__resolution_reciprocal  # 1.0 s
    with lock:
        ledger.send(("waited", loop, 1.0))
    loop.close()
    print("[kata] start")
    print("[kata] done")
    return "result of kata"
