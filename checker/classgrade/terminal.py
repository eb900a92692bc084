"""What `kata class` shows in the terminal: a progress bar (checks, students done, ETA) while grading, then
the class table and the statistics. Rendering only."""

from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Iterator

from checker.classgrade import gradebook, stats
from checker.classgrade.grader import NOT_SUBMITTED, Progress
from checker.i18n import number, t

STYLE = {"passed": "green", "failed": "red", "not-graded": "yellow", NOT_SUBMITTED: "dim"}


@contextmanager
def progress_bar(console, lang: str = "en") -> Iterator:
    """A callback for grade_class that moves a rich progress bar (on a terminal only)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress as Bar, TextColumn, TimeElapsedColumn, \
        TimeRemainingColumn

    bar = Bar(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
              TextColumn(t("class-bar-counts", lang) + " {task.fields[students]}"), TimeElapsedColumn(),
              TextColumn(t("class-bar-left", lang)), TimeRemainingColumn(), console=console, transient=False,
              disable=not console.is_terminal)
    task = bar.add_task(t("class-bar-grading", lang), total=None, students="0/?")
    with bar:
        def update(p: Progress) -> None:
            bar.update(task, completed=p.checks_done, total=p.checks or 1,
                       students=f"{p.students_done}/{p.students}")
        yield update


def class_table(console, doc: dict[str, Any]) -> None:
    from rich.markup import escape
    from rich.table import Table

    lang = doc.get("lang", "en")
    ids = [k["id"] for k in doc["katas"]]
    top = sum(k["points"] for k in doc["katas"])
    grid = Table(show_edge=False, pad_edge=False)
    grid.add_column(t("class-col-student", lang), justify="left")
    for header in [*ids, t("col-total", lang)]:
        grid.add_column(header, justify="right")
    for student in doc["students"]:
        cells = []
        for kata_id in ids:
            cell = student["katas"][kata_id]
            text = "—" if cell["status"] == "not-graded" else str(cell["points"])
            flag = "[bold yellow]⚑[/]" if cell.get("review") else ""
            cells.append(f"[{STYLE[cell['status']]}]{text}[/]{flag}")
        total = sum(student["katas"][k]["points"] for k in ids)
        grid.add_row(escape(student["name"]), *cells, f"{total}/{top}")
    console.print(grid)
    counts = gradebook.counts(doc)
    busy = f", [yellow]{t('class-not-graded', lang, count=counts['not-graded'])}[/yellow]" \
        if counts["not-graded"] else ""
    console.print(t("class-summary", lang, students=len(doc["students"]), katas=len(ids), passed=counts["passed"],
                    failed=counts["failed"], not_submitted=counts[NOT_SUBMITTED], busy=busy))
    to_read = sum(1 for s in doc["students"] for c in s["katas"].values() if c.get("review"))
    if to_read:
        console.print(f"[bold yellow]⚑[/] {t('class-review', lang, count=to_read)}")


def class_stats(console, doc: dict[str, Any]) -> None:
    from rich.markup import escape
    from rich.table import Table

    lang = doc.get("lang", "en")
    grid = Table(title=t("class-per-kata", lang), show_edge=False, pad_edge=False)
    for header in ("col-kata", "class-col-rate", "class-col-passed", "class-col-failed", "class-col-not-graded",
                   "class-col-not-submitted", "class-col-mean"):
        grid.add_column(t(header, lang))
    per_kata = stats.per_kata(doc)
    for kata in per_kata:
        rate = "—" if kata.pass_rate is None else f"{100 * kata.pass_rate:.0f}" + (" %" if lang == "fr" else "%")
        grid.add_row(kata.id, rate, str(kata.passed), str(kata.failed), str(kata.not_graded),
                     str(kata.not_submitted), f"{number(kata.mean_points, lang)}/{kata.points}")
    console.print(grid)
    console.print(t("class-codes", lang))
    for kata in per_kata:
        codes = ", ".join(f"{c} ×{n}" for c, n in sorted(kata.codes.items(), key=lambda i: (-i[1], i[0])))
        console.print(f"  {kata.id}  {escape(codes) or '—'}", soft_wrap=True)
    worst = stats.most_failed(doc, limit=5)
    if worst:
        console.print(t("class-worst", lang))
        for kata_id, name, n in worst:
            console.print(f"  {kata_id}  {escape(name)}  ({t('class-students', lang, count=n)})", soft_wrap=True)
