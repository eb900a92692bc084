"""Class statistics from a results document: per kata the pass rate and how often each diagnostic code came
up, and the checks that fail most. Pure functions, shared by the terminal and the HTML report."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from checker.classgrade.grader import NOT_SUBMITTED
from checker.report import Status


@dataclass
class KataStats:
    id: str
    title: str
    points: int
    passed: int = 0
    failed: int = 0
    not_graded: int = 0
    not_submitted: int = 0
    mean_points: float = 0.0
    codes: Counter = field(default_factory=Counter)  # code -> students whose file got it

    @property
    def graded(self) -> int:
        return self.passed + self.failed

    @property
    def pass_rate(self) -> float | None:
        """Passed among the students whose file was graded (None when nobody's was)."""
        return self.passed / self.graded if self.graded else None


def per_kata(doc: dict[str, Any]) -> list[KataStats]:
    result = []
    for kata in doc["katas"]:
        stats = KataStats(kata["id"], kata["title"], kata["points"])
        earned = []
        for student in doc["students"]:
            cell = student["katas"][kata["id"]]
            status = cell["status"]
            if status == Status.PASSED.value:
                stats.passed += 1
            elif status == Status.FAILED.value:
                stats.failed += 1
            elif status == Status.NOT_GRADED.value:
                stats.not_graded += 1
            elif status == NOT_SUBMITTED:
                stats.not_submitted += 1
            if status != Status.NOT_GRADED.value:
                earned.append(cell["points"])
            stats.codes.update(set(_codes(cell)))
        stats.mean_points = sum(earned) / len(earned) if earned else 0.0
        result.append(stats)
    return result


def most_failed(doc: dict[str, Any], limit: int = 10) -> list[tuple[str, str, int]]:
    """(kata id, check name, students who failed it), most first; busy-machine is no failure."""
    counter: Counter = Counter()
    for student in doc["students"]:
        for kata_id, cell in student["katas"].items():
            for check in (cell.get("report") or {}).get("checks", []):
                if check["status"] == "failed" and check.get("code") != "busy-machine":
                    counter[(kata_id, check["name"])] += 1
    ranked = sorted(counter.items(), key=lambda item: (-item[1], item[0]))
    return [(kata, name, n) for (kata, name), n in ranked[:limit]]


def _codes(cell: dict[str, Any]) -> list[str]:
    return [c["code"] for c in (cell.get("report") or {}).get("checks", [])
            if c.get("code") and not c.get("passed") and c.get("code") != "busy-machine"]
