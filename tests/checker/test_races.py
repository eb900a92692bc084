"""The cooperative scheduler: one managed thread at a time, chosen by a seed or by an exploration; a seed
replays the same interleaving, a deadlock is found with its cycle, exploration finds the shortest bug."""

import functools
import json
import os
import re
import subprocess
import sys
import threading
import time
import types
from pathlib import Path

import pytest

from checker.child import adopt, schedule
from checker.child.races import RaceProbe

ROOT = Path(__file__).resolve().parents[2]


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


class SlottedCounter:
    __slots__ = ("value",)

    def __init__(self):
        self.value = 0

    def increment(self):
        self.value += 1


def counter_jobs(probe, cls, threads, each):
    counter = probe.watched(cls)()
    if "lock" in getattr(counter, "__dict__", {}):
        counter.lock = probe.guard(counter.lock, "the counter's lock")

    def work():
        for _ in range(each):
            counter.increment()

    return counter, [work] * threads


@pytest.mark.parametrize("seed", range(1, 11))
def test_a_bare_increment_loses_updates_under_every_seed(seed):
    probe = RaceProbe(seed)
    counter, jobs = counter_jobs(probe, BareCounter, 4, 50)
    outcome = probe.run(jobs)
    assert outcome.finished and counter.value < 200
    assert probe.story() is not None


@pytest.mark.parametrize("seed", range(1, 11))
def test_a_locked_increment_survives_every_seed(seed):
    probe = RaceProbe(seed)
    counter, jobs = counter_jobs(probe, LockedCounter, 4, 50)
    outcome = probe.run(jobs)
    assert outcome.finished and counter.value == 200 and probe.story() is None
    assert any(op == "wait" for _, op, _ in outcome.events)  # the lock was contended, and modelled


def test_the_same_seed_replays_the_same_interleaving_and_another_seed_does_not():
    def events(seed):
        probe = RaceProbe(seed)
        _, jobs = counter_jobs(probe, BareCounter, 3, 20)
        return probe.run(jobs).events

    assert events(7) == events(7) == events(7)
    assert events(7) != events(8)


def one_at_a_time(rounds: int):
    """Work that notes each time another thread ran during a stretch with no probe point: (work, overlaps)."""
    running, overlaps = [], []

    def work():
        for _ in range(rounds):
            running.append(threading.get_ident())
            if len(running) > 1:
                overlaps.append(len(running))
            sum(range(2000))  # work with no probe point: another thread may not run meanwhile
            running.remove(threading.get_ident())
            RaceProbe.point()

    return work, overlaps


def test_only_one_managed_thread_runs_between_probe_points():
    job, overlaps = one_at_a_time(30)
    outcome = RaceProbe(3).run([job, job, job])
    assert outcome.finished and overlaps == []
    assert len(outcome.choices) > 10


def test_opposite_lock_orders_are_a_deadlock_with_its_cycle():
    one, two = RaceProbe.guard(threading.Lock(), "L1"), RaceProbe.guard(threading.Lock(), "L2")

    def forward():
        with one:
            RaceProbe.point()
            with two:
                pass

    def backward():
        with two:
            RaceProbe.point()
            with one:
                pass

    finding = RaceProbe(1).explore(lambda: ([forward, backward], lambda o: o.deadlock is not None), bound=2)
    assert finding is not None and finding.outcome.preemptions == 1
    cycle = finding.outcome.deadlock
    assert sorted((t, held.label, wanted.label, holder) for t, held, wanted, holder in cycle) == [
        ("A", "L1", "L2", "B"), ("B", "L2", "L1", "A")]
    text = RaceProbe.tell_deadlock(cycle)
    assert "holds L1 and waits for L2, held by thread B" in text or "holds L2 and waits for L1" in text
    assert "attend" in RaceProbe.tell_deadlock(cycle, "fr")
    assert not one.locked() and not two.locked()  # the deadlocked threads were unwound


