# kata: 01
# expect: tampered
# Passes all 8 checks of kata 01 with `task` and `main` that do nothing (return None), and nothing is specific
# to kata 01: any suite's checks pass. How: at import, the learner finds pytest's configuration (a class
# attribute of _pytest.debugging.pytestPDB), the plugin's `pipeline.items` (pytest's items), and each item's
# `obj`: the suite's test function as detached by checker/child/detach.py. Its `__globals__` is the suite's
# PRIVATE globals dict, a plain dict: the learner writes a no-op into it in place of `expect` and `fail`.
# Every check then calls the no-op where it would have failed.
# Why the defences miss it: reading `function.__globals__` (and `__builtins__`, `__closure__`) raises no audit
# event in CPython (only `__code__` does), so the hook sees nothing; writing into a dict raises none either.
# The guard compares the modules' namespaces (guard.Snapshot) and the items' `obj` identities
# (guard.Pipeline), never the contents of the private globals nor of the private builtins
# (detach.private_builtins(), reached the same way through `__globals__["__builtins__"]`, or `__builtins__`).
# Variants of the same hole: the checker's own private globals (`asyncio.new_event_loop.__func__.__globals__`
# during a virtual run is checker.child.virtual's; `sys.modules["checker.child.testkit"].expect.__globals__`
# is kit_verdicts'), and the private builtins shared by all of them.
# Fix (suggested): (1) now: snapshot every private globals dict (detach._private values and each suite's
# `private`) and the private builtins at detach time (key -> id) and compare them in `_check_untouched`
# beside guard.Snapshot (this file, which never restores, is then `tampered`); (2) for a swap undone at its
# first use (the fake `expect` puts the real one back as it is called), a comparison cannot be enough: the
# private dicts must not be reachable. Since Python hands `__globals__` to anyone holding the function, that
# means keeping the detached copies out of learner's reach: do not put them on pytest's items (item.obj) —
# let the plugin call the copy it keeps itself (a pytest_pyfunc_call hook that calls its own copy by nodeid,
# from a dict held in a closure) — and do not store copies in the checker modules' shared namespaces (the
# learner reaches those through sys.modules); checker code that calls a helper finds it in its own private
# globals already.
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
