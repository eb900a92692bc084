# kata: 01
# expect: tampered
# Passed (red team, 2026-12-06: "Kata 01 passed: 8/8 checks"); task and main raise (an exception of their own) and
# do nothing else; nothing is specific to kata 01.
# How, two holes together:
# 1. Frames with no refusal: `logging.currentframe()` is `lambda: sys._getframe(1)` in logging/__init__.py.
#    The hook sees `sys._getframe` raised from that lambda, a standard-library frame that is not a "leaker"
#    (refusals.py: LEAKER_FILES / LEAKER_FUNCS list inspect, traceback's walkers, pdb, ... not logging), so
#    `nearest(frame, (LEAKER,))` stops at logging and the origin is STDLIB: allowed. It returns the learner's
#    own frame; from there `f_back` and `f_locals` raise no audit event in CPython 3.11 (FRAME_ATTRS'
#    "f_back" is never raised), so the whole stack of the checks' thread is readable.
# 2. Learner code runs after pytest made the call's report and before the plugin reads it: the plugin's
#    makereport wrapper (plugin.py, `rep = yield` then `self.verdicts.of(call.excinfo.value)`) asks
#    `isinstance(exc, KataFailure)` (verdicts.py Verdicts.of) of the learner's exception, and isinstance
#    reads the `__class__` attribute of an object that is not a subclass: a property of the learner's.
#    That property walks up to the wrapper's frame, finds its local `rep` (the TestReport, when "call") and
#    sets `rep.outcome = "passed"`. `_decide(item, rep, ...)` then sees `report.passed` and seals a pass,
#    through the genuine chain from call_and_report for that very item. Nothing is replaced; nothing latched.
# Fix: (a) in refusals.py, look through `logging.currentframe` (add ("__init__.py", "<lambda>") of logging,
#     or better: refuse `sys._getframe` whenever the frame it returns, i.e. `getframe(1 + depth)` from the
#     caller, is below a learner frame and the caller is not a checker line naming the call, so that no
#     stdlib helper that returns a frame can be borrowed; audit the list of stdlib callers of _getframe that
#     return the frame: logging.currentframe, and check 3.12/3.13's `sys._getframemodulename`, which raises
#     its own event);
# (b) in the plugin, read the outcome before any learner code can run: `outcome = rep.outcome` (and
#     `call.excinfo is None`) right after `yield`, decide on those, and make Verdicts.of use
#     `issubclass(type(exc), ...)` instead of isinstance (no `__class__` lookup); a report whose outcome
#     changed after that is then ignored (and could be latched as tampered).
# Stopped: logging.currentframe is looked through (sys._getframe for its caller); the plugin reads the report's
# outcome before any learner code runs; Verdicts.of reads the exception's real class.
import logging


def promote():
    frame = logging.currentframe()
    while frame is not None:
        rep = frame.f_locals.get("rep")
        if type(rep).__name__ == "TestReport" and rep.when == "call":
            rep.outcome, rep.longrepr = "passed", None
            return
        frame = frame.f_back


class NotDoneYet(Exception):
    @property
    def __class__(self):
        promote()
        return NotDoneYet


async def task(name, duration):
    raise NotDoneYet("write task()")


def main():
    raise NotDoneYet("write main()")
