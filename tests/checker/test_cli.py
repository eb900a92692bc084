"""The `kata` command, through click's CliRunner (fast commands) and a real subprocess (check)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import cli

REPO = Path(__file__).resolve().parents[2]
SOLUTION = REPO / "solutions/01_first_coroutine/first_coroutine.py"
COMMANDS = [[], ["list"], ["show"], ["check"], ["hint"], ["next"], ["watch"], ["progress"], ["reset"],
            ["verify"], ["grade"], ["solution"], ["export"], ["new"]]


def run(*args, **kwargs):
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False, **kwargs)
    return result


def kata(*args, env=None, cwd=None):
    """The real program, as a learner runs it."""
    return subprocess.run([sys.executable, "-m", "checker", *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, cwd=cwd, timeout=120)


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "kata")
def test_every_command_has_help(command):
    result = run(*command, "--help")
    assert result.exit_code == 0 and "Usage: " in result.output


def test_list_shows_every_kata_with_status_and_points(kata_env):
    result = run("list")
    assert result.exit_code == 0
    assert "01" in result.output and "Your first coroutine" in result.output and "0/10" in result.output


def test_list_speaks_french(kata_env):
    assert "Votre première coroutine" in run("list", "--lang", "fr").output


@pytest.mark.parametrize("args", [["check", "99"], ["show", "nope"], ["hint", "42"], ["reset", "0"],
                                  ["watch", "99"], ["verify", "--katas", "1,99"]])
def test_an_unknown_kata_is_one_line_and_exit_2(kata_env, args):
    result = run(*args)
    assert result.exit_code == 2
    assert result.output.strip().count("\n") == 0 and "Unknown kata" in result.output


@pytest.mark.parametrize("args", [["check", "01", "--lang", "de"], ["check", "--seed", "x"], ["list", "--bogus"]])
def test_bad_arguments_exit_2(kata_env, args):
    assert run(*args).exit_code == 2


def test_check_on_a_missing_file_is_exit_2(kata_env, tmp_path):
    result = run("check", "01", "--file", str(tmp_path / "nope.py"))
    assert result.exit_code == 2 and "No file at" in result.output
    assert "kata reset" not in result.output  # resetting the kata would not bring that file


@pytest.mark.parametrize("make, message", [
    (lambda p: p.mkdir(), "is a folder"),
    (lambda p: p.symlink_to(p), "Cannot open"),
    (lambda p: p.write_bytes(b"#" * 50_000_000), "MB"),
])
def test_unusable_files_are_exit_2_with_a_reason(kata_env, tmp_path, make, message):
    path = tmp_path / "answer.py"
    make(path)
    result = run("check", "01", "--file", str(path))
    assert result.exit_code == 2 and message in result.output


def test_check_json_prints_one_object_with_the_design_shape(kata_env):
    result = kata("check", "01", "--file", str(SOLUTION), "--json", env={"KATA_ROOT": str(kata_env)})
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert {"kata", "passed", "points", "max_points", "duration_s", "checks"} <= set(data)
    assert data["kata"] == "01" and data["passed"] is True and data["points"] == data["max_points"] == 10
    assert all({"name", "passed", "code", "message"} <= set(c) for c in data["checks"])


def test_check_of_the_stub_fails_with_exit_1_and_is_recorded(kata_env):
    result = kata("check", "1", env={"KATA_ROOT": str(kata_env)})
    assert result.returncode == 1 and "not-implemented" in result.stdout
    progress = run("progress")
    assert "not-implemented" in progress.output and "1" in progress.output


def test_check_with_file_records_no_progress(kata_env):
    kata("check", "01", "--file", str(SOLUTION), env={"KATA_ROOT": str(kata_env)})
    assert not (kata_env / ".kata" / "progress.jsonl").exists()


def test_check_text_speaks_french(kata_env):
    result = kata("check", "01", "--lang", "fr", env={"KATA_ROOT": str(kata_env)})
    assert "lève encore NotImplementedError" in result.stdout and "pas encore réussi" in result.stdout


def test_hints_come_one_at_a_time_and_are_remembered(kata_env):
    first, second = run("hint", "01").output, run("hint", "01").output
    assert "1/3" in first and "2/3" in second
    run("hint", "01")
    last = run("hint", "01")
    assert last.exit_code == 0 and "No more hints" in last.output
    assert "3/3" in run("list").output


def test_next_names_the_first_kata_not_passed(kata_env):
    assert "Next kata: 01" in run("next").output


@pytest.mark.parametrize("command", ["show", "check", "hint", "watch", "next"])
def test_without_a_kata_once_every_kata_is_passed_the_command_says_so_and_does_nothing(kata_env, command):
    from checker.catalog import Catalog
    from checker.progress import ProgressStore

    store = ProgressStore(kata_env)
    for kata in Catalog(kata_env):
        store.record_attempt(kata.id, True, [], 0.1, kata.points)
    before = run("progress", "--format", "json").output
    result = run(command)
    assert (result.exit_code, result.output) == (0, "Every kata is passed. Well done!\n")
    assert run("progress", "--format", "json").output == before  # no check run, no hint taken
    assert "1/3" in run("hint", "01").output  # a kata named still works


def test_reset_restores_the_stub_and_keeps_a_backup(kata_env):
    learner = kata_env / "katas/01_first_coroutine/first_coroutine.py"
    stub = learner.read_bytes()
    learner.write_text("# my precious work\n")
    result = run("reset", "01")
    assert result.exit_code == 0 and learner.read_bytes() == stub
    backups = list((kata_env / ".kata/backups/01_first_coroutine").iterdir())
    assert [b.read_text() for b in backups] == ["# my precious work\n"]
    assert "nothing to reset" in run("reset", "01").output
    assert len(list((kata_env / ".kata/backups/01_first_coroutine").iterdir())) == 1


def test_reset_of_a_deleted_file_brings_the_stub_back(kata_env):
    learner = kata_env / "katas/01_first_coroutine/first_coroutine.py"
    stub = learner.read_bytes()
    learner.unlink()
    result = run("reset", "1")
    assert result.exit_code == 0 and learner.read_bytes() == stub
    assert "was missing" in result.output and "already holds" not in result.output


def test_an_unreadable_progress_folder_is_one_line_and_exit_2(kata_env):
    (kata_env / ".kata").write_text("not a folder")
    result = run("hint", "01")
    assert result.exit_code == 2 and "progress store" in result.output


def test_kata_without_command_shows_where_the_learner_is(kata_env):
    result = run()
    assert result.exit_code == 0 and "01" in result.output and "Next: kata" in result.output


def test_home_screen_shows_a_progress_bar_and_the_one_command_to_run(kata_env):
    result = run()
    assert "0%" in result.output and "Next: kata show 01" in result.output
    kata("check", "01", env={"KATA_ROOT": str(kata_env)})
    assert "Next: kata check 01" in run().output


def test_home_screen_works_in_french_without_a_terminal(kata_env):
    result = run("--lang", "fr")
    assert result.exit_code == 0 and "Ensuite : kata show 01" in result.output and "\x1b[" not in result.output


def _passed_01(kata_env):
    learner = kata_env / "katas/01_first_coroutine/first_coroutine.py"
    learner.write_bytes(SOLUTION.read_bytes())
    assert kata("check", "01", env={"KATA_ROOT": str(kata_env)}).returncode == 0


def test_progress_for_teachers_as_json_and_csv(kata_env):
    kata("check", "01", env={"KATA_ROOT": str(kata_env)})
    run("hint", "01")
    _passed_01(kata_env)
    data = json.loads(run("progress", "--format", "json").output)
    first = data["katas"][0]
    assert first["kata"] == "01" and first["attempts"] == 2 and first["passed"] and first["hints_used"] == 1
    assert first["codes"] == {"not-implemented": 1} and first["time_to_first_pass_s"] >= 0
    csv_lines = run("progress", "--format", "csv").output.splitlines()
    assert csv_lines[0].startswith("kata,title,passed,attempts") and csv_lines[1].startswith("01,")


def test_the_solution_opens_only_after_passing(kata_env):
    refused = run("solution", "01")
    assert refused.exit_code == 2 and "Pass kata 01 first" in refused.output
    _passed_01(kata_env)
    shown = run("solution", "01")
    assert shown.exit_code == 0 and "asyncio.run(task(" in shown.output and "what to remember" in shown.output


def test_without_solutions_the_command_says_why(kata_env):
    import shutil

    shutil.rmtree(kata_env / "solutions")
    result = run("solution", "01")
    assert result.exit_code == 2 and "No reference solution" in result.output


def test_a_passing_check_points_at_the_solution(kata_env):
    learner = kata_env / "katas/01_first_coroutine/first_coroutine.py"
    learner.write_bytes(SOLUTION.read_bytes())
    assert "kata solution 01" in kata("check", "01", env={"KATA_ROOT": str(kata_env)}).stdout


@pytest.mark.parametrize("name", ["1", "first-coroutine", "first_coroutine", "01_first_coroutine",
                                  "katas/01_first_coroutine/", "katas/01_first_coroutine/first_coroutine.py",
                                  "first_coroutine.py"])
def test_a_kata_is_named_as_a_learner_would(kata_env, name):
    result = run("hint", name)
    assert result.exit_code == 0 and "kata 01" in result.output


@pytest.mark.parametrize("command", ["show", "hint"])
def test_without_a_name_a_command_means_the_next_kata(kata_env, command):
    result = run(command)
    assert result.exit_code == 0 and ("first_coroutine.py" in result.output or "kata 01" in result.output)


def test_the_language_may_come_before_the_command(kata_env):
    assert "titre" in run("--lang", "fr", "list").output and "titre" in run("list", "--lang", "fr").output
    assert "Kata inconnu" in run("--lang", "fr", "check", "99").output


def test_a_seed_on_a_kata_without_races_says_it_does_nothing(kata_env):
    result = kata("check", "01", "--seed", "0x3f2a", "--json", env={"KATA_ROOT": str(kata_env)})
    assert "--seed has no effect" in result.stderr and json.loads(result.stdout)["kata"] == "01"
    assert "--seed" not in kata("check", "03", "--seed", "7", "--json", env={"KATA_ROOT": str(kata_env)}).stderr


NOT_AWAITED = """import asyncio


async def task(name, duration):
    await asyncio.sleep(duration)
    return f"result of {name}"


async def runner():
    coro = task("kata", 1.0)
    return "nothing"


def main():
    return asyncio.run(runner())
"""


def test_not_awaited_names_the_line_that_created_the_coroutine(kata_env, tmp_path):
    mine = tmp_path / "mine.py"
    mine.write_text(NOT_AWAITED)
    out = kata("check", "01", "--file", str(mine), env={"KATA_ROOT": str(kata_env), "COLUMNS": "200"}).stdout
    assert "never awaited at mine.py:10" in out and "mine.py:15" not in out


def test_a_syntax_error_shows_the_line_and_a_caret(kata_env, tmp_path):
    mine = tmp_path / "mine.py"
    mine.write_text("import asyncio\n\nasync def task(name, duration):\n    x = = 3\n")
    out = kata("check", "01", "--file", str(mine), env={"KATA_ROOT": str(kata_env)}).stdout
    lines = out.splitlines()
    at = next(i for i, line in enumerate(lines) if line.strip() == "4 | x = = 3")
    assert lines[at + 1].strip() == "^" and lines[at + 1].index("^") == lines[at].index("= 3")
