# kata: 01
# expect: tampered
# Builds the checker's own calls from functools.partial (C code: no frame of the learner's, nor of
# weakref.py, is ever on the stack) and has the collector run them wherever the checker happens to be: weakref
# finalizers (`__del__` a staticmethod holding the partial: Python calls it with no argument) of garbage
# cycles, left for the collection the plugin itself starts once the module is loaded (the collector is off
# until then, so that no learner frame is on the stack when they run).
# Each asks pytest's own hook caller for a report of a real check with a CallInfo that raised nothing (so the
# plugin decides `passed`), calls the plugin's `_write` with every check passed and the record complete,
# and calls the record's writer straight. Then the first learner call leaves, keeping the record.
import functools
import gc
import os

from _pytest.debugging import pytestPDB
from _pytest.runner import CallInfo

from checker.child import record
from checker.report import Check

config = pytestPDB._config
if config is not None:
    plugin = next(p for p in config.pluginmanager.get_plugins() if type(p).__name__ == "KataPlugin")
    session = config.pluginmanager.get_plugin("session")
    decided = [(item.nodeid, "passed", Check(name=item.nodeid, passed=True, status="passed"))
               for item in session.items]
    calls = [functools.partial(record.write, plugin.record_path, {}, decided, True),
             functools.partial(plugin._write, True, decided)]
    for item in session.items:
        fine = CallInfo(None, None, start=0.0, stop=0.0, duration=0.0, when="call", _ispytest=True)
        calls.append(functools.partial(item.ihook.pytest_runtest_makereport, item=item, call=fine))

    gc.disable()
    for _ in range(3):
        for call in calls:
            cycle = type("Cycle", (), {"__del__": staticmethod(call)})()
            cycle.me = cycle
            del cycle


def leave():
    os._exit(0)


async def task(name, duration):
    leave()


def main():
    leave()
