"""Where a learner keeps its locks (checker/child/lockplaces.py): attributes, dicts held there, closures of the
functions there; a guarded lock is put in each place and the learner's put back after the check."""

import functools
import threading
import types

import pytest

from checker.child import lockorder, lockplaces


def synchronized(method):
    lock = threading.Lock()

    @functools.wraps(method)
    def wrapper(*args, **kwargs):
        with lock:
            return method(*args, **kwargs)
    return wrapper


class Counter:
    SHARED = threading.RLock()

    def __init__(self):
        self._sync = {"lock": threading.Lock()}
        self.own = threading.Lock()

    @synchronized
    def increment(self):
        pass

    @property
    @synchronized
    def value(self):
        return 0


def found(owner):
    return [(p.kind, p.en) for p in lockplaces.places(owner, "`{name}`", "`{name}`", lockorder.is_lock)]


def test_locks_are_found_in_attributes_dicts_and_closures():
    assert found(Counter()) == [("item", "`_sync['lock']`"), ("item", "`own`")]
    assert sorted(found(Counter)) == [("attr", "`SHARED`"), ("cell", "`increment`, `lock` in its closure"),
                                      ("cell", "`value`, `lock` in its closure")]
    module = types.ModuleType("learner")
    module.LOCKS = {"a": threading.Lock()}
    module.helper = synchronized(lambda: None)
    module.Sync = type("Sync", (), {"lock": threading.Lock(), "__module__": "learner"})
    module.state = module.Sync()
    module.state.guard = threading.Lock()
    assert sorted(found(module)) == [("attr", "`Sync.lock`"), ("cell", "`helper`, `lock` in its closure"),
                                     ("item", "`LOCKS['a']`"), ("item", "`state.guard`")]


def test_a_guarded_lock_goes_where_the_code_looks_and_the_learners_comes_back(monkeypatch):
    counter = Counter()
    places = lockplaces.places(Counter, "`{name}`", "`{name}`", lockorder.is_lock) + \
        lockplaces.places(counter, "`{name}`", "`{name}`", lockorder.is_lock)
    before = [p.lock for p in places]
    with monkeypatch.context() as patched:
        for place in places:
            lockplaces.put(place, ("guarded", place.lock), patched)
        assert Counter.SHARED[0] == "guarded" and counter._sync["lock"][0] == "guarded"
        cell = Counter.increment.__closure__[0]
        assert cell.cell_contents[0] == "guarded"
    assert [p.lock for p in lockplaces.places(Counter, "{name}", "{name}", lockorder.is_lock)] == before[:3]
    assert Counter.increment.__closure__[0].cell_contents is before[[p.kind for p in places].index("cell")]


def test_the_checkers_own_functions_are_not_looked_into():
    from checker.child.races import RaceProbe
    watched = RaceProbe(1).watched(Counter)
    assert [p for p in lockplaces.places(watched, "{name}", "{name}", lockorder.is_lock)] == []


def test_a_lock_found_in_two_places_is_guarded_once_and_put_in_both(monkeypatch):
    lock = threading.Lock()
    module = types.ModuleType("learner")
    module.LOCK, module.ALSO = lock, {"it": lock}
    made = []

    def guard(found, en, fr):
        made.append((en, fr))
        return ("guarded", found)

    lockplaces.guard_all(lockplaces.places(module, "`{name}`", "`{name}`", lockorder.is_lock), guard, monkeypatch,
                         "the lock {place}", "le verrou {place}")
    assert made == [("the lock `LOCK`", "le verrou `LOCK`")]
    assert module.LOCK is module.ALSO["it"] and module.LOCK[1] is lock
    monkeypatch.undo()
    assert module.LOCK is lock and module.ALSO["it"] is lock
