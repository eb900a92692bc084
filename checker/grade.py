"""`kata grade`: every kata (or some) graded against the learner's files, for teachers and Classroom.

Independent katas run in parallel (one child process each); katas that measure real time
(`exclusive = true`) run alone afterwards, so that the others do not disturb their timing.
"""

from __future__ import annotations

import json
import os
from concurrent.futures import ThreadPoolExecutor

from checker import forkserver
from checker.catalog import Kata
from checker.classroom import grader_steps
from checker.errors import SubmissionFileError
from checker.i18n import pick, t
from checker.report import Check, Report, Status
from checker.runner import build_report, checks_thread, run_suite, validate_file


def grade_one(kata: Kata, lang: str) -> Report:
    try:
        file = validate_file(kata.learner_file)
    except SubmissionFileError as exc:  # a missing file is this kata's failure, not the whole grade's
        name = t("file-exists-title", lang)
        return build_report(kata, [Check(name, False, "crash", exc.in_language(lang), "failed")], 0.0, lang)
    return run_suite(kata, file, lang)


def grade(katas: list[Kata], lang: str, jobs: int | None = None) -> list[tuple[Kata, Report]]:
    forkserver.enable()  # many checks: each forked from one warm process
    shared = [k for k in katas if not k.exclusive]
    alone = [k for k in katas if k.exclusive]
    with ThreadPoolExecutor(max_workers=jobs or os.cpu_count() or 1, initializer=checks_thread) as pool:
        reports = dict(zip([k.id for k in shared], pool.map(lambda k: grade_one(k, lang), shared)))
    reports.update({k.id: grade_one(k, lang) for k in alone})
    return [(k, reports[k.id]) for k in katas]


def as_json(results: list[tuple[Kata, Report]]) -> str:
    return json.dumps({"points": sum(r.points for _, r in results),
                       "max_points": sum(r.max_points for _, r in results),
                       "passed": all(r.passed for _, r in results),
                       "not_graded": [r.kata for _, r in results if r.busy],
                       "katas": [r.to_json() for _, r in results]}, ensure_ascii=False)


def as_classroom(results: list[tuple[Kata, Report]], lang: str = "en") -> str:
    """One entry per grader step of the exported workflow (same id, name and command): what its
    command-grader would report (status, score), from the report's own verdict of that kata or task."""
    reports = {kata.id: report for kata, report in results}
    steps = []
    for step in grader_steps([kata for kata, _ in results], lang):
        report = reports[step.kata]
        status = report.status if step.task is None else report.task_status(step.task)
        checks = [c for c in report.checks if step.task is None or c.task in (step.task, None)]
        ok = status is Status.PASSED
        steps.append({"id": step.id, "name": step.name, "command": step.command,
                      "status": "pass" if ok else "fail", "verdict": status.value,
                      "score": step.max_score if ok else 0, "max_score": step.max_score,
                      "codes": sorted({c.code for c in checks if c.code and not c.passed})})
    return json.dumps({"version": 1, "steps": steps,
                       "totalPoints": sum(s["score"] for s in steps),
                       "maxPoints": sum(s["max_score"] for s in steps)}, ensure_ascii=False)
