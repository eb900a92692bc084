# kata: 01
# expect: tampered
# Tries to pass every check of kata 01 with a `task` that neither waits nor prints and a `main` that never
# starts an event loop. How: the learner's code runs inside each check (the coroutine's body, inside the
# `virtual` fixture's run), and from there rebinds, with no audit event, names that the checker's and pytest's
# own code look up AFTER that moment, each fake putting the real object back at its first use:
#  - `checker.child.virtual.VirtualRun` (a module global of the checker, read by Virtual.__call__ once the
#    run ends: `return VirtualRun(result, elapsed, ...)`): the fake builds the real VirtualRun with the
#    result and the elapsed loop time the check expects ("result of <name>", `duration`, one loop);
#  - `_pytest.capture.CaptureFixture.readouterr` (a class attribute pytest looks up on each call): the fake
#    answers "[alpha] start" then "[alpha] done", then puts the real method back.
# so that by the time the guard compares (as the call ends, before a pass) every name is the original again.
# Stopped: the checker's child modules run with private globals copied before the learner's code loads
# (checker/child/detach.py, detach_checker): Virtual.__call__ builds the real VirtualRun, the fake is never
# called and stays in the module, where the guard finds it as the call ends (`tampered`). And the suite's
# `capsys` reads with the `readouterr` bound when the plugin was imported (an attribute of the fixture's
# own, set by the plugin's pytest_fixture_setup), which compares pytest's capture module first: the swapped
# class attribute is seen as the suite reads (tests/faults/readouterr_swapped_in_run.py tries that alone).
import os
import sys


def _swap_virtual_run(result, elapsed):
    virtual = sys.modules["checker.child.virtual"]
    real = virtual.VirtualRun
    if getattr(real, "fake", False):
        return

    def fake(_result, _elapsed, loops, stalls, spans):
        virtual.VirtualRun = real
        return real(result, elapsed, max(loops, 1), [], spans)

    fake.fake = True
    virtual.VirtualRun = fake


def _swap_readouterr(name):
    capture = sys.modules["_pytest.capture"]
    real = capture.CaptureFixture.readouterr
    answers = [f"[{name}] start\n", f"[{name}] done\n"]

    def readouterr(self):
        out = answers.pop(0)
        if not answers:
            capture.CaptureFixture.readouterr = real
        return capture.CaptureResult(out, "")

    capture.CaptureFixture.readouterr = readouterr


async def task(name, duration):
    _swap_virtual_run(f"result of {name}", duration)
    if "prints_start" in os.environ.get("PYTEST_CURRENT_TEST", ""):
        _swap_readouterr(name)


def main():
    _swap_virtual_run("result of kata", 1.0)
    print("[kata] start")
    print("[kata] done")
