# kata: 01
# expect: tampered
# Passes all 8 checks of kata 01 with `task` and `main` that do nothing, and nothing is specific to kata 01.
# How: tests/faults/patches_report_classmethod.py (TestReport.from_item_and_call rebound so that every report
# says "passed") is stopped only because guard.Snapshot finds `_pytest.reports.TestReport.from_item_and_call`
# changed. Here the learner first empties the snapshots: it finds the plugin through pytest's configuration
# (a class attribute of _pytest.debugging.pytestPDB) and calls `plugin.snapshot.items.clear()` (and the same on
# `plugin.capture` and `plugin.approx`). `Snapshot.changed()` then compares nothing, at every call, before
# every pass, and at the end; the rebinding stays in place for good.
# Why the defences miss it: the snapshot is plain instance data (a list on a Snapshot instance): mutating a
# list raises no audit event; guard.Pipeline.seal records the identity of the plugin's attributes (the
# Snapshot object is still the same object, and its `items` still the same list) and, for the plugin's
# collaborators, only instance attributes that hide a method. The Pipeline's own references are as open
# (`pipeline.attributes.clear()`, `pipeline.functions.clear()`, `pipeline.hooks` rewritten to match), so the
# plugin-side attacks it stops (registers_pytest_plugin.py, replaces_test_functions.py, mutates_the_plugin.py)
# come back the same way. Any reference data kept on an object learner code reaches can be spoiled so.
# Fix (suggested): keep the reference data where learner code cannot reach it, and compare there: the audit
# hook's closure `state` (not referenced from anywhere a learner reaches, unlike every instance of the
# plugin). At arm time hand the hook, by a checker event, the guard's flat items as a tuple of
# (namespace, key, id(object), id(code)) and the pipeline's expected identities; `_check_untouched` raises
# a checker event ("checker.compare") on which the hook itself compares and latches (a latch makes only a
# `tampered` record signable, whatever the plugin then believes). Cheaper but weaker: make `items` a tuple
# (immutable in place) and add the snapshots' and the pipeline's attributes (ids of `items`, `attributes`,
# `functions`, `hooks`...) to what the hook holds, so that rebinding them is seen too.
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
