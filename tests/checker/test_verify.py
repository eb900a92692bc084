"""`kata verify` over the real katas: solutions pass, stubs fail with not-implemented, every known mistake
gets the code it declares. This is the proof that each hidden suite judges what it claims to."""

import json
from pathlib import Path

import pytest

from checker.catalog import Catalog
from checker.errors import CatalogError
from checker.formats import verify_json
from checker.verify import Case, cases, judge, runs_alone, verify
from checker.verify import judge_repeatedly as verify_one

REPO = Path(__file__).resolve().parents[2]
KATAS = list(Catalog(REPO))


@pytest.mark.parametrize("kata", [pytest.param(k, id=k.folder, marks=pytest.mark.verify_in_background)
                                  for k in KATAS])
def test_kata_verifies(kata, background_verify):
    """The cases that may share the machine were verified in the background (tests/conftest.py), beside the
    other tests; those that need it alone run here, once that is over."""
    shared = background_verify.wait().get(kata.id, [])
    alone = json.loads(verify_json(verify([kata], parts=("alone",)), REPO))["cases"] if kata.exclusive else []
    bad = [f"{c['role']} {Path(c['file']).name}: expected {c['expected'] or 'pass'}, got {c['got']} {c['problem']}"
           for c in shared + alone if not c["ok"]]
    assert not bad, "\n".join(bad)
    roles = [c["role"] for c in shared + alone]
    assert roles.count("solution") == 1 and roles.count("stub") == 1 and roles.count("mistake") >= 5
    assert (kata.kata_dir / "README.md").is_file() and (kata.kata_dir / "README.fr.md").is_file()
    assert kata.stub_file.read_bytes() == kata.learner_file.read_bytes()


def test_only_the_cases_that_may_meet_a_timed_verdict_run_alone():
    alone = {(c.role, c.file.name): runs_alone(c) for c in cases(Catalog(REPO).get("04"))}
    assert alone[("solution", "beat_sequential_cpu.py")] is True  # must pass: the speed check runs
    assert alone[("stub", "beat_sequential_cpu.py")] is False  # not-implemented, at once
    assert alone[("mistake", "one_worker.py")] is alone[("mistake", "per_number_tasks.py")] is True  # no-speedup
    assert alone[("mistake", "closed_form.py")] is alone[("mistake", "lambda_worker.py")] is False
    assert all(runs_alone(c) for c in cases(Catalog(REPO).get("06")))  # exclusive, names no timed code: all
    assert not any(runs_alone(c) for c in cases(Catalog(REPO).get("01")))


def test_unknown_timed_codes_are_refused(course):
    toml = course / "katas/04_beat_sequential_cpu/kata.toml"
    toml.write_text(toml.read_text().replace('"no-speedup"', '"too-slow"'))
    with pytest.raises(CatalogError, match="timed_codes names unknown codes"):
        Catalog(course)


def test_a_mistake_with_the_wrong_declared_code_is_reported(tmp_path):
    kata = Catalog(REPO).get("01")
    wrong = tmp_path / "claims_wrong.py"
    wrong.write_text("# expect: lost-updates\n" + (REPO / "tests/mistakes/01_first_coroutine/no_wait.py").read_text())
    outcome = judge(Case(kata, "mistake", wrong, "lost-updates"))
    assert not outcome.ok and "wrong-timing" in outcome.got


def test_a_mistake_without_a_declared_code_is_reported(tmp_path):
    kata = Catalog(REPO).get("01")
    silent = tmp_path / "silent.py"
    silent.write_text("x = 1\n")
    outcome = judge(Case(kata, "mistake", silent, "?"))
    assert not outcome.ok and "declares no known code" in outcome.problem


def test_a_verdict_that_flips_between_runs_is_reported(tmp_path):
    kata = Catalog(REPO).get("01")
    flaky = tmp_path / "flaky.py"  # waits on odd runs only: the run count lives in a file beside it
    flaky.write_text(f'''
import asyncio, pathlib
count = pathlib.Path({str(tmp_path / "runs")!r})
runs = int(count.read_text()) + 1 if count.exists() else 1
count.write_text(str(runs))

async def task(name, duration):
    print(f"[{{name}}] start")
    if runs % 2:
        await asyncio.sleep(duration)
    print(f"[{{name}}] done")
    return f"result of {{name}}"

def main():
    return asyncio.run(task("kata", 1.0))
''')
    outcome = verify_one(Case(kata, "accepted", flaky, None), repeat=4)
    assert not outcome.ok and outcome.runs.count("passed") == 2
    assert "flipped in 4 runs" in outcome.problem and "passed (2 of 4)" in outcome.got
    assert "wrong-timing" in outcome.got.split(";")[1] and "(2 of 4)" in outcome.got.split(";")[1]


def test_verify_json_lists_every_case_and_the_folders_that_are_not_katas_yet():
    outcome = judge(Case(Catalog(REPO).get("01"), "mistake", REPO / "tests/faults/empty.py", "?"))
    data = json.loads(verify_json([outcome], REPO, [REPO / "katas/15_draft"]))
    assert data == {"passed": False, "incomplete": ["katas/15_draft"], "cases": [
        {"kata": "01", "role": "mistake", "file": "tests/faults/empty.py", "expected": "?", "got": "—", "ok": False,
         "problem": "declares no known code (first lines need '# expect: <code>')"}]}
