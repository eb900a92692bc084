# kata: 01
# expect: tampered
# Passes every check of kata 01 with `task` and `main` left as the stubs (they raise NotImplementedError), and
# nothing in it is specific to kata 01: any kata passes this way. How: at import, `os.environ` is replaced
# (not callable, so not in guard.Snapshot; no audit event) by a subclass of os._Environ whose __setitem__ runs
# learner code; pytest writes PYTEST_CURRENT_TEST through it at the start of each phase
# (_pytest/runner.py `_update_current_test_var`). At each check's SETUP (after the guard's last comparison,
# the previous teardown's, and with none before the call: `_decide` compares only at a passing call and at
# teardown), it rebinds `checker.child.watch.CallWatch.call`, the generator the plugin's
# pytest_runtest_call wrapper delegates to (`yield from self.watch.call(item)`, looked up on the class at
# each check), to one that puts the real method back at once and swallows whatever the check raises at its
# `yield`. pluggy then sees the wrapper return normally: the exception is suppressed, the call's report is
# "passed", made by pytest's own call_and_report for that very item (checker/child/chains.py's CALL chain
# holds), and `_check_untouched` at that report finds CallWatch as it was.
# Defeats: guard.Snapshot's `callable(obj)` filter (os.environ) and its timing: comparisons only at verdicts,
# so a class attribute swapped between them and undone at first use is never seen.
# Fix (suggested): (1) the plugin must not look its collaborators' methods up at run time: bind them when
# the plugin is made (e.g. `self._watch_call = CallWatch.call.__get__(self.watch)` stored... better a
# closure held only by the plugin's hook function) and, generally, compare the Snapshot at the START of each
# check's call too (in pytest_runtest_call, before delegating), not only at its report, so that a swap made
# between two checks is seen before it is used; (2) watch non-callable module attributes of the watched
# modules (identity and exact type), os.environ first, or give the child an os.environ the checker owns
# (exact os._Environ, re-checked before each check).
import os
import sys


def _install():
    watch = sys.modules["checker.child.watch"]
    real = watch.CallWatch.call

    def call(self, item):
        watch.CallWatch.call = real
        try:
            yield
        except BaseException:
            pass

    watch.CallWatch.call = call


class _Hooked(type(os.environ)):
    def __setitem__(self, key, value):
        super().__setitem__(key, value)
        if key == "PYTEST_CURRENT_TEST" and value.endswith(" (setup)"):
            _install()


_real = os.environ
os.environ = _Hooked(_real._data, _real.encodekey, _real.decodekey, _real.encodevalue, _real.decodevalue)


async def task(name: str, duration: float) -> str:
    raise NotImplementedError("write task()")


def main() -> str:
    raise NotImplementedError("write main()")
