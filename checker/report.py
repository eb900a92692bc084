"""The result of grading one kata: checks with codes and messages, points, and their JSON forms.

The child process writes a signed `RunRecord` (one entry per check); the parent verifies the signature,
then builds the `Report` that every renderer reads.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

RECORD_VERSION = 2
STATUSES = ("passed", "failed", "skipped", "not-run")  # what the audit hook decided, per check


@dataclass
class Check:
    name: str
    passed: bool
    code: str | None = None
    message: str = ""
    status: str = "passed"  # passed | failed | skipped
    task: str | None = None
    details: dict[str, Any] = field(default_factory=dict)
    output: str = ""  # what the learner's code printed during this check, capped
    test: str = ""  # the hidden test's id
    warnings: list[dict[str, str]] = field(default_factory=list)  # [{code, message}] on a passing check

    def to_json(self) -> dict[str, Any]:
        data = {"name": self.name, "passed": self.passed, "code": self.code, "message": self.message,
                "status": self.status}
        if self.task is not None:
            data["task"] = self.task
        if self.details:
            data["details"] = self.details
        if self.output:
            data["output"] = self.output
        if self.test:
            data["test"] = self.test
        if self.warnings:
            data["warnings"] = self.warnings
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Check":
        """A check as the child sent it. Its texts may hold what the learner's code printed or raised: their
        control characters are written as escapes (see `shown`)."""
        return cls(name=shown(str(data["name"])), passed=bool(data["passed"]), code=data.get("code"),
                   message=shown(str(data.get("message", ""))), status=str(data.get("status", "failed")),
                   task=data.get("task"),
                   details={k: shown(v) if isinstance(v, str) else v for k, v in dict(data.get("details") or {}).items()},
                   output=shown(str(data.get("output", ""))), test=str(data.get("test", "")),
                   warnings=[{k: shown(v) if isinstance(v, str) else v for k, v in dict(w).items()}
                             for w in data.get("warnings") or []])


# C0 and C1 controls but the newline and the tab, DEL, and the bidirectional overrides and isolates
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def shown(text: str) -> str:
    """Text that learner code made (what it printed, an exception's message), safe to show on a terminal, in
    a Classroom log or a teacher's report: its control characters are written as their escapes (`\\x1b`), so
    an escape sequence cannot clear a screen or colour a fake "passed", a carriage return cannot rewrite a
    line, a bidirectional override cannot reorder what is read."""
    return _CONTROL.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), text)


class Status(str, Enum):
    """The verdict of a kata, or of one of its tasks. NOT_GRADED is no verdict: the machine was too busy to
    measure (every failed check said busy-machine); it earns nothing and is counted apart from FAILED."""

    PASSED = "passed"
    FAILED = "failed"
    NOT_GRADED = "not-graded"


BUSY = "busy-machine"


@dataclass
class Report:
    """Checks of one run, and the one rule that turns them into verdicts and points (every output reads it).

    `tasks` are the kata.toml [[tasks]] as (id, points); without tasks the kata is graded as a whole.
    The rule: a unit (the kata, or one task) passes when it has checks and all of them passed, and no check
    that belongs to no task failed (the run did not end cleanly: crash, timeout, tampered; then no recorded
    pass can be trusted, since the checks that never ran are unknown). When every failed check of a unit
    says busy-machine, the unit is NOT_GRADED."""

    kata: str
    max_points: int
    duration_s: float
    checks: list[Check]
    tasks: tuple[tuple[str, int], ...] = ()
    lang: str = "en"
    environment: list[str] = field(default_factory=list)  # what this system cannot guarantee, one line each
    runs: int = 1  # how many times the suite ran: a busy-machine verdict is measured again (checker/runner.py)
    confinement: dict[str, Any] | None = None  # checker/confine.py's describe(): {"landlock", "abi", "why"}

    def _status_of(self, mine: list[Check]) -> Status:
        run_failures = [c for c in self.checks if c.task is None and not c.passed and c.status != "skipped"]
        failed = [c for c in mine if not c.passed and c.status != "skipped"] + \
            [c for c in run_failures if c not in mine]
        if failed:
            return Status.NOT_GRADED if all(c.code == BUSY for c in failed) else Status.FAILED
        return Status.PASSED if mine and all(c.passed for c in mine) else Status.FAILED

    @property
    def status(self) -> Status:
        return self._status_of(self.checks)

    def task_status(self, task: str) -> Status:
        if task not in {t for t, _ in self.tasks}:
            raise KeyError(f"kata {self.kata} has no task {task!r}")
        return self._status_of([c for c in self.checks if c.task == task])

    def task_passed(self, task: str) -> bool:
        return self.task_status(task) is Status.PASSED

    @property
    def units(self) -> list[tuple[str | None, int, Status]]:
        """(task id or None for the whole kata, its points, its status): what graders score one by one."""
        if not self.tasks:
            return [(None, self.max_points, self.status)]
        return [(task, points, self.task_status(task)) for task, points in self.tasks]

    @property
    def passed(self) -> bool:
        return self.status is Status.PASSED

    @property
    def busy(self) -> bool:
        return self.status is Status.NOT_GRADED

    @property
    def points(self) -> int:
        return sum(points for _, points, status in self.units if status is Status.PASSED)

    @property
    def codes(self) -> list[str]:
        return [c.code for c in self.checks if c.code and not c.passed]

    def to_json(self) -> dict[str, Any]:
        data = {"kata": self.kata, "passed": self.passed, "status": self.status.value, "points": self.points,
                "max_points": self.max_points, "duration_s": round(self.duration_s, 3), "busy": self.busy,
                "runs": self.runs, "confinement": self.confinement, "checks": [c.to_json() for c in self.checks]}
        if self.tasks:
            data["tasks"] = [{"id": task, "points": points, "status": status.value,
                              "earned": points if status is Status.PASSED else 0}
                             for task, points, status in self.units]
        if self.environment:
            data["environment"] = self.environment
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any], lang: str = "en") -> "Report":
        return cls(kata=str(data["kata"]), max_points=int(data["max_points"]),
                   duration_s=float(data.get("duration_s", 0.0)),
                   checks=[Check.from_json(c) for c in data.get("checks", [])],
                   tasks=tuple((str(t["id"]), int(t["points"])) for t in data.get("tasks", [])), lang=lang,
                   environment=[str(line) for line in data.get("environment", [])],
                   runs=int(data.get("runs", 1)), confinement=data.get("confinement"))


def sign(payload: bytes, secret: bytes) -> str:
    return hmac.new(secret, payload, hashlib.sha256).hexdigest()


class ForgedRecord(Exception):
    pass


def unseal(blob: bytes, secret: bytes) -> tuple[list[Check], bool]:
    payload, _, signature = blob.rstrip(b"\n").rpartition(b"\n")
    if not payload or not hmac.compare_digest(sign(payload, secret).encode(), signature.strip()):
        raise ForgedRecord("bad signature")
    data = json.loads(payload)
    if data.get("version") != RECORD_VERSION:
        raise ForgedRecord(f"record version {data.get('version')}")
    checks, statuses = [Check.from_json(c) for c in data["checks"]], data.get("statuses")
    if type(statuses) is not list or len(statuses) != len(checks) or not all(s in STATUSES for s in statuses):
        raise ForgedRecord("no status for each check")
    if any(entry.get("status") != status or entry.get("passed") is not (status == "passed")
           for entry, status in zip(data["checks"], statuses)):
        raise ForgedRecord("an entry says other than the checker decided")  # its bytes changed in the child
    for check, status in zip(checks, statuses):  # the hook's, never what an entry's own bytes say
        check.status, check.passed = status, status == "passed"
    return checks, bool(data["complete"])
