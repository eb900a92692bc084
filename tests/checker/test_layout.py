"""What the learner's terminal shows fits it: every line within the width, none ending in spaces, the home
screen within 80×24, a learner's prints under the check that printed them, the header of a check at once."""

import io
import json
import os
import pty
import re
import select
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker import render
from checker.catalog import Catalog
from checker.cli import cli
from checker.progress import ProgressStore
from checker.report import Report

REPO = Path(__file__).resolve().parents[2]
WIDTHS = [60, 80, 120]
LANGS = ["en", "fr"]
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def assert_fits(text: str, width: int) -> None:
    for line in ANSI.sub("", text).split("\n"):
        assert len(line) <= width, f"{len(line)} > {width} columns: {line!r}"
        assert line == line.rstrip(), f"ends in spaces: {line!r}"


@pytest.fixture(scope="session")
def course(tmp_path_factory) -> Path:
    """A course with a history that makes long rows: codes, a pass then an edit, a busy run, hints."""
    root = tmp_path_factory.mktemp("layout") / "course"
    for part in ("katas", "tests/katas", "solutions"):
        shutil.copytree(REPO / part, root / part, ignore=shutil.ignore_patterns("__pycache__"))
    store = ProgressStore(root)
    store.record_attempt("01", False, ["blocking-call", "not-awaited", "wrong-output"], 0.5, 0)
    store.record_attempt("03", True, [], 0.4, 10, digest="not the file as it is now")
    store.record_attempt("04", False, ["busy-machine"], 3.0, 0, busy=True)
    store.record_attempt("05", False, ["not-concurrent", "leaked-thread"], 1.0, 0)
    store.record_hint("05", 1)
    return root


def run(course: Path, width: int, *args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False,
                              env={"KATA_ROOT": str(course), "COLUMNS": str(width), "KATA_LANG": "en"})


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("command", [[], ["list"], ["progress"], ["hint", "01"]], ids=lambda c: " ".join(c) or "kata")
def test_listings_and_hints_fit_the_terminal(course, command, lang, width):
    result = run(course, width, "--lang", lang, *command)
    assert result.exit_code == 0, result.output
    assert_fits(result.output, width)
    if command == ["list"] and width >= 80:
        assert "Fix the race" in result.output or "Corriger la course critique" in result.output


@pytest.mark.parametrize("lang", LANGS)
def test_the_home_screen_fits_80_by_24(course, lang):
    result = run(course, 80, "--lang", lang)
    assert len(result.output.rstrip("\n").split("\n")) <= 24
    assert_fits(result.output, 80)


def test_status_tells_the_file_as_it_is_now(course):
    out = run(course, 120, "list").output
    rows = {line[:2]: line for line in out.splitlines()}
    assert "passed, file changed since" in rows["03"]  # passed once, the file differs now
    assert "busy-machine" in rows["04"] and "failed" not in rows["04"]
    assert "failed (blocking-call +2)" in rows["01"]


def test_hints_have_no_backticks_and_break_between_words(course):
    out = run(course, 60, "hint", "02").output.splitlines()
    hint = Catalog(course).get("02").hints[0]["en"]
    assert out[0] == "Hint 1/3 for kata 02:"
    assert " ".join(out[1:]) == " ".join(hint.replace("`", "").split())  # no word cut in two
    assert_fits("\n".join(out), 60)


@pytest.fixture(scope="session")
def failing_02(course) -> dict[str, Report]:
    """`kata check 02` of a sequential mistake, one real run per language."""
    kata = Catalog(course).get("02")
    shutil.copy(REPO / "tests/mistakes/02_five_parallel_tasks/sequential_awaits.py", kata.learner_file)
    reports = {}
    for lang in LANGS:
        out = subprocess.run([sys.executable, "-m", "checker", "check", "02", "--json", "--lang", lang],
                             capture_output=True, text=True, timeout=120,
                             env={**os.environ, "KATA_ROOT": str(course)}).stdout
        data = json.loads(out)
        reports[lang] = Report.from_json(data, lang)
    return reports


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
def test_a_failing_check_fits_the_terminal(course, failing_02, lang, width):
    from rich.console import Console

    report = failing_02[lang]
    assert not report.passed and "not-concurrent" in report.codes
    buffer = io.StringIO()
    render.report_text(Console(file=buffer, width=width, highlight=False, color_system=None), Catalog(course).get("02"),
                       report, lang)
    text = buffer.getvalue()
    assert_fits(text, width)
    assert "[not-concurrent]" in text and "│" in text  # the code, and the timeline of the failed check
    if lang == "fr":  # one decimal separator in a report, French typography
        assert not re.search(r"\d\.\d+ s", text) and "total : " in text


