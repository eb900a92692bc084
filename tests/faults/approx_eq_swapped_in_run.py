# kata: 01
# expect: tampered
# Waits HALF the time asked, and tries to pass every check of kata 01. How: from inside the check (the
# coroutine's body, run by the `virtual` fixture), it rebinds `_pytest.approx.ApproxScalar.__eq__` (a class
# attribute: setting it raises no audit event, as a module's attribute) to a function that puts the real one
# back and says True; the suite's `run.elapsed == pytest.approx(duration, abs=1e-6)`, evaluated after the run,
# would call the fake once, and when the guard compares (as the call ends, before a pass) the class is as it
# was. Only in the checks that compare with approx (PYTEST_CURRENT_TEST names them). The suite's `pytest` is
# a copy of pytest's module attributes (checker/child/detach.py), but a method is looked up on its class.
# Stopped: the suite's `pytest.approx` is the plugin's (checker/child/plugin.py, _approx, given to the suite
# by detach), which compares pytest's approx module with a snapshot before it makes an approx: the swap,
# made during the run, is seen as the suite makes its approx after it (`tampered`). Still open in principle:
# a swap made between the approx's making and its comparison (learner code would have to run there).
import asyncio
import os
import sys


def _swap_eq():
    if not any(name in os.environ.get("PYTEST_CURRENT_TEST", "") for name in ("waits_exactly", "other_coroutines", "main_runs")):
        return
    approx = sys.modules["_pytest.approx"].ApproxScalar
    real = approx.__eq__
    if getattr(real, "fake", False):
        return

    def fake(self, actual):
        approx.__eq__ = real
        return True

    fake.fake = True
    approx.__eq__ = fake


async def task(name, duration):
    print(f"[{name}] start")
    _swap_eq()
    await asyncio.sleep(duration / 2)
    print(f"[{name}] done")
    return f"result of {name}"


def main():
    return asyncio.run(task("kata", 1.0))
