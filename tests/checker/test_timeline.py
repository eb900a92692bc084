"""Timelines: golden text at a fixed width, pictures, and the shape of real checks' spans."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree as ET

from checker.timeline import Span, page, svg, text

REPO = Path(__file__).resolve().parents[2]
STAIRCASE = [Span("task('task 1')", 0, 1), Span("task('task 2')", 1, 3), Span("task('task 3')", 3, 6)]
STACKED = [Span("task('task 1')", 0, 1), Span("task('task 2')", 0, 2), Span("task('task 3')", 0, 3)]


def test_sequential_work_draws_a_staircase():
    assert text(STAIRCASE, "loop", "en", width=42) == "\n".join([
        "task('task 1') │██           │ 0.00–1.00 s",
        "task('task 2') │  ████       │ 1.00–3.00 s",
        "task('task 3') │      ███████│ 3.00–6.00 s",
        '               0 s      6.00 s',
        'total: 6.00 s (event-loop time)',
    ])


def test_concurrent_work_draws_stacked_bars_in_french_typography():
    assert text(STACKED, "wall", "fr", width=42) == "\n".join([
        "task('task 1') │████         │ 0,00–1,00 s",
        "task('task 2') │█████████    │ 0,00–2,00 s",
        "task('task 3') │█████████████│ 0,00–3,00 s",
        '               0 s      3,00 s',
        'total : 3,00 s (temps réel)',
    ])


def test_long_names_are_cut_and_short_spans_still_show():
    drawn = text([Span("a" * 40, 0, 0.001), Span("b", 0, 10)], "loop", "en", width=60)
    assert "aaaaaaaaaaaaaaaaaaa… │█ " in drawn and all(len(line) <= 60 for line in drawn.splitlines())


def test_rows_of_the_same_name_are_numbered_and_fit_the_width():
    drawn = text([Span("worker", 0, 1), Span("worker", 0, 2), Span("producer", 0, 2)], "loop", "en", width=60)
    assert "worker #1" in drawn and "worker #2" in drawn
    assert all(len(line) <= 60 and line == line.rstrip() for line in drawn.splitlines())


def test_svg_labels_fit_inside_the_picture():
    root = ET.fromstring(svg([Span("a rather long worker name #12", 0, 1), Span("b", 0, 2)], "loop", "fr", "t"))
    width = float(root.get("width"))
    texts = root.findall("{http://www.w3.org/2000/svg}text")
    assert any(t.text == "a rather long worker name #12" for t in texts)
    bars = root.findall("{http://www.w3.org/2000/svg}rect")
    assert min(float(r.get("x")) for r in bars) >= 10 + 8 * len("a rather long worker name #12")
    assert all(float(r.get("x")) + float(r.get("width")) <= width for r in bars)


def test_svg_and_html_pictures_are_well_formed():
    root = ET.fromstring(svg(STAIRCASE, "loop", "en", "Kata 02 <five>"))
    assert root.tag.endswith("svg") and len(root.findall("{http://www.w3.org/2000/svg}rect")) == 3
    assert page(STACKED, "loop", "fr", "t").startswith("<!doctype html>")


def test_the_reference_solution_of_kata_01_runs_its_tasks_side_by_side(kata_env, tmp_path):
    result = subprocess.run([sys.executable, "-m", "checker", "check", "01", "--file",
                             str(REPO / "solutions/01_first_coroutine/first_coroutine.py"), "--json",
                             "--timeline", "svg"], capture_output=True, text=True, cwd=tmp_path, timeout=60,
                            env={**os.environ, "KATA_ROOT": str(kata_env)})
    checks = json.loads(result.stdout)["checks"]
    spans = next(c["details"]["timeline"]["spans"] for c in checks if "other coroutines" in c["name"])
    tasks = [s for s in spans if s["name"].startswith("task(")]
    assert len(tasks) == 2 and all(s["start"] == 0 and s["end"] == 1.0 for s in tasks)
    assert not (tmp_path / "kata-01-timeline.svg").exists()  # pictures go under .kata/, never the folder here
    assert (kata_env / ".kata/timelines/kata-01-timeline.svg").is_file() and ".kata/timelines" in result.stderr


def spans_of(kata, file):
    result = subprocess.run([sys.executable, "-m", "checker", "check", kata, "--file", str(file), "--json"],
                            capture_output=True, text=True, timeout=60, env={**os.environ, "KATA_ROOT": str(REPO)})
    checks = json.loads(result.stdout)["checks"]
    check = next(c for c in checks if "as long as the longest" in c["name"] and "timeline" in c.get("details", {}))
    return check["details"]["timeline"]["spans"]


def test_kata_02_reference_stacks_its_five_tasks_and_the_sequential_mistake_is_a_staircase():
    stacked = spans_of("02", REPO / "solutions/02_five_parallel_tasks/five_parallel_tasks.py")
    assert [(s["start"], s["end"]) for s in stacked] == [(0, 1), (0, 2), (0, 3), (0, 4), (0, 5)]
    stairs = spans_of("02", REPO / "tests/mistakes/02_five_parallel_tasks/sequential_awaits.py")
    assert [(s["start"], s["end"]) for s in stairs] == [(0, 1), (1, 3), (3, 6), (6, 10), (10, 15)]


def test_a_lost_update_draws_the_two_threads_that_overlapped_in_scheduler_steps():
    from checker.child.races import RaceProbe

    events = [("A", "read", 0), ("A", "write", 1), ("B", "read", 1), ("C", "read", 1), ("B", "acquire", "x"),
              ("C", "write", 2), ("B", "write", 2), ("A", "end", None)]
    spans = RaceProbe(seed=1).spans(events)
    assert [(s.name, s.start, s.end) for s in spans] == [
        ("thread B: read 1 → wrote 2", 0, 5), ("thread C: read 1 → wrote 2", 1, 4)]
    assert RaceProbe(seed=1).spans(events, "fr")[0].name == "thread B : lu 1 → écrit 2"
    drawn = text(spans, "steps", "en", width=60)
    assert "0–5\n" in drawn and "total: 5 (steps of the threads" in drawn and not re.search(r"\d s\b", drawn)
    assert all(len(line) <= 60 for line in drawn.splitlines())
    whole = RaceProbe(seed=1).spans(events[:2] + [("B", "read", 1), ("B", "write", 2)])  # no lost update
    assert [(s.name, s.start, s.end) for s in whole] == [("thread A", 0, 2), ("thread B", 2, 4)]


def test_kata_03_draws_the_race_of_the_check_that_failed():
    result = subprocess.run([sys.executable, "-m", "checker", "check", "03", "--seed", "0x82e8", "--file",
                             str(REPO / "tests/mistakes/03_fix_the_race/racy_counter_unchanged.py")],
                            capture_output=True, text=True, timeout=60, env={**os.environ, "KATA_ROOT": str(REPO),
                                                                              "COLUMNS": "80"})
    assert "recorded no timeline" not in result.stdout + result.stderr
    drawn = result.stdout.split("Timeline of “Counter loses no increment", 1)[1]
    rows = [line.split("│")[0].strip() for line in drawn.splitlines() if "│" in line]
    assert len(rows) >= 2 and len(set(rows)) == len(rows) and sum(": read " in row for row in rows) == 2


def test_a_picture_in_scheduler_steps_has_no_seconds():
    spans = [Span("thread B : lu 1 → écrit 2", 0, 5), Span("thread C : lu 1 → écrit 2", 1, 4)]
    picture = svg(spans, "steps", "fr", "Kata 03")
    ET.fromstring(picture)
    assert ">0<" in picture and "5 (étapes des threads" in picture and "1–4</title>" in picture
    assert not re.search(r"\d s\b", picture)
