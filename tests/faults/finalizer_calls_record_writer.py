# kata: 01
# expect: tampered
# Has the checker's own record writer sign an all-passed record: the hook signs for checker.child.record.write
# on the main thread with no learner frame on the stack, and a weakref.finalize callback run by the plugin's
# own gc.collect() (after the module loaded) is just that: finalize.__call__ (Python's) calls
# record.write(<a file of the run folder>, {}, [every check as passed], True). The collector is off until
# then, so the garbage is not collected while the module loads. The first learner call copies the signed
# record over the real one and leaves.
import gc
import os
import weakref
from pathlib import Path

from _pytest.debugging import pytestPDB

from checker.child import record
from checker.report import Check

STOLEN = None

config = pytestPDB._config
if config is not None:
    plugin = next(p for p in config.pluginmanager.get_plugins() if type(p).__name__ == "KataPlugin")
    session = config.pluginmanager.get_plugin("session")
    STOLEN = Path(plugin.record_path).with_name("stolen.json")
    decided = [(item.nodeid, "passed", Check(name=item.nodeid, passed=True, status="passed"))
               for item in session.items]

    class Cycle:
        pass

    garbage = Cycle()
    garbage.me = garbage
    weakref.finalize(garbage, record.write, STOLEN, {}, decided, True)
    del garbage
    gc.disable()  # collected by the plugin's own gc.collect(), once no learner frame is on the stack


def leave():
    if STOLEN is not None and STOLEN.exists():
        os.replace(STOLEN, STOLEN.with_name("record.json"))
        os._exit(0)


async def task(name, duration):
    leave()
    raise NotImplementedError


def main():
    leave()
    raise NotImplementedError
