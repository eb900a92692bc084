# kata: 01
# expect: wrong-output
# `main` never calls `task` (the stub's task is kept, and raises NotImplementedError if ever called): it prints
# the two lines itself, runs `asyncio.run(asyncio.sleep(1.0))` and returns "result of kata". No tampering: it
# passed "main runs task("kata", 1.0) with asyncio.run and returns its result" when that check judged only what
# main printed, returned and how long its loop turned. How it is stopped
# (tests/katas/01_first_coroutine/test_first_coroutine.py): virtual time reports every task of the loop timed
# with its coroutine's code, its arguments and whether it returned (`VirtualRun.tasks`, from its ledger); the
# check wants one with the learner's `task.__code__`, ("kata", 1.0), returned. `learner.task` is replaced for
# the call by a coroutine function that runs the learner's task as a task, so that a main awaiting it inside
# a coroutine of its own is seen too; a main calling it by another name through asyncio.run is seen as it is.
import asyncio


async def task(name: str, duration: float) -> str:
    """Print "[<name>] start", wait `duration` seconds without blocking the event loop,
    print "[<name>] done", and return "result of <name>"."""
    raise NotImplementedError("write task()")


def main() -> str:
    print("[kata] start")
    asyncio.run(asyncio.sleep(1.0))  # a loop that waits 1 s, with no task in it
    print("[kata] done")
    return "result of kata"
