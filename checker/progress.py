"""The learner's progress: an append-only log in .kata/progress.jsonl of the checkout.

One line per event (an attempt, a hint shown, a reset), appended with a single write under an exclusive
file lock: two `kata` processes at once never interleave, and a kill at any moment leaves at worst a
partial last line, which is ignored. A store that cannot be read (corrupt line, newer format) is moved
aside with a warning; the events that still parse are carried into the new store.
"""

from __future__ import annotations

import fcntl
import json
import os
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from checker.errors import ProgressError

FORMAT = "kata-progress"
VERSION = 1


@dataclass
class KataProgress:
    attempts: int = 0
    passed: bool = False
    last_passed: bool | None = None
    last_codes: list[str] = field(default_factory=list)
    last_time: float | None = None
    first_pass_time: float | None = None
    first_attempt_time: float | None = None
    hints_seen: int = 0
    codes: Counter = field(default_factory=Counter)
    busy: bool = False  # the last attempt could not be judged (busy-machine): no verdict is current
    reset: bool = False  # the stub was put back since the last attempt
    pass_digest: str | None = None  # SHA-256 of the file that passed last
    changed: bool = False  # set by the reader who knows the file now (actions.summary)


class ProgressStore:
    """The only writer of .kata/progress.jsonl."""

    def __init__(self, root: Path):
        self.dir = root / ".kata"
        self.path = self.dir / "progress.jsonl"
        self.warnings: list[tuple[str, tuple[str, dict], str]] = []  # (path, (key, params) of the reason, backup)
        # of stores moved aside: told by warning_texts()

    # --- writing ---

    def record_attempt(self, kata: str, passed: bool, codes: list[str], duration_s: float, points: int,
                       digest: str | None = None, busy: bool = False) -> None:
        event = {"type": "attempt", "kata": kata, "passed": passed, "codes": list(dict.fromkeys(codes)),
                 "duration_s": round(duration_s, 3), "points": points}
        if digest:
            event["digest"] = digest
        if busy:
            event["busy"] = True
        self._append(event)

    def record_hint(self, kata: str, n: int) -> None:
        self._append({"type": "hint", "kata": kata, "n": n})

    def record_reset(self, kata: str, backup: str) -> None:
        self._append({"type": "reset", "kata": kata, "backup": backup})

    def _append(self, event: dict[str, Any]) -> None:
        event = {"time": round(time.time(), 3), **event}
        line = (json.dumps(event, ensure_ascii=False) + "\n").encode()
        with self._locked(exclusive=True) as fd:
            self._check_or_salvage(fd)
            data = _read_all(fd)
            if not data.endswith(b"\n"):  # a writer killed mid-line left a fragment: drop it
                os.ftruncate(fd, data.rfind(b"\n") + 1)
            os.write(fd, line)
            os.fsync(fd)

    # --- reading ---

    def events(self) -> list[dict[str, Any]]:
        if not self.path.exists():
            return []
        with self._locked(exclusive=True) as fd:
            self._check_or_salvage(fd)
            events, _ = _parse(_read_all(fd))
        return events

    def summary(self) -> dict[str, KataProgress]:
        result: dict[str, KataProgress] = {}
        for event in self.events():
            state = result.setdefault(str(event.get("kata")), KataProgress())
            if event["type"] == "attempt" and event.get("busy"):
                state.busy, state.reset, state.last_time = True, False, event["time"]
            elif event["type"] == "attempt":
                state.attempts += 1
                state.busy = state.reset = False
                state.last_passed, state.last_codes, state.last_time = event["passed"], event["codes"], event["time"]
                state.codes.update(event["codes"])
                state.first_attempt_time = state.first_attempt_time or event["time"]
                if event["passed"]:
                    state.pass_digest = event.get("digest")
                if event["passed"] and not state.passed:
                    state.passed, state.first_pass_time = True, event["time"]
            elif event["type"] == "reset":
                state.passed, state.busy, state.reset, state.pass_digest = False, False, True, None
            elif event["type"] == "hint":
                state.hints_seen = max(state.hints_seen, int(event["n"]))
        return result

    def warning_texts(self, lang: str) -> list[str]:
        """What to tell of the stores moved aside, in `lang`."""
        from checker.i18n import t

        return [t("progress-moved", lang, path=path, reason=t(key, lang, **params), backup=backup)
                for path, (key, params), backup in self.warnings]

    # --- the file itself ---

    @contextmanager
    def _locked(self, exclusive: bool) -> Iterator[int]:
        try:
            self.dir.mkdir(exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o644)
        except OSError as exc:
            raise ProgressError(key="progress-unopenable", path=self.path, error=exc.strerror) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
            yield fd
        finally:
            os.close(fd)

    def _check_or_salvage(self, fd: int) -> None:
        """Start the file with its header; move an unreadable store aside, keeping what still parses."""
        data = _read_all(fd)
        header = (json.dumps({"format": FORMAT, "version": VERSION}) + "\n").encode()
        if not data:
            os.write(fd, header)
            return
        events, problem = _parse(data)
        if problem is None:
            return
        backup = self.path.with_name(f"progress.{time.strftime('%Y%m%d-%H%M%S')}.{os.getpid()}.broken")
        backup.write_bytes(data)
        os.ftruncate(fd, 0)
        keep = b"".join((json.dumps(e, ensure_ascii=False) + "\n").encode() for e in events)
        os.write(fd, header + keep)
        os.fsync(fd)
        self.warnings.append((str(self.path), problem, str(backup)))


def _read_all(fd: int) -> bytes:
    size = os.fstat(fd).st_size
    return os.pread(fd, size, 0) if size else b""


def _parse(data: bytes) -> tuple[list[dict[str, Any]], tuple[str, dict] | None]:
    """(events, problem): problem, a message of the catalog (key, params), is None when the store is sound. The last line, if it has no newline,
    is a write cut short by a kill: ignored, not a problem."""
    events, problem = [], None
    for number, raw in enumerate(data.split(b"\n")[:-1]):
        if not raw.strip():
            continue
        try:
            item = json.loads(raw)
        except (json.JSONDecodeError, UnicodeDecodeError):
            problem = problem or ("progress-bad-json", {"line": number + 1})
            continue
        if number == 0 and not (isinstance(item, dict) and "format" in item):
            problem = problem or ("progress-no-header", {})
        if not isinstance(item, dict):
            problem = problem or ("progress-not-event", {"line": number + 1})
        elif number == 0 and "format" in item:
            if item["format"] != FORMAT:
                problem = ("progress-not-ours", {})
            elif item.get("version", 0) > VERSION:
                return [], ("progress-newer", {"version": item["version"]})
        elif item.get("type") in ("attempt", "hint", "reset") and "kata" in item:
            events.append(item)
        else:
            problem = problem or ("progress-not-event", {"line": number + 1})
    return events, problem