def test_a_circle_of_three_is_found_and_told_as_its_cycle():
    locks = [RaceProbe.guard(threading.Lock(), f"L{i}") for i in range(3)]

    def take(first, second):
        def job():
            with first:
                with second:
                    pass
        return job

    jobs = [take(locks[i], locks[(i + 1) % 3]) for i in range(3)]
    finding = RaceProbe(1).explore(lambda: (jobs, lambda o: o.deadlock is not None), bound=2)
    assert finding is not None and len(finding.outcome.deadlock) == 3
    waits = {thread: (held.label, wanted.label, holder) for thread, held, wanted, holder in finding.outcome.deadlock}
    assert waits == {"A": ("L0", "L1", "B"), "B": ("L1", "L2", "C"), "C": ("L2", "L0", "A")}
    assert not any(lock.locked() for lock in locks)


def test_one_lock_order_is_explored_to_the_end_without_a_deadlock():
    one, two = RaceProbe.guard(threading.Lock(), "L1"), RaceProbe.guard(threading.Lock(), "L2")

    def ordered():
        with one:
            RaceProbe.point()
            with two:
                RaceProbe.point()

    probe = RaceProbe(1)
    assert probe.explore(lambda: ([ordered, ordered], lambda o: o.deadlock is not None), bound=2) is None
    assert probe.runs > 5


def test_a_lock_kept_by_a_finished_thread_is_a_deadlock_not_a_hang():
    lock = RaceProbe.guard(threading.Lock(), "L")
    outcome = RaceProbe(1).run([lock.acquire, lock.acquire], timeout=2)
    assert outcome.deadlock and outcome.deadlock[0][2].label == "L"


def test_exploration_finds_the_shortest_lost_update_every_time():
    def scenario(probe):
        def build():
            counter, jobs = counter_jobs(probe, BareCounter, 2, 2)
            return jobs, lambda outcome: counter.value != 4
        return build

    stories = set()
    for _ in range(3):
        probe = RaceProbe(1)
        finding = probe.explore(scenario(probe), bound=2)
        assert finding is not None and finding.outcome.preemptions == 1
        stories.add(probe.tell())
    assert len(stories) == 1
    assert re.fullmatch(r"thread A read 0, thread B read 0, B wrote 1, A wrote 1", stories.pop())


def test_exploration_of_a_locked_counter_finds_nothing():
    probe = RaceProbe(1)

    def build():
        counter, jobs = counter_jobs(probe, LockedCounter, 2, 2)
        return jobs, lambda outcome: counter.value != 4 or not outcome.finished

    assert probe.explore(build, bound=2) is None and probe.runs > 10


def test_blocking_the_scheduler_cannot_see_steps_aside_instead_of_hanging():
    hidden = threading.Lock()

    def job():
        with hidden:  # not guarded: the scheduler cannot know that the other thread waits for it
            RaceProbe.point()
            RaceProbe.point()

    outcome = RaceProbe(2).run([job, job], timeout=5)
    assert outcome.passthrough and not outcome.errors and not outcome.deadlock  # ran to the end, freely
    assert not hidden.locked()


def test_a_failed_try_lock_yields_so_a_back_off_loop_ends():
    one, two = RaceProbe.guard(threading.Lock(), "L1"), RaceProbe.guard(threading.Lock(), "L2")

    def back_off(first, second):
        def job():
            while True:
                with first:
                    if second.acquire(blocking=False):
                        second.release()
                        return
        return job

    probe = RaceProbe(1)
    jobs = [back_off(one, two), back_off(two, one)]
    assert probe.explore(lambda: (jobs, lambda o: not o.finished), bound=2) is None


def test_the_story_names_threads_reads_and_writes_in_both_languages():
    probe = RaceProbe(0x3F2A)
    probe.events = [("A", "read", 41), ("B", "read", 41), ("A", "write", 42), ("B", "write", 42)]
    assert probe.tell("en") == "thread A read 41, thread B read 41, A wrote 42, B wrote 42"
    assert probe.tell("fr") == "le thread A a lu 41, le thread B a lu 41, A a écrit 42, B a écrit 42"
    assert probe.replay("03") == "kata check 03 --seed 0x3f2a"


