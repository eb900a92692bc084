"""`kata grade`: every kata (or some) graded against the learner's files, for teachers and Classroom.

Independent katas run in parallel (one child process each); katas that measure real time
(`exclusive = true`) run alone afterwards, so that the others do not disturb their timing.
"""

from __future__ import annotations

import json
import os
from concurrent.futures import ThreadPoolExecutor

from checker.catalog import Kata
from checker.classroom import step_id
from checker.errors import SubmissionFileError
from checker.i18n import pick
from checker.report import Check, Report
from checker.runner import build_report, run_suite, validate_file


def grade_one(kata: Kata, lang: str) -> Report:
    try:
        file = validate_file(kata.learner_file)
    except SubmissionFileError as exc:  # a missing file is this kata's failure, not the whole grade's
        name = pick({"en": "your file exists", "fr": "votre fichier existe"}, lang)
        return build_report(kata, [Check(name, False, "crash", str(exc), "failed")], 0.0, lang)
    return run_suite(kata, file, lang)


def grade(katas: list[Kata], lang: str, jobs: int | None = None) -> list[tuple[Kata, Report]]:
    shared = [k for k in katas if not k.exclusive]
    alone = [k for k in katas if k.exclusive]
    with ThreadPoolExecutor(max_workers=jobs or os.cpu_count() or 1) as pool:
        reports = dict(zip([k.id for k in shared], pool.map(lambda k: grade_one(k, lang), shared)))
    reports.update({k.id: grade_one(k, lang) for k in alone})
    return [(k, reports[k.id]) for k in katas]


def as_json(results: list[tuple[Kata, Report]]) -> str:
    return json.dumps({"points": sum(r.points for _, r in results),
                       "max_points": sum(r.max_points for _, r in results),
                       "passed": all(r.passed for _, r in results),
                       "katas": [r.to_json() for _, r in results]}, ensure_ascii=False)


def as_classroom(results: list[tuple[Kata, Report]]) -> str:
    """One entry per Classroom grader step: what its command-grader would report (status, score)."""
    steps = []
    for kata, report in results:
        units = [(step_id(kata, t.id), t.points, [c for c in report.checks if c.task == t.id])
                 for t in kata.tasks] or [(step_id(kata), kata.points, report.checks)]
        for unit_id, max_score, checks in units:
            ok = bool(checks) and all(c.passed for c in checks)
            steps.append({"id": unit_id, "name": f"Kata {kata.id} — {pick(kata.title, 'en')}",
                          "command": f".venv/bin/kata check {kata.id}", "status": "pass" if ok else "fail",
                          "score": max_score if ok else 0, "max_score": max_score,
                          "codes": sorted({c.code for c in checks if c.code and not c.passed})})
    return json.dumps({"version": 1, "steps": steps,
                       "totalPoints": sum(s["score"] for s in steps),
                       "maxPoints": sum(s["max_score"] for s in steps)}, ensure_ascii=False)
