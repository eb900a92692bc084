# kata: 01
# expect: tampered
# Passed (red team, 2026-12-06: "Kata 01 passed: 8/8 checks") with task/main still raising NotImplementedError.
# How: the learner's module, while it loads (inside KataPlugin.pytest_collection_modifyitems, after
# audit.arm), reaches pytest's configuration through a class attribute (MARK_GEN._config, as in
# mutates_the_plugin.py), then the session and its items, and rebinds `FixtureDef.func` of the `virtual`
# fixture (item._fixtureinfo.name2fixturedefs["virtual"]) to a function of its own. pytest then calls it in
# each check's setup (fixtures.resolve_fixture_function reads `fixturedef.func`), so every check gets a fake
# clock: `run(task, name, d)` answers VirtualRun-like data ("result of <name>", elapsed d, one loop), `run`
# of a suite's scenario fills the scenario's own `seen` dict and `ticks` list through the closures' cells
# (`__closure__`/`cell_contents`: no audit event), and `virtual(main)` prints the two lines capsys expects.
# The test functions then raise nothing: call_and_report's report is "passed", from pytest's own run of
# that very item, which is all the hook's chain check asks (checker/child/chains.py).
# What it defeats: guard.Pipeline (checker/child/guard.py) watches the plugins, hook implementations, each
# item's `obj`, the plugin's collaborators and instance attributes hiding methods, but not the fixture
# definitions (FixtureDef.func, .cached_result, .argnames) nor the FixtureManager: the plugin's fixtures
# `virtual`/`learner` (plugin.py) are bound methods held only there. Any fixture the suite trusts
# (capsys, virtual, race, timeline, learner) can be swapped this way.
# Fix: add to Pipeline, before arming, each item's name2fixturedefs (per fixture name: the identity of the
# FixtureDef list, of each FixtureDef and of its `func`, `argnames`, `scope`, `params`), compared at each
# verdict; better, verify in the plugin's makereport (call phase) that item.funcargs["virtual"] is
# self.clock and ["learner"] is self.module (identity), and that every funcarg came from a FixtureDef whose
# func is the one recorded at collection.
# Stopped: guard.Pipeline records every item's fixture definitions and their functions, and a pass needs the
# plugin's own fixture values.
import sys

structures = sys.modules.get("_pytest.mark.structures")
config = structures.MARK_GEN._config if structures is not None else None
session = config.pluginmanager.get_plugin("session") if config is not None else None


class Run:
    def __init__(self, result, elapsed):
        self.result, self.elapsed, self.loops, self.stalls, self.spans = result, elapsed, 1, [], []


def cells(fn):
    return dict(zip(fn.__code__.co_freevars, (c.cell_contents for c in fn.__closure__ or ())))


class Fake:
    def run(self, fn, *args, end=3600.0):
        if fn.__name__ == "task":
            return Run(f"result of {args[0]}", args[1])
        found = cells(fn)
        if "seen" in found:
            found["seen"].update(halfway=["[alpha] start"], end=["[alpha] done"])
        if "heartbeat" in found:
            cells(found["heartbeat"])["ticks"].extend([0.2, 0.4, 0.6, 0.8])
        return Run(None, 1.0)

    def __call__(self, fn, *args, end=3600.0):
        print("[kata] start\n[kata] done")
        return Run("result of kata", 1.0)


if session is not None:
    for item in session.items:
        for fixturedef in item._fixtureinfo.name2fixturedefs.get("virtual", ()):
            fixturedef.func = lambda: Fake()


async def task(name, duration):
    raise NotImplementedError("write task()")


def main():
    raise NotImplementedError("write main()")
