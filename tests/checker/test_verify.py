"""`kata verify` over the real katas, one test per case: each kata has what a kata needs, solutions pass with
every point, stubs fail with not-implemented, every known mistake gets the code it declares. This is the proof
that each hidden suite judges what it claims to (`-k 04`, `-k 03_fix_the_race-mistake` pick some).

The cases that may share the machine run in the fast tier, spread over its workers beside the other tests;
those of exclusive katas that meet a timed verdict are marked `realtime` (their own tier, one at a time,
tests/conftest.py). A case the machine stayed too busy to measure is skipped, by name and with the reason:
never passed, never failed."""

import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from checker.catalog import Catalog
from checker.errors import CatalogError
from checker.formats import verify_json
from checker.report import Check, Report
from checker.verify import BUSY_RETRIES, MIN_MISTAKES, Case, cases, judge, missing, runs_alone
from checker.verify import judge_repeatedly as verify_one

REPO = Path(__file__).resolve().parents[2]
KATAS = list(Catalog(REPO))
SPAWN_S = 30  # beyond the checks' own limits: starting the child, killing its group, on a loaded machine


def case_param(case: Case):
    """One test per case; its time limit is the checks' own (every try at busy-machine included)."""
    limit = SPAWN_S + (0 if case.role == "kata" else case.kata.timeout_s * (BUSY_RETRIES + 1))
    marks = [pytest.mark.timeout(limit)] + ([pytest.mark.realtime] if runs_alone(case) else [])
    name = case.kata.folder if case.role == "kata" else f"{case.kata.folder}-{case.role}-{case.file.stem}"
    return pytest.param(case, id=name, marks=marks)


@pytest.mark.parametrize("case", [case_param(c) for kata in KATAS for c in cases(kata)])
def test_case(case, request):
    outcome = judge(case)
    if outcome.unmeasured:
        pytest.skip(f"{request.node.callspec.id} {outcome.problem}")
    assert outcome.ok, f"{case.role} {case.file.name}: expected {case.expected or 'pass'}, got {outcome.got}: " \
                       f"{outcome.problem}{failing_checks(outcome)}"


def failing_checks(outcome) -> str:
    """Each failed check's title, code and message: what a flaky verdict in CI needs to be understood."""
    checks = [c for c in (outcome.report.checks if outcome.report is not None else []) if not c.passed]
    return "".join(f"\n  ✗ {c.name} [{c.code}] {' '.join((c.message or '').split())[:600]}" for c in checks[:4])


def test_every_kata_has_one_case_per_file():
    for kata in KATAS:
        roles = [c.role for c in cases(kata)]
        assert roles.count("kata") == roles.count("solution") == roles.count("stub") == 1, kata.id
        assert roles.count("mistake") >= MIN_MISTAKES, kata.id


def test_what_a_kata_lacks_is_said(course):
    kata = Catalog(course).get("02")
    for mistake in sorted(kata.mistakes_dir.glob("*.py"))[MIN_MISTAKES - 1:]:
        mistake.unlink()
    (kata.kata_dir / "README.fr.md").unlink()
    kata.solution_file.unlink()
    kata.stub_file.unlink()
    outcome = judge(Case(kata, "kata", kata.kata_dir, None))
    assert not outcome.ok and outcome.got == "incomplete"
    assert "no reference solution at" in outcome.problem and "no README.fr.md" in outcome.problem
    assert "no pristine stub" in outcome.problem and f"4 known mistakes" in outcome.problem
    assert "README.md" not in outcome.problem.replace("README.fr.md", "")
    french = outcome.problem_in("fr")  # `kata --lang fr verify` says it in French; the JSON keeps English
    assert "pas de solution de référence" in french and "4 erreurs connues" in french and "README.fr.md" in french
    assert missing(Catalog(REPO).get("02")) == []


def test_a_stub_that_differs_from_its_pristine_copy_is_reported(course):
    kata = Catalog(course).get("01")
    kata.learner_file.write_text(kata.learner_file.read_text() + "\n# edited\n")
    outcome = judge(Case(kata, "stub", kata.learner_file, "not-implemented"))
    assert not outcome.ok and "differs from the pristine copy" in outcome.problem
    assert "diffère de sa copie intacte" in outcome.problem_in("fr")


def test_a_solution_must_earn_every_point(course):
    toml = course / "katas/01_first_coroutine/kata.toml"  # two tasks, and no check of the suite names one
    toml.write_text(toml.read_text() + '\n[[tasks]]\nid = "a"\npoints = 4\n\n[[tasks]]\nid = "b"\npoints = 6\n')
    kata = Catalog(course).get("01")
    outcome = judge(Case(kata, "solution", kata.solution_file, None))
    assert outcome.report.passed and not outcome.ok
    assert "earned 0 of 10 points" in outcome.problem


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
    checks = [c for c in cases(kata) if c.role != "kata"]  # the look at its folders runs no check
    assert kata.exclusive and not kata.timed_codes and checks and all(runs_alone(c) for c in checks)


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
    gave_up = not ok and all(report.busy for report in [report_of(*codes) for codes in runs[:checks]])
    assert outcome.unmeasured is gave_up and ("not measured" in outcome.problem) is gave_up


def test_a_case_too_busy_to_measure_is_a_named_skip_and_only_a_wrong_verdict_fails(monkeypatch):
    kata = Catalog(REPO).get("04")
    case = Case(kata, "mistake", kata.mistakes_dir / "one_worker.py", "no-speedup")
    request = SimpleNamespace(node=SimpleNamespace(callspec=SimpleNamespace(id="04-mistake-one_worker")))
    monkeypatch.setattr("checker.verify.run_suite", lambda *args: report_of("busy-machine"))
    with pytest.raises(pytest.skip.Exception, match=r"^04-mistake-one_worker not measured: the machine stayed"):
        test_case(case, request)
    mixed = report_of("busy-machine", "wrong-result")
    monkeypatch.setattr("checker.verify.run_suite", lambda *args: mixed)
    with pytest.raises(AssertionError, match="expected no-speedup, got busy-machine, wrong-result"):
        test_case(case, request)
    monkeypatch.setattr("checker.verify.run_suite", lambda *args: report_of("no-speedup"))
    test_case(case, request)


def test_a_mistake_without_a_declared_code_is_reported(tmp_path):
    kata = Catalog(REPO).get("01")
    silent = tmp_path / "silent.py"
    silent.write_text("x = 1\n")
    outcome = judge(Case(kata, "mistake", silent, "?"))
    assert not outcome.ok and "declares no known code" in outcome.problem


def test_a_verdict_that_flips_between_runs_is_reported(tmp_path, monkeypatch):
    monkeypatch.setenv("KATA_TEST_NO_LANDLOCK", "1")  # the file counts its runs beside it: a write confinement forbids
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