def test_a_check_in_the_real_program_fits_60_columns_in_french(course, failing_02):
    result = subprocess.run([sys.executable, "-m", "checker", "--lang", "fr", "check", "02"], capture_output=True,
                            text=True, timeout=120, env={**os.environ, "KATA_ROOT": str(course), "COLUMNS": "60"})
    assert result.returncode == 1 and "[not-concurrent]" in result.stdout
    assert_fits(result.stdout, 60)
    title_lines = [line for line in result.stdout.splitlines() if "[not-concurrent]" in line]
    assert all(line.strip() != "[not-concurrent]" for line in title_lines)  # a code never sits alone


PRINTS = '''import asyncio


async def task(name, duration):
    for i in range(30):
        print(f"debug {name} {i}")
    await asyncio.sleep(duration)
    return "not the result"


def main():
    return asyncio.run(task("kata", 1.0))
'''


def test_a_learners_print_shows_under_the_check_that_printed_it(course, tmp_path):
    mine = tmp_path / "prints.py"
    mine.write_text(PRINTS)
    result = subprocess.run([sys.executable, "-m", "checker", "check", "01", "--file", str(mine)],
                            capture_output=True, text=True, timeout=120,
                            env={**os.environ, "KATA_ROOT": str(course), "COLUMNS": "80", "KATA_LANG": "en"})
    lines = result.stdout.splitlines()
    returns = next(i for i, line in enumerate(lines) if line.startswith(" ✗ task returns"))
    following = next(i for i in range(returns + 1, len(lines)) if lines[i].startswith((" ✓", " ✗", " –")))
    under = "\n".join(lines[returns:following])
    assert "Your code printed:" in under and "│ debug" in under, under
    assert re.search(r"… \d+ more lines", under)  # trimmed, with a count of what was cut
    assert_fits(result.stdout, 80)


def test_kata_check_prints_its_header_at_once_then_each_check(course):
    """Measured against the program's own start-up on this machine (`kata --version`): the header comes
    within 1 s of that, before the first check. On a machine too busy to time a start-up under 1 s (before
    or after the check: the load may change meanwhile), the timing is skipped with its reason (the order is
    still checked)."""
    env = {**os.environ, "KATA_ROOT": str(course), "KATA_LANG": "en", "COLUMNS": "80"}

    def start_up() -> float:
        started = time.monotonic()
        subprocess.run([sys.executable, "-m", "checker", "--version"], capture_output=True, env=env, timeout=60)
        return time.monotonic() - started

    startup = start_up()
    master, slave = pty.openpty()
    started = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-m", "checker", "check", "04"], stdin=slave, stdout=slave,
                            stderr=slave, env=env, close_fds=True)
    os.close(slave)
    seen, header_at, first_check_at = b"", None, None
    try:
        while time.monotonic() - started < 90 and first_check_at is None:
            if select.select([master], [], [], 0.05)[0]:
                try:
                    seen += os.read(master, 4096)
                except OSError:  # the program ended and closed its side
                    break
                if header_at is None and b"Kata 04" in seen:
                    header_at = time.monotonic() - started
                if first_check_at is None and re.search("(✓|✗|–) ".encode(), seen):
                    first_check_at = time.monotonic() - started
    finally:
        proc.kill()
        proc.wait()
        os.close(master)
    ended = time.monotonic() - started
    assert header_at is not None, seen.decode(errors="replace")
    assert first_check_at is not None and header_at < first_check_at <= ended  # not all at the end
    startup = max(startup, start_up())  # the load may have changed meanwhile
    if startup > 1.0:  # a machine this busy cannot time a second: say so rather than fail or pass silently
        pytest.skip(f"the machine is too busy to time the header (start-up alone took {startup:.1f} s); "
                    f"it came {first_check_at - header_at:.1f} s before the first check")
    assert header_at - startup < 1.0, f"header after {header_at:.2f} s (start-up {startup:.2f} s)"


def test_reset_then_status_is_not_passed(course):
    store = ProgressStore(course)
    kata = Catalog(course).get("06")
    kata.learner_file.unlink()
    store.record_attempt("06", True, [], 0.2, 10)
    result = run(course, 80, "reset", "06")
    assert "was missing; the stub is back" in result.output
    row = next(line for line in run(course, 120, "list").output.splitlines() if line.startswith("06"))
    assert "passed" not in row and "reset to the stub" in row
