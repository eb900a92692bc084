"""A check's report -> terminal text that fits the terminal's width (checker/layout.py), through rich,
imported only when it is drawn, for its colours (NO_COLOR and dumb terminals honoured); README and solution
views. Listings are in checker/listings.py. No logic about grading here."""

from __future__ import annotations

import re

from checker import layout
from checker.catalog import Kata
from checker.i18n import number, t
from checker.report import Check, Report

MARKS = {"passed": ("✓", "green"), "failed": ("✗", "red"), "skipped": ("–", "yellow")}
OUTPUT_LINES = 8  # of a learner's print() output shown under a check
INDENT = "     "
GLUE = layout.GLUE  # joins a check's title to its [code] while wrapping


def console(stderr: bool = False):
    from rich.console import Console

    return Console(highlight=False, stderr=stderr, width=layout.width())


def _plain(out, text: str, style: str = "") -> None:
    """Already wrapped text, printed as is (rich wraps nothing and pads nothing)."""
    from rich.text import Text

    out.print(Text(layout.strip_trailing(text), style=style), soft_wrap=True)


def header(out, kata: Kata, lang: str) -> None:
    _plain(out, layout.wrap(f"Kata {kata.id} — {kata.title_in(lang)}", out.width), "bold")


def check_line(out, check: Check, lang: str, seen: dict[tuple, str] | None = None) -> None:
    """One finished check: its mark and title (with its [code], never apart), then why it failed, what it
    printed and its warnings. A failure (or a skip) with the same cause as an earlier one (`seen`) is one line."""
    from rich.text import Text

    mark, colour = MARKS.get(check.status, MARKS["failed"])
    failed = check.status == "failed"
    noted = check.status in ("failed", "skipped") and bool(check.message)
    keys = causes(check)
    repeated = noted and seen is not None and any(key in seen for key in keys)
    code = f" [{check.code}]" if check.code and failed else ""
    tail = (GLUE + code.lstrip() if code else "") + (" " + t("same-cause", lang) if repeated else "")
    words = check.name + tail
    wrapped = layout.wrap(words, out.width, indent="   ")[3:].replace(GLUE, " ")
    line = Text(f" {mark} ", style=colour)
    title, _, rest = wrapped.rpartition(code) if code else (wrapped, "", "")
    line.append(title)
    if code:
        line.append(code, style="dim")
        line.append(rest, style="dim")
    out.print(line, soft_wrap=True)
    if repeated:
        return
    if noted and seen is not None:
        seen.update(dict.fromkeys(keys, check.name))
    if check.message and check.status != "passed":
        _plain(out, layout.wrap(_code_kept(check.message), out.width, INDENT),
               "dim" if check.status == "skipped" else "")
    if check.output and failed:
        _plain(out, printed(check.output, out.width, lang), "cyan")
    for warning in check.warnings:
        _plain(out, layout.wrap(f"⚠ [{warning['code']}] {warning['message']}", out.width, INDENT), "yellow")


_CODE = re.compile(r"`[^`\n]{1,32}`")


def _code_kept(message: str) -> str:
    """A short piece of code (`await asyncio.sleep(duration)`) kept on one line while wrapping."""
    return _CODE.sub(lambda m: m.group(0).replace(" ", GLUE), message)


def causes(check: Check) -> list[tuple]:
    """What makes a failure (or a skip) the same as an earlier one: the same code at the same line of the
    learner's file (or with the same message), or another case of the same parametrized check failing with the
    same code (its message differs only by the case's values: told once, the learner fixes the cause)."""
    keys = [(check.status, check.code, check.details.get("location") or check.message)]
    if check.status == "failed" and "[" in check.test:
        keys.append((check.status, check.code, "case of", check.test.split("[", 1)[0]))
    return keys


_CUT = re.compile(r"\n?\[output truncated: (\d+) characters, the first (\d+) shown\]\s*$")


def printed(output: str, width: int, lang: str) -> str:
    """What the learner's code printed during a check: the first lines, each cut to the width, and a count
    of what was left out (the record itself keeps the first 500 characters)."""
    cut = _CUT.search(output)
    dropped_chars = int(cut.group(1)) - int(cut.group(2)) if cut else 0
    lines = (output[: cut.start()] if cut else output).rstrip("\n").split("\n")
    shown = [INDENT + "│ " + layout.shorten(line.rstrip(), width - len(INDENT) - 2) for line in lines[:OUTPUT_LINES]]
    text = INDENT + t("printed", lang) + "\n" + "\n".join(shown)
    if len(lines) > OUTPUT_LINES or dropped_chars:
        text += "\n" + INDENT + "│ " + t("printed-cut", lang, lines=max(0, len(lines) - OUTPUT_LINES),
                                           chars=dropped_chars)
    return layout.strip_trailing(text)


