"""The result of grading one kata: checks with codes and messages, points, and their JSON forms.

The child process writes a signed `RunRecord` (one entry per check); the parent verifies the signature,
then builds the `Report` that every renderer reads.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import asdict, dataclass, field
from typing import Any

RECORD_VERSION = 1


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
        return cls(name=str(data["name"]), passed=bool(data["passed"]), code=data.get("code"),
                   message=str(data.get("message", "")), status=str(data.get("status", "failed")),
                   task=data.get("task"), details=dict(data.get("details") or {}),
                   output=str(data.get("output", "")), test=str(data.get("test", "")),
                   warnings=[dict(w) for w in data.get("warnings") or []])


@dataclass
class Report:
    kata: str
    passed: bool
    points: int
    max_points: int
    duration_s: float
    checks: list[Check]
    busy: bool = False  # the machine was too busy to judge: not passed, not a mistake
    lang: str = "en"
    runs: int = 1  # how many times the suite ran: a busy-machine verdict is measured again (checker/runner.py)
    confinement: dict[str, Any] | None = None  # checker/confine.py's describe(): {"landlock", "abi", "why"}

    @property
    def status(self) -> str:
        """passed, failed, or not-graded (the machine was too busy to measure: no verdict on the learner)."""
        return "passed" if self.passed else "not-graded" if self.busy else "failed"

    @property
    def codes(self) -> list[str]:
        return [c.code for c in self.checks if c.code and not c.passed]

    def to_json(self) -> dict[str, Any]:
        return {"kata": self.kata, "passed": self.passed, "points": self.points, "max_points": self.max_points,
                "duration_s": round(self.duration_s, 3), "busy": self.busy, "status": self.status,
                "runs": self.runs, "confinement": self.confinement, "checks": [c.to_json() for c in self.checks]}


def sign(payload: bytes, secret: bytes) -> str:
    return hmac.new(secret, payload, hashlib.sha256).hexdigest()


def payload(checks: list[Check], complete: bool) -> bytes:
    """The record's first line: the checks as JSON. The child has it signed by its audit hook, which alone
    holds the secret (checker/child/audit.py)."""
    return json.dumps({"version": RECORD_VERSION, "complete": complete,
                       "checks": [c.to_json() for c in checks]}, ensure_ascii=False).encode()


def seal(checks: list[Check], complete: bool, secret: bytes) -> bytes:
    """The child's record: JSON payload + signature, one line each."""
    data = payload(checks, complete)
    return data + b"\n" + sign(data, secret).encode() + b"\n"


class ForgedRecord(Exception):
    pass


def unseal(blob: bytes, secret: bytes) -> tuple[list[Check], bool]:
    payload, _, signature = blob.rstrip(b"\n").rpartition(b"\n")
    if not payload or not hmac.compare_digest(sign(payload, secret).encode(), signature.strip()):
        raise ForgedRecord("bad signature")
    data = json.loads(payload)
    if data.get("version") != RECORD_VERSION:
        raise ForgedRecord(f"record version {data.get('version')}")
    return [Check.from_json(c) for c in data["checks"]], bool(data["complete"])
