# kata: 01
# expect: tampered
# `task` neither waits nor runs on time, and `main` runs it on a loop whose clock never moves; yet, before the
# checker's classes were made immutable, the checks that read the virtual clock passed. How: from inside the
# run (the coroutine's body), it swaps two methods of a checker class, `_Loops.timed` and `_Loops.foreign`
# (checker/child/virtual.py: read by `Virtual._timed` once the run is over, to know which loop to time; they
# were `_VirtualLoops`' until the virtual clock kept its records in a ledger), for fakes that answer a loop
# whose clock reads the expected duration, and that put the real methods back at their first use. Setting a
# class's attribute raises no audit event, and when the guard compares (as the call ends), the class is as it
# was.
# Stopped: the checker's classes are immutable types (checker/child/immutable.py, set as the checker's
# helpers are detached, before the learner's code loads): the first swap raises TypeError, which the checker
# tells as `tampered`, naming `checker.child.virtual._Loops.timed`.
import sys


class FakeMade:
    def __init__(self, clock):
        self.clock, self.ended, self.spans, self.tasks = clock, None, [], []


def _swap(duration):
    loops = sys.modules["checker.child.virtual"]._Loops
    real_timed, real_foreign = loops.timed, loops.foreign
    if getattr(real_timed, "fake", False):
        return

    def timed(self):
        loops.timed = real_timed
        return FakeMade(duration)

    def foreign(self):
        loops.foreign = real_foreign
        return []

    timed.fake = True
    loops.timed, loops.foreign = timed, foreign


async def task(name, duration):
    _swap(duration)
    print(f"[{name}] start")
    print(f"[{name}] done")
    return f"result of {name}"


def main():
    _swap(1.0)
    import asyncio
    return asyncio.run(task("kata", 1.0))
