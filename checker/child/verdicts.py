"""The verdict of a failed check: what the learner's code raised, or how it hung, turned into a diagnostic
code and a message in the learner's language.

`Verdicts` knows only the run's context (the learner's file, the language, the kata): no pytest state, no
process state, so each kind of failure is unit-tested without a child (tests/checker/test_verdicts.py).

- a `KataFailure` raised by a suite: its own code and words;
- a `CheckTimeout` (checker/child/deadline.py): `deadlock` when every thread waits on a lock, else `timeout`,
  with where the code was running;
- virtual time that reached its end: `wrong-timing`; `NotImplementedError`: `not-implemented`;
- a write refused on a checker class (checker/child/immutable.py): `tampered`;
- anything raised while the learner's file loads, `SystemExit`, a signal handler installed (the checks do not
  run on the main thread), any other exception: `crash`;
- a plain `assert` of the suite (not raised in the learner's code): `wrong-result` with the suite's text;
- a coroutine never awaited, a blocking call in the event loop: `not-awaited`, `blocking-call`, built here
  as the `KataFailure` the plugin raises in the check's place.
"""

from __future__ import annotations

import traceback
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from checker.child import audit, diagnose, immutable, probes
from checker.child.deadline import CheckTimeout
from checker.child.kit_text import learner_line, raised_in
from checker.child.testkit import KataFailure
from checker.child.virtual import LoopEndReached
from checker.i18n import pick, t
from checker.report import Check


def failed(verdict: Check) -> dict[str, Any]:
    """The fields a check takes from its verdict."""
    return {"code": verdict.code, "message": verdict.message, "status": "failed", "details": verdict.details}


