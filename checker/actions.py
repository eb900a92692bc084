"""What the learner commands do, as plain functions over a Catalog and a ProgressStore (no printing)."""

from __future__ import annotations

import ast
import hashlib
import os
import time
from pathlib import Path
from typing import Callable

from checker.catalog import Catalog, Kata
from checker.errors import KataError
from checker.i18n import pick
from checker.progress import KataProgress, ProgressStore
from checker.report import Check, Report


def check(catalog: Catalog, store: ProgressStore, ref: str, file: Path | None, lang: str,
          seed: int | None = None, on_progress: Callable[[list[Check]], None] | None = None) -> tuple[Kata, Report]:
    """Grade the kata's own file (recorded in progress) or `file` (not recorded). `seed` replays the
    schedule of forced thread switches of an earlier run; `on_progress` sees the checks as they finish."""
    from checker.runner import run_measured, validate_file  # not on the path of `kata list`: it starts faster

    kata = catalog.get(ref)
    target = validate_file(file if file is not None else kata.learner_file, given=file is not None)
    digest = _digest(target)
    report = run_measured(kata, target, lang, seed, on_progress)  # run again while the machine is too busy
    _point_at_syntax_error(report, target)
    if file is None:  # a busy-machine run is recorded too, so that no older verdict passes for the current one
        store.record_attempt(kata.id, report.passed, report.codes, report.duration_s, report.points,
                             digest=digest, busy=report.busy)
    return kata, report


def _point_at_syntax_error(report: Report, target: Path) -> None:
    """A file that does not parse: show its offending line and a caret under the error, as Python does
    (compiled here, never run)."""
    crash = next((c for c in report.checks if c.code == "crash" and "SyntaxError" in c.message), None)
    if crash is None:
        return
    try:
        compile(target.read_bytes(), str(target), "exec", dont_inherit=True)
    except SyntaxError as exc:
        if exc.text and exc.lineno:
            line = exc.text.rstrip("\n").expandtabs()
            indent = len(line) - len(line.lstrip())
            start = max(indent, min(len(line), (exc.offset or 1) - 1))
            end = max(start + 1, min(len(line), (exc.end_offset or 0) - 1)) if exc.end_lineno == exc.lineno else start + 1
            prefix = f"  {exc.lineno} | "
            crash.message += f"\n{prefix}{line.strip()[:100]}\n{' ' * (len(prefix) + start - indent)}{'^' * (end - start)}"
    except (ValueError, OSError):
        pass


def _digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def summary(catalog: Catalog, store: ProgressStore) -> dict[str, KataProgress]:
    """The progress of every kata, with `changed` set where a passed kata's file differs from the one that
    passed (edited, or deleted, since)."""
    states = store.summary()
    for kata in catalog:
        state = states.get(kata.id)
        if state is not None and state.passed and state.pass_digest:
            state.changed = _digest(kata.learner_file) != state.pass_digest
    return states


def has_races(kata: Kata) -> bool:
    """Whether the kata's hidden suite asks for the `race` fixture (seeded thread switches), so --seed counts."""
    try:
        tree = ast.parse(kata.suite.read_text(encoding="utf-8"))
    except (OSError, SyntaxError, ValueError):
        return True  # cannot tell: say nothing
    return any(isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and
               any(arg.arg == "race" for arg in node.args.args) for node in ast.walk(tree))


def require_task(kata: Kata, task: str) -> None:
    if task not in {t.id for t in kata.tasks}:
        known = ", ".join(t.id for t in kata.tasks)
        raise KataError(key="no-task", kata=kata.id, task=task, known=known or "—")


def task_passed(report: Report, task: str) -> bool:
    return report.task_passed(task)


def hint(catalog: Catalog, store: ProgressStore, ref: str, lang: str) -> tuple[Kata, int, str | None]:
    """(kata, number of the hint shown, its text) — text is None when every hint was already shown."""
    kata = catalog.get(ref)
    if not kata.hints:
        raise KataError(key="no-hints", kata=kata.id)
    seen = store.summary().get(kata.id)
    n = (seen.hints_seen if seen else 0) + 1
    if n > len(kata.hints):
        return kata, len(kata.hints), None
    store.record_hint(kata.id, n)
    return kata, n, pick(kata.hints[n - 1], lang)


def next_kata(catalog: Catalog, store: ProgressStore) -> Kata | None:
    done = {k for k, state in store.summary().items() if state.passed}
    return next((kata for kata in catalog if kata.id not in done), None)


def reset(catalog: Catalog, store: ProgressStore, ref: str) -> tuple[Kata, Path | None, bool]:
    """Put the pristine stub back; the learner's file is first copied to .kata/backups/. Returns the backup
    path (None when there was no file to keep) and whether anything changed (False: it already was the stub)."""
    kata = catalog.get(ref)
    if not kata.stub_file.is_file():
        raise KataError(key="stub-missing", kata=kata.id, path=kata.stub_file)
    stub = kata.stub_file.read_bytes()
    target = kata.learner_file
    current = target.read_bytes() if target.is_file() else None
    if current == stub:
        return kata, None, False
    backup = None
    if current is not None:
        folder = store.dir / "backups" / kata.folder
        folder.mkdir(parents=True, exist_ok=True)
        backup = folder / f"{target.stem}.{time.strftime('%Y%m%d-%H%M%S')}.{os.getpid()}{target.suffix}"
        _write_atomically(backup, current)
    _write_atomically(target, stub)
    store.record_reset(kata.id, str(backup) if backup else "")
    return kata, backup, True


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
        raise KataError(key="no-solution", kata=kata.id)
    state = store.summary().get(kata.id)
    if not (state and state.passed):
        raise KataError(key="pass-first", kata=kata.id)
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
    """Write the report's most telling timeline (the one the terminal shows) as
    `folder`/kata-NN-timeline.svg/.html (the caller gives .kata/timelines/); None when it has none."""
    from checker import timeline

    check = timeline.telling_check(report)
    if check is None:
        return None
    spans, clock = timeline.from_json(check.details["timeline"])
    folder.mkdir(parents=True, exist_ok=True)
    title = f"Kata {kata.id} — {check.name}"
    text = timeline.svg(spans, clock, lang, title) if kind == "svg" else timeline.page(spans, clock, lang, title)
    path = folder / f"kata-{kata.id}-timeline.{kind}"
    path.write_text(text, encoding="utf-8")
    return path
