# kata: 01
# expect: tampered
# The stubs, each with one line added before its `raise NotImplementedError`, pass every check of kata 01, and
# nothing is specific to kata 01 (any check that calls a learner's function passes; the others are those a
# stub passes anyway). How: tests/faults/patches_report_classmethod.py rebinds
# `_pytest.reports.TestReport.from_item_and_call` for good and is seen (guard.Snapshot walks _pytest.reports'
# classes). Here the same rebinding is made by the learner's function WHILE a check calls it, and the fake
# puts the real classmethod back at its first call: the runner's makereport calls it to make the call's report
# (outcome set to "passed", longrepr dropped) right after the check raised, and nothing compares in between:
# CallWatch.call (checker/child/watch.py) has no comparison, and the plugin's makereport wrapper reads the
# (forged) outcome (`said = (..., rep.outcome, ...)`) before `_decide` runs `_check_untouched`, which finds
# TestReport as it was. The seal comes through pytest's own call_and_report of that very item, as the hook's
# CALL chain asks (checker/child/chains.py). checker/scan.py notes nothing.
# Defeats: the guard's timing (comparisons at verdicts only), for a swap made and undone between two of them;
# the plugin's trust in the report object pytest's (rebindable) classes made.
# Fix (suggested): decide a check's outcome from what the plugin saw itself, not from the report: the
# pytest_runtest_call wrapper (CallWatch.call, whose own exception handling is the checker's) records per item
# whether the call raised (and what), in a place learner code cannot reach (a closure of the plugin, not the
# item's stash), and `_decide` passes a check only when that record says the call returned and the report
# agrees; and compare the Snapshot at the end of CallWatch.call too (after the body, before the report is
# made), so that a swap still in place when the body ends is seen before it is used.
import sys


def _next_report_passes():
    reports = vars(sys)["modules"]["_pytest.reports"]
    real = vars(reports.TestReport)["from_item_and_call"]
    if getattr(real.__func__, "forged", False):  # called twice in one check (gather): installed already
        return

    def from_item_and_call(cls, item, call):
        reports.TestReport.from_item_and_call = real
        report = real.__func__(cls, item, call)
        report.outcome, report.longrepr = "passed", None
        return report

    from_item_and_call.forged = True
    reports.TestReport.from_item_and_call = classmethod(from_item_and_call)


async def task(name: str, duration: float) -> str:
    _next_report_passes()
    raise NotImplementedError("write task()")


def main() -> str:
    _next_report_passes()
    raise NotImplementedError("write main()")
