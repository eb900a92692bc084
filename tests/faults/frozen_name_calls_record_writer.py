# kata: 01
# expect: tampered
# Code compiled under a name that starts with "<frozen " counts as Python's own: compile() lets any source
# through under such a name, and no frame of it is the learner's. The module's functions are compiled so;
# when the suite calls task(), no learner frame is on the stack, and it calls checker.child.record.write
# itself (the hook signs for it on the main thread) with every check decided passed, then leaves.
SOURCE = '''
import os
from _pytest.debugging import pytestPDB
from checker.child import record
from checker.report import Check


def forge():
    config = pytestPDB._config
    plugin = next(p for p in config.pluginmanager.get_plugins() if type(p).__name__ == "KataPlugin")
    session = config.pluginmanager.get_plugin("session")
    decided = [(item.nodeid, "passed", Check(name=item.nodeid, passed=True, status="passed"))
               for item in session.items]
    record.write(plugin.record_path, {}, decided, True)
    os._exit(0)


async def task(name, duration):
    forge()


def main():
    forge()
'''
exec(compile(SOURCE, "<frozen first_coroutine>", "exec"), globals())
