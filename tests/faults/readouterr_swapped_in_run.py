# kata: 01
# expect: tampered
# `task` waits and returns its result but prints nothing, and tries to pass the checks that read what it
# printed. How: from inside the check (the coroutine's body, run by the `virtual` fixture), it rebinds
# `_pytest.capture.CaptureFixture.readouterr` (a class attribute of pytest's, looked up at each call; setting
# it raises no audit event, as a module's attribute) to a fake that answers the lines
# the check expects and puts the real method back at its last answer: when the guard compares (as the call
# ends), pytest's class is as it was.
# Stopped: the suite's `capsys` does not look `readouterr` up in pytest's class: the plugin gives the fixture
# its own, bound when the plugin was imported (checker/child/plugin.py, pytest_fixture_setup), and that one
# compares pytest's capture module with the snapshot first; the swap is seen as the suite reads (`tampered`).
import asyncio
import os
import sys


def _swap_readouterr(answers):
    capture = sys.modules["_pytest.capture"]
    real = capture.CaptureFixture.readouterr

    def readouterr(self):
        out = answers.pop(0)
        if not answers:
            capture.CaptureFixture.readouterr = real
        return capture.CaptureResult(out, "")

    capture.CaptureFixture.readouterr = readouterr


async def task(name, duration):
    current = os.environ.get("PYTEST_CURRENT_TEST", "")
    if "prints_start" in current:
        _swap_readouterr([f"[{name}] start\n", f"[{name}] done\n"])
    elif "main_runs" in current:
        _swap_readouterr([f"[{name}] start\n[{name}] done\n"])
    await asyncio.sleep(duration)
    return f"result of {name}"


def main():
    return asyncio.run(task("kata", 1.0))
