"""The tamper guard watches every checker module the child loads, by construction; a learner file that
replaces any checker function or method, however it finds it, is graded `tampered`.

The modules are those the child imports (its entry and plugin, and what they import): a new checker
module is covered without touching this file."""

import json
import os
import subprocess
import sys
import types
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import checker.child.__main__  # noqa: F401  (what the child loads)
import checker.child.plugin  # noqa: F401
from checker.child import guard

REPO = Path(__file__).resolve().parents[2]
# What a fresh interpreter loads with the child's entry and plugin, not what this test process happens to have
# imported (other test files import the CLI; under xdist each worker would collect other cases).
MODULES = [name for name in json.loads(subprocess.run(
    [sys.executable, "-c", "import json, checker.child.__main__, checker.child.plugin; from checker.child import guard; "
                           "print(json.dumps(list(guard.checker_modules())))"],
    cwd=REPO, capture_output=True, text=True, check=True).stdout) if name in sys.modules]


CHANGED = guard.Snapshot.changed  # kept: the tests replace guard's own functions too


def _snapshot_items(modname: str):
    snapshot = guard.Snapshot(guard.guarded_modules())
    namespace = vars(sys.modules[modname])
    return snapshot, [item for item in snapshot.items if item[4].startswith(modname + ".")
                      and not isinstance(namespace.get(item[4][len(modname) + 1:].split(".")[0]), types.ModuleType)
                      and item[4][len(modname) + 1:].split(".")[0] in namespace]


def _owner(label: str, modname: str):
    """(object holding the name, name) for a snapshot label."""
    parts = label[len(modname) + 1:].split(".")
    holder = sys.modules[modname]
    for part in parts[:-1]:
        holder = getattr(holder, part)
    return holder, parts[-1]


def test_every_checker_module_of_the_child_is_watched():
    assert {"checker.child.plugin", "checker.child.races", "checker.child.leaks", "checker.child.audit",
            "checker.child.guard", "checker.report", "checker.i18n"} <= set(MODULES)
    watched = {label.rsplit(".", 1)[0] for *_, label in guard.Snapshot(guard.guarded_modules()).items}
    assert set(MODULES) - {"checker", "checker.child"} <= {m for m in MODULES if any(
        w == m or w.startswith(m + ".") for w in watched)}


@pytest.mark.parametrize("modname", MODULES)
def test_rebinding_any_function_class_or_method_is_named(modname):
    snapshot, items = _snapshot_items(modname)
    rebindable = [label for namespace, key, obj, code, label in items if not isinstance(namespace, guard._Attr)]
    for label in rebindable:
        holder, name = _owner(label, modname)
        original = vars(holder)[name]
        setattr(holder, name, lambda *a, **k: None)
        try:
            assert label in CHANGED(snapshot), label
        finally:
            setattr(holder, name, original)
    assert CHANGED(snapshot) == []


@pytest.mark.parametrize("modname", MODULES)
def test_replacing_the_code_of_any_function_is_named(modname):
    snapshot, items = _snapshot_items(modname)
    for namespace, key, obj, code, label in items:
        if code is None or obj is CHANGED:  # the comparer itself: the audit hook refuses that (see faults)
            continue
        obj.__code__ = code.replace(co_name=code.co_name + "_replaced")
        try:
            assert label in CHANGED(snapshot), label
        finally:
            obj.__code__ = code
    assert CHANGED(snapshot) == []


def test_classmethods_staticmethods_and_properties_are_watched():
    snapshot = guard.Snapshot(guard.guarded_modules())
    labels = {label for *_, label in snapshot.items}
    assert "_pytest.reports.TestReport.from_item_and_call" in labels
    assert "_pytest.reports.TestReport.from_item_and_call.__func__" in labels
    assert "checker.child.plugin.KataPlugin._fail.__func__" in labels


# --- the same, end to end: a learner file run by the checker ------------------------------------------

def _first_function(modname: str) -> str:
    """A function of `modname` (a private one when there is one), to be replaced through sys.modules."""
    module = sys.modules[modname]
    names = [n for n, v in vars(module).items() if isinstance(v, types.FunctionType) and v.__module__ == modname]
    classes = [(n, m) for n, v in vars(module).items() if isinstance(v, type) and v.__module__ == modname
               for m, f in vars(v).items() if isinstance(f, types.FunctionType)]
    if names:
        return sorted(names, key=lambda n: (not n.startswith("_"), n))[0]
    return ".".join(sorted(classes, key=lambda c: (not c[1].startswith("_"), c))[0]) if classes else ""


ATTACKED = [m for m in MODULES if _first_function(m)]

LEARNER = '''import sys
holder = next(m for m in list(sys.modules.values())
              if getattr(getattr(m, "__spec__", None), "name", None) == {modname!r})
*path, name = {target!r}.split(".")
for part in path:
    holder = getattr(holder, part)
setattr(holder, name, lambda *a, **k: None)


async def task(name, duration):
    return None


def main():
    return None
'''

GC_LEARNER = '''import gc
for holder in gc.get_referrers(sys_modules := __import__("sys").modules):
    pass


async def task(name, duration):
    return None


def main():
    return None
'''


def _grade(source: str, tmp: Path) -> dict:
    tmp.mkdir(parents=True, exist_ok=True)
    path = tmp / "first_coroutine.py"
    path.write_text(source, encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "checker", "check", "01", "--file", str(path), "--json"],
                          capture_output=True, text=True, timeout=120, cwd=REPO,
                          env={**os.environ, "KATA_ROOT": str(REPO)})
    return json.loads(proc.stdout)


@pytest.fixture(scope="session")
def graded(tmp_path_factory):
    base = tmp_path_factory.mktemp("tamper")
    jobs = {m: LEARNER.format(modname=m, target=_first_function(m)) for m in ATTACKED}
    jobs["gc"] = GC_LEARNER
    with ThreadPoolExecutor(max_workers=4) as pool:
        return dict(zip(jobs, pool.map(lambda kv: _grade(kv[1], base / kv[0]), jobs.items())))


@pytest.mark.slow  # `graded` grades one attack per checker module of the child: about 15 s
@pytest.mark.parametrize("modname", ATTACKED)
def test_a_learner_replacing_a_function_of_any_loaded_checker_module_is_tampered(modname, graded):
    report = graded[modname]
    assert report["passed"] is False
    tampered = [c for c in report["checks"] if c["code"] == "tampered"]
    assert tampered, report
    assert f"{modname}.{_first_function(modname)}" in tampered[0]["message"]


@pytest.mark.slow
def test_a_learner_reaching_the_checker_through_gc_is_tampered(graded):
    report = graded["gc"]
    assert report["passed"] is False
    assert any(c["code"] == "tampered" and "gc.get_referrers" in c["message"] for c in report["checks"])


def test_a_tamper_found_in_a_modules_namespace_is_put_back():
    module = types.ModuleType("fake_watched")
    exec("def helper():\n    return 'real'\n", vars(module))
    real = module.helper
    snapshot = guard.Snapshot({"fake_watched": module})
    module.helper = lambda: "fake"
    assert snapshot.changed(codes=False) == ["fake_watched.helper"]
    snapshot.restore()
    assert module.helper is real and snapshot.changed(codes=False) == []
