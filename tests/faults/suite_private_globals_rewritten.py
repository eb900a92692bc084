# kata: 01
# expect: tampered
# Passed all 8 checks of kata 01 with `task` and `main` that do nothing (a fourth red team, 2026-12-06): at
# import, the learner finds pytest's configuration (a class attribute of _pytest.debugging.pytestPDB), the
# plugin's items, and each item's `obj`: the suite's test function as detached by checker/child/detach.py. Its
# `__globals__` (a plain attribute read: no audit event) is the suite's PRIVATE globals dict: the learner writes
# a no-op into it in place of `expect` and `fail`. Stopped: every private globals dict (the suites' and the
# checker's) and the private builtins are part of the reference the audit hook holds and compares
# (checker/child/audit.py `compare`): the first comparison after the import finds `expect` changed.
import _pytest.debugging


def _nothing(*args, **kwargs):
    return None


config = _pytest.debugging.pytestPDB._config
for plugin in config.pluginmanager.get_plugins():
    pipeline = getattr(plugin, "pipeline", None)
    if pipeline is not None:
        for item in pipeline.items:
            private = item.obj.__globals__  # the suite's private globals (checker/child/detach.py)
            private["expect"] = private["fail"] = _nothing


async def task(name: str, duration: float) -> str:
    return None


def main() -> str:
    return None
