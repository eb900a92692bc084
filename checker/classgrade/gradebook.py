"""The three files of a graded class in OUT (grades.csv, results.json, report.html), written from the results
document alone, so that one run, several merged shards and a resumed run give the same files.

grades.csv: `student,<kata ids>,total,max`, one row per student, points per kata; a kata left `not graded`
(the machine stayed too busy) is an empty cell, never a 0 earned by a mistake; a kata not submitted is 0.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from checker.classgrade.grader import FORMAT, NOT_SUBMITTED
from checker.classgrade.store import write_atomically
from checker.errors import KataError
from checker.report import Status

RESULTS, GRADES, PAGE = "results.json", "grades.csv", "report.html"


def grades_csv(doc: dict[str, Any]) -> str:
    ids = [k["id"] for k in doc["katas"]]
    top = sum(k["points"] for k in doc["katas"])
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["student", *ids, "total", "max"])
    for student in doc["students"]:
        cells = [student["katas"][i] for i in ids]
        row = ["" if c["status"] == Status.NOT_GRADED.value else c["points"] for c in cells]
        writer.writerow([student["name"], *row, sum(c["points"] for c in cells), top])
    return buffer.getvalue()


def write(doc: dict[str, Any], out: Path) -> None:
    from checker.classgrade.page import page

    out = Path(out)
    write_atomically(out / RESULTS, json.dumps(doc, ensure_ascii=False, indent=1))
    write_atomically(out / GRADES, grades_csv(doc))
    write_atomically(out / PAGE, page(doc))


def load(out: Path) -> dict[str, Any]:
    path = Path(out) / RESULTS
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise KataError(key="gradebook-missing", results=RESULTS, out=out) from None
    except ValueError as exc:
        raise KataError(key="gradebook-bad-json", path=path, error=exc) from None
    if doc.get("format") != FORMAT:
        raise KataError(key="gradebook-format", path=path, found=doc.get("format"), reads=FORMAT)
    return doc


def merge(docs: list[dict[str, Any]]) -> dict[str, Any]:
    """Shards joined: the same katas in each, every student once (a student in two shards is an error)."""
    if not docs:
        raise KataError(key="merge-nothing")
    katas = docs[0]["katas"]
    students: dict[str, dict[str, Any]] = {}
    for doc in docs:
        if [k["id"] for k in doc["katas"]] != [k["id"] for k in katas]:
            raise KataError(key="merge-other-katas")
        for student in doc["students"]:
            if student["name"] in students and students[student["name"]] != student:
                raise KataError(key="merge-student-twice", name=student["name"])
            students[student["name"]] = student
    return docs[0] | {"students": [students[name] for name in sorted(students)]}


def counts(doc: dict[str, Any]) -> dict[str, int]:
    """How many (student, kata) cells are passed, failed, not graded, not submitted."""
    result = {s.value: 0 for s in Status} | {NOT_SUBMITTED: 0}
    for student in doc["students"]:
        for cell in student["katas"].values():
            result[cell["status"]] += 1
    return result