def test_an_instrumented_object_keeps_its_class_name_and_behaviour():
    counter = BareCounter()
    assert RaceProbe(1).watch(counter)
    counter.increment()
    assert counter.value == 1 and type(counter).__name__ == "BareCounter" and isinstance(counter, BareCounter)


def test_slots_are_watched_through_a_subclass():
    assert RaceProbe(1).watch(SlottedCounter()) is False
    probe = RaceProbe(5)
    counter, jobs = counter_jobs(probe, SlottedCounter, 3, 30)
    probe.run(jobs)
    assert counter.value < 90 and probe.story() is not None


def test_unmanaged_threads_pay_nothing_and_are_not_scheduled():
    probe = RaceProbe(1)
    counter = probe.watched(BareCounter)()
    for _ in range(100):
        counter.increment()
    assert counter.value == 100 and probe.events == [] and schedule.active() is None


# --- threads that the learner's code starts inside a run (checker/child/adopt.py) ------------------------------


LEARNER = """
import threading


class Counter:
    def __init__(self):
        self.value = 0

    def increment(self):
        current = self.value
        self.value = current + 1


class BusyCounter(Counter):
    # check-then-act: takes the lock only when it looks busy, so it loses updates under some schedules only
    def __init__(self):
        super().__init__()
        self.lock = threading.Lock()

    def increment(self):
        if self.lock.locked():
            with self.lock:
                self.value = self.value + 1
        else:
            super().increment()


def count_with_threads(n_threads, each, joined=True):
    counter = Counter()

    def work():
        for _ in range(each):
            counter.increment()

    threads = [threading.Thread(target=work) for _ in range(n_threads)]
    for thread in threads:
        thread.start()
    if joined:
        for thread in threads:
            thread.join()
    return counter.value
"""


def learner_module(counter: str = "Counter"):
    """A learner's module as the suites see it: Counter watched (its locks guarded), threads adopted."""
    module = types.ModuleType("learner")
    exec(compile(LEARNER, "learner.py", "exec"), module.__dict__)
    return module


def scheduled_count(seed: int, n_threads: int = 3, each: int = 20, *, cls: str = "Counter", joined=True):
    module = learner_module()
    probe = RaceProbe(seed)
    assert probe.adopt(module, setattr) == 1 and module.threading is not threading
    counters = []

    class Watched(probe.watched(getattr(module, cls))):
        def __init__(self):
            super().__init__()
            if "lock" in self.__dict__:
                self.lock = probe.guard(self.lock, "the counter's lock")
            counters.append(self)

    module.Counter = Watched
    got = []
    outcome = probe.run([lambda: got.append(module.count_with_threads(n_threads, each, joined))], timeout=10)
    return outcome, got[0], counters[0].value, probe


def test_threads_started_inside_a_run_are_managed_and_a_seed_replays_their_story():
    def story(seed):
        outcome, got, final, probe = scheduled_count(seed)
        assert outcome.finished and not outcome.passthrough and outcome.threads == 4  # A and the three it started
        assert got == final < 60  # joined: it returns the final count, with updates lost
        return outcome.events, got, probe.tell()

    assert story(11) == story(11) == story(11)
    assert len({repr(story(seed)) for seed in (11, 12, 13)}) == 3
    assert story(11)[2] is not None and "thread A" not in story(11)[2]  # A starts and joins; B, C, D count


