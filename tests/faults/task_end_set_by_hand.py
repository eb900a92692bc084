# kata: 01
# expect: tampered
# A `main` that does not run `task` (it prints task's lines and sleeps itself), with the lines that make
# virtual time believe it did: it got its check "main runs task("kata", 1.0) with asyncio.run" before the fix.
# How: the check looks in the loop's tasks (`run.tasks`, checker/child/virtual.py) for one whose coroutine is
# the learner's `task`, called with ("kata", 1.0), that returned. main makes that task, marks it done with the
# base class's unbound `asyncio.Future.set_result(t, "result of kata")` (a Task's own set_result refuses) and
# closes its coroutine before it ever runs (no "never awaited" warning).
# How it is stopped: a task "returned" only when it ended in a step of its own (virtual time runs each step of
# asyncio's through a function of its own that tells its ledger so), and a task found done with no such step
# was marked done by hand: `tampered`.
import asyncio

async def task(name: str, duration: float) -> str:
    print(f"[{name}] start")
    await asyncio.sleep(duration)
    print(f"[{name}] done")
    return f"result of {name}"


_own = task  # the learner's own coroutine function, before the checks put theirs in its place


async def _fake():
    coro = _own("kata", 1.0)
    t = asyncio.get_running_loop().create_task(coro)
    asyncio.Future.set_result(t, "result of kata")  # done, with a result, never run
    coro.close()
    print("[kata] start")
    await asyncio.sleep(1.0)
    print("[kata] done")
    return "result of kata"


def main() -> str:
    return asyncio.run(_fake())
