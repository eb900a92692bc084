"""The path a sealed pass must come through (checker/child/chains.py): the call sites are found by name, the
paths are built for the installed pytest and pluggy, and the checker's own writer run for the learner by the
interpreter signs nothing (the two attacks of tests/faults/ that did it, graded here in the fast tier too)."""

import dis
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from checker.child import audit, chains, record
from checker.child.plugin import KataPlugin

REPO = Path(__file__).resolve().parents[2]


def helper(value):
    return value


def other(value):
    return value


def sample(x):
    y = helper(other(x))
    return helper(
        x, other(y)
    ) if y else other(helper(y))


def segment(instruction) -> str:
    where = instruction.positions
    line = Path(__file__).read_text(encoding="utf-8").split("\n")[where.lineno - 1]
    return line[where.col_offset:]


def test_the_call_sites_are_the_named_calls_only():
    found = chains.calls(sample.__code__, ("helper",))
    called = [i for i in dis.get_instructions(sample.__code__)
              if i.opname.startswith("CALL") and not i.opname.startswith("CALL_INTRINSIC")]
    named = {i.offset for i in called if segment(i).startswith("helper")}
    others = {i.offset for i in called if segment(i).startswith("other")}
    assert len(named) == 3 and len(others) == 3
    assert named <= found and not others & found


def test_the_paths_are_built_for_the_installed_pytest_and_pluggy():
    built = chains.paths(KataPlugin, record.write, audit.seal)
    for name, steps in built["paths"].items():
        assert all(steps), name
        assert (built["repeat"] in steps) == (name != chains.ABANDON), name  # pluggy's hook calling: pytest's
        for step in steps[1:]:  # every caller knows where it calls the next step
            assert all(built["known"][code_id][1] for code_id in step if step is not built["repeat"]), name
    assert built["paths"][chains.CALL][-1] == built["item_anchor"]


def test_the_call_end_is_told_from_the_call_start():
    """The plugin's comparison as a call ends spares the seal of that check's pass one more: only the sites of
    its call wrapper after the call ran count, never the comparison as the call starts (the call runs after)."""
    compare, untouched, wrapper, ending = chains.call_end(KataPlugin)
    assert compare is audit.compare.__code__ and untouched is KataPlugin._check_untouched.__code__
    sites = chains.calls(wrapper, ("_check_untouched",))
    resumed = min(i.offset for i in dis.get_instructions(wrapper) if i.opname in ("YIELD_VALUE", "SEND"))
    assert ending and ending < sites and all(offset > resumed for offset in ending)
    assert any(offset < resumed for offset in sites - ending)


def test_a_function_that_no_longer_makes_the_call_is_named():
    class Plugin(KataPlugin):
        def _decide(self, item, report, verdict):
            pass  # calls nothing: the plugin would never write

    with pytest.raises(chains.ChainError, match="_decide no longer calls _write"):
        chains.paths(Plugin, record.write, audit.seal)


@pytest.mark.parametrize("fault", ["finalizer_calls_record_writer.py", "partial_callbacks_forge_reports.py"])
def test_the_checkers_writer_run_by_a_collection_signs_nothing(fault):
    proc = subprocess.run([sys.executable, "-m", "checker", "check", "01", "--file",
                           str(REPO / "tests" / "faults" / fault), "--json"],
                          capture_output=True, text=True, timeout=120, cwd=REPO,
                          env={**os.environ, "KATA_ROOT": str(REPO)})
    report = json.loads(proc.stdout)
    assert not report["passed"]
    assert [check["code"] for check in report["checks"]] == ["tampered"]
    assert "checker.seal" in report["checks"][0]["message"]
