"""`kata new NN slug`: a new kata from templates, valid for the catalog and sound for `kata verify` at once."""

import shutil
from pathlib import Path

import pytest

from checker.catalog import Catalog
from checker.errors import KataError
from checker.scaffold import new_kata
from checker.verify import verify

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def course(tmp_path: Path) -> Path:
    """A kata repository with kata 01 only (other katas may be half-written while this runs)."""
    root = tmp_path / "course"
    for part in ("katas", "solutions", "tests/katas", "tests/mistakes"):
        shutil.copytree(REPO / part / "01_first_coroutine", root / part / "01_first_coroutine",
                        ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")
    return root


def files_under(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def test_new_kata_writes_the_four_folders(course):
    written = new_kata(course, "7", "bounded_queue")
    assert {p.relative_to(course).as_posix() for p in written} == {
        "katas/07_bounded_queue/kata.toml",
        "katas/07_bounded_queue/README.md",
        "katas/07_bounded_queue/README.fr.md",
        "katas/07_bounded_queue/bounded_queue.py",
        "tests/katas/07_bounded_queue/stub.py",
        "tests/katas/07_bounded_queue/test_bounded_queue.py",
        "solutions/07_bounded_queue/bounded_queue.py",
        "tests/mistakes/07_bounded_queue/wrong_result.py",
        "tests/mistakes/07_bounded_queue/blocking_sleep.py",
        "tests/mistakes/07_bounded_queue/no_wait.py",
        "tests/mistakes/07_bounded_queue/plain_function.py",
        "tests/mistakes/07_bounded_queue/waits_twice.py",
    }
    assert all("$" not in p.read_text(encoding="utf-8") for p in written), "a template placeholder was left"


def test_the_new_kata_is_in_the_catalog(course):
    new_kata(course, "07", "bounded_queue")
    kata = Catalog(course).get("bounded_queue")
    assert (kata.id, kata.file, kata.points) == ("07", "bounded_queue.py", 10)
    assert kata.title == {"en": "Bounded queue", "fr": "Bounded queue"} and len(kata.hints) == 3
    assert kata.stub_file.read_bytes() == kata.learner_file.read_bytes()
    assert kata.suite.is_file() and kata.solution_file.is_file() and kata.readme("fr").name == "README.fr.md"


def test_the_new_kata_verifies_green_as_written(course):
    new_kata(course, "07", "bounded_queue")
    outcomes = verify([Catalog(course).get("07")])
    assert [(o.case.role, o.case.file.name, o.got) for o in outcomes if not o.ok] == []
    assert sorted((o.case.role, o.got) for o in outcomes) == [
        ("kata", "passed"), ("mistake", "blocking-call"), ("mistake", "not-a-coroutine"),
        ("mistake", "wrong-result"), ("mistake", "wrong-timing"), ("mistake", "wrong-timing"),
        ("solution", "passed"), ("stub", "not-implemented")]


@pytest.mark.parametrize("number, slug, message", [
    ("01", "other_name", "number 01 is taken"),
    ("1", "other_name", "number 01 is taken"),
    ("09", "first_coroutine", "slug 'first_coroutine' is taken"),
    ("123", "fine", "not a kata number"),
    ("ab", "fine", "not a kata number"),
    ("09", "Bad-Name", "cannot name a kata"),
    ("09", "9lives", "cannot name a kata"),
    ("09", "", "cannot name a kata"),
    ("09", "queue", "already the name of a Python module"),
    ("09", "pytest", "already the name of a Python module"),
])
def test_a_bad_or_taken_name_is_refused_and_nothing_is_written(course, number, slug, message):
    before = files_under(course)
    with pytest.raises(KataError, match=message) as caught:
        new_kata(course, number, slug)
    assert "\n" not in str(caught.value)
    assert files_under(course) == before


def test_a_number_taken_only_by_a_half_written_kata_is_refused(course):
    (course / "tests/katas/08_draft").mkdir(parents=True)
    with pytest.raises(KataError, match="number 08 is taken"):
        new_kata(course, "8", "something_new")


def test_outside_a_kata_repository_it_says_where_to_run(tmp_path):
    with pytest.raises(KataError, match="no katas/ folder"):
        new_kata(tmp_path, "01", "anything")


def test_the_thread_template_writes_a_threads_kata(course):
    written = new_kata(course, "07", "squares", template="thread")
    names = {p.relative_to(course).as_posix() for p in written}
    assert {"katas/07_squares/squares.py", "tests/katas/07_squares/test_squares.py",
            "solutions/07_squares/squares.py"} <= names
    assert len([n for n in names if n.startswith("tests/mistakes/07_squares/")]) >= 5
    assert all("$" not in p.read_text(encoding="utf-8") for p in written), "a template placeholder was left"
    kata = Catalog(course).get("squares")
    assert "def square_all" in kata.learner_file.read_text(encoding="utf-8") and len(kata.hints) == 3
    assert "thread of its own" in kata.readme("en").read_text(encoding="utf-8")


def test_the_thread_kata_verifies_green_as_written(course):
    """What `kata verify` asks of a kata, as of the asyncio one: the solution passes, the stub fails with
    not-implemented, each mistake with its code — here the codes of threads."""
    new_kata(course, "07", "squares", template="thread")
    outcomes = verify([Catalog(course).get("07")])
    assert [(o.case.role, o.case.file.name, o.got) for o in outcomes if not o.ok] == []
    assert sorted((o.case.role, o.case.file.name) for o in outcomes if o.case.role == "mistake") == [
        ("mistake", "async_def.py"), ("mistake", "computes_itself.py"), ("mistake", "join_each_in_turn.py"),
        ("mistake", "never_joined.py"), ("mistake", "sequential_calls.py")]
    assert {(o.case.role, o.got) for o in outcomes if o.case.role != "mistake"} == {
        ("kata", "passed"), ("solution", "passed"), ("stub", "not-implemented")}


def test_an_unknown_template_is_refused_and_nothing_is_written(course):
    before = files_under(course)
    with pytest.raises(KataError, match="No kata template 'processes'"):
        new_kata(course, "07", "squares", template="processes")
    assert files_under(course) == before


def test_kata_new_takes_the_template_option(course):
    from click.testing import CliRunner

    from checker.cli import cli

    result = CliRunner().invoke(cli, ["new", "07", "squares", "--template", "thread"], env={"KATA_ROOT": str(course)},
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "square_all" in (course / "katas/07_squares/squares.py").read_text(encoding="utf-8")
