# kata: 01
# expect: tampered
# Waits the wrong time, and rebinds pytest.approx (in pytest's own module: no audit event) to return an object
# equal to anything, which puts the real approx back at its first use: `elapsed == pytest.approx(duration)`
# in the suite would hold for any elapsed time, and every comparison of the guard would see pytest as it was.
# It passed both timing checks of kata 01 while waiting half the time (2026-12-06). Stopped: the suite sees the
# modules it imported through a copy taken before the learner's code loaded (checker/child/detach.py): its
# `pytest.approx` is the real one, the rebound one is never called, never put back, and the guard sees it.
import asyncio
import os
import sys


class Anything:
    def __eq__(self, other):
        return True

    __hash__ = object.__hash__


def _rebind():
    if "waits_exactly" not in os.environ.get("PYTEST_CURRENT_TEST", ""):
        return  # only in the checks that compare with approx: nothing left behind elsewhere
    pytest = sys.modules["pytest"]
    real = pytest.approx

    def approx(*args, **kwargs):
        pytest.approx = real
        return Anything()

    pytest.approx = approx


async def task(name, duration):
    _rebind()
    print(f"[{name}] start")
    await asyncio.sleep(duration / 2)  # half the time asked
    print(f"[{name}] done")
    return f"result of {name}"


def main():
    return asyncio.run(task("kata", 1.0))
