"""Reports and listings -> terminal text (rich), JSON, JUnit XML. No logic about grading here."""

from __future__ import annotations

import json
from typing import Iterable
from xml.etree import ElementTree as ET

from rich.console import Console
from rich.markup import escape
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from checker.catalog import Kata
from checker.codes import CODES
from checker.i18n import pick, t
from checker.progress import KataProgress
from checker.report import Report

MARKS = {"passed": ("✓", "green"), "failed": ("✗", "red"), "skipped": ("–", "yellow")}


def console(stderr: bool = False) -> Console:
    return Console(highlight=False, stderr=stderr)


def report_text(out: Console, kata: Kata, report: Report, lang: str) -> None:
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
    params = dict(kata=kata.id, passed=sum(c.passed for c in report.checks), total=len(report.checks),
                  points=report.points, max_points=report.max_points, duration=report.duration_s)
    if report.busy:
        out.print(f"[yellow]{escape(t('summary-busy', lang, **params))}[/yellow]")
    elif report.passed:
        out.print(f"[bold green]{escape(t('summary-pass', lang, **params))}[/bold green] {escape(t('next-after-pass', lang))}")
    else:
        out.print(f"[bold red]{escape(t('summary-fail', lang, **params))}[/bold red] "
                  f"{escape(t('next-after-fail', lang, kata=kata.id))}")


def report_json(report: Report) -> str:
    data = report.to_json()
    data.pop("busy")
    if report.busy:
        data["busy_machine"] = True
    return json.dumps(data, ensure_ascii=False)


def reports_junit(pairs: Iterable[tuple[Kata, Report]]) -> str:
    suites = ET.Element("testsuites", name="kata")
    for kata, report in pairs:
        failures = sum(1 for c in report.checks if c.status == "failed")
        skipped = sum(1 for c in report.checks if c.status == "skipped")
        suite = ET.SubElement(suites, "testsuite", name=f"{kata.id}_{kata.slug}", tests=str(len(report.checks)),
                              failures=str(failures), skipped=str(skipped), errors="0",
                              time=f"{report.duration_s:.3f}")
        for check in report.checks:
            case = ET.SubElement(suite, "testcase", classname=f"kata.{kata.id}_{kata.slug}", name=check.name,
                                 time="0")
            if check.status == "failed":
                failure = ET.SubElement(case, "failure", type=check.code or "failed",
                                        message=check.message.splitlines()[0] if check.message else "")
                failure.text = check.message
            elif check.status == "skipped":
                ET.SubElement(case, "skipped", message=check.message)
    ET.indent(suites)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"


def status_of(state: KataProgress | None, lang: str) -> tuple[str, str]:
    if state is None or state.attempts == 0:
        return t("status-new", lang), "dim"
    if state.passed:
        return t("status-passed", lang), "green"
    codes = f" ({', '.join(dict.fromkeys(state.last_codes))})" if state.last_codes else ""
    return t("status-failed", lang) + codes, "red"


def kata_list(out: Console, katas: list[Kata], progress: dict[str, KataProgress], lang: str) -> None:
    fr = lang == "fr"
    table = Table(show_edge=False, pad_edge=False, box=None)
    for header in (("kata", "kata"), ("title", "titre"), ("status", "état"), ("points", "points"),
                   ("hints", "indices")):
        table.add_column(header[fr])
    earned = 0
    for kata in katas:
        state = progress.get(kata.id)
        status, colour = status_of(state, lang)
        points = kata.points if state and state.passed else 0
        earned += points
        hints = f"{state.hints_seen if state else 0}/{len(kata.hints)}"
        table.add_row(kata.id, escape(kata.title_in(lang)), f"[{colour}]{escape(status)}[/{colour}]",
                      f"{points}/{kata.points}", hints)
    out.print(table)
    total = sum(k.points for k in katas)
    out.print(("Total : " if fr else "Total: ") + f"{earned}/{total} points")


def progress_text(out: Console, katas: list[Kata], progress: dict[str, KataProgress], lang: str) -> None:
    import time as _time

    fr = lang == "fr"
    table = Table(show_edge=False, pad_edge=False, box=None)
    for header in (("kata", "kata"), ("status", "état"), ("attempts", "essais"), ("hints", "indices"),
                   ("last attempt", "dernier essai"), ("frequent codes", "codes fréquents")):
        table.add_column(header[fr])
    for kata in katas:
        state = progress.get(kata.id) or KataProgress()
        status, colour = status_of(state, lang)
        last = _time.strftime("%Y-%m-%d %H:%M", _time.localtime(state.last_time)) if state.last_time else "—"
        codes = ", ".join(f"{code}×{n}" for code, n in state.codes.most_common(3)) or "—"
        table.add_row(kata.id, f"[{colour}]{escape(status)}[/{colour}]", str(state.attempts),
                      f"{state.hints_seen}/{len(kata.hints)}", last, escape(codes))
    out.print(table)


def grade_table(out: Console, results: list[tuple[Kata, Report]], lang: str) -> None:
    fr = lang == "fr"
    table = Table(show_edge=False, pad_edge=False, box=None)
    for header in (("kata", "kata"), ("title", "titre"), ("result", "résultat"), ("points", "points"),
                   ("checks", "vérifications"), ("codes", "codes"), ("time", "durée")):
        table.add_column(header[fr])
    for kata, report in results:
        status = ("busy-machine", "yellow") if report.busy else \
            (t("status-passed", lang), "green") if report.passed else (t("status-failed", lang), "red")
        table.add_row(kata.id, escape(kata.title_in(lang)), f"[{status[1]}]{escape(status[0])}[/{status[1]}]",
                      f"{report.points}/{report.max_points}",
                      f"{sum(c.passed for c in report.checks)}/{len(report.checks)}",
                      escape(", ".join(dict.fromkeys(report.codes))) or "—", f"{report.duration_s:.1f} s")
    out.print(table)
    points, total = sum(r.points for _, r in results), sum(r.max_points for _, r in results)
    out.print(("Total : " if fr else "Total: ") + f"{points}/{total} points")


def codes_help(lang: str) -> str:
    return "\n".join(f"{code:18} {pick(texts, lang)}" for code, texts in CODES.items())


def exercism(results: Iterable[tuple[Kata, Report]]) -> str:
    """results.json version 3 of exercism's test-runner interface, over one or several katas."""
    tests, errors = [], []
    for kata, report in results:
        for check in report.checks:
            status = {"passed": "pass", "skipped": "fail"}.get(check.status, "fail")
            tests.append({"name": f"{kata.id} {check.name}", "status": status,
                          "message": (f"[{check.code}] " if check.code and not check.passed else "") + check.message
                          if not check.passed else None,
                          "output": check.output or None, "test_code": check.test or check.name,
                          "task_id": int(check.task) if check.task and check.task.isdigit() else None})
            if check.test == "" and not check.passed and check.code in ("crash", "timeout", "tampered"):
                errors.append(check.message)
    status = "pass" if tests and all(t["status"] == "pass" for t in tests) else "fail"
    data = {"version": 3, "status": status, "tests": tests}
    if errors and not any(t["status"] == "pass" for t in tests):
        data["status"], data["message"] = "error", "\n".join(errors)
    return json.dumps(data, ensure_ascii=False, indent=2)
