"""The `kata class` commands as library calls: grade, merge, stats (the CLI only parses and prints)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from checker import forkserver
from checker.catalog import Kata
from checker.classgrade import discover, gradebook
from checker.classgrade.grader import Progress, grade_class, in_shard
from checker.errors import KataError


def parse_shard(text: str | None) -> tuple[int, int] | None:
    if not text:
        return None
    try:
        index, count = (int(part) for part in text.split("/"))
    except ValueError:
        raise KataError(key="shard-form", shard=text) from None
    if not 1 <= index <= count:
        raise KataError(key="shard-range", shard=text)
    return index, count


def grade(katas: list[Kata], class_dir: Path, out: Path, lang: str, jobs: int, shard: str | None,
          on_progress: Callable[[Progress], None] = lambda p: None) -> dict[str, Any]:
    out = Path(out).resolve()
    class_dir = Path(class_dir).resolve()
    if out == class_dir or out.is_relative_to(class_dir):
        raise KataError(key="out-in-class", out=out)
    for kata in katas[:1]:
        for part in ("katas", "tests", "solutions"):
            if out.is_relative_to((kata.root / part).resolve()):
                raise KataError(key="out-in-repo", out=out, part=part)
    forkserver.enable()  # many checks: each forked from one warm process
    students = in_shard(discover.students(class_dir, katas), parse_shard(shard))
    out.mkdir(parents=True, exist_ok=True)
    doc = grade_class(katas, students, out, lang, jobs, on_progress)
    gradebook.write(doc, out)
    return doc


def merge(outs: list[Path], out: Path) -> dict[str, Any]:
    doc = gradebook.merge([gradebook.load(o) for o in outs])
    Path(out).mkdir(parents=True, exist_ok=True)
    gradebook.write(doc, out)
    return doc
