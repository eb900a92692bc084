"""`kata verify` over the real katas: solutions pass, stubs fail with not-implemented, every known mistake
gets the code it declares. This is the proof that each hidden suite judges what it claims to."""

import json
from pathlib import Path

import pytest

from checker.catalog import Catalog
from checker.errors import CatalogError
from checker.formats import verify_json
from checker.report import Check, Report
from checker.verify import BUSY_RETRIES, Case, cases, judge, runs_alone, verify
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
    assert not any(runs_alone(c) for c in cases(Catalog(REPO).get("01")))  # not exclusive


def test_an_exclusive_kata_that_names_no_timed_code_runs_every_case_alone(course):
    toml = course / "katas/06_threads_vs_gil/kata.toml"
    toml.write_text("\n".join(line for line in toml.read_text().splitlines() if not line.startswith("timed_codes")))
    kata = Catalog(course).get("06")
    assert kata.exclusive and not kata.timed_codes and all(runs_alone(c) for c in cases(kata))


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


def report_of(*codes: str) -> Report:
    checks = [Check(name=code, passed=False, code=code, status="failed") for code in codes] or [Check("ok", True)]
    return Report(kata="04", max_points=10, duration_s=1.0, checks=checks)


@pytest.mark.parametrize("role, expected, runs, checks, ok", [
    ("solution", None, [("busy-machine",), ()], 2, True),  # busy, then passed
    ("mistake", "no-speedup", [("busy-machine",), ("busy-machine",), ("no-speedup",)], 3, True),
    ("mistake", "no-speedup", [("busy-machine",)] * (BUSY_RETRIES + 2), BUSY_RETRIES + 1, False),  # gives up
    ("mistake", "no-speedup", [("wrong-result",), ("no-speedup",)], 1, False),  # a verdict: never again
    ("mistake", "wrong-result", [("wrong-result", "busy-machine")], 1, True),  # its code is there
])
def test_busy_machine_is_no_verdict_and_is_checked_again(monkeypatch, role, expected, runs, checks, ok):
    kata = Catalog(REPO).get("04")
    file = kata.solution_file if role == "solution" else kata.mistakes_dir / "one_worker.py"
    reports = iter([report_of(*codes) for codes in runs])
    calls = []
    monkeypatch.setattr("checker.verify.run_suite", lambda *args: calls.append(args) or next(reports))
    outcome = judge(Case(kata, role, file, expected))
    assert (outcome.ok, len(calls)) == (ok, checks)


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
