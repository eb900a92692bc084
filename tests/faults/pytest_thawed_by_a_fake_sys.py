# kata: 02
# expect: wrong-result
# `run_all` returns wrong strings and tries to pass the checks that read its list by making pytest's report maker
# say every call passed. pytest's classes are immutable while the checks run (checker/child/guard.py
# `freeze_pytest`), and the plugin thaws them only once the record is complete, asking the audit hook
# (`audit.complete`). How: the thaw function is reached through pytest's configuration (MARK_GEN holds it),
# and `checker.child.audit`'s module global `sys` is swapped for one whose `audit` answers "complete" for
# that one question and puts the real `sys` back as it answers: the thaw would happen, and with `sys` back in
# place the guard would see nothing changed, while pytest's classes (no longer compared: they are immutable)
# take the fake report maker. Stopped: the audit module's functions call `sys.audit` bound as their default
# (a function's defaults cannot be rewritten): the question goes to the hook, which says the record is not
# complete, nothing is thawed, the report maker cannot be set (TypeError, swallowed here): the checks fail as
# the wrong list deserves. (The swapped `sys` stays in the audit module unseen: the guard compares a module's
# functions and classes, not the modules it imported; nothing of the checker looks `sys` up there any more.)
import asyncio
import sys

structures = sys.modules.get("_pytest.mark.structures")
config = structures.MARK_GEN._config if structures is not None else None
plugin = next((p for p in config.pluginmanager.get_plugins() if type(p).__name__ == "KataPlugin"), None) \
    if config is not None else None


def thaw_and_forge():
    audit = sys.modules["checker.child.audit"]
    real = audit.sys

    class Fake:
        def __getattr__(self, name):
            return getattr(real, name)

        @staticmethod
        def audit(event, *args):
            if event == "checker.complete":
                args[0].append(True)
                return
            real.audit(event, *args)

    audit.sys = Fake()
    thaw = getattr(plugin, "thaw_pytest", None)
    if thaw is not None:
        thaw(None)
    reports = sys.modules["_pytest.reports"]
    maker = reports.TestReport.from_item_and_call

    def passed(item, call):
        report = maker(item, call)
        report.outcome, report.longrepr = "passed", None
        return report

    try:
        reports.TestReport.from_item_and_call = staticmethod(passed)
    except TypeError:
        pass


async def task(name: str, duration: float) -> str:
    await asyncio.sleep(duration)
    return f"result of {name}"


async def run_all(durations: list[float]) -> list[str]:
    thaw_and_forge()
    return ["wrong"] * len(durations)
