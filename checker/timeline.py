"""Timelines: when each unit of work (task, thread, process) started and ended, drawn on a shared axis.

Sequential work draws a staircase; concurrent work draws stacked bars. Text for the terminal, SVG or
HTML for those who want to keep the picture.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

CLOCKS = {"loop": {"en": "event-loop time", "fr": "temps de boucle"},
          "wall": {"en": "wall-clock time", "fr": "temps réel"}}


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


def text(spans: list[Span], clock: str, lang: str, width: int = 40, name_width: int = 16) -> str:
    if not spans:
        return ""
    origin = min(s.start for s in spans)
    total = max(s.end for s in spans) - origin or 1e-9
    rows = []
    for span in spans:
        a = round((span.start - origin) / total * width)
        b = max(a + 1, round((span.end - origin) / total * width))
        bar = " " * a + "█" * (b - a) + " " * (width - b)
        label = span.name if len(span.name) <= name_width else span.name[: name_width - 1] + "…"
        rows.append(f"{label:<{name_width}} │{bar}│ {span.start - origin:.2f}–{span.end - origin:.2f} s")
    axis = f"{'':<{name_width}} 0 s{'':<{width - 6}}{total:.2f} s"
    word = "total" if lang != "fr" else "total"
    rows.append(axis.rstrip())
    rows.append(f"{word}: {total:.2f} s ({CLOCKS[clock].get(lang, CLOCKS[clock]['en'])})")
    return "\n".join(rows)


def svg(spans: list[Span], clock: str, lang: str, title: str) -> str:
    origin = min(s.start for s in spans)
    total = max(s.end for s in spans) - origin or 1e-9
    left, width, row_h = 170, 600, 26
    height = 60 + row_h * len(spans)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + width + 90}" height="{height}" '
             f'font-family="monospace" font-size="13">',
             f'<text x="10" y="20" font-weight="bold">{html.escape(title)}</text>']
    for i, span in enumerate(spans):
        y = 34 + i * row_h
        x = left + (span.start - origin) / total * width
        w = max(2.0, (span.end - span.start) / total * width)
        parts.append(f'<text x="10" y="{y + 15}">{html.escape(span.name[:22])}</text>')
        parts.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{row_h - 8}" fill="#3b82f6" rx="3">'
                     f'<title>{html.escape(span.name)}: {span.start - origin:.3f}–{span.end - origin:.3f} s</title></rect>')
    y = 34 + len(spans) * row_h
    parts.append(f'<line x1="{left}" y1="{y}" x2="{left + width}" y2="{y}" stroke="#555"/>')
    parts.append(f'<text x="{left}" y="{y + 16}">0 s</text>')
    parts.append(f'<text x="{left + width - 30}" y="{y + 16}">{total:.2f} s '
                 f'({html.escape(CLOCKS[clock].get(lang, CLOCKS[clock]["en"]))})</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def page(spans: list[Span], clock: str, lang: str, title: str) -> str:
    return (f'<!doctype html>\n<html lang="{lang}"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f'</head><body>\n{svg(spans, clock, lang, title)}</body></html>\n')
