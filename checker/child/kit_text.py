"""Numbers, durations and the learner's line, written the same way in every suite's messages.

A number is written as Python prints it (0.25, 15.0, and an int without a decimal point), rounded to
three decimals, with the decimal comma in French; a duration adds its unit after a space, as the
message catalog does ("1.5 s", "1,5 s"). `places` asks for a fixed number of decimals instead (timings
measured in real time read better aligned: "0.31 s").
"""

from __future__ import annotations

import traceback
from pathlib import Path
from typing import Any

from checker.i18n import number as fixed


def number(value: float | int | None, lang: str = "en", places: int | None = None) -> str:
    """1.5 -> "1.5" ("1,5" in French); 15.0 -> "15.0"; 15 -> "15"; 0.12345 -> "0.123"; None -> "?".
    With `places`, exactly that many decimals: number(0.5, places=2) -> "0.50"."""
    if value is None:
        return "?"
    if places is not None:
        return fixed(value, lang, places)
    if type(value) is int or type(value) is bool:
        return str(int(value))
    text = f"{value:.3f}".rstrip("0")
    text = text + "0" if text.endswith(".") else text
    text = "0.0" if text == "-0.0" else text
    return text.replace(".", ",") if lang == "fr" else text


def seconds(value: float | None, lang: str = "en", places: int | None = None) -> str:
    """A duration with its unit: seconds(1.5) -> "1.5 s", seconds(1.5, "fr") -> "1,5 s"."""
    return f"{number(value, lang, places)} s"


def learner_line(exc: BaseException, learner: Any) -> str | None:
    """Where the learner's code raised `exc`: "name.py:12: the line" (the innermost frame in the learner's
    file, the line cut at 100 characters), or None when no frame of the traceback is in it. `learner` is the
    learner's module or its file's path."""
    path = learner if isinstance(learner, str) else getattr(learner, "__file__", None)
    frames = raised_in(exc, path) if path else []
    if not frames:
        return None
    frame = frames[-1]
    return f"{Path(frame.filename).name}:{frame.lineno}: {(frame.line or '').strip()[:100]}"


def raised_in(exc: BaseException, path: str) -> list[traceback.FrameSummary]:
    """The frames of `exc`'s traceback that are in the file `path`, outermost first."""
    return [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == path]
