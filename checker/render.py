"""Reports and listings -> terminal text. Listings are plain aligned text (instant start-up); a check's
report and the grade table use rich, imported only when they are drawn. No logic about grading here."""

from __future__ import annotations

import time

import click

from checker.catalog import Kata
from checker.i18n import t
from checker.progress import KataProgress
from checker.report import Report

MARKS = {"passed": ("✓", "green"), "failed": ("✗", "red"), "skipped": ("–", "yellow")}


def console(stderr: bool = False):
    from rich.console import Console

    return Console(highlight=False, stderr=stderr)


def report_text(out, kata: Kata, report: Report, lang: str) -> None:
    from rich.markup import escape
    from rich.padding import Padding
    from rich.text import Text

    out.print(f"[bold]Kata {kata.id} — {escape(kata.title_in(lang))}[/bold]")
    previous = None
    for check in report.checks:
        mark, colour = MARKS.get(check.status, MARKS["failed"])
        code = f" [dim]\\[{check.code}][/dim]" if check.code and not check.passed else ""
        out.print(f" [{colour}]{mark}[/{colour}] {escape(check.name)}{code}")
        if check.message and not check.passed:
            text = check.message if check.message != previous else t("same-as-above", lang)
            out.print(Padding(Text(text, style="dim" if check.status == "skipped" else ""), (0, 0, 0, 5), expand=False))
            previous = check.message
        for warning in check.warnings:
            out.print(Padding(Text(f"⚠ [{warning['code']}] {warning['message']}", style="yellow"), (0, 0, 0, 5),
                              expand=False))
    shown = chosen_timeline(report)
    if shown is not None:
        check, drawn = shown
        out.print(f"[bold]{escape(t('timeline-of', lang, check=check.name))}[/bold]")
        out.print(Text(drawn), soft_wrap=True)
    params = dict(kata=kata.id, passed=sum(c.passed for c in report.checks), total=len(report.checks),
                  points=report.points, max_points=report.max_points, duration=report.duration_s)
    notice = confinement_notice(report, lang)
    if notice:
        out.print(f"[yellow]{escape(notice)}[/yellow]", soft_wrap=True)  # one line, never wrapped
    if report.busy:
        out.print(f"[yellow]{escape(t('summary-busy', lang, **params))}[/yellow]")
        for each in (lang, "fr" if lang != "fr" else "en"):  # a grader's log may be read in either language
            out.print(f"[bold yellow]{escape(t('busy-not-graded', each, kata=kata.id, runs=report.runs))}[/bold yellow]")
    elif report.passed:
        out.print(f"[bold green]{escape(t('summary-pass', lang, **params))}[/bold green] {escape(t('next-after-pass', lang))}")
        if kata.solution_file.is_file():
            out.print(escape(t("see-solution", lang, kata=kata.id)))
    else:
        out.print(f"[bold red]{escape(t('summary-fail', lang, **params))}[/bold red] "
                  f"{escape(t('next-after-fail', lang, kata=kata.id))}")


def confinement_notice(report: Report, lang: str) -> str:
    """One line when the learner's code ran unconfined (no Landlock), else ""."""
    state = report.confinement
    if state is None or state.get("landlock"):
        return ""
    return t("not-confined", lang, why=state.get("why") or "?")


def chosen_timeline(report: Report, width: int = 40) -> tuple | None:
    """The most telling timeline of a report: a not-concurrent failure's, else the first one."""
    from checker import timeline

    with_timeline = [c for c in report.checks if "timeline" in c.details]
    if not with_timeline:
        return None
    check = next((c for c in with_timeline if c.code == "not-concurrent"), with_timeline[0])
    spans, clock = timeline.from_json(check.details["timeline"])
    return check, timeline.text(spans, clock, report.lang, width=width)


def status_of(state: KataProgress | None, lang: str) -> tuple[str, str]:
    if state is None or state.attempts == 0:
        return t("status-new", lang), None
    if state.passed:
        return t("status-passed", lang), "green"
    codes = f" ({', '.join(dict.fromkeys(state.last_codes))})" if state.last_codes else ""
    return t("status-failed", lang) + codes, "red"


