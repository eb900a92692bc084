"""Switch points inside the learner's own code (checker/child/codepoints.py), and what the scheduler tells when
it steps aside (`Outcome.aside`): a race on state kept anywhere shows, a right counter stays exact, and a run
kept apart by waits says what it waited for and where."""

import importlib.util
import sys
import threading

import pytest

from checker.child import codepoints, explore, schedule
from checker.child.races import RaceProbe

LEARNER = '''
import threading

class DictCounter:
    def __init__(self):
        self._state = {"n": 0}

    @property
    def value(self):
        return self._state["n"]

    def increment(self):
        state = self._state
        current = state["n"]
        state["n"] = current + 1


class CellCounter:
    def __init__(self):
        count = 0

        def add():
            nonlocal count
            count += 1

        self._add, self._read = add, lambda: count

    @property
    def value(self):
        return self._read()

    def increment(self):
        self._add()


class LockedDictCounter(DictCounter):
    def __init__(self):
        super().__init__()
        self.lock = threading.Lock()

    def increment(self):
        with self.lock:
            super().increment()


_made = {}
exec("def increment(self):\\n    state = self._state\\n    n = state['n']\\n    state['n'] = n + 1\\n", _made)


class CompiledCounter(DictCounter):
    increment = _made["increment"]


class Plain:
    def __init__(self):
        self.value = 0


def store(counter, value):
    counter.value = value


class Helped(DictCounter):
    """The racy read-modify-write in a thread of its own (no scheduler manages it), waited for by polling."""

    def increment(self):
        import _thread, time
        done = []

        def helper():
            state = self._state
            current = state["n"]
            state["n"] = current + 1
            done.append(True)

        _thread.start_new_thread(helper, ())
        while not done:
            time.sleep(0.0001)


class Threaded(DictCounter):
    def increment(self):
        thread = threading.Thread(target=super().increment)
        thread.start()
        thread.join()


class Waiting(DictCounter):
    def increment(self):
        threading.Event().wait(0.3)
        super().increment()
'''


