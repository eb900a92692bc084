# kata: 01
# expect: tampered
# The checks' parameters rewritten (found by the lead, 2026-12-06): at import, the learner reaches pytest's
# items through pytest's configuration (a class attribute of _pytest.debugging.pytestPDB, then the plugin's
# pipeline) and sets every `duration` of the parametrized checks to 0.0 in `item.callspec.params` (a plain
# dict: no audit event), so that "task waits exactly `duration` seconds" would ask a task that never waits
# for a wait of 0 s (kata 01's check also wants a wait to happen, so this one failed anyway; a suite whose
# parameters carry the expected values would not). Stopped: each item's parameters are part of the reference
# the audit hook holds and compares (checker/child/guard.py Pipeline.references): `tampered` at the first
# comparison after the import.
import _pytest.debugging

config = _pytest.debugging.pytestPDB._config
for plugin in config.pluginmanager.get_plugins():
    pipeline = getattr(plugin, "pipeline", None)
    if pipeline is not None:
        for item in pipeline.items:
            spec = getattr(item, "callspec", None)
            if spec is not None and "duration" in spec.params:
                spec.params["duration"] = 0.0


async def task(name, duration):
    print(f"[{name}] start")
    print(f"[{name}] done")
    return f"result of {name}"


def main():
    raise NotImplementedError
