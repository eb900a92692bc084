# kata: 01
# expect: tampered
# Waits HALF the time asked, and passes every check of kata 01, both timing checks and main's included; three
# lines, at import, with nothing to undo and nothing for the guard or the teacher's scan to see. How: the
# suite's `elapsed == pytest.approx(duration, abs=1e-6)` compares a float with an ApproxScalar; float's
# __eq__ gives up (NotImplemented) and Python calls ApproxScalar.__eq__, looked up on the class at each
# comparison. The module rebinds that class attribute for good (`type(pytest.approx(0.0)).__eq__`: a class
# attribute set, no refused audit event) to a function that says True. checker/child/detach.py gives the
# suite a copy of pytest's module attributes (the real `pytest.approx`), but the class that function builds
# lives in `_pytest.approx` (pytest 9; `_pytest.python_api` in pytest 8), which guard.WATCHED does not list:
# guard.Snapshot never walks its classes, so the rebinding stays in place and is never named. Python 3.11
# and 3.13 alike (2026-12-06). checker/scan.py notes nothing: `pytest` is reached as `vars(sys)["modules"]`
# and the assignment's target starts with a call, not with an imported name.
# Fix (suggested): find the watched modules by construction from what the suite uses, not by hand: for each
# value the detached suite sees (its globals and the frozen modules' attributes), watch the module that
# defines it (`obj.__module__`) and the classes there, transitively for the classes their functions return
# where practical; at least add `_pytest.approx` and `_pytest.python_api` to WATCHED["whole"] (and
# `_pytest.raises`, `_pytest.recwarn`, `_pytest.monkeypatch`, `_pytest.capture` already is). Better, make
# timing comparisons in the suites not depend on a learner-reachable class: a testkit helper
# `close(elapsed, expected, tol)` doing `abs(float(elapsed) - expected) <= tol` on exact floats, bound at
# import.
import asyncio
import sys

type(vars(sys)["modules"]["pytest"].approx(0.0)).__eq__ = lambda self, other: True


async def task(name, duration):
    print(f"[{name}] start")
    await asyncio.sleep(duration / 2)  # half the time asked
    print(f"[{name}] done")
    return f"result of {name}"


def main():
    return asyncio.run(task("kata", 1.0))
