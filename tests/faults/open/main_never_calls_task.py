# kata: 01
# expect: wrong-output
# `main` never calls `task` (the stub's task is kept, and raises NotImplementedError if ever called): it prints
# the two lines itself, runs `asyncio.run(asyncio.sleep(1.0))` and returns "result of kata". It passes
# "main runs task("kata", 1.0) with asyncio.run and returns its result" (3/8; the stub passes 2). No
# tampering: the check judges only what main printed, returned and how long its loop turned, all of which
# can be produced without task.
# Fix (suggested, tests/katas/01_first_coroutine/test_first_coroutine.py): the suites patch the learner's
# module on purpose: in test_main_runs_task_with_asyncio_run, replace `learner.task` for the call by a
# coroutine function of the suite that records its arguments and awaits the learner's own task (or, since the
# `needs` marker does not require task's checks, a reference task of the suite that prints, sleeps and
# returns), and expect exactly one call with ("kata", 1.0), made inside the loop that was timed; then the
# printed lines and the result follow from it. A main that never calls task fails with `wrong-output`
# ("main did not run task").
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
