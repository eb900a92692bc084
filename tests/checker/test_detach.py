"""The suite's functions run with globals of their own (checker/child/detach.py): rebinding a name in the
suite's module, or an attribute of a module it imported, changes nothing they run; pytest's items run the
detached functions, with their marks and docstrings."""

import json
import types

from checker.child.detach import detach

SUITE = '''
import json


def helper():
    return "real"


def test_uses(learner):
    """the check's title"""
    return helper(), json.dumps(1)
'''


def suite_module():
    module = types.ModuleType("test_fake_suite")
    exec(compile(SUITE, "test_fake_suite.py", "exec"), vars(module))
    module.test_uses.pytestmark = ["a mark"]
    return module


class Item:
    def __init__(self, obj):
        self.obj = obj


def test_rebinding_the_suites_names_or_its_modules_attributes_changes_nothing_it_runs(monkeypatch):
    module = suite_module()
    item = Item(module.test_uses)
    detach(module, [item])
    module.helper = lambda: "fake"  # what a learner does through sys.modules
    monkeypatch.setattr(json, "dumps", lambda value: "fake")  # an attribute of a module the suite imported
    assert item.obj(None) == ("real", "1")
    assert module.test_uses(None) == ("fake", "fake")  # the module itself is left as it is, for the guard


def test_the_items_run_the_detached_function_with_its_marks_and_title():
    module = suite_module()
    item = Item(module.test_uses)
    detach(module, [item])
    assert item.obj is not module.test_uses
    assert item.obj.__doc__ == "the check's title" and item.obj.pytestmark == ["a mark"]
    assert item.obj.__name__ == "test_uses" and item.obj.__module__ == "test_fake_suite"


def test_the_suites_functions_resolve_builtins_in_a_copy_made_when_detached():
    import builtins

    module = types.ModuleType("test_fake_suite")
    exec(compile("def sizes(value):\n    return len(value), repr(value)\n", "test_fake_suite.py", "exec"),
         vars(module))
    item = Item(module.sizes)
    detach(module, [item])
    real_len, real_repr = builtins.len, builtins.repr
    builtins.len, builtins.repr = (lambda value: 5), (lambda value: "fake")  # what a learner's function does
    try:
        checked, fooled = item.obj("xy"), module.sizes("xy")
    finally:
        builtins.len, builtins.repr = real_len, real_repr
    assert checked == (2, "'xy'")
    assert fooled == (5, "fake")  # the module's own function is the learner's to fool, not the check's


# The checker's modules are detached in a process of their own: detaching them here would change what the other
# tests of this process monkeypatch (the checker's module globals).
CHECKER = r'''
import asyncio, builtins, inspect, json, sys
from checker.child import detach, guard, kit_verdicts, testkit, virtual
from checker.child.virtual import Virtual
detach.detach_checker()  # as the plugin does, before the learner's code loads
same, require_coroutine_function = testkit.same, testkit.require_coroutine_function  # as a suite imports them

snapshot = guard.Snapshot(guard.guarded_modules())
found = {}


class Anything:
    def __eq__(self, other):
        return True


anything, real_type, real_all = Anything(), builtins.type, builtins.all
builtins.type = lambda *args: str if args == (anything,) else real_type(*args)  # a learner's rebinding...
builtins.all = lambda iterable: True
found["same"] = [same(anything, "result"), same(["a"], ["b"])]  # ...after which a checker helper runs
builtins.type, builtins.all = real_type, real_all


def plain(*args):
    return args


kit_verdicts._CO_COROUTINE = inspect.CO_VARARGS  # a checker module's global (an int: not watched)
testkit.same = lambda actual, expected: True
try:
    require_coroutine_function(type("Learner", (), {"task": staticmethod(plain)}), "task")
    found["plain taken for async def"] = True
except testkit.KataFailure as failure:
    found["plain taken for async def"] = failure.code
found["the suite's same"] = same is not testkit.same and same(1, 2)


async def waits():
    await asyncio.sleep(5)  # virtual time: asyncio.new_event_loop is patched for the run, as before
    return "done"

virtual.VirtualRun = lambda *args: "fake"  # read by Virtual.__call__ once the run is over
run = Virtual("learner.py").run(waits)
found["run"] = [type(run).__name__, run.result, run.elapsed, run.loops]
found["guard"] = snapshot.changed(codes=False)
found["functions are the copies"] = [
    kit_verdicts.same.__globals__ is not vars(kit_verdicts), Virtual.__call__.__globals__ is not vars(virtual),
    kit_verdicts.same.__builtins__ is not vars(builtins)]
try:  # a checker class's method swapped
    virtual._VirtualLoops.timed = lambda self: None
    found["class swap"] = "accepted"
except TypeError as refusal:
    from checker.child import immutable
    found["class swap"] = immutable.refused(refusal)
found["mutable checker classes"] = sorted(
    f"{name}.{value.__name__}" for name, module in list(sys.modules.items())
    if name.startswith("checker.child.") and name not in ("checker.child.__main__", "checker.child.forkserver")
    for value in list(vars(module).values())
    if isinstance(value, type) and value.__module__ == name and not value.__flags__ & (1 << 8))
Sub = type("Sub", (virtual._VirtualLoops,), {})
Sub.timed = lambda self: "a subclass stays the suite's to change"
found["subclass"] = Sub.timed(None)
print(json.dumps(found))
'''


