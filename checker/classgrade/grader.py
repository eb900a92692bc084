"""Grade a class: every student's snapshot of every kata, on the teacher's own suites, kata.toml and points.

Each file is checked by checker.runner.run_suite on a COPY of the student's bytes, alone in a fresh folder
of its own (never the teacher's katas/, never the student's folder); run_suite runs it in a run folder of its
own again, where the confinement lets it write. Identical files (same SHA-256) are checked once. A
`busy-machine` outcome is checked again, then left `not graded` (and not cached: the next run finishes it).
Katas that measure real time (`exclusive`) run alone, after the others.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from checker import children, runner, scan
from checker.catalog import Kata
from checker.classgrade.discover import Student, Submission
from checker.classgrade.store import Cache, checker_version, suite_version
from checker.errors import KataError
from checker.i18n import pick, t
from checker.report import Check, Report, Status

BUSY_RETRIES = 3
NOT_SUBMITTED = "not-submitted"
FORMAT = 1


@dataclass(frozen=True)
class Progress:
    checks_done: int
    checks: int
    students_done: int
    students: int


def shard_of(name: str, count: int) -> int:
    """The shard (1..count) of a student: from the name alone, so every machine agrees without talking."""
    return int(hashlib.sha256(name.encode("utf-8", "surrogateescape")).hexdigest(), 16) % count + 1


def in_shard(students: list[Student], shard: tuple[int, int] | None) -> list[Student]:
    if shard is None:
        return students
    index, count = shard
    return [s for s in students if shard_of(s.name, count) == index]


def grade_class(katas: list[Kata], students: list[Student], out: Path, lang: str, jobs: int,
                on_progress: Callable[[Progress], None] = lambda p: None) -> dict[str, Any]:
    """The results document (results.json) of these students; verdicts are cached in `out` as they come."""
    cache = Cache(out)
    suites = {k.id: suite_version(k) for k in katas}
    entries: dict[tuple[str, str], dict[str, Any]] = {}
    pending: dict[tuple[str, str], list[tuple[Student, Kata]]] = {}
    for student in students:
        for kata in katas:
            sub = student.files.get(kata.id)
            entry = _entry_without_check(kata, sub, suites[kata.id], lang, cache)
            if entry is None:
                pending.setdefault((kata.id, sub.sha256), []).append((student, kata))
            else:
                entries[(student.name, kata.id)] = entry
    waiting = {s.name: sum(1 for users in pending.values() for u, _ in users if u is s) for s in students}
    done, lock = [0], threading.Lock()
    total = len(pending)

    def report_progress() -> None:
        on_progress(Progress(done[0], total, sum(1 for n in waiting.values() if n == 0), len(students)))

    def work(key: tuple[str, str]) -> None:
        users = pending[key]
        kata = users[0][1]
        sub = users[0][0].files[kata.id]
        entry = _check(kata, sub, suites[kata.id], lang, cache)
        with lock:
            for student, _ in users:
                entries[(student.name, kata.id)] = entry | {"file": student.files[kata.id].path}
                waiting[student.name] -= 1
            done[0] += 1
            report_progress()

    report_progress()
    exclusive = {k.id for k in katas if k.exclusive}
    shared = [key for key in pending if key[0] not in exclusive]
    with ThreadPoolExecutor(max_workers=max(1, jobs), initializer=runner.checks_thread) as pool:
        list(pool.map(work, shared))
    for key in (key for key in pending if key[0] in exclusive):
        work(key)
    return document(katas, students, entries, suites, lang)


def _entry_without_check(kata: Kata, sub: Submission | None, suite: str, lang: str,
                         cache: Cache) -> dict[str, Any] | None:
    """The entry when no check is needed (not submitted, unreadable, cached); None when one is."""
    base = {"max_points": kata.points, "checker_version": checker_version(), "suite_version": suite}
    if sub is None:
        return base | {"status": NOT_SUBMITTED, "points": 0, "file": None, "sha256": None, "report": None}
    if sub.data is None:
        name = t("file-readable-title", lang)
        report = Report(kata.id, kata.points, 0.0, [Check(name, False, "crash", f"{sub.path} {sub.problem}.", "failed")],
                        tuple((t.id, t.points) for t in kata.tasks), lang)
        return base | _from_report(report) | {"file": sub.path, "sha256": None, "graded_at": None}
    cached = cache.get(kata, sub.sha256, suite, lang)
    if cached is None:
        return None
    return base | _from_report(Report.from_json(cached["report"], lang)) | \
        {"file": sub.path, "sha256": sub.sha256, "graded_at": cached.get("graded_at")}


def _check(kata: Kata, sub: Submission, suite: str, lang: str, cache: Cache) -> dict[str, Any]:
    report = check_copy(kata, sub.data, lang)
    graded_at = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    if children.stopped():  # interrupted: this verdict is the interruption's, not the student's
        raise KataError(key="class-interrupted")
    if report.status is not Status.NOT_GRADED:
        cache.put(kata, sub.sha256, suite, lang, {"report": report.to_json(), "graded_at": graded_at,
                                                  "checker_version": checker_version(), "suite_version": suite})
    return {"max_points": kata.points, "checker_version": checker_version(), "suite_version": suite,
            "sha256": sub.sha256, "graded_at": graded_at} | _from_report(report)


def check_copy(kata: Kata, data: bytes, lang: str) -> Report:
    """run_suite on a copy of `data`, alone in a fresh read-only folder; busy-machine is checked again."""
    folder = Path(tempfile.mkdtemp(prefix="kata-class-"))
    try:
        copy = folder / kata.file
        copy.write_bytes(data)
        copy.chmod(stat.S_IRUSR)
        folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
        for _ in range(1 + BUSY_RETRIES):
            report = runner.run_suite(kata, copy.resolve(), lang)
            if report.status is not Status.NOT_GRADED or children.stopped():
                break
        return report
    finally:
        folder.chmod(stat.S_IRWXU)
        shutil.rmtree(folder, ignore_errors=True)


def _review(sub: Submission | None) -> list[dict[str, object]]:
    """The lines of the student's file that reach into Python's or pytest's internals (checker/scan.py)."""
    if sub is None or sub.data is None:
        return []
    return scan.suspicious(sub.data.decode("utf-8", "replace"))


def _from_report(report: Report) -> dict[str, Any]:
    return {"status": report.status.value, "points": report.points, "report": report.to_json()}


def document(katas: list[Kata], students: list[Student], entries: dict[tuple[str, str], dict[str, Any]],
             suites: dict[str, str], lang: str) -> dict[str, Any]:
    return {
        "format": FORMAT, "checker_version": checker_version(), "lang": lang,
        "katas": [{"id": k.id, "title": k.title_in(lang), "points": k.points, "suite_version": suites[k.id],
                   "tasks": [{"id": t.id, "points": t.points} for t in k.tasks]} for k in katas],
        "students": [{"name": s.name, "folder": os.fsencode(s.folder.name).decode("utf-8", "backslashreplace"),
                      "source": "git" if s.commit or (s.folder / ".git").is_dir() else "files",
                      "commit": s.commit,
                      "katas": {k.id: entries[(s.name, k.id)] | {"review": _review(s.files.get(k.id))} for k in katas}}
                     for s in sorted(students, key=lambda s: s.name)],
    }
