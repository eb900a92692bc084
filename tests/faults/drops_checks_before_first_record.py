# kata: 01
# expect: tampered
# Passed (red team, 2026-12-06: "Kata 01 passed: 1/1 checks, 10/10 points"), task and main untouched (they raise),
# and nothing here depends on kata 01: any kata passes this way.
# How: the learner's module is loaded inside KataPlugin.pytest_collection_modifyitems AFTER the plugin has
# made one not-run Check per item (self.checks) but BEFORE its first `self._write(...)`, the one that tells
# the audit hook which checks the record has. The module reaches the plugin (MARK_GEN._config, pluginmanager)
# and rebinds `plugin.checks = {}` (`checks` is in PLUGIN_STATE, so guard.Pipeline does not compare it, and
# _write only asks that it be a dict of Check). The hook thus never hears of the suite's checks: every
# item still runs and fails, but `_decide` finds no check for its nodeid (`self.checks.get(...)` is None)
# and writes nothing. A daemon thread started at import is still alive at the end, so `_import_leaks`
# adds the one check "What your file starts when it loads ends", passed with a warning, and decides it
# passed from pytest_sessionfinish (the FINISH chain allows "import-leaks"). The sealed, complete record
# holds that single passed check; the parent's rule (report.py `_status_of`: all checks passed) says passed.
# Variant: keep only the checks that the stub passes anyway (`test_task_is_a_coroutine_function`): 1/1.
# What it defeats: the hook's record trusts the plugin's first list of checks; nothing binds the record to
# the suite's items (the hook learns the items at arm time, state["items"], but never requires an entry
# for each).
# Fix: in the hook, at `checker.arm`, create a not-run entry per item it is given (state["items"] holds
# their nodeids) so that the record always holds every item of the suite; and/or have the parent compare
# the record's check ids with the suite's collected test ids (it can collect them itself, or the hook can
# sign their count), refusing a record with fewer checks. Also make the first _write happen before
# loader.load (the checks as not-run), so that nothing the learner's import does can shrink the list.
# Stopped: the hook knows pytest's items from arm: a complete record that lacks some and fails none is tampered.
import sys
import threading
import time

structures = sys.modules.get("_pytest.mark.structures")
config = structures.MARK_GEN._config if structures is not None else None
plugin = next((p for p in config.pluginmanager.get_plugins() if type(p).__name__ == "KataPlugin"), None) \
    if config is not None else None
if plugin is not None:
    plugin.checks = {}
    threading.Thread(target=time.sleep, args=(3600,), daemon=True).start()


async def task(name, duration):
    raise NotImplementedError("write task()")


def main():
    raise NotImplementedError("write main()")