def table(headers: list[str], rows: list[list[tuple[str, str | None]]]) -> str:
    """Aligned columns; each cell is (text, colour). click.echo drops the colours when not a terminal."""
    widths = [max(len(h), *(len(r[i][0]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths)).rstrip()]
    for r in rows:
        cells = [click.style(text.ljust(w), fg=colour) if colour else text.ljust(w)
                 for (text, colour), w in zip(r, widths)]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def kata_list(katas: list[Kata], progress: dict[str, KataProgress], lang: str) -> str:
    fr = lang == "fr"
    rows, earned = [], 0
    for kata in katas:
        state = progress.get(kata.id)
        status, colour = status_of(state, lang)
        points = kata.points if state and state.passed else 0
        earned += points
        rows.append([(kata.id, None), (kata.title_in(lang), None), (status, colour),
                     (f"{points}/{kata.points}", None), (f"{state.hints_seen if state else 0}/{len(kata.hints)}", None)])
    headers = ["kata", "titre", "état", "points", "indices"] if fr else ["kata", "title", "status", "points", "hints"]
    total = sum(k.points for k in katas)
    return table(headers, rows) + "\n" + ("Total : " if fr else "Total: ") + f"{earned}/{total} points"


def progress_text(katas: list[Kata], progress: dict[str, KataProgress], lang: str) -> str:
    fr = lang == "fr"
    rows = []
    for kata in katas:
        state = progress.get(kata.id) or KataProgress()
        status, colour = status_of(state, lang)
        last = time.strftime("%Y-%m-%d %H:%M", time.localtime(state.last_time)) if state.last_time else "—"
        codes = ", ".join(f"{code}×{n}" for code, n in state.codes.most_common(3)) or "—"
        rows.append([(kata.id, None), (status, colour), (str(state.attempts), None),
                     (f"{state.hints_seen}/{len(kata.hints)}", None), (last, None), (codes, None)])
    headers = (["kata", "état", "essais", "indices", "dernier essai", "codes fréquents"] if fr else
               ["kata", "status", "attempts", "hints", "last attempt", "frequent codes"])
    return table(headers, rows)


def grade_table(out, results: list[tuple[Kata, Report]], lang: str) -> None:
    from rich.markup import escape
    from rich.table import Table

    fr = lang == "fr"
    grid = Table(show_edge=False, pad_edge=False, box=None)
    for header in (("kata", "kata"), ("title", "titre"), ("result", "résultat"), ("points", "points"),
                   ("checks", "vérifications"), ("codes", "codes"), ("time", "durée")):
        grid.add_column(header[fr])
    for kata, report in results:
        status = ("busy-machine", "yellow") if report.busy else \
            (t("status-passed", lang), "green") if report.passed else (t("status-failed", lang), "red")
        grid.add_row(kata.id, escape(kata.title_in(lang)), f"[{status[1]}]{escape(status[0])}[/{status[1]}]",
                      f"{report.points}/{report.max_points}",
                      f"{sum(c.passed for c in report.checks)}/{len(report.checks)}",
                      escape(", ".join(dict.fromkeys(report.codes))) or "—", f"{report.duration_s:.1f} s")
    out.print(grid)
    points, total = sum(r.points for _, r in results), sum(r.max_points for _, r in results)
    out.print(("Total : " if fr else "Total: ") + f"{points}/{total} points")


def progress_bar(done: int, total: int, width: int = 24) -> str:
    filled = round(width * done / total) if total else 0
    return "█" * filled + "░" * (width - filled) + f" {round(100 * done / total) if total else 0}%"


def home(katas: list[Kata], progress: dict[str, KataProgress], next_kata: Kata | None, lang: str) -> str:
    """`kata` alone: where the learner is and the one command to run next."""
    fr = lang == "fr"
    passed = [k for k in katas if (s := progress.get(k.id)) and s.passed]
    points = sum(k.points for k in passed)
    total = sum(k.points for k in katas)
    title = "Katas de concurrence" if fr else "Concurrency katas"
    head = (f"{title} — {len(passed)}/{len(katas)} " + ("réussis" if fr else "passed") +
            f", {points}/{total} points\n{progress_bar(len(passed), len(katas))}\n")
    if next_kata is None:
        tail = t("all-done", lang)
    else:
        state = progress.get(next_kata.id)
        command = f"kata check {next_kata.id}" if state and state.attempts else f"kata show {next_kata.id}"
        tail = (f"Ensuite : {command}" if fr else f"Next: {command}") + f"   ({next_kata.id} — {next_kata.title_in(lang)})"
    return head + "\n" + kata_list(katas, progress, lang) + "\n\n" + tail


def what_to_remember(kata: Kata, lang: str) -> str:
    """The "What to remember" / "À retenir" section of the kata's README, if any."""
    text = kata.readme(lang).read_text(encoding="utf-8")
    for heading in ("## What to remember", "## À retenir"):
        if heading in text:
            return text.split(heading, 1)[1].split("\n## ", 1)[0].strip()
    return ""


def solution_view(out, kata: Kata, mine: str, reference: str, lang: str) -> None:
    """The learner's file and the reference side by side (one above the other when the terminal is narrow)."""
    from rich.columns import Columns
    from rich.markdown import Markdown
    from rich.panel import Panel
    from rich.syntax import Syntax

    fr = lang == "fr"
    left = Panel(Syntax(mine, "python", line_numbers=True, word_wrap=True), title="votre fichier" if fr else "your file")
    right = Panel(Syntax(reference, "python", line_numbers=True, word_wrap=True),
                  title="la solution de référence" if fr else "the reference solution")
    if out.width >= 160:
        out.print(Columns([left, right], equal=True, expand=True))
    else:
        out.print(left)
        out.print(right)
    remember = what_to_remember(kata, lang)
    if remember:
        out.print(Panel(Markdown(remember), title="à retenir" if fr else "what to remember"))
