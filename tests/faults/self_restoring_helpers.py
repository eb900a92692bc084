# kata: 01
# expect: tampered
# Swaps the hidden suite's `expect` and `fail` for no-ops from inside its own functions (when a check calls
# them), and each swap undoes itself at the check's last `expect` (the suite is readable: PYTEST_CURRENT_TEST
# names the check, its source tells how many `expect(` it makes). No refused event, and every comparison the
# guard makes (after loading, at each teardown, at the end) sees the suite as it was. It passed every check
# of kata 01 (2026-12-06). Stopped: the suite's functions run with globals of their own, copied before the
# learner's code loads (checker/child/detach.py): the swap changes nothing they run, and stays in the module
# for the guard to see.
import os
import re
import sys


def _suite():
    return next(m for n, m in list(sys.modules.items()) if n.endswith("test_first_coroutine") and hasattr(m, "expect"))


def _install():
    suite = _suite()
    if getattr(suite.expect, "fake", False):
        return
    current = os.environ.get("PYTEST_CURRENT_TEST", "").split("::")[-1].split(" ")[0].split("[")[0]
    source = open(suite.__file__).read()
    body = re.search(rf"def {re.escape(current)}\(.*?(?=\n(?:@|def )|\Z)", source, re.S)
    left = [body.group(0).count("expect(") if body else 1]
    real_expect, real_fail = suite.expect, suite.fail

    def expect(*args, **kwargs):
        left[0] -= 1
        if left[0] <= 0:
            suite.expect, suite.fail = real_expect, real_fail

    def fail(*args, **kwargs):
        pass

    expect.fake = True
    suite.expect, suite.fail = expect, fail


async def task(name, duration):
    _install()


def main():
    _install()