def summary(out, kata: Kata, report: Report, lang: str) -> None:
    for note in report.environment:  # what this system could not guarantee during the check: one line each
        _plain(out, f"ⓘ {note}", "yellow")
    params = dict(kata=kata.id, passed=sum(c.passed for c in report.checks), total=len(report.checks),
                  points=report.points, max_points=report.max_points, duration=number(report.duration_s, lang))
    if report.busy:
        _plain(out, layout.wrap(t("summary-busy", lang, **params), out.width), "yellow")
        for each in (lang, "fr" if lang != "fr" else "en"):  # a grader's log may be read in either language
            _plain(out, layout.wrap(t("busy-not-graded", each, kata=kata.id, runs=report.runs), out.width),
                   "bold yellow")
    elif report.passed:
        _plain(out, layout.wrap(t("summary-pass", lang, **params) + " " + t("next-after-pass", lang), out.width),
               "bold green")
        if kata.solution_file.is_file():
            _plain(out, layout.wrap(t("see-solution", lang, kata=kata.id), out.width))
    else:
        _plain(out, layout.wrap(t("summary-fail", lang, **params) + " " + t("next-after-fail", lang, kata=kata.id),
                                out.width), "bold red")


def timeline_part(out, report: Report, lang: str) -> None:
    shown = chosen_timeline(report, lang, out.width)
    if shown is not None:
        check, drawn = shown
        _plain(out, layout.wrap(t("timeline-of", lang, check=check.name), out.width), "bold")
        _plain(out, drawn)


def report_text(out, kata: Kata, report: Report, lang: str) -> None:
    header(out, kata, lang)
    seen: dict[tuple, str] = {}
    for check in report.checks:
        check_line(out, check, lang, seen)
    timeline_part(out, report, lang)
    summary(out, kata, report, lang)


class LiveChecks:
    """A report drawn while the check runs: each check as soon as it finishes and, on a terminal, a spinner
    with a counter for the rest. What it shows is display only: finish() draws the final report's checks that
    differ from what was shown, then the timeline and the summary, from the verdict itself."""

    def __init__(self, out, lang: str):
        self.out, self.lang = out, lang
        self.shown: dict[str, tuple] = {}
        self.seen: dict[tuple, str] = {}
        self.status = out.status(t("check-starting", lang)) if out.is_terminal else None
        if self.status is not None:
            self.status.start()

    @staticmethod
    def _key(check: Check) -> str:
        return check.test or check.name

    @staticmethod
    def _look(check: Check) -> tuple:
        return check.status, check.code, check.message, check.output, len(check.warnings)

    def _show(self, check: Check) -> None:
        self.shown[self._key(check)] = self._look(check)
        check_line(self.out, check, self.lang, self.seen)

    def update(self, checks: list[Check]) -> None:
        for check in checks:
            if check.status in MARKS and self._key(check) not in self.shown:
                self._show(check)
        if self.status is not None:
            done = sum(check.status in MARKS for check in checks)
            self.status.update(t("check-running", self.lang, done=done, total=len(checks)))

    def stop(self) -> None:
        if self.status is not None:
            self.status.stop()
            self.status = None

    def finish(self, kata: Kata, report: Report) -> None:
        self.stop()
        for check in report.checks:
            before = self.shown.get(self._key(check))
            if before is None or before[:2] != self._look(check)[:2]:
                self._show(check)
            elif check.message.startswith(before[2]) and check.message != before[2]:  # a line added at the end
                _plain(self.out, layout.wrap(check.message[len(before[2]):].lstrip("\n"), self.out.width, INDENT))
        timeline_part(self.out, report, self.lang)
        summary(self.out, kata, report, self.lang)


def chosen_timeline(report: Report, lang: str, width: int = 80) -> tuple | None:
    from checker import timeline

    check = timeline.telling_check(report)
    if check is None:
        return None
    spans, clock = timeline.from_json(check.details["timeline"])
    return check, timeline.text(spans, clock, lang, width=width)


def markdown(text: str, out) -> str:
    """A README rendered for this terminal (plain text when piped), as one string for the pager."""
    if not out.is_terminal:
        return layout.strip_trailing(text.rstrip("\n"))
    from rich.markdown import Markdown

    with out.capture() as captured:
        out.print(Markdown(text))
    return layout.strip_trailing(captured.get().rstrip("\n"))


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

    left = Panel(Syntax(mine, "python", line_numbers=True, word_wrap=True), title=t("your-file", lang))
    right = Panel(Syntax(reference, "python", line_numbers=True, word_wrap=True), title=t("reference", lang))
    if out.width >= 160:
        out.print(Columns([left, right], equal=True, expand=True))
    else:
        out.print(left)
        out.print(right)
    remember = what_to_remember(kata, lang)
    if remember:
        out.print(Panel(Markdown(remember), title=t("remember", lang)))
