"""Around each check's call, what the learner's code did besides its result: coroutines it created and never
awaited, blocking calls inside the event loop (checker/child/probes.py), threads and processes it left
running (checker/child/leaks.py), locks taken in opposite orders (checker/child/lockorder.py); and the check's
time limit (checker/child/deadline.py).

A coroutine never awaited or a blocking call fails the check in place of what it raised (with its words when
the suite's failure says what the call gave back); leaks and lock-order cycles of a passing check are warnings
kept in the item's stash (`WARNINGS`), or a failure where kata.toml says `leaks = "fail"`.
"""

from __future__ import annotations

import gc
import multiprocessing
import threading
import warnings
from dataclasses import dataclass
from typing import Callable, Generator

import pytest

from checker.child import leaks, lockorder, probes
from checker.child.deadline import CheckTimeout, deadline
from checker.child.testkit import KataFailure
from checker.child.verdicts import Verdicts
from checker.child.virtual import Virtual
from checker.i18n import pick, t

WARNINGS = pytest.StashKey[list]()  # a passing check's warnings: [{code, message}]


@dataclass
class CallWatch:
    learner_file: str
    limit: float  # seconds, per check
    leaks: str  # warn | fail
    sleep_probe: probes.BlockingSleepProbe
    clock: Virtual
    locks: lockorder.LockGraph | None
    verdicts: Verdicts
    abandon: Callable[[CheckTimeout], None]  # a check stuck past its limit in C (checker/child/deadline.py)

    def call(self, item: pytest.Item) -> Generator[None, object, None]:
        """pytest_runtest_call's wrapper: the check runs at the `yield`."""
        self.sleep_probe.events.clear()
        self.clock.stalls.clear()
        if self.locks is not None:
            self.locks.clear()
        threads_before = {t.ident for t in threading.enumerate()}
        processes_before = {p.pid for p in multiprocessing.active_children()}
        error: BaseException | None = None
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", RuntimeWarning)
            try:
                with deadline(self.limit, self.learner_file, self.clock.stuck_for, self.abandon):
                    try:
                        yield
                    finally:
                        gc.collect()  # coroutines that die in a reference cycle warn only now
            except BaseException as exc:
                error = exc
            if error is not None and not isinstance(error, CheckTimeout):
                # a coroutine returned instead of run, held only by the failed check's frames: collected now,
                # it warns that it was never awaited (issue 22)
                _forget_locals(error, str(item.path))
                gc.collect()
        unawaited = [w for w in caught if "was never awaited" in str(w.message)]
        if unawaited and not isinstance(error, CheckTimeout):
            raise self.verdicts.not_awaited(unawaited[0], error) from error
        blocked = self.sleep_probe.events or self.clock.stalls
        if blocked and not isinstance(error, CheckTimeout):
            raise self.verdicts.blocking(blocked[0]) from error
        if error is not None:
            raise error
        self._after_passing(item, threads_before, processes_before)

    def _after_passing(self, item: pytest.Item, threads_before: set, processes_before: set) -> None:
        """Leaks and lock-order cycles of a check that passed: warnings, or failures where kata.toml says
        `leaks = "fail"`."""
        found = []
        for thread in leaks.leaked_threads(threads_before):
            found.append(KataFailure("leaked-thread", *(t("leaked-thread", lang, origin=leaks.thread_origin(thread, lang))
                                                        for lang in ("en", "fr"))))
        for process in leaks.leaked_processes(processes_before):
            found.append(KataFailure("leaked-process", *(t("leaked-process", lang,
                                                          origin=leaks.process_origin(process, lang))
                                                        for lang in ("en", "fr"))))
        if found and self.leaks == "fail":
            raise found[0]
        for cycle in self.locks.cycles() if self.locks is not None else []:
            found.append(KataFailure("deadlock", *(t("lock-cycle", lang, steps="; ".join(cycle(lang)))
                                                   for lang in ("en", "fr"))))
        item.stash[WARNINGS] = [{"code": f.code, "message": pick(f.texts, self.verdicts.lang)} for f in found]


def _forget_locals(error: BaseException, suite_file: str) -> None:
    """Clear the locals of the failed check's frames, from the suite's first frame down, so that what they
    alone held (a coroutine the learner's code returned instead of running) can be collected."""
    tb, inside = error.__traceback__, False
    while tb is not None:
        inside = inside or tb.tb_frame.f_code.co_filename == suite_file
        if inside:
            try:
                tb.tb_frame.clear()
            except RuntimeError:  # a frame still running
                pass
        tb = tb.tb_next
