# kata: 01
# expect: wrong-output wrong-timing not-concurrent
# Tries to pass kata 01 with a `task` that neither waits nor prints, by rewriting, with no audit event, what the
# checks call after the learner's code returns, and swallowing any refusal so that nothing is seen to fail:
#  - the checker's view of its own modules, held in the private globals of its detached functions (reached
#    through a function's `__globals__`, which raises no audit event): `same` made to find no difference;
#  - pytest's `TestReport.from_item_and_call` (the report maker) made to report every call as passed.
# Stopped: the views (checker/child/detach.py `Frozen`) and pytest's classes (guard.py `freeze_pytest`) are
# immutable as the checker's own classes are: each write raises TypeError and changes nothing, so the checks
# fail as the stub's do. (When not swallowed, the refusal is `tampered`: tests/faults/patches_pytest.py.)
import sys


def _rewrite_quietly():
    kit = sys.modules.get("checker.child.kit_verdicts")
    same = getattr(kit, "same", None)
    private = getattr(same, "__globals__", {})
    for name, value in list(private.items()):
        if type(value).__name__ == "Frozen":  # a view of one of the checker's modules
            for attr in ("same", "compare", "expect"):
                try:
                    setattr(value, attr, lambda *args, **kwargs: [])
                except TypeError:
                    pass
    reports = sys.modules.get("_pytest.reports")
    if reports is not None:
        real = reports.TestReport.from_item_and_call

        def passed(item, call):
            report = real(item, call)
            report.outcome, report.longrepr = "passed", None
            return report

        try:
            reports.TestReport.from_item_and_call = staticmethod(passed)
        except TypeError:
            pass


async def task(name: str, duration: float) -> str:
    _rewrite_quietly()
    return "result of " + name


def main() -> str:
    _rewrite_quietly()
    return "result of kata"
