# kata: 01
# expect: tampered
# Passes every check of kata 01 with a `task` that neither waits nor prints and a `main` that never starts an
# event loop. How: the learner's code runs inside each check (the coroutine's body, inside the `virtual`
# fixture's run), and from there rebinds, with no audit event, names that the checker's and pytest's own
# code look up at run time AFTER that moment, each fake putting the real object back at its first use:
#  - `checker.child.virtual.VirtualRun` (a module global of the checker, read by Virtual.__call__ once the
#    run ends: `return VirtualRun(result, elapsed, ...)`): the fake builds the real VirtualRun with the
#    result and the elapsed loop time the check expects ("result of <name>", `duration`, one loop);
#  - `_pytest.capture.CaptureFixture.readouterr` (a class attribute pytest looks up on each call): the fake
#    answers "[alpha] start" then "[alpha] done", then puts the real method back.
# By the time the guard compares (checker/child/plugin.py `_decide` -> `_check_untouched`, at the call's
# report and at teardown) every name is the original again: guard.Snapshot compares identities only at those
# moments. checker/child/detach.py gives the SUITE's functions private globals, but not the checker's own
# modules (virtual.py, kit_verdicts.py, watch.py...) nor pytest's classes, which the checks call.
# Fix (suggested): what runs after learner code inside a check must not look anything up at run time that
# learner code can rebind: bind VirtualRun (and every global Virtual.__call__/run use: _VirtualLoops,
# probes.StallProbe, looptime, asyncio.run) at import time (default arguments, or a detached copy of the
# checker's child modules as detach.py does for the suite), and hand the suite a capsys of the plugin's own
# whose readouterr is bound at collection; more generally, apply detach() to checker.child.* modules whose
# functions a check calls (virtual, kit_*, testkit helpers) and to the pytest functions they reach, or compare
# the Snapshot also at every checker entry point a check calls (Virtual.__call__'s return).
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
