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
