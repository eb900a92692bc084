"""Words a learner reads in a real kata's messages, beyond the diagnostic code that `kata verify` checks."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def check(kata: str, file: Path, lang: str = "en") -> dict:
    proc = subprocess.run([sys.executable, "-m", "checker", "check", kata, "--file", str(file), "--json",
                           "--lang", lang], capture_output=True, text=True, timeout=120, cwd=REPO)
    return json.loads(proc.stdout)


@pytest.mark.parametrize("lang, words", [("en", "still running 1 s later: Process-"), ("fr", "tournaient encore 1 s plus tard : Process-")])
def test_a_process_left_running_is_named_with_the_function_it_runs(lang, words):
    """multiprocessing drops a started Process's target; kata 13's message still names it (noted at start)."""
    report = check("13", REPO / "tests" / "mistakes" / "13_processes_that_talk" / "consumer_left_running.py", lang)
    [failure] = [c for c in report["checks"] if c.get("code") == "leaked-process"]
    assert words in failure["message"] and ", consumer)" in failure["message"], failure["message"]


ESCAPES = '''
async def task(name, duration):
    print("\\x1b[2J\\x1b[H\\x1b[32mall checks passed\\x1b[0m\\r\\u202e")
    raise ValueError("\\x1b[31mboom\\x1b]52;c;aGk=\\x07")


def main():
    raise NotImplementedError
'''


def test_what_the_learner_printed_or_raised_reaches_no_terminal_as_control_characters(tmp_path):
    """An escape sequence could clear the screen and colour a fake "passed" (in a Classroom log, in a teacher's
    terminal), a carriage return rewrite a line: they are shown as their escapes."""
    answer = tmp_path / "answer.py"
    answer.write_text(ESCAPES, encoding="utf-8")
    report = check("01", answer)
    failed = [c for c in report["checks"] if c.get("code") == "crash"]
    assert failed
    for c in failed:
        text = c["message"] + c.get("output", "")
        assert not any(ch in text for ch in "\x1b\r\x07\u202e"), text
    assert "\\x1b[31mboom" in failed[0]["message"] and "\\x1b[2J" in failed[0]["output"], failed[0]
    plain = subprocess.run([sys.executable, "-m", "checker", "check", "01", "--file", str(answer)],
                           capture_output=True, text=True, timeout=120, cwd=REPO).stdout
    assert "\x1b" not in plain and "\\x1b[2J" in plain, plain
