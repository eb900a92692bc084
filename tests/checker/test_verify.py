"""`kata verify` over the real katas: solutions pass, stubs fail with not-implemented, every known mistake
gets the code it declares. This is the proof that each hidden suite judges what it claims to."""

from collections import defaultdict
from pathlib import Path

import pytest

from checker.catalog import Catalog
from checker.verify import Case, judge, verify
from checker.verify import judge_repeatedly as verify_one

REPO = Path(__file__).resolve().parents[2]
KATAS = list(Catalog(REPO))


@pytest.fixture(scope="session")
def shared_outcomes() -> dict:
    """Every case of the katas that may share the machine, in one pool kept full (most checks wait on virtual
    time, sleeps or child processes, so three jobs per core). Exclusive katas run alone, later."""
    by_kata = defaultdict(list)
    for outcome in verify([k for k in KATAS if not k.exclusive]):
        by_kata[outcome.case.kata.id].append(outcome)
    return by_kata


@pytest.mark.parametrize("kata", KATAS, ids=lambda k: k.folder)
def test_kata_verifies(kata, request):
    outcomes = verify([kata]) if kata.exclusive else request.getfixturevalue("shared_outcomes")[kata.id]
    bad = [f"{o.case.role} {o.case.file.name}: expected {o.case.expected or 'pass'}, got {o.got} {o.problem}"
           for o in outcomes if not o.ok]
    assert not bad, "\n".join(bad)
    roles = [o.case.role for o in outcomes]
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
