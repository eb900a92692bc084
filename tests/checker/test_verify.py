"""`kata verify` over the real katas: solutions pass, stubs fail with not-implemented, every known mistake
gets the code it declares. This is the proof that each hidden suite judges what it claims to."""

import json
from pathlib import Path

import pytest

from checker.catalog import Catalog
from checker.formats import verify_json
from checker.verify import Case, judge, verify
from checker.verify import judge_repeatedly as verify_one

REPO = Path(__file__).resolve().parents[2]
KATAS = list(Catalog(REPO))


def background_unless_exclusive(kata):
    """Katas that may share the machine are verified in the background (tests/conftest.py), beside the other
    tests; exclusive katas run here, alone, once that is over."""
    return pytest.param(kata, id=kata.folder, marks=() if kata.exclusive else pytest.mark.verify_in_background)


@pytest.mark.parametrize("kata", [background_unless_exclusive(k) for k in KATAS])
def test_kata_verifies(kata, background_verify):
    verified = background_verify.wait()
    cases = json.loads(verify_json(verify([kata]), REPO))["cases"] if kata.exclusive else verified[kata.id]
    bad = [f"{c['role']} {Path(c['file']).name}: expected {c['expected'] or 'pass'}, got {c['got']} {c['problem']}"
           for c in cases if not c["ok"]]
    assert not bad, "\n".join(bad)
    roles = [c["role"] for c in cases]
    assert roles.count("solution") == 1 and roles.count("stub") == 1 and roles.count("mistake") >= 5
    assert (kata.kata_dir / "README.md").is_file() and (kata.kata_dir / "README.fr.md").is_file()
    assert kata.stub_file.read_bytes() == kata.learner_file.read_bytes()


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
