"""`kata verify` over the real katas: solutions pass, stubs fail with not-implemented, every known mistake
gets the code it declares. This is the proof that each hidden suite judges what it claims to."""

from pathlib import Path

import pytest

from checker.catalog import Catalog
from checker.verify import Case, judge, verify

REPO = Path(__file__).resolve().parents[2]
KATAS = list(Catalog(REPO))


@pytest.mark.parametrize("kata", KATAS, ids=lambda k: k.folder)
def test_kata_verifies(kata):
    outcomes = verify([kata])
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
