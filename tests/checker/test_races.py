"""Seeded forced switches make a race show on every run, and tell its story."""

import threading

import pytest

from checker.child.races import RaceProbe


class BareCounter:
    """`self.value += 1` with nothing in between: on 3.10+ it almost never loses an update by itself."""

    def __init__(self):
        self.value = 0

    def increment(self):
        self.value += 1


class LockedCounter(BareCounter):
    def __init__(self):
        super().__init__()
        self.lock = threading.Lock()

    def increment(self):
        with self.lock:
            self.value += 1


def hammer(counter, threads=4, each=200):
    barrier = threading.Barrier(threads)

    def work():
        barrier.wait()
        for _ in range(each):
            counter.increment()

    workers = [threading.Thread(target=work) for _ in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(10)
    return counter.value


@pytest.mark.parametrize("seed", range(1, 21))
def test_a_bare_increment_loses_updates_under_every_seed(seed):
    probe, counter = RaceProbe(seed), BareCounter()
    assert probe.watch(counter)
    assert hammer(counter) < 800
    assert probe.story() is not None


@pytest.mark.parametrize("seed", range(1, 21))
def test_a_locked_increment_survives_every_seed(seed):
    probe, counter = RaceProbe(seed), LockedCounter()
    assert probe.watch(counter)
    assert hammer(counter) == 800 and probe.story() is None


def test_the_story_names_threads_reads_and_writes_in_both_languages():
    probe = RaceProbe(0x3F2A)
    probe.events = [("A", "read", 41), ("B", "read", 41), ("A", "write", 42), ("B", "write", 42)]
    assert probe.tell("en") == "thread A read 41, thread B read 41, A wrote 42, B wrote 42"
    assert probe.tell("fr") == "le thread A a lu 41, le thread B a lu 41, A a écrit 42, B a écrit 42"
    assert probe.replay("03") == "kata check 03 --seed 0x3f2a"


def test_an_instrumented_object_keeps_its_class_name_and_behaviour():
    counter = BareCounter()
    RaceProbe(1).watch(counter)
    counter.increment()
    assert counter.value == 1 and type(counter).__name__ == "BareCounter" and isinstance(counter, BareCounter)


def test_slots_or_properties_cannot_be_watched():
    class Slotted:
        __slots__ = ("value",)

    assert RaceProbe(1).watch(Slotted()) is False
