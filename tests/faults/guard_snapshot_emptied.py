# kata: 01
# expect: tampered
# Passed all 8 checks of kata 01 with `task` and `main` that do nothing (a fourth red team, 2026-12-06): it
# found the plugin through pytest's configuration (a class attribute of _pytest.debugging.pytestPDB), emptied
# the guard's snapshots (`plugin.snapshot.items.clear()`, the same on `capture` and `approx`), then rebound
# TestReport.from_item_and_call so that every report says "passed": the plugin's comparison compared nothing.
# Stopped: what the guard compares is held by the audit hook too, out of learner code's reach
# (checker/child/audit.py `compare`, guard.py `references`, handed over at arm): every name the snapshots watch,
# the plugin's attributes, pytest's hooks and items. The hook compares when the plugin asks (each call's start
# and end) and before it seals any pass, and latches a difference; the snapshots are tuples now (this file's
# `clear()` fails; guard_snapshot_items_rebound.py rebinds them instead).
import _pytest.debugging
import _pytest.reports

config = _pytest.debugging.pytestPDB._config
for plugin in config.pluginmanager.get_plugins():
    for name in ("snapshot", "capture", "approx"):
        snapshot = getattr(plugin, name, None)
        items = getattr(snapshot, "items", None)
        if type(items) is list:
            items.clear()  # the guard compares nothing from now on

_original = _pytest.reports.TestReport.from_item_and_call.__func__


def from_item_and_call(cls, item, call):
    report = _original(cls, item, call)
    report.outcome = "passed"
    report.longrepr = None
    return report


_pytest.reports.TestReport.from_item_and_call = classmethod(from_item_and_call)


async def task(name, duration):
    return None


def main():
    return None
