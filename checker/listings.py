"""Listings -> plain text that fits the terminal (instant start-up, no rich): the home screen, `kata list`,
`kata progress`, the grade table, hints. A status tells the file as it is now."""

from __future__ import annotations

import re
import time

from checker import layout
from checker.catalog import Kata
from checker.i18n import number, t
from checker.progress import KataProgress
from checker.report import Report


def status_of(state: KataProgress | None, lang: str) -> tuple[str, str | None]:
    if state is not None and state.busy:
        return t("status-busy", lang), "yellow"
    if state is None or state.attempts == 0 or state.reset:
        return t("status-new" if state is None or not state.reset else "status-reset", lang), None
    if state.passed:
        return (t("status-changed", lang), "yellow") if state.changed else (t("status-passed", lang), "green")
    codes = list(dict.fromkeys(state.last_codes))
    more = f" +{len(codes) - 1}" if len(codes) > 1 else ""
    return t("status-failed", lang) + (f" ({codes[0]}{more})" if codes else ""), "red"


def headers(keys: list[str], lang: str) -> list[str]:
    return [t(f"col-{key}", lang) for key in keys]


def kata_list(katas: list[Kata], progress: dict[str, KataProgress], lang: str, width: int | None = None) -> str:
    rows, earned = [], 0
    for kata in katas:
        state = progress.get(kata.id)
        status, colour = status_of(state, lang)
        points = kata.points if state and state.passed else 0
        earned += points
        rows.append([(kata.id, None), (kata.title_in(lang), None), (status, colour),
                     (f"{points}/{kata.points}", None), (f"{state.hints_seen if state else 0}/{len(kata.hints)}", None)])
    total = sum(k.points for k in katas)
    grid = layout.table(headers(["kata", "title", "status", "points", "hints"], lang), rows,
                        width or layout.width(), shrink=(1, 2), floors={1: 16, 2: 12})
    return grid + "\n" + t("total", lang, earned=earned, total=total)


def progress_text(katas: list[Kata], progress: dict[str, KataProgress], lang: str, width: int | None = None) -> str:
    rows = []
    for kata in katas:
        state = progress.get(kata.id) or KataProgress()
        status, colour = status_of(state, lang)
        stamp = "%Y-%m-%d %H:%M" if (width or layout.width()) >= 100 else "%m-%d %H:%M"
        last = time.strftime(stamp, time.localtime(state.last_time)) if state.last_time else "—"
        codes = ", ".join(f"{code}×{n}" for code, n in state.codes.most_common(3)) or "—"
        rows.append([(kata.id, None), (status, colour), (str(state.attempts), None),
                     (f"{state.hints_seen}/{len(kata.hints)}", None), (last, None), (codes, None)])
    return layout.table(headers(["kata", "status", "attempts", "hints", "last", "codes"], lang), rows,
                        width or layout.width(), shrink=(5, 1, 4), floors={1: 12, 4: 11, 5: 8})


def grade_table(out, results: list[tuple[Kata, Report]], lang: str) -> None:
    rows = []
    for kata, report in results:
        status = ("busy-machine", "yellow") if report.busy else \
            (t("status-passed", lang), "green") if report.passed else (t("status-failed", lang), "red")
        rows.append([(kata.id, None), (kata.title_in(lang), None), status,
                     (f"{report.points}/{report.max_points}", None),
                     (f"{sum(c.passed for c in report.checks)}/{len(report.checks)}", None),
                     (", ".join(dict.fromkeys(report.codes)) or "—", None),
                     (number(report.duration_s, lang) + " s", None)])
    from rich.text import Text

    drawn = layout.table(headers(["kata", "title", "result", "points", "checks", "codes", "time"], lang), rows,
                         out.width, shrink=(5, 1))
    out.print(Text.from_ansi(drawn), soft_wrap=True)
    points, total = sum(r.points for _, r in results), sum(r.max_points for _, r in results)
    out.print(Text(t("total", lang, earned=points, total=total)), soft_wrap=True)


def progress_bar(done: int, total: int, lang: str, width: int = 24) -> str:
    filled = round(width * done / total) if total else 0
    percent = round(100 * done / total) if total else 0
    return "█" * filled + "░" * (width - filled) + (f" {percent} %" if lang == "fr" else f" {percent}%")


def home(katas: list[Kata], progress: dict[str, KataProgress], next_kata: Kata | None, lang: str,
         width: int | None = None) -> str:
    """`kata` alone: where the learner is and the one command to run next; fits 80×24."""
    width = width or layout.width()
    passed = [k for k in katas if (s := progress.get(k.id)) and s.passed]
    points = sum(k.points for k in passed)
    head = t("home-title", lang, passed=len(passed), count=len(katas), points=points,
             total=sum(k.points for k in katas))
    bar = progress_bar(len(passed), len(katas), lang, min(24, width - 6))
    if next_kata is None:
        tail = t("all-done", lang)
    else:
        state = progress.get(next_kata.id)
        command = f"kata check {next_kata.id}" if state and state.attempts else f"kata show {next_kata.id}"
        tail = t("home-next", lang, command=command, kata=next_kata.id, title=next_kata.title_in(lang))
    return "\n".join([layout.wrap(head, width), bar, "", kata_list(katas, progress, lang, width), "",
                      layout.wrap(tail, width)])


def hint_text(text: str, lang: str, width: int | None = None) -> str:
    """A hint as the READMEs are rendered: `code` without its backticks, wrapped at word boundaries."""
    width = width or layout.width()
    return layout.wrap(re.sub(r"`([^`]+)`", r"\1", text), width)