@pytest.fixture(scope="module")
def learner(tmp_path_factory):
    """The counters, in a file of their own: the learner's code is what is neither this suite, the checker, nor
    Python's."""
    path = tmp_path_factory.mktemp("learner") / "counters.py"
    path.write_text(LEARNER, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("kata_counters_under_test", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def scenario(probe, cls, threads=2, each=2):
    def build():
        counter = probe.watched(cls)()
        if "lock" in vars(counter):
            counter.lock = probe.guard(counter.lock, "the counter's lock")

        def work():
            for _ in range(each):
                counter.increment()

        return [work] * threads, lambda outcome: counter.value != threads * each or bool(outcome.aside) or \
            bool(outcome.unmanaged)

    return build


@pytest.mark.parametrize("name", ["DictCounter", "CellCounter", "CompiledCounter"])
def test_a_race_on_state_kept_anywhere_shows_only_with_code_points(learner, name):
    cls = getattr(learner, name)
    assert RaceProbe(1).explore(scenario(RaceProbe(1), cls), bound=2) is None  # each increment runs whole
    probe = RaceProbe(1)
    finding = probe.explore(scenario(probe, cls), bound=2, code_points=True)
    assert finding is not None and not finding.outcome.passthrough
    assert finding.outcome.preemptions >= 1


def test_a_locked_counter_stays_exact_under_every_interleaving_with_code_points(learner):
    probe = RaceProbe(1)
    assert probe.explore(scenario(probe, learner.LockedDictCounter), bound=2, code_points=True) is None
    assert probe.runs > 1
    outcome = probe.run(scenario(probe, learner.LockedDictCounter, threads=4, each=50)()[0], code_points=True)
    assert outcome.finished and outcome.aside is None


def test_a_seeded_run_with_code_points_replays_the_same_interleaving(learner):
    runs = []
    for _ in range(2):
        probe = RaceProbe(7)
        counter = probe.watched(learner.DictCounter)()

        def work():
            for _ in range(30):
                counter.increment()

        outcome = probe.run([work] * 3, code_points=True)
        runs.append(([c.chosen for c in outcome.choices], counter.value))
    assert runs[0] == runs[1] and runs[0][1] < 90


def test_the_trace_function_is_gone_when_the_managed_thread_ends(learner):
    seen = []
    probe = RaceProbe(1)
    counter = probe.watched(learner.DictCounter)()
    outcome = probe.run([lambda: (counter.increment(), seen.append(sys.gettrace() is not None))], code_points=True)
    assert outcome.finished and seen == [True]
    after = []
    thread = threading.Thread(target=lambda: after.append(sys.gettrace()))
    thread.start()
    thread.join()
    assert after == [None] and sys.gettrace() is None


def test_the_trace_function_leaves_the_checker_python_and_the_suite_alone():
    skip = codepoints.untraced(__file__)
    assert codepoints.__file__.startswith(skip) and threading.__file__.startswith(skip) and __file__.startswith(skip)
    assert not "/tmp/kata/fix_the_race.py".startswith(skip)
    on_call, _ = codepoints.tracer(skip, schedule.Scheduler(None), codepoints.namespaces(skip),
                                   codepoints.namespaces(codepoints.untraced()))
    assert on_call(sys._getframe(), "call", None) is None  # this suite's frame


def test_a_wait_the_scheduler_cannot_see_is_told_with_where_it_was(learner):
    probe = RaceProbe(1)
    jobs, _ = scenario(probe, learner.Waiting, threads=2, each=1)()
    outcome = probe.run(jobs, code_points=True)
    assert outcome.passthrough and outcome.aside == "wait"
    name, line, function = outcome.aside_at[-1]
    assert name == learner.__file__ and function == "increment"
    said = RaceProbe.tell_aside(outcome, "increment()")
    assert said.startswith(f"increment() waited at counters.py:{line} (threading.Event().wait(0.3))")
    assert "quelque chose que les vérifications ne voient pas" in RaceProbe.tell_aside(outcome, "increment()", "fr")


def test_a_run_too_long_to_schedule_is_told_as_such(learner, monkeypatch):
    monkeypatch.setattr(schedule, "MAX_STEPS", 50)
    probe = RaceProbe(1)
    jobs, _ = scenario(probe, learner.DictCounter, threads=2, each=100)()
    outcome = probe.run(jobs, code_points=True)
    assert outcome.too_long and outcome.aside == "steps"
    assert "took more than 50 steps" in RaceProbe.tell_aside(outcome, "increment()")


def test_an_exploration_fails_a_run_it_stepped_aside_from_whatever_its_preemptions(learner):
    probe = RaceProbe(1)
    finding = probe.explore(scenario(probe, learner.Waiting), bound=2)
    assert finding is not None and finding.outcome.aside == "wait" and finding.runs == 1


def test_no_code_point_costs_a_thread_that_no_scheduler_manages(learner):
    counter = learner.DictCounter()
    threads = [threading.Thread(target=lambda: [counter.increment() for _ in range(100)]) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert counter.value == 200 and sys.gettrace() is None


def test_the_scheduler_traces_only_when_asked():
    assert schedule.Scheduler(None).tracer() is None
    namespaces = codepoints.namespaces(codepoints.untraced())
    assert [type(f) for f in schedule.Scheduler(None, code_points=(namespaces, namespaces)).tracer()] == [
        codepoints.Tracer, codepoints.Starts]


def test_a_probe_point_right_after_a_switch_in_the_learners_code_decides_nothing_again(learner):
    """A store into a watched attribute reaches its setter's probe point straight from the store's switch point:
    one decision, as without switch points in the learner's code, not two (an exploration would otherwise try
    every schedule there twice)."""
    made = []

    class Counting(schedule.Scheduler):
        def _schedule(self, me):
            made.append(me.index)
            return super()._schedule(me)

    skip = codepoints.untraced(__file__)
    counts = []
    for code_points in (None, (codepoints.namespaces(skip), codepoints.namespaces(codepoints.untraced()))):
        counter = RaceProbe(1).watched(learner.Plain)()
        made.clear()
        outcome = Counting(explore.Replay([]), untraced=skip, code_points=code_points).run(
            [lambda: learner.store(counter, 5)])
        assert outcome.finished and not outcome.errors and counter.value == 5
        counts.append(len(made))
    assert counts[0] == counts[1] >= 1


@pytest.mark.parametrize("name", ["Helped", "Threaded"])
def test_a_thread_started_by_the_learners_code_in_a_run_is_a_stray(learner, name):
    probe = RaceProbe(1)
    jobs, _ = scenario(probe, getattr(learner, name), threads=2, each=1)()
    assert probe.run(jobs, code_points=True).unmanaged >= 1
    finding = probe.explore(scenario(probe, getattr(learner, name)), bound=2, code_points=True)
    assert finding is not None and finding.outcome.unmanaged >= 1
    jobs, _ = scenario(probe, learner.LockedDictCounter, threads=2, each=2)()
    assert probe.run(jobs, code_points=True).unmanaged == 0