@dataclass(frozen=True)
class Verdicts:
    learner_file: str
    lang: str
    kata: str

    def of(self, exc: BaseException, importing: bool = False) -> Check:
        """The verdict of `exc`, raised by a check (or, `importing`, while the learner's file loaded)."""
        lang = self.lang
        kind = type(exc)  # its real class: isinstance would ask the object (a learner's __class__ property)
        if issubclass(kind, KataFailure) and not self._raised_by_learner(exc):
            return Check("", False, exc.code, pick(exc.texts, lang), "failed", details=dict(exc.details))
        if issubclass(kind, CheckTimeout):
            return self._hung(exc)
        if issubclass(kind, LoopEndReached):
            return Check("", False, "wrong-timing", t("loop-end-reached", lang, seconds=float(exc.args[0])), "failed")
        refused = immutable.refused(exc)
        if refused is not None:  # a checker class's method swapped: refused, and told as what it was
            audit.latch(refused)
            return Check("", False, "tampered", t("tampered-class", lang, names=f"`{refused}`"), "failed")
        if issubclass(kind, NotImplementedError):
            frames = self.learner_frames(exc)
            function = frames[-1].name if frames else "?"
            return Check("", False, "not-implemented", t("not-implemented", lang, function=function, kata=self.kata),
                         "failed")
        if issubclass(kind, (ValueError, RuntimeError)) and "only works in main thread" in str(exc):
            # signal.signal, signal.set_wakeup_fd (asyncio's add_signal_handler says it as a RuntimeError)
            return Check("", False, "crash", t("signal-handler", lang, error=self.describe(exc)), "failed")
        if issubclass(kind, RuntimeError) and str(exc).startswith("There is no current event loop"):
            return Check("", False, "crash", t("no-current-loop", lang, error=self.describe(exc)), "failed")
        if importing:
            return Check("", False, "crash", t("import-failed", lang, error=self.describe(exc)), "failed")
        if issubclass(kind, SystemExit):
            return Check("", False, "crash", t("system-exit", lang, status=exc.code), "failed")
        if issubclass(kind, (AssertionError, pytest.fail.Exception)) and not self.learner_frames(exc):
            # a plain assert in a suite: still a wrong result, with the suite's own text
            return Check("", False, "wrong-result", str(exc).split("\n")[0][:500], "failed")
        return Check("", False, "crash", t("raised", lang, error=self.describe(exc)), "failed")

    def _hung(self, exc: CheckTimeout) -> Check:
        lang = self.lang
        code = diagnose.classify_hang(exc.stacks, exc.running)
        where = ""
        spinning = exc.running or next((s for s in exc.stacks if s.name == "MainThread"),
                                       exc.stacks[0] if exc.stacks else None)
        if code == "timeout" and spinning is not None:
            where = t("where-running", lang, location=spinning.innermost.where())
        message = t("check-timeout", lang, limit=exc.limit, where=where)
        if exc.loop_stuck_s and exc.loop_stuck_s > exc.limit / 2:
            message += " " + t("never-yields", lang, seconds=exc.loop_stuck_s)
        message += diagnose.describe(exc.stacks, lang)
        if code == "deadlock":
            message = t("check-deadlock", lang, limit=float(exc.limit)) + diagnose.describe(exc.stacks, lang)
        return Check("", False, code, message, "failed",
                     details={"threads": [{"name": s.name, "at": s.innermost.where()} for s in exc.stacks]})

    def unknown(self, longrepr: object) -> Check:
        """A failure no hook saw raised (pytest's own text, its end)."""
        return Check("", False, "crash", str(longrepr)[-1000:], "failed")

    def _raised_by_learner(self, exc: BaseException) -> bool:
        """The learner's own line raised it: a checker's verdict (`busy-machine`, say) it cannot give itself."""
        tb = exc.__traceback__
        while tb is not None and tb.tb_next is not None:
            tb = tb.tb_next
        return tb is not None and tb.tb_frame.f_code.co_filename == self.learner_file

    def learner_frames(self, exc: BaseException) -> list[traceback.FrameSummary]:
        return raised_in(exc, self.learner_file)

    def describe(self, exc: BaseException) -> str:
        """`ValueError: bad (answer.py:3: raise ValueError("bad"))`: the exception and the learner's line."""
        text = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        if isinstance(exc, SyntaxError) and exc.lineno:
            return f"{type(exc).__name__} {Path(exc.filename or self.learner_file).name}:{exc.lineno}: {exc.msg}"
        where = learner_line(exc, self.learner_file)
        return (text + (f" ({where})" if where else ""))[:600]

    def not_awaited(self, w: warnings.WarningMessage, error: BaseException | None = None) -> KataFailure:
        """A coroutine created and never run; `error`, what the check raised meanwhile, keeps its words."""
        text = str(w.message).split("\n")[0]
        location = self.origin(str(w.message)) or f"{Path(w.filename).name}:{w.lineno}"
        if isinstance(error, KataFailure) and error.code != "not-awaited":
            # the suite's own words say what the call gave back; the code says what kind of mistake it is
            return KataFailure("not-awaited",
                               f"{error.texts['en']} ({text} at {location}, where it was created: it never ran.)",
                               f"{error.texts['fr']} (coroutine créée à {location} et jamais attendue : elle ne "
                               f"s'est jamais exécutée ; « {text} ».)", **error.details)
        return KataFailure("not-awaited", t("not-awaited", "en", detail=text, location=location),
                           t("not-awaited", "fr", detail=text, location=location))

    def origin(self, message: str) -> str | None:
        """The learner's line in 'Coroutine created at' (set_coroutine_origin_tracking_depth)."""
        name = Path(self.learner_file).name
        for line in reversed(message.splitlines()):  # most recent call last: the line that created it
            if self.learner_file in line and "line" in line:
                number = line.split("line", 1)[1].split(",")[0].strip()
                return f"{name}:{number}"
        return None

    @staticmethod
    def blocking(event: probes.BlockEvent) -> KataFailure:
        """A blocking call (time.sleep, a stall) inside the event loop."""
        key = "blocking-sleep" if event.kind == "sleep" else "blocking-slow"
        said = dict(seconds=event.seconds, location=event.location, advice=diagnose.awaited_sleep(event.location))
        return KataFailure("blocking-call", t(key, "en", **said), t(key, "fr", **said),
                           location=event.location, seconds=round(event.seconds, 3))
