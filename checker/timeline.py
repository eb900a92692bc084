"""Timelines: when each unit of work (task, thread, process) started and ended, drawn on a shared axis.

Sequential work draws a staircase; concurrent work draws stacked bars. Text for the terminal, SVG or
HTML for those who want to keep the picture.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from checker.i18n import number, t

CLOCKS = ("loop", "wall", "steps")  # event-loop time, wall-clock time, steps of the race scheduler (no unit)


@dataclass(frozen=True)
class Span:
    name: str
    start: float
    end: float

    def to_json(self) -> dict:
        return {"name": self.name, "start": round(self.start, 6), "end": round(self.end, 6)}


class Timeline:
    """The `timeline` fixture: suites add spans; the plugin attaches them to the check."""

    def __init__(self) -> None:
        self.spans: list[Span] = []
        self.clock = "loop"

    def add(self, name: str, start: float, end: float) -> None:
        self.spans.append(Span(str(name), float(start), float(end)))

    def use(self, spans: list[Span], clock: str = "loop") -> None:
        self.spans, self.clock = list(spans), clock


def from_json(data: dict) -> tuple[list[Span], str]:
    return [Span(s["name"], s["start"], s["end"]) for s in data.get("spans", [])], data.get("clock", "loop")


def telling_check(report):
    """The check whose timeline tells the most: the first failed one that has one (a not-concurrent failure
    first); on a passed report, the first one. Never a passing check's under a failure."""
    with_timeline = [c for c in report.checks if "timeline" in c.details]
    failed = [c for c in with_timeline if c.status == "failed"]
    if failed:
        return next((c for c in failed if c.code == "not-concurrent"), failed[0])
    return with_timeline[0] if with_timeline and report.passed else None


def labels(spans: list[Span]) -> list[str]:
    """Row labels that differ: a name used by several spans is numbered (`worker #1`, `worker #2`)."""
    counts: dict[str, int] = {}
    for span in spans:
        counts[span.name] = counts.get(span.name, 0) + 1
    seen: dict[str, int] = {}
    out = []
    for span in spans:
        if counts[span.name] > 1:
            seen[span.name] = seen.get(span.name, 0) + 1
            out.append(f"{span.name} #{seen[span.name]}")
        else:
            out.append(span.name)
    return out


def _num(value: float, lang: str, digits: int = 2, clock: str = "loop") -> str:
    """A time on the axis as `lang` writes it, in seconds (`1,50 s`), or a count of steps (`7`)."""
    if clock == "steps":
        return f"{value:.0f}"
    return number(value, lang, digits) + " s"


def _clock(clock: str, lang: str) -> str:
    return t("clock-" + (clock if clock in CLOCKS else "loop"), lang)


def text(spans: list[Span], clock: str, lang: str, width: int = 80) -> str:
    """The timeline within `width` columns: labels, bars on a shared axis, each span's start and end."""
    if not spans:
        return ""
    origin = min(s.start for s in spans)
    total = max(s.end for s in spans) - origin or 1e-9
    names = labels(spans)
    times = [f"{_num(s.start - origin, lang, clock=clock).removesuffix(' s')}–{_num(s.end - origin, lang, clock=clock)}"
             for s in spans]
    name_width = min(max(len(n) for n in names), max(12, width // 3))
    bar_width = max(10, width - name_width - 4 - max(len(x) for x in times))
    rows = []
    for span, name, when in zip(spans, names, times):
        a = round((span.start - origin) / total * bar_width)
        b = max(a + 1, round((span.end - origin) / total * bar_width))
        bar = " " * a + "█" * (b - a) + " " * (bar_width - b)
        label = name if len(name) <= name_width else name[: name_width - 1] + "…"
        rows.append(f"{label:<{name_width}} │{bar}│ {when}")
    end, zero = _num(total, lang, clock=clock), _num(0, lang, 0, clock)
    rows.append(f"{'':<{name_width}} {zero}{'':<{max(1, bar_width + 2 - len(zero) - len(end))}}{end}".rstrip())
    from checker import layout  # the terminal's side only: the child that records spans never draws them

    rows.append(layout.wrap(t("timeline-total", lang, total=end, clock=_clock(clock, lang)), width))
    return "\n".join(rows)


def svg(spans: list[Span], clock: str, lang: str, title: str) -> str:
    """A picture whose labels fit: the label column and the margins are sized from the texts (monospace)."""
    origin = min(s.start for s in spans)
    total = max(s.end for s in spans) - origin or 1e-9
    names = labels(spans)
    char = 8.0  # width of one character at font-size 13, monospace
    left = 20 + char * max(len(n) for n in names)
    width, row_h = 600, 26
    axis = f"{_num(total, lang, clock=clock)} ({_clock(clock, lang)})"
    right = 20 + char * max(14, len(axis) / 2)
    full = max(left + width + right, 20 + char * len(title))
    height = 70 + row_h * len(spans)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{full:.0f}" height="{height}" '
             f'font-family="monospace" font-size="13">',
             f'<text x="10" y="20" font-weight="bold">{html.escape(title)}</text>']
    for i, (span, name) in enumerate(zip(spans, names)):
        y = 34 + i * row_h
        x = left + (span.start - origin) / total * width
        w = max(2.0, (span.end - span.start) / total * width)
        parts.append(f'<text x="10" y="{y + 15}">{html.escape(name)}</text>')
        parts.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{row_h - 8}" fill="#3b82f6" rx="3">'
                     f'<title>{html.escape(name)}: {_num(span.start - origin, lang, 3, clock).removesuffix(" s")}–'
                     f'{_num(span.end - origin, lang, 3, clock)}</title></rect>')
    y = 34 + len(spans) * row_h
    parts.append(f'<line x1="{left:.0f}" y1="{y}" x2="{left + width:.0f}" y2="{y}" stroke="#555"/>')
    parts.append(f'<text x="{left:.0f}" y="{y + 16}">{_num(0, lang, 0, clock)}</text>')
    parts.append(f'<text x="{left + width:.0f}" y="{y + 16}" text-anchor="middle">{html.escape(axis)}</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def page(spans: list[Span], clock: str, lang: str, title: str) -> str:
    return (f'<!doctype html>\n<html lang="{lang}"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f'</head><body>\n{svg(spans, clock, lang, title)}</body></html>\n')
