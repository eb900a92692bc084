"""What the learner commands do, as plain functions over a Catalog and a ProgressStore (no printing)."""

from __future__ import annotations

import os
import time
from pathlib import Path

from checker.catalog import Catalog, Kata
from checker.errors import KataError
from checker.i18n import pick
from checker.progress import ProgressStore
from checker.report import Report
from checker.runner import run_measured, validate_file


def check(catalog: Catalog, store: ProgressStore, ref: str, file: Path | None, lang: str,
          seed: int | None = None) -> tuple[Kata, Report]:
    """Grade the kata's own file (recorded in progress) or `file` (not recorded). `seed` replays the
    schedule of forced thread switches of an earlier run. A run the machine was too busy to measure is run
    again (runner.run_measured); if it stays busy, nothing is recorded."""
    kata = catalog.get(ref)
    target = validate_file(file if file is not None else kata.learner_file)
    report = run_measured(kata, target, lang, seed)
    if file is None and not report.busy:
        store.record_attempt(kata.id, report.passed, report.codes, report.duration_s, report.points)
    return kata, report


def require_task(kata: Kata, task: str) -> None:
    if task not in {t.id for t in kata.tasks}:
        known = ", ".join(t.id for t in kata.tasks) or "none: it is graded as a whole"
        raise KataError(f"Kata {kata.id} has no task {task!r} (its tasks: {known}).")


def task_passed(report: Report, task: str) -> bool:
    mine = [c for c in report.checks if c.task == task]
    return bool(mine) and all(c.passed for c in mine) and not any(c.task is None and not c.passed
                                                                  and c.code in ("crash", "timeout", "tampered")
                                                                  for c in report.checks)


def hint(catalog: Catalog, store: ProgressStore, ref: str, lang: str) -> tuple[Kata, int, str | None]:
    """(kata, number of the hint shown, its text) — text is None when every hint was already shown."""
    kata = catalog.get(ref)
    if not kata.hints:
        raise KataError(f"Kata {kata.id} has no hints.")
    seen = store.summary().get(kata.id)
    n = (seen.hints_seen if seen else 0) + 1
    if n > len(kata.hints):
        return kata, len(kata.hints), None
    store.record_hint(kata.id, n)
    return kata, n, pick(kata.hints[n - 1], lang)


def next_kata(catalog: Catalog, store: ProgressStore) -> Kata | None:
    done = {k for k, state in store.summary().items() if state.passed}
    return next((kata for kata in catalog if kata.id not in done), None)


def reset(catalog: Catalog, store: ProgressStore, ref: str) -> tuple[Kata, Path | None]:
    """Put the pristine stub back; the learner's file is first copied to .kata/backups/. Returns the backup
    path, or None when the file already was the stub."""
    kata = catalog.get(ref)
    if not kata.stub_file.is_file():
        raise KataError(f"The pristine stub of kata {kata.id} is missing ({kata.stub_file}); cannot reset.")
    stub = kata.stub_file.read_bytes()
    target = kata.learner_file
    current = target.read_bytes() if target.is_file() else None
    if current == stub:
        return kata, None
    backup = None
    if current is not None:
        folder = store.dir / "backups" / kata.folder
        folder.mkdir(parents=True, exist_ok=True)
        backup = folder / f"{target.stem}.{time.strftime('%Y%m%d-%H%M%S')}.{os.getpid()}{target.suffix}"
        _write_atomically(backup, current)
    _write_atomically(target, stub)
    store.record_reset(kata.id, str(backup) if backup else "")
    return kata, backup


def _write_atomically(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def solution(catalog: Catalog, store: ProgressStore, ref: str) -> tuple[Kata, str, str]:
    """(kata, the learner's file, the reference solution) — only once the kata is passed."""
    kata = catalog.get(ref)
    if not kata.solution_file.is_file():
        raise KataError(f"No reference solution for kata {kata.id} in this repository "
                        "(a student repository has them only if the teacher exported them).")
    state = store.summary().get(kata.id)
    if not (state and state.passed):
        raise KataError(f"Pass kata {kata.id} first (`kata check {kata.id}`); its reference solution opens then.")
    mine = kata.learner_file.read_text(encoding="utf-8", errors="replace") if kata.learner_file.is_file() else ""
    return kata, mine, kata.solution_file.read_text(encoding="utf-8")


def progress_rows(catalog: Catalog, store: ProgressStore) -> list[dict]:
    """Per kata: what a teacher needs to see where a class struggles."""
    summary = store.summary()
    rows = []
    for kata in catalog:
        state = summary.get(kata.id)
        first_pass = state.first_pass_time if state else None
        first_try = state.first_attempt_time if state else None
        rows.append({
            "kata": kata.id, "title": kata.title_in("en"), "passed": bool(state and state.passed),
            "attempts": state.attempts if state else 0,
            "hints_used": state.hints_seen if state else 0, "hints": len(kata.hints),
            "time_to_first_pass_s": round(first_pass - first_try, 1) if first_pass and first_try else None,
            "last_codes": list(state.last_codes) if state else [],
            "codes": dict(state.codes.most_common()) if state else {},
        })
    return rows


def write_timeline(kata: Kata, report: Report, kind: str, folder: Path, lang: str) -> Path | None:
    """Write the report's most telling timeline as kata-NN-timeline.svg/.html; None when it has none."""
    from checker import timeline

    with_timeline = [c for c in report.checks if "timeline" in c.details]
    if not with_timeline:
        return None
    check = next((c for c in with_timeline if c.code == "not-concurrent"), with_timeline[0])
    spans, clock = timeline.from_json(check.details["timeline"])
    title = f"Kata {kata.id} — {check.name}"
    text = timeline.svg(spans, clock, lang, title) if kind == "svg" else timeline.page(spans, clock, lang, title)
    path = folder / f"kata-{kata.id}-timeline.{kind}"
    path.write_text(text, encoding="utf-8")
    return path
