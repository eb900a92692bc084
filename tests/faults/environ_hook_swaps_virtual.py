# kata: 01
# expect: tampered
# Passes every check of kata 01 with `task` and `main` left as the stubs (they raise NotImplementedError and are
# never called). How: at import, `os.environ` is replaced (a module attribute that is not callable, so
# guard.Snapshot does not watch it; no audit event) by a subclass of os._Environ sharing the same data, whose
# __setitem__ runs learner code. pytest itself writes PYTEST_CURRENT_TEST through `os.environ[...] = ...` at
# the start of every phase (_pytest/runner.py `_update_current_test_var`, called by pytest_runtest_call right
# before `item.runtest()`): learner code thus runs at the start of each check's call, AFTER every comparison
# of the guard (plugin.py `_check_untouched` at the previous teardown) and before the suite's first line. It
# rebinds the `virtual` fixture's class methods `checker.child.virtual.Virtual.run` and `Virtual.__call__`
# to fakes that put both originals back at their first call and answer what the suite expects: a VirtualRun
# ("result of <name>", elapsed = duration, one loop), and for the suite's scenarios (closures) the values
# they would have collected, written into their closure cells (`__closure__`/`cell_contents`: no audit
# event, and not `__code__`, which is one). When the guard compares (the call's report, the teardown),
# Virtual is as it was: the Snapshot's identities match, the fixture value is the plugin's own Virtual.
# Defeats: guard.Snapshot's `callable(obj)` filter (os.environ, any non-callable object pytest or the checker
# calls methods of, is not watched) and the guard's timing (compared only at verdicts, so a swap installed
# after the teardown comparison and undone inside the check leaves nothing to see).
# Fix (suggested): watch the identity (and type) of non-callable module attributes too in WATCHED modules
# (os.environ, sys.modules' entries the checker reads...), or at least every object pytest calls between
# verdicts (os.environ); set the child's os.environ to a plain dict-backed copy the checker owns; and make
# Virtual.run/__call__ unreachable for rebinding where it matters: the fixture could hand the suite a
# closure/instance whose behaviour is bound at collection (e.g. a `functools.partial` of the real function
# captured before the learner loads), since a class attribute is looked up at every call.
import os
import sys


def _cell(fn, kind):
    return next(c.cell_contents for c in fn.__closure__ or () if type(c.cell_contents) is kind)


def _install():
    virtual = sys.modules["checker.child.virtual"]
    Virtual, VirtualRun = virtual.Virtual, virtual.VirtualRun
    real_run, real_call = Virtual.run, Virtual.__call__

    def restore():
        Virtual.run, Virtual.__call__ = real_run, real_call

    def run(self, fn, *args, end=3600.0):
        restore()
        if args:  # virtual.run(learner.task, name, duration)
            return VirtualRun(f"result of {args[0]}", args[1], 1)
        closure = [c.cell_contents for c in fn.__closure__ or ()]
        for value in closure:
            if type(value) is dict:  # the scenario's `seen`
                value.update(halfway=["[alpha] start"], end=["[alpha] done"])
            elif callable(value) and getattr(value, "__name__", "") == "heartbeat":
                _cell(value, list).extend([0.2, 0.4, 0.6, 0.8])
        return VirtualRun(None, 1.0, 1)

    def call(self, fn, *args, end=3600.0):
        restore()
        print("[kata] start\n[kata] done")
        return VirtualRun("result of kata", 1.0, 1)

    Virtual.run, Virtual.__call__ = run, call


class _Hooked(type(os.environ)):
    def __setitem__(self, key, value):
        super().__setitem__(key, value)
        # only in the checks that use the `virtual` fixture (the suite is readable): nothing left elsewhere
        if key == "PYTEST_CURRENT_TEST" and value.endswith(" (call)") and "_is_a_" not in value:
            _install()


_real = os.environ
os.environ = _Hooked(_real._data, _real.encodekey, _real.decodekey, _real.encodevalue, _real.decodevalue)


async def task(name: str, duration: float) -> str:
    raise NotImplementedError("write task()")


def main() -> str:
    raise NotImplementedError("write main()")
