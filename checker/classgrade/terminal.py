"""What `kata class` shows in the terminal: a progress bar (checks, students done, ETA) while grading, then
the class table and the statistics. Rendering only."""

from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Iterator

from checker.classgrade import gradebook, stats
from checker.classgrade.grader import NOT_SUBMITTED, Progress

STYLE = {"passed": "green", "failed": "red", "not-graded": "yellow", NOT_SUBMITTED: "dim"}


@contextmanager
def progress_bar(console) -> Iterator:
    """A callback for grade_class that moves a rich progress bar (on a terminal only)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress as Bar, TextColumn, TimeElapsedColumn, \
        TimeRemainingColumn

    bar = Bar(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
              TextColumn("checks · students {task.fields[students]}"), TimeElapsedColumn(),
              TextColumn("ETA"), TimeRemainingColumn(), console=console, transient=False,
              disable=not console.is_terminal)
    task = bar.add_task("grading", total=None, students="0/?")
    with bar:
        def update(p: Progress) -> None:
            bar.update(task, completed=p.checks_done, total=p.checks or 1,
                       students=f"{p.students_done}/{p.students}")
        yield update


def class_table(console, doc: dict[str, Any]) -> None:
    from rich.markup import escape
    from rich.table import Table

    ids = [k["id"] for k in doc["katas"]]
    top = sum(k["points"] for k in doc["katas"])
    grid = Table(show_edge=False, pad_edge=False)
    for header in ["student", *ids, "total"]:
        grid.add_column(header, justify="left" if header == "student" else "right")
    for student in doc["students"]:
        cells = []
        for kata_id in ids:
            cell = student["katas"][kata_id]
            text = "—" if cell["status"] == "not-graded" else str(cell["points"])
            cells.append(f"[{STYLE[cell['status']]}]{text}[/]")
        total = sum(student["katas"][k]["points"] for k in ids)
        grid.add_row(escape(student["name"]), *cells, f"{total}/{top}")
    console.print(grid)
    counts = gradebook.counts(doc)
    console.print(f"{len(doc['students'])} students × {len(ids)} katas: passed {counts['passed']}, "
                  f"failed {counts['failed']}, not submitted {counts[NOT_SUBMITTED]}" +
                  (f", [yellow]{counts['not-graded']} not graded (machine too busy): run the same command again "
                   "to grade those only[/yellow]" if counts["not-graded"] else "") + ".")


def class_stats(console, doc: dict[str, Any]) -> None:
    from rich.markup import escape
    from rich.table import Table

    grid = Table(title="Per kata", show_edge=False, pad_edge=False)
    for header in ("kata", "pass rate", "passed", "failed", "not graded", "not submitted", "mean"):
        grid.add_column(header)
    per_kata = stats.per_kata(doc)
    for kata in per_kata:
        rate = "—" if kata.pass_rate is None else f"{100 * kata.pass_rate:.0f}%"
        grid.add_row(kata.id, rate, str(kata.passed), str(kata.failed), str(kata.not_graded),
                     str(kata.not_submitted), f"{kata.mean_points:.1f}/{kata.points}")
    console.print(grid)
    console.print("Diagnostic codes (students):")
    for kata in per_kata:
        codes = ", ".join(f"{c} ×{n}" for c, n in sorted(kata.codes.items(), key=lambda i: (-i[1], i[0])))
        console.print(f"  {kata.id}  {escape(codes) or '—'}", soft_wrap=True)
    worst = stats.most_failed(doc, limit=5)
    if worst:
        console.print("Checks that fail most:")
        for kata_id, name, n in worst:
            console.print(f"  {kata_id}  {escape(name)}  ({n} students)", soft_wrap=True)
