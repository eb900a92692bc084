# kata: 01
# expect: tampered
# Passed (red team, 2026-12-06: "Kata 01 passed: 8/8 checks"); task and main do nothing at all.
# How: when a check calls the learner's task or main, that code (on the checks' thread, during the call)
# finds the running item (plugin.running, pytest's session.items, reached through MARK_GEN._config), rebinds
# the suite module's `expect`, `fail`, `same`, `require_*` to a no-op, and registers with pytest
# `item.addfinalizer(put them back)`. The test body then raises nothing, so call_and_report's report is
# "passed" and the plugin seals the pass at once (plugin._decide, `report.when == "call" and
# report.passed`): the guard is not consulted then. pytest's SetupState runs the item's finalizers in
# teardown_exact, BEFORE pytest_runtest_makereport(teardown), where the plugin first compares the snapshot
# (plugin._decide -> _check_untouched at `report.when == "teardown"`), so the names are back and nothing
# differs; at the session's end (codes=True) nothing differs either. Module attribute assignment raises no
# audit event.
# What it defeats: the assumption that a replaced function is seen "at every check's verdict": the pass is
# sealed at the call's report, the comparison happens only later, after learner-registered finalizers ran
# (the same holds for any patch undone by a learner thread before teardown, or by a fixture finalizer).
# Fix: compare the snapshot and the Pipeline (codes=False is a few ms) in pytest_runtest_makereport for the
# call phase, BEFORE deciding "passed" (a changed name then fails the check, and latches); and also watch
# the SetupState's finalizers: refuse a pass when the item's finalizer stack holds anything added after
# setup (pytest's own are added in setup), or compare before any finalizer runs (a hookwrapper on
# pytest_runtest_teardown that checks first, before `yield`).
# Stopped: the suite's functions run with globals of their own (checker/child/detach.py), and the guard compares
# as the call ends, before any finalizer runs: the swap still in place is seen (tampered).
import sys

structures = sys.modules.get("_pytest.mark.structures")
config = structures.MARK_GEN._config if structures is not None else None
plugin = next((p for p in config.pluginmanager.get_plugins() if type(p).__name__ == "KataPlugin"), None) \
    if config is not None else None
session = config.pluginmanager.get_plugin("session") if config is not None else None
NAMES = ("expect", "fail", "same", "require_coroutine_function", "require_plain_function")


def nothing(*args, **kwargs):
    return True


def swap():
    """Called by the check itself (it calls task or main): the suite's judges become no-ops for this call,
    and pytest's own teardown of the check puts them back before the plugin compares its snapshot."""
    if plugin is None or plugin.running is None:
        return
    item = next(i for i in session.items if i.nodeid == plugin.running)
    suite = item.module.__dict__
    saved = {name: suite[name] for name in NAMES if name in suite}
    suite.update({name: nothing for name in saved})
    item.addfinalizer(lambda: suite.update(saved))


async def task(name, duration):
    swap()


def main():
    swap()
