"""A check's report as the learner reads it, from reports made here (fast): causes grouped, prints trimmed,
the failed check's timeline, checks drawn as they finish, titles and codes together."""

import io

import pytest
from rich.console import Console

from checker import render
from checker.catalog import Catalog
from checker.report import Check, Report
from checker.timeline import telling_check

SPANS = {"clock": "loop", "spans": [{"name": "worker", "start": 0, "end": 1}, {"name": "worker", "start": 1, "end": 2}]}


def blocking(name: str, seconds: float) -> Check:
    where = "mine.py:9 (time.sleep(duration))"
    return Check(name, False, "blocking-call", f"time.sleep ran inside the event loop at {where}: it froze the loop.",
                 "failed", details={"location": where, "seconds": seconds})


def draw(report: Report, width: int = 80, lang: str = "en", kata_ref: str = "01", root=None) -> str:
    buffer = io.StringIO()
    kata = Catalog(root).get(kata_ref)
    render.report_text(Console(file=buffer, width=width, highlight=False, color_system=None), kata, report, lang)
    return buffer.getvalue()


def report(checks: list[Check]) -> Report:
    """A report of kata 01 with these checks: passed or not, and its points, follow from them."""
    return Report(kata="01", max_points=10, duration_s=1.25, checks=checks)


@pytest.fixture
def root(kata_env):
    return kata_env


def test_failures_of_one_cause_are_told_once(root):
    text = draw(report([blocking("waits [0.5]", 0.5), Check("is async", True), blocking("waits [2.0]", 2.0),
                        blocking("other coroutines run", 1.0)]), root=root)
    assert text.count("it froze the loop") == 1
    assert text.count("(same cause as above)") == 2


def test_cases_of_one_parametrized_check_failing_alike_are_told_once(root):
    def case(test: str, params: str, took: float, said: str = "The tasks took") -> Check:
        return Check(f"{test} [{params}]", False, "not-concurrent", f"{said} {took} s; expected 5.0 s.",
                     "failed", test=f"test_x.py::{test}[{params}]")

    text = draw(report([case("takes the longest", "1-5", 15.0), case("takes the longest", "3-1-2", 6.0),
                        case("in flight together", "1-5", 15.0, "One at a time for"), Check("other", False, "wrong-result", "wrong",
                                                                       "failed", test="test_x.py::other[a]")]),
                root=root)
    assert "took 15.0 s" in text and "took 6.0 s" not in text and text.count("(same cause as above)") == 1
    assert "One at a time for" in text and "wrong" in text  # another check, another code: told


def test_a_title_and_its_code_stay_on_one_line(root):
    long_title = "task prints start before waiting and done after, and nothing else, in this order"
    for width in (40, 60, 80):
        text = draw(report([Check(long_title, False, "lost-updates", "lost", "failed")]), width=width, root=root)
        line = next(line for line in text.splitlines() if "[lost-updates]" in line)
        assert line.strip() != "[lost-updates]" and len(line) <= width


def test_what_the_code_printed_shows_trimmed_under_its_check(root):
    output = "".join(f"line {i}\n" for i in range(30))
    check = Check("returns the result", False, "wrong-result", "wrong", "failed", output=output)
    text = draw(report([check, Check("next one", True)]), root=root)
    under = text.split("returns the result", 1)[1].split("next one", 1)[0]
    assert "│ line 0" in under and "│ line 7" in under and "line 8\n" not in under
    assert "… 22 more lines" in under


def test_a_capped_record_says_how_much_was_cut(root):
    check = Check("x", False, "crash", "boom", "failed",
                  output="a\nb\n[output truncated: 9000 characters, the first 500 shown]")
    text = draw(report([check]), root=root, lang="fr")
    assert "│ a" in text and "8500 caractères de plus" in text and "truncated" not in text


def test_the_timeline_drawn_is_the_failed_checks_with_rows_that_differ(root):
    passing = Check("passes", True, details={"timeline": {"clock": "loop", "spans": [
        {"name": "other", "start": 0, "end": 1}, {"name": "thing", "start": 0, "end": 1}]}})
    failing = Check("fails", False, "not-concurrent", "one after another", "failed", details={"timeline": SPANS})
    chosen = report([passing, failing])
    assert telling_check(chosen) is failing
    text = draw(chosen, root=root)
    assert "worker #1" in text and "worker #2" in text and "other" not in text.split("“fails”")[1]
    assert telling_check(report([passing, Check("no picture", False, "wrong-result", "no", "failed")])) is None


def test_one_decimal_separator_per_language(root):
    text = draw(report([Check("fails", False, "not-concurrent", "x", "failed", details={"timeline": SPANS})]),
                root=root, lang="fr")
    assert "(1,2 s)" in text and "total : 2,00 s" in text and "." not in text.split("total")[1].split("(")[0]


def test_checks_show_as_they_finish_and_the_final_record_decides(root):
    buffer = io.StringIO()
    out = Console(file=buffer, width=80, highlight=False, color_system=None)
    live = render.LiveChecks(out, "en")
    first = Check("first", True, test="t::first")
    live.update([first, Check("second", False, status="not-run", test="t::second")])
    assert "✓ first" in buffer.getvalue() and "second" not in buffer.getvalue()
    final = [first, Check("second", False, "wrong-result", "wrong", "failed", test="t::second")]
    live.finish(Catalog(root).get("01"), report(final))
    text = buffer.getvalue()
    assert text.count("✓ first") == 1 and "✗ second [wrong-result]" in text and "not passed yet" in text


def test_no_line_ends_in_spaces(root):
    text = draw(report([blocking("a check", 1.0), Check("b", False, "crash", "x " * 200, "failed")]), width=60,
                root=root)
    assert all(line == line.rstrip() and len(line) <= 60 for line in text.splitlines())


def test_a_short_piece_of_code_is_not_cut_by_wrapping(root):
    message = "It froze the loop at mine.py:9. Expected: `await asyncio.sleep(duration)` in its place, which lets " \
              "the loop run other tasks; or `kata check 01 --seed 0x82e8 --file mine.py --timeline svg` instead."
    for width in (40, 60, 80):
        text = draw(report([Check("waits", False, "blocking-call", message, "failed")]), width=width, root=root)
        assert "`await asyncio.sleep(duration)`" in text and all(len(line) <= width for line in text.splitlines())
        assert "`kata check 01 --seed 0x82e8" in " ".join(text.split())  # a long one wraps as words do
