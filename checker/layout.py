"""Text that fits the learner's terminal: its width, tables whose columns shrink, paragraphs wrapped at word
boundaries, no trailing spaces, and a pager for long texts when the terminal is shorter (as git does)."""

from __future__ import annotations

import os
import re
import shutil
import sys
import textwrap

import click

MIN_WIDTH = 40


def width() -> int:
    """The terminal's columns (COLUMNS first, as the shell sets it); 80 when piped."""
    return max(MIN_WIDTH, shutil.get_terminal_size((80, 24)).columns)


def height() -> int:
    return shutil.get_terminal_size((80, 24)).lines


def shorten(text: str, limit: int) -> str:
    """`text` cut to `limit` characters, with an ellipsis when something was cut."""
    if len(text) <= limit:
        return text
    return text[: max(0, limit - 1)].rstrip() + "…" if limit > 0 else ""


def table(headers: list[str], rows: list[list[tuple[str, str | None]]], limit: int,
          shrink: tuple[int, ...] = (), floors: dict[int, int] | None = None) -> str:
    """Aligned columns within `limit` characters; each cell is (text, colour). Columns listed in `shrink`
    (widest first) give up width down to their `floors` (else 6), their cells cut with an ellipsis. click.echo drops the colours when not a terminal; no line ends in spaces."""
    natural = [max([len(h), *(len(r[i][0]) for r in rows)]) for i, h in enumerate(headers)]
    widths = list(natural)
    gap = 2
    while sum(widths) + gap * (len(widths) - 1) > limit:
        candidates = [i for i in shrink if widths[i] > (floors or {}).get(i, max(4, min(len(headers[i]), 6)))]
        if not candidates:
            gap = 1 if gap == 2 else gap
            if sum(widths) + gap * (len(widths) - 1) <= limit:
                break
            candidates = [i for i in range(len(widths)) if widths[i] > 3]
            if not candidates:
                break
        widest = max(candidates, key=lambda i: widths[i])
        widths[widest] -= 1

    def line(cells: list[tuple[str, str | None]]) -> str:
        out = []
        for (text, colour), w in zip(cells, widths):
            text = shorten(text, w).ljust(w)
            out.append(click.style(text, fg=colour) if colour else text)
        return (" " * gap).join(out).rstrip()

    return "\n".join([line([(h, None) for h in headers])] + [line(r) for r in rows])


UNIT = re.compile(r"(\d) (s|ms|%|MB|Mo|GB|Go)\b")
GLUE = "\u2060"


def wrap(text: str, limit: int, indent: str = "") -> str:
    """Paragraphs wrapped at word boundaries; a number and its unit (`0,5 s`) stay on one line."""
    out = []
    for paragraph in UNIT.sub(lambda m: m.group(1) + GLUE + m.group(2), text).splitlines() or [""]:
        if not paragraph.strip():
            out.append("")
            continue
        out.extend(textwrap.wrap(paragraph, max(20, limit - len(indent)), initial_indent=indent,
                                 subsequent_indent=indent, break_on_hyphens=False, break_long_words=False)
                   or [indent.rstrip()])
    return "\n".join(line.rstrip() for line in out).replace(GLUE, " ")


def strip_trailing(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.split("\n"))


def page(text: str) -> None:
    """Print `text`; through $PAGER (else `less -FRX`) when stdout is a terminal shorter than the text."""
    if sys.stdout.isatty() and text.count("\n") + 1 > height() - 1:
        import subprocess

        pager = os.environ.get("PAGER") or "less"
        env = {**os.environ}
        env.setdefault("LESS", "FRX")  # quit if one screen, keep colours, leave the text on screen
        try:
            if subprocess.run(pager, shell=True, input=text.encode(), env=env).returncode != 127:
                return
        except OSError:
            pass
    click.echo(text)