def test_checker_helpers_called_after_a_rebinding_use_the_real_builtins_and_globals():
    import subprocess
    import sys
    from pathlib import Path

    repo = Path(__file__).resolve().parents[2]
    proc = subprocess.run([sys.executable, "-c", CHECKER], capture_output=True, text=True, timeout=60, cwd=repo)
    assert proc.returncode == 0, proc.stderr[-2000:]
    found = json.loads(proc.stdout)
    assert found["same"] == [False, False]  # builtins.type and builtins.all rebound: same() still tells
    assert found["plain taken for async def"] == "not-a-coroutine"  # kit_verdicts._CO_COROUTINE rebound
    assert found["the suite's same"] is False  # testkit.same rebound: the name imported before is the real one
    assert found["run"] == ["VirtualRun", "done", 5.0, 1]  # virtual.VirtualRun rebound; virtual time still works
    assert "checker.child.virtual.VirtualRun" in found["guard"] and "checker.child.testkit.same" in found["guard"]
    assert found["functions are the copies"] == [True, True, True]
    assert found["class swap"] == "checker.child.virtual._VirtualLoops.timed"  # refused, and named as a tamper
    assert found["mutable checker classes"] == []
    assert found["subclass"] == "a subclass stays the suite's to change"


def test_the_capture_fixture_reads_with_the_method_bound_before_and_a_swap_is_seen_as_it_reads(monkeypatch):
    import sys

    import pytest
    from _pytest.capture import CaptureFixture, CaptureResult

    from checker.child import guard, plugin
    from checker.child.testkit import KataFailure

    class Fixture:  # what the plugin's pytest_fixture_setup is given: a CaptureFixture (its capture faked)
        _captured_out, _captured_err, _capture = "out\n", "", None
        captureclass = types.SimpleNamespace(EMPTY_BUFFER="")

    owner = types.SimpleNamespace(capture=guard.Snapshot({"_pytest.capture": sys.modules["_pytest.capture"]}),
                                  _untouched=plugin.KataPlugin._untouched)
    readouterr = plugin.KataPlugin._readouterr(owner, Fixture())
    assert readouterr() == CaptureResult("out\n", "")
    monkeypatch.setattr(CaptureFixture, "readouterr", lambda self: CaptureResult("fake", ""))
    with pytest.raises(KataFailure) as failure:
        readouterr()
    assert failure.value.code == "tampered" and "CaptureFixture.readouterr" in str(failure.value)


def test_the_suites_pytest_approx_is_the_one_given_and_it_compares_approxs_classes_first(monkeypatch):
    import sys

    import pytest
    from _pytest.approx import ApproxScalar

    from checker.child import guard, plugin
    from checker.child.testkit import KataFailure

    module = types.ModuleType("test_fake_suite")
    exec(compile("import pytest\nfrom pytest import approx\n\ndef close(x):\n    return x == pytest.approx(1.0),"
                 " x == approx(1.0)\n", "test_fake_suite.py", "exec"), vars(module))
    owner = types.SimpleNamespace(approx=guard.Snapshot({"_pytest.approx": sys.modules["_pytest.approx"]}),
                                  _untouched=plugin.KataPlugin._untouched)
    given = []

    def approx(*args, **kwargs):
        given.append(args)
        return plugin.KataPlugin._approx(owner, *args, **kwargs)

    item = Item(module.close)
    detach(module, [item], {id(pytest.approx): approx})
    assert item.obj(1.0) == (True, True) and given == [(1.0,), (1.0,)]
    monkeypatch.setattr(ApproxScalar, "__eq__", lambda self, actual: True)  # swapped in a run, undone at first use
    with pytest.raises(KataFailure) as failure:
        item.obj(2.0)
    assert failure.value.code == "tampered" and "ApproxScalar.__eq__" in str(failure.value)