def test_only_one_adopted_thread_runs_between_probe_points():
    module = learner_module()
    probe = RaceProbe(5)
    probe.adopt(module, setattr)
    work, overlaps = one_at_a_time(20)

    def job():
        threads = [module.threading.Thread(target=work) for _ in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    outcome = probe.run([job])
    assert outcome.finished and outcome.threads == 4 and overlaps == [] and len(outcome.choices) > 10


def test_a_forgotten_join_returns_before_the_threads_finish_under_every_seed():
    for seed in range(1, 11):
        outcome, got, final, _ = scheduled_count(seed, joined=False)
        assert outcome.finished and got < final  # the threads went on after it returned, then all finished


def test_a_join_made_holding_the_lock_the_thread_needs_is_a_deadlock_with_its_cycle():
    lock = RaceProbe.guard(threading.Lock(), "the lock L")

    def job():
        def work():
            with lock:
                pass
        thread = adopt.Thread(target=work)
        with lock:
            thread.start()
            thread.join()

    for seed in (1, 2, 3):
        outcome = RaceProbe(seed).run([job], timeout=5)
        assert outcome.deadlock and not outcome.stuck
        assert RaceProbe.tell_deadlock(outcome.deadlock) == (
            "thread A holds the lock L and waits for the end of thread B (join); thread B waits for the lock L, "
            "held by thread A")


def test_a_timed_join_gives_up_only_when_no_other_thread_can_run():
    lock = RaceProbe.guard(threading.Lock(), "L")
    joined = []

    def job():
        thread = adopt.Thread(target=lambda: lock.acquire() and lock.release())
        with lock:
            thread.start()
            thread.join(timeout=0.01)  # B waits for L: nothing else can run, so the wait times out
            joined.append(thread.is_alive())
        thread.join(timeout=0.01)  # L released: B runs to its end first
        joined.append(thread.is_alive())

    outcome = RaceProbe(4).run([job], timeout=5)
    assert outcome.finished and not outcome.deadlock and joined == [True, False]


def test_after_a_timed_join_a_lock_wait_is_still_a_deadlock_not_a_timeout():
    lock = RaceProbe.guard(threading.Lock(), "L")

    def job():
        thread = adopt.Thread(target=lambda: None)
        thread.start()
        thread.join(timeout=1)  # returns when B ends: only that wait could have timed out
        lock.acquire()
        lock.acquire()  # a Lock taken twice by its holder

    outcome = RaceProbe(1).run([job], timeout=5)
    assert outcome.deadlock and not outcome.too_long
    assert RaceProbe.tell_deadlock(outcome.deadlock) == "thread A holds L and waits for L, which it holds itself"


def test_a_mistake_that_loses_updates_under_some_schedules_only_fails_for_every_seed():
    lost = [scheduled_count(seed, 4, 25, cls="BusyCounter") for seed in range(1, 21)]
    assert all(outcome.finished and got < 100 and probe.story() for outcome, got, _, probe in lost)

    def scenario():  # and exploration (no seed at all) finds its shortest story
        module = learner_module()
        counter = probe.watched(module.BusyCounter)()
        counter.lock = probe.guard(counter.lock, "the counter's lock")

        def work():
            for _ in range(2):
                counter.increment()
        return [work, work], lambda outcome: counter.value != 4

    probe = RaceProbe(1)
    finding = probe.explore(scenario, bound=2)
    assert finding is not None and finding.outcome.preemptions == 1
    assert probe.tell() == "thread A read 0, thread B read 0, B wrote 1, A wrote 1"


def test_a_thread_pool_is_not_managed_and_its_count_stays_right():
    from concurrent.futures import ThreadPoolExecutor

    probe = RaceProbe(1)
    counter = probe.watched(LockedCounter)()
    counter.lock = probe.guard(counter.lock, "the counter's lock")

    def job():
        with ThreadPoolExecutor(3) as pool:
            for _ in range(3):
                pool.submit(lambda: [counter.increment() for _ in range(50)])

    outcome = probe.run([job], timeout=10)  # A waits for the workers unseen: a short wait, or the scheduler steps aside
    assert outcome.threads == 1 and not outcome.stuck and not outcome.errors and counter.value == 150


def test_a_thread_subclass_of_the_learner_is_adopted_too():
    module = types.ModuleType("learner")
    exec(compile("import threading\nclass Worker(threading.Thread):\n    def run(self):\n        self.ran = True\n",
                 "learner.py", "exec"), module.__dict__)
    probe = RaceProbe(1)
    assert probe.adopt(module, setattr) == 2
    workers = []

    def job():
        workers.extend(module.Worker() for _ in range(2))
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()

    outcome = probe.run([job], timeout=5)
    assert outcome.finished and outcome.threads == 3 and all(w.ran for w in workers)
    assert module.Worker.__name__ == "Worker" and issubclass(module.Worker, threading.Thread)


def test_a_sleep_instead_of_a_join_waits_for_nothing_under_every_seed():
    module = types.ModuleType("learner")
    exec(compile("import threading, time\nfrom time import sleep\n"
                 "def count(box, n):\n"
                 "    def work():\n"
                 "        for _ in range(n):\n"
                 "            box.value += 1\n"
                 "    for _ in range(2):\n"
                 "        threading.Thread(target=work).start()\n"
                 "    time.sleep(0.5)\n"
                 "    sleep(0.5)\n"
                 "    return box.value\n", "learner.py", "exec"), module.__dict__)
    assert RaceProbe.adopt(module, setattr) == 3  # threading, time, sleep
    started = time.perf_counter()
    for seed in range(1, 6):
        probe = RaceProbe(seed)
        box, got = probe.watched(BareCounter)(), []
        outcome = probe.run([lambda: got.append(module.count(box, 20))], timeout=5)
        assert outcome.finished and got[0] < box.value  # it returned while its threads still counted
    assert time.perf_counter() - started < 5  # a second of sleep per run: none of it waited for real
    started = time.perf_counter()
    module.time.sleep(0.05)  # outside a run: a real sleep
    assert time.perf_counter() - started >= 0.05


def test_outside_a_run_the_adopted_thread_is_a_plain_thread():
    module = learner_module()
    RaceProbe(1).adopt(module, setattr)
    assert module.count_with_threads(3, 10) == 30  # racy but unscheduled: a bare increment hardly ever loses one
    assert issubclass(adopt.Thread, threading.Thread) and module.threading.Lock is threading.Lock


def check(kata: str, file: Path, seed: str) -> dict:
    done = subprocess.run([sys.executable, "-m", "checker", "check", kata, "--file", str(file), "--seed", seed,
                           "--json", "--lang", "en"], capture_output=True, text=True, cwd=ROOT, timeout=120,
                          env={**os.environ, "KATA_LANG": "en"})
    return json.loads(done.stdout)


def scheduled_verdicts(report: dict) -> list[tuple[str, str | None, str]]:
    return [(c["name"], c.get("code"), c.get("message", "")) for c in report["checks"]
            if "interleaving" in c["name"] or "hammer" in c["name"] or "at the same time" in c["name"]
            or "count_with_threads" in c["name"]]


@pytest.mark.parametrize("kata, mistake, code", [
    ("03", "03_fix_the_race/sleep_removed_no_lock.py", "lost-updates"),
    ("03", "03_fix_the_race/forgets_to_join.py", "wrong-result"),  # count_with_threads, under the scheduler too
    ("07", "07_deadlock_transfers/lock_in_argument_order.py", "deadlock")])
def test_a_seed_replays_the_same_story_and_verdict(kata, mistake, code):
    file = ROOT / "tests" / "mistakes" / mistake
    first, second = check(kata, file, "0x2a2a"), check(kata, file, "0x2a2a")
    verdicts = scheduled_verdicts(first)
    assert verdicts and verdicts == scheduled_verdicts(second)
    assert any(got == code and "--seed 0x2a2a" in message for _, got, message in verdicts)
    if kata == "03":  # count_with_threads' checks are judged under the seed's schedule too
        assert any("count_with_threads" in name and "--seed 0x2a2a" in message for name, _, message in verdicts)


# --- learner code that reaches for the scheduler (issue 20): nothing switches it off ---------------------------


class UnsettingCounter(BareCounter):
    """Sets `schedmodel._ACTIVE` (REPLACE) before its read, and puts back what was there after its write (RESTORE):
    before issue 20, with None, no probe point switched threads and the race was never seen."""
    REPLACE: object = None
    RESTORE = False

    def increment(self):
        active = sys.modules["checker.child.schedmodel"].__dict__["_ACTIVE"]
        saved = active[:]
        if self.REPLACE == "clear":
            active.clear()
        else:
            active[0] = self.REPLACE
        current = self.value
        self.value = current + 1
        if self.RESTORE:
            active[:] = saved


@pytest.mark.parametrize("replace, restore", [(None, False), (None, True), ("a foreign object", True),
                                              ("clear", False)])
def test_a_run_whose_tripwire_learner_code_changes_is_tampered(replace, restore):
    from checker.child import schedmodel
    from checker.child.kit_verdicts import KataFailure

    cls = type("Unsetting", (UnsettingCounter,), {"REPLACE": object() if replace == "a foreign object" else replace,
                                                  "RESTORE": restore})
    probe = RaceProbe(5)
    counter, jobs = counter_jobs(probe, cls, 3, 30)
    with pytest.raises(KataFailure) as caught:
        probe.run(jobs)
    assert caught.value.code == "tampered" and "schedmodel._ACTIVE" in caught.value.texts["en"]
    assert schedmodel._ACTIVE == [None]  # the next run starts as usual
    assert counter.value < 90  # and the probe points still switched threads: updates were lost


def test_an_honest_run_is_not_tampered_and_leaves_the_tripwire_as_it_found_it():
    from checker.child import schedmodel

    probe = RaceProbe(5)
    counter, jobs = counter_jobs(probe, BareCounter, 3, 30)
    assert schedmodel._ACTIVE == [None]
    outcome = probe.run(jobs)
    assert outcome.finished and counter.value < 90 and schedmodel._ACTIVE == [None]


def _reaches(value, depth=0):
    """Everything reachable from `value` through containers, partials, bound methods and closures (a little deep)."""
    yield value
    if depth > 3:
        return
    if isinstance(value, (list, tuple, set)):
        children = list(value)
    elif isinstance(value, dict):
        children = list(value.values())
    elif isinstance(value, functools.partial):
        children = [value.func, *value.args]
    elif isinstance(value, types.MethodType):
        children = [value.__self__, value.__func__]
    elif isinstance(value, types.FunctionType):
        children = [cell.cell_contents for cell in value.__closure__ or () if cell.cell_contents is not None]
    else:
        children = list(getattr(value, "__dict__", {}).values())
    for child in children:
        yield from _reaches(child, depth + 1)


def test_nothing_a_managed_thread_reaches_is_the_scheduler_or_a_managed_thread():
    """What learner code in a managed thread (a job, or a thread it started) can see: its thread, active(), a
    modelled lock. None of it is the scheduler or one of its managed threads; active() says only MANAGED."""
    from checker.child import schedmodel

    module = learner_module()
    probe = RaceProbe(2)
    probe.adopt(module, setattr)
    lock = probe.guard(threading.Lock(), "the lock")
    told, seen = [], []

    def look():
        with lock:
            told.append(schedule.active())
            seen.extend(_reaches([threading.current_thread(), lock]))

    def job():
        look()
        worker = module.threading.Thread(target=look)
        worker.start()
        worker.join()

    outcome = probe.run([job, job])
    assert outcome.finished and outcome.threads == 4
    assert told == [schedmodel.MANAGED] * 4
    assert not [found for found in seen if isinstance(found, (schedule.Scheduler, schedmodel.ManagedThread))]


def test_the_registry_of_managed_threads_answers_the_same_whatever_learner_code_rebinds_or_throws():
    """What learner code in a managed thread can do to the registry (checker/child/schedmodel.py): rebind the
    module's names it used, throw into or close its generator, call run_managed to name another scheduler."""
    from checker.child import schedmodel
    from checker.child.kit_verdicts import KataFailure

    told, refused = [], []
    saved = dict(vars(schedmodel))

    def job():
        schedmodel._CHECKER, schedmodel.MANAGED, schedmodel._ENTRY = "/", "rebound", None
        generator = schedmodel._registry_send.__self__
        for attack in (lambda: generator.throw(ValueError("no")), generator.close):
            try:
                attack()
            except BaseException:
                pass
        told.append(schedmodel.active())
        try:
            schedmodel.run_managed(object(), None, lambda: told.append(schedmodel.active()))
        except KataFailure as exc:
            refused.append(exc.code)

    try:
        outcome = RaceProbe(1).run([job])
    finally:
        vars(schedmodel).update(saved)
    assert outcome.finished and told == ["managed"] and refused == ["tampered"]
    assert schedule.active() is None
