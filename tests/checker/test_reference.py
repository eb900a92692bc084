"""The guard's reference held by the audit hook (checker/child/audit.py `compare`, guard.py `references`):
what learner code rewrites among what the checker relies on (a namespace's name, an object's slot, a list of
hook implementations) is found by the hook, latched and named, although the only copy of what it was is
out of learner code's reach; and a learner's key planted in a watched namespace, whose `__eq__` the
comparison runs, is checked like any other code.

Each case runs in its own interpreter (an audit hook cannot be removed)."""

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

CHECKER_SIDE = '''
import importlib, json, sys
sys.path.insert(0, {repo!r})
from checker.child import audit


def helper():
    return "helper"


class Slotted:
    __slots__ = ("value",)


slotted = Slotted()
slotted.value = helper
hooks = [helper, print]
namespace = {{"helper": helper, "print": print}}


def write():
    return audit.seal([("t", "failed", b'{{"name": "t"}}')], False)


def write_pass():
    return audit.seal([("t", "passed", b'{{"name": "t"}}')], False)


if __name__ == "__main__":
    audit.install(b"k" * 32, "en", write, {{"name": "n", "message": "{{event}} {{detail}}"}},
                  {{"paths": {{}}, "repeat": frozenset(), "known": {{}}, "item_anchor": frozenset(), "bottom": frozenset()}})
    reference = [(namespace, "helper", helper, "namespace['helper']"), (namespace, "print", print, "namespace['print']"),
                 (slotted, Slotted.value, helper, "slotted.value"), (hooks, None, None, "hooks")]
    audit.arm({learner!r}, [{here!r}, {repo!r} + "/checker"], (), reference)
    sys.path.insert(0, {learner_dir!r})
    error = None
    try:
        importlib.import_module("learner_code").run(sys.modules["__main__"])
    except BaseException as exc:
        error = f"{{type(exc).__name__}}: {{exc}}"
    before = audit.latched()
    changed = audit.compare()
    print(json.dumps({{"before": before, "changed": changed, "latched": audit.latched(), "error": error,
                      "record": write().decode()}}))
'''


def _run(tmp_path: Path, learner_source: str) -> dict:
    learner_dir = tmp_path / "learner"
    learner_dir.mkdir()
    (learner_dir / "learner_code.py").write_text(textwrap.dedent(learner_source), encoding="utf-8")
    side = tmp_path / "side"
    side.mkdir()
    script = side / "checker_side.py"
    script.write_text(CHECKER_SIDE.format(repo=str(REPO), learner=str(learner_dir / "learner_code.py"),
                                          here=str(side), learner_dir=str(learner_dir)), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-B", str(script)], capture_output=True, text=True, timeout=120,
                          cwd=tmp_path, start_new_session=True)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


REWRITES = {
    "a name rebound": ("side.namespace['helper'] = lambda: 'forged'", "namespace['helper']"),
    "a name deleted": ("del side.namespace['print']", "namespace['print']"),
    "a slot rewritten": ("side.slotted.value = print", "slotted.value"),
    "a list appended to": ("side.hooks.append(len)", "hooks"),
    "a list's item swapped, its length kept": ("side.hooks[1] = len", "hooks"),
    "a list emptied": ("side.hooks.clear()", "hooks"),
}


@pytest.mark.parametrize("name", REWRITES)
def test_a_rewrite_left_in_place_is_latched_and_named(name, tmp_path):
    code, label = REWRITES[name]
    result = _run(tmp_path, f"def run(side):\n    {code}\n")
    assert result["error"] is None, result
    assert result["changed"] == [label], result
    assert result["latched"] == ["setattr", label], result
    assert '"code": "tampered"' in result["record"], result


def test_nothing_rewritten_nothing_latched(tmp_path):
    result = _run(tmp_path, "def run(side):\n    side.namespace['other'] = 1  # a new name is no rewrite\n")
    assert result["changed"] == [] and result["latched"] is None, result
    assert '"name": "t"' in result["record"], result


def test_a_pass_is_sealed_only_after_the_hook_compared(tmp_path):
    """A rewrite made and left by the learner's code, with no comparison asked by the checker: a seal that
    sends a pass has the hook compare first (here the seal itself is refused, not being the checker's: the
    comparison came before, and its finding is the one latched)."""
    result = _run(tmp_path, """
        def run(side):
            side.namespace['helper'] = lambda: 'forged'
            side.write_pass()
    """)
    assert result["before"] == ["setattr", "namespace['helper']"], result
    assert '"code": "tampered"' in result["record"], result


def test_a_planted_key_that_compares_itself_runs_checked(tmp_path):
    """The comparison looks names up: a learner's key with the same hash, planted where a watched name was,
    has its `__eq__` run by the lookup. That code runs outside the hook's guard: what it does is refused
    as any learner code's would be, and the comparison counts the name as changed."""
    result = _run(tmp_path, """
        import gc

        WALKED = []


        class Key:
            def __hash__(self):
                return hash('helper')

            def __eq__(self, other):
                WALKED.append(len(gc.get_objects()))  # where the hook's state would be found
                return True


        def run(side):
            helper = side.namespace.pop('helper')
            side.namespace[Key()] = helper
            try:
                side.audit.compare()
            finally:
                if WALKED:
                    raise RuntimeError('walked the heap inside the comparison')
    """)
    assert "walked the heap" not in (result["error"] or ""), result
    assert result["latched"] is not None and "get_objects" in " ".join(result["latched"]), result
    assert '"code": "tampered"' in result["record"], result


def test_the_pipeline_hands_over_the_plugins_settings_and_its_collaborators():
    """What the hook is given of the plugin: its attributes but the run's state, and each checker collaborator's
    own attributes (settings such as CallWatch's `leaks`), but those of a collaborator that changes as it runs."""
    from types import SimpleNamespace

    from checker.child import guard
    from checker.child.verdicts import Verdicts
    from checker.child.watch import CallWatch

    watch = CallWatch("l.py", 5.0, "fail", None, None, None, None, None)
    owner = SimpleNamespace(watch=watch, verdicts=Verdicts("l.py", "en", "01"), clock=Verdicts("l.py", "en", "02"),
                            checks={})
    config = SimpleNamespace(pluginmanager=SimpleNamespace(hook=SimpleNamespace()))
    pipeline = guard.Pipeline(config, [], owner, mutable=["checks"], running=["clock"])
    found = {(id(container), key if type(key) is str else tuple(key)) for container, key, _, _ in pipeline.references()}
    assert (id(vars(owner)), "watch") in found and (id(vars(owner)), "checks") not in found
    names = {key for container, key, _, _ in pipeline.references() if container is vars(watch)}
    assert names and "leaks" in next(iter(names)), names  # one group of the watch's attributes
    assert not any(container is vars(owner.clock) for container, _, _, _ in pipeline.references())
    assert any(container is vars(owner.verdicts) for container, _, _, _ in pipeline.references())
