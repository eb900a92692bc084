"""checker/child/races.py and schedmodel.probe(): what the probe points do beyond switching managed threads. A
probe point reached in a thread that no scheduler manages, while a run is under way and has not stepped aside,
is a stray that the run counts (`Outcome.unmanaged`); after a step aside, a probe point lets the other threads
run; `watch_state` makes every data attribute of an object a probe point; a watched plain value is kept out of
the instance's `__dict__`."""

import threading

import pytest

from checker.child.races import RaceProbe


class BareCounter:
    def __init__(self):
        self.value = 0

    def increment(self):
        self.value += 1


def in_raw_thread(work):
    """work() in a thread started with `_thread` (no scheduler manages it), waited for on a `_thread` lock."""
    import _thread

    done = _thread.allocate_lock()
    done.acquire()

    def run():
        try:
            work()
        finally:
            done.release()

    _thread.start_new_thread(run, ())
    done.acquire()


def test_a_probe_point_reached_in_a_thread_no_scheduler_manages_during_a_run_is_a_stray():
    probe = RaceProbe(1)
    counter = probe.watched(BareCounter)()
    lock = probe.guard(threading.Lock(), "L")

    def job():
        for _ in range(5):
            in_raw_thread(counter.increment)  # a read and a write, each run whole: no interleaving loses one
        in_raw_thread(lambda: [lock.acquire(), lock.release(), RaceProbe.point()])

    outcome = probe.run([job, job])
    assert outcome.finished and not outcome.passthrough and counter.value == 10
    assert outcome.unmanaged == 2 * (5 * 2 + 3)
    assert probe.run([lambda: [counter.increment() for _ in range(5)]] * 2).unmanaged == 0


def test_after_a_step_aside_threads_running_free_are_not_strays_nor_is_anything_outside_a_run():
    probe = RaceProbe(1)
    counter = probe.watched(BareCounter)()

    def job():
        threading.Event().wait(0.4)  # a wait the scheduler cannot see: it steps aside
        counter.increment()
        in_raw_thread(counter.increment)

    outcome = probe.run([job, job])
    assert outcome.passthrough and outcome.unmanaged == 0 and counter.value == 4
    in_raw_thread(counter.increment)  # no run under way
    assert counter.value == 5


def test_after_a_step_aside_a_watched_read_or_write_lets_the_other_threads_run_so_a_race_still_shows():
    probe = RaceProbe(1)
    counter = probe.watched(BareCounter)()
    first = []

    def job():
        if not first:
            first.append(True)
            threading.Event().wait(0.3)  # unseen: the scheduler steps aside, B and C run free
        for _ in range(100):
            counter.increment()

    outcome = probe.run([job] * 3, timeout=5)
    assert outcome.passthrough and outcome.unmanaged == 0 and counter.value < 300


def test_a_thread_registered_by_anything_but_the_checker_is_refused():
    from checker.child import schedmodel
    from checker.child.kit_verdicts import KataFailure

    refused, ran = [], []

    def register():
        try:
            schedmodel.run_managed(object(), object(), lambda: ran.append(True))
        except KataFailure as exc:
            refused.append(exc.code)

    in_raw_thread(register)
    assert refused == ["tampered"] and ran == []


def test_only_the_checkers_own_code_is_told_of_a_stray():
    from checker.child import schedmodel

    told = []

    def job():
        told.append(schedmodel.probe())
        in_raw_thread(lambda: told.append(schedmodel.probe()))

    outcome = RaceProbe(1).run([job])
    assert outcome.finished and outcome.unmanaged == 0
    assert told == [(schedmodel.MANAGED, None), (None, None)]


class DefaultCounter:
    value = 0  # a class default: an instance has no value of its own until its first increment

    def increment(self):
        self.value += 1


def test_a_watched_plain_value_is_out_of_the_instances_dict_and_a_dead_instances_value_is_not_inherited():
    probe = RaceProbe(1)
    cls = probe.watched(DefaultCounter)
    ids = set()
    for _ in range(200):
        counter = cls()
        assert counter.value == 0  # whatever counter of the same id (now dead) counted before
        for _ in range(3):
            counter.increment()
        assert counter.value == 3 and not [key for key in vars(counter) if "value" in str(key)]
        ids.add(id(counter))
        del counter
    assert len(ids) < 200  # ids were reused: the check above was made on them


class PrivateFieldCounter:
    """Its count in `_n`, behind a read-only `value`: increment() never touches `value`."""
    __slots__ = ("_n", "_lock", "_spare")

    def __init__(self):
        self._n = 0
        self._lock = threading.Lock()

    @property
    def value(self):
        return self._n

    def increment(self):
        self._n += 1


class DictFieldCounter:
    def __init__(self):
        self._n = 0
        self.label = "counter"
        self.seen = {}  # unhashable: never a key of the story's tables
        self.lock = threading.Lock()
        self.note = print

    @property
    def value(self):
        return self._n

    def increment(self):
        self.seen[threading.get_ident()] = True
        self._n += 1


@pytest.mark.parametrize("cls", [PrivateFieldCounter, DictFieldCounter])
def test_watch_state_makes_every_data_attribute_but_locks_and_callables_a_probe_point(cls):
    probe = RaceProbe(1)
    lock_kinds = (type(threading.Lock()),)

    def scenario():
        counter = probe.watched(cls)()
        assert sorted(probe.watch_state(counter, skip=lambda v: isinstance(v, lock_kinds))) == \
            (["_n"] if cls is PrivateFieldCounter else ["_n", "label", "seen"])
        assert type(counter).__name__ == cls.__name__ and isinstance(counter, cls)

        def work():
            for _ in range(2):
                counter.increment()

        return [work, work], lambda outcome: counter.value != 4

    finding = probe.explore(scenario, bound=2)
    assert finding is not None and probe.tell() == "thread A read 0, thread B read 0, B wrote 1, A wrote 1"
    counter = probe.watched(cls)()
    probe.watch_state(counter)
    counter.increment()
    assert counter.value == 1 and "_n" not in getattr(counter, "__dict__", {})
