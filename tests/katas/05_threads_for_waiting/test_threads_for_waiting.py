"""Hidden suite of kata 05 — threads for waiting.

wait_all runs with a tracked `task`: the suite puts, in the learner's module, a wrapper around the learner's
own `task` (wait_all looks `task` up when it runs, like any call by name). The wrapper records, for every
call, the thread it ran in and when it started and ended (time.perf_counter), so the checks see directly
which threads ran and whether the waits overlapped, not only the total time.

So that a busy machine cannot make a right answer look sequential, each tracked call first holds until all
the calls of that run have started (giving up once the learner's code has made no progress for PATIENCE
seconds, a thread waiting for a core of a busy machine being progress; after one call has given up, the
others do not hold any more), then runs the real `task`. A right answer starts every thread within milliseconds, so the
hold changes nothing for it; code that waits for each task before starting the next one runs one call at a
time whatever the hold does. Each case runs once per check session (_CACHE); the checks read its record.

So that a missing join shows on every run, each tracked call, once its real `task` has returned, is held by
a JoinProbe (checker/child/joins.py): a random extra delay (calls end late, in a random order), then its
thread is held where it ends until a thread is seen waiting for it (its join(), or the caller blocked in
Future.result, Event.wait, ...). A thread that wait_all never joins (a sleep instead of join, only the last
one joined, a join with too short a timeout) is still running when wait_all returns, whatever the load.
"""

import threading
import time
from dataclasses import dataclass

import pytest

from checker.child.testkit import (JoinProbe, Span, Tracker, expect, fail, number, require_function,
                                   require_plain_function, same, show, shown)
from checker.child.threadkit import Rendezvous, fail_not_joined, not_waited_for, thread_hooks

PATIENCE = 0.3  # how long a tracked call waits for the others to start, once per run

CASES = {
    "5 × 0.2 s": [0.2] * 5,
    "0.06, 0.02, 0.04 s": [0.06, 0.02, 0.04],  # finishing order (2, 3, 1) differs from input order
    "1 × 0.05 s": [0.05],
    "∅": [],
    "20 × 0.05 s": [0.05] * 20,
}
_CACHE: dict = {}


def expected_results(durations):
    return [f"result of task {i}" for i in range(1, len(durations) + 1)]


@dataclass
class Run:
    durations: list
    result: object
    tracker: Tracker
    caller: threading.Thread
    started: float
    elapsed: float
    running_at_return: list[Span]  # the tracked calls still running at return
    held: float  # the longest time the suite held a call past its work (JoinProbe)

    @property
    def call(self):
        return f"wait_all({show(self.durations)})"

    def timeline(self, lang):
        return self.tracker.timeline(lang, origin=self.started, caller=self.caller, places=2)


def run_case(learner, case) -> Run:
    """wait_all(durations) with a tracked `task`, once per case (the record is kept for the next checks)."""
    if case in _CACHE:
        outcome = _CACHE[case]
        if isinstance(outcome, BaseException):
            raise outcome
        return outcome
    durations = CASES[case]
    wait_all = require_function(learner, "wait_all")
    original = getattr(learner, "task", None)
    caller = threading.current_thread()
    probe = JoinProbe(caller)
    tracker = Tracker("wall")
    learner.task = tracker.wrap(original, name="task", **thread_hooks(probe, Rendezvous(len(durations), PATIENCE)))
    try:
        started = time.perf_counter()
        result = wait_all(list(durations))
        elapsed = time.perf_counter() - started
        running = not_waited_for(tracker, probe)
    except BaseException as exc:
        _CACHE[case] = exc
        raise
    finally:
        probe.returned()
        learner.task = original
    _CACHE[case] = Run(durations, result, tracker, caller, started, elapsed, running, probe.held_longest)
    return _CACHE[case]


def expect_all_joined(run: Run) -> None:
    if run.running_at_return:
        fail_not_joined((f"{run.call} returned {shown(run.result)}", f"{run.call} a renvoyé {shown(run.result)}"),
                        run.running_at_return, len(run.tracker.spans), ("tasks", "tâches"),
                        ("results can be missing", "des résultats peuvent manquer"),
                        ("build the list", "construire la liste"),
                        (f" Timeline: {run.timeline('en')}.", f" Chronologie : {run.timeline('fr')}."))


def expect_task_called(run: Run) -> None:
    if run.tracker.spans or not run.durations:
        return
    fail("wrong-result",
         en=f"{run.call} returned {shown(run.result)} without ever calling `task`. The checks put a tracked `task` "
            "into your module and it was not called: wait_all must call `task(\"task 1\", durations[0])`, "
            "`task(\"task 2\", durations[1])`, ... by that name, from its threads (not a copy of it, and not build "
            "the results itself).",
         fr=f"{run.call} a renvoyé {shown(run.result)} sans jamais appeler `task`. Les vérifications placent une "
            "`task` instrumentée dans votre module et elle n'a pas été appelée : wait_all doit appeler "
            "`task(\"task 1\", durations[0])`, `task(\"task 2\", durations[1])`, ... par ce nom, depuis ses threads "
            "(pas une copie, et sans fabriquer les résultats elle-même).")


def check_results(learner, case):
    run = run_case(learner, case)
    expect_all_joined(run)
    expect_task_called(run)
    result, durations = run.result, run.durations
    expected = expected_results(durations)
    if type(result) is list and all(type(item) is str for item in result) \
            and sorted(result) == sorted(expected) and not same(result, expected):
        ended = sorted((s for s in run.tracker.spans if s.end is not None), key=lambda s: s.end)
        by_finish = [f"result of {s.name}" for s in ended if type(s.name) is str]
        if result == by_finish:
            why_en = ("These are the results in the order the tasks finished (not the order of the durations: "
                      "a task can end late, and here the checker made them end in a random order): each thread "
                      "appended its result when it was done. Give each thread its index and store the result at "
                      "that index (`results[i] = task(...)` in a list made beforehand), or use "
                      "ThreadPoolExecutor.map, which keeps the order.")
            why_fr = ("Ce sont les résultats dans l'ordre où les tâches ont fini (pas l'ordre des durées : une "
                      "tâche peut finir en retard, et ici le vérificateur les a fait finir dans un ordre "
                      "aléatoire) : chaque "
                      "thread a ajouté (append) son résultat quand il a eu fini. Donnez à chaque thread son indice "
                      "et rangez le résultat à cet indice (`resultats[i] = task(...)` dans une liste préparée "
                      "avant), ou utilisez ThreadPoolExecutor.map, qui garde l'ordre.")
        else:
            why_en = "Result number i must be the result of task i, whatever order the threads finish in."
            why_fr = ("Le résultat numéro i doit être celui de la tâche i, quel que soit l'ordre où les threads "
                      "finissent.")
        fail("wrong-order",
             en=f"{run.call} returned {show(result)}; expected {show(expected)}, one result per duration, in the "
                f"order of the durations. {why_en}",
             fr=f"{run.call} a renvoyé {show(result)} ; attendu {show(expected)}, un résultat par durée, dans "
                f"l'ordre des durées. {why_fr}")
    expect(same(result, expected), "wrong-result",
           en=f"{run.call} returned {shown(result)}; expected {show(expected)}: a list with the result of "
              '`task("task 1", durations[0])` first, then of `task("task 2", durations[1])`, and so on (an empty '
              "list for no durations).",
           fr=f"{run.call} a renvoyé {shown(result)} ; attendu {show(expected)} : une liste avec d'abord le "
              'résultat de `task("task 1", durations[0])`, puis celui de `task("task 2", durations[1])`, et ainsi '
              "de suite (une liste vide s'il n'y a aucune durée).")
    calls = len(run.tracker.spans)
    expect(calls == len(durations), "wrong-result",
           en=f"{run.call} returned the right list, but it called task {calls} times for {len(durations)} "
              "durations; expected exactly one call per duration, each in its own thread. A result computed "
              "twice is a download made twice: take each result from the call that your thread made (store it "
              f"at its index). Timeline: {run.timeline('en')}.",
           fr=f"{run.call} a renvoyé la bonne liste, mais a appelé task {calls} fois pour {len(durations)} "
              "durées ; attendu exactement un appel par durée, chacun dans son thread. Un résultat calculé deux "
              "fois, c'est un téléchargement fait deux fois : prenez chaque résultat de l'appel fait par votre "
              f"thread (rangez-le à son indice). Chronologie : {run.timeline('fr')}.")


# --- the given task ---------------------------------------------------------------------------------------


def test_given_task_is_kept(learner):
    """the given task still blocks for its duration and returns "result of <name>"
    fr: la fonction task fournie bloque toujours pendant sa durée et renvoie "result of <name>\""""
    task = require_function(learner, "task")
    started = time.perf_counter()
    result = task("alpha", 0.05)
    elapsed = time.perf_counter() - started
    expect(same(result, "result of alpha"), "wrong-result",
           en=f'task("alpha", 0.05) returned {show(result)}; expected "result of alpha". `task` is given by the '
              "kata: keep it as it is, and write only wait_all.",
           fr=f'task("alpha", 0.05) a renvoyé {show(result)} ; attendu "result of alpha". `task` est fournie par '
              "le kata : gardez-la telle quelle et écrivez seulement wait_all.")
    expect(elapsed >= 0.045, "wrong-timing",
           en=f'task("alpha", 0.05) returned after {elapsed:.3f} s; expected at least 0.05 s. `task` is given by '
              "the kata (`time.sleep(duration)`, a wait that blocks its thread): keep it as it is.",
           fr=f'task("alpha", 0.05) a rendu la main après {elapsed:.3f} s ; attendu au moins 0,05 s. `task` est '
              "fournie par le kata (`time.sleep(duration)`, une attente qui bloque son thread) : gardez-la telle "
              "quelle.")


# --- wait_all ---------------------------------------------------------------------------------------------


def test_wait_all_is_a_plain_function(learner):
    """wait_all is a plain function (def, not async def)
    fr: wait_all est une fonction ordinaire (def, pas async def)"""
    require_plain_function(learner, "wait_all",
                           en="This kata is about threads, not asyncio: expected a plain `def wait_all(durations)` "
                              "that starts threads and joins them.",
                           fr="Ce kata porte sur les threads, pas sur asyncio : attendu une fonction ordinaire "
                              "`def wait_all(durations)` qui lance des threads et les attend (join).")


@pytest.mark.needs("test_given_task_is_kept", "test_wait_all_is_a_plain_function")
def test_five_tasks_return_their_results_in_order(learner):
    """wait_all([0.2] * 5) returns the five results in order, after every task has finished
    fr: wait_all([0.2] * 5) renvoie les cinq résultats dans l'ordre, une fois toutes les tâches finies"""
    check_results(learner, "5 × 0.2 s")


# The later checks run only once wait_all gives five right results: a stub or a crash fails once, not eight times.
NEEDS_FIVE = pytest.mark.needs("test_five_tasks_return_their_results_in_order")


@NEEDS_FIVE
@pytest.mark.parametrize("case", ["0.06, 0.02, 0.04 s", "1 × 0.05 s", "∅"])
def test_results_come_back_in_input_order(learner, case):
    """wait_all returns the results in the order of the durations
    fr: wait_all renvoie les résultats dans l'ordre des durées"""
    check_results(learner, case)


@NEEDS_FIVE
def test_each_task_runs_in_its_own_thread(learner):
    """each task runs in its own thread, not in the calling thread
    fr: chaque tâche tourne dans son propre thread, pas dans le thread appelant"""
    run = run_case(learner, "5 × 0.2 s")
    spans = run.tracker.spans
    in_caller = [s for s in spans if s.thread is run.caller]
    threads = {id(s.thread) for s in spans}
    if in_caller:
        fail("no-threads",
             en=f"{run.call}: {len(in_caller)} of the {len(spans)} calls of task ran in the calling thread itself, "
                "so nothing else could happen while they waited. Usual cause: `thread.run()` instead of "
                "`thread.start()` — run() simply calls the target here and now, in the current thread; start() "
                f"creates the new thread, which then calls the target. Timeline: {run.timeline('en')}.",
             fr=f"{run.call} : {len(in_caller)} des {len(spans)} appels de task ont tourné dans le thread appelant "
                "lui-même, donc rien d'autre ne pouvait avancer pendant leurs attentes. Cause habituelle : "
                "`thread.run()` au lieu de `thread.start()` — run() appelle simplement la cible ici et maintenant, "
                "dans le thread courant ; start() crée le nouveau thread, qui appelle ensuite la cible. "
                f"Chronologie : {run.timeline('fr')}.")
    expect(len(threads) == len(spans), "no-threads",
           en=f"{run.call}: the {len(spans)} tasks ran in only {len(threads)} thread(s); expected one thread per "
              "task, so that every wait has its own thread to block. A thread that waits can do nothing else: "
              f"tasks that share a thread wait one after another. Timeline: {run.timeline('en')}.",
           fr=f"{run.call} : les {len(spans)} tâches ont tourné dans seulement {len(threads)} thread(s) ; attendu "
              "un thread par tâche, pour que chaque attente bloque son propre thread. Un thread qui attend ne fait "
              "rien d'autre : des tâches qui partagent un thread attendent l'une après l'autre. Chronologie : "
              f"{run.timeline('fr')}.")


def expect_all_in_flight(run: Run) -> None:
    n = len(run.durations)
    k = run.tracker.max_in_flight()
    if k >= n:
        return
    how_en = ("one after another: each thread was joined (or each task waited for) before the next one started"
              if k == 1 else "in batches, the later ones waiting for earlier ones to finish")
    how_fr = ("l'une après l'autre : chaque thread a été attendu (join) avant que le suivant démarre"
              if k == 1 else "par lots, les suivantes attendant la fin des premières")
    pool_en = (" A ThreadPoolExecutor() without max_workers has only a few workers (min(32, cores + 4)); give "
               "it max_workers=len(durations), or start one Thread per task." if k > 1 else
               " Start every thread first, in one loop; then join them all, in a second loop.")
    pool_fr = (" Un ThreadPoolExecutor() sans max_workers n'a que quelques travailleurs (min(32, cœurs + 4)) ; "
               "donnez-lui max_workers=len(durations), ou lancez un Thread par tâche." if k > 1 else
               " Lancez d'abord tous les threads, dans une boucle ; puis attendez-les tous (join), dans une "
               "seconde boucle.")
    fail("not-concurrent",
         en=f"{run.call} took {number(run.elapsed, 'en', 2)} s: at most {k} of the {n} tasks were waiting at the same time; "
            f"they ran {how_en}. Expected: all {n} waiting at once, so the whole thing takes about as long "
            f"as the longest task ({number(max(run.durations))} s).{pool_en} Timeline: {run.timeline('en')}.",
         fr=f"{run.call} a pris {number(run.elapsed, 'fr', 2)} s : au plus {k} des {n} tâches attendaient en même "
            f"temps ; elles se sont exécutées {how_fr}. Attendu : les {n} en attente en même temps, pour "
            "que l'ensemble dure à peu près autant que la plus longue tâche "
            f"({number(max(run.durations), 'fr')} s).{pool_fr} Chronologie : {run.timeline('fr')}.")


@NEEDS_FIVE
def test_all_five_tasks_wait_at_the_same_time(learner):
    """the five tasks are all waiting at the same time
    fr: les cinq tâches attendent toutes en même temps"""
    expect_all_in_flight(run_case(learner, "5 × 0.2 s"))


@pytest.mark.needs("test_all_five_tasks_wait_at_the_same_time")
def test_five_waits_take_about_as_long_as_the_longest(learner):
    """five tasks of 0.2 s take about 0.2 s, not 1 s
    fr: cinq tâches de 0,2 s prennent environ 0,2 s, pas 1 s"""
    run = run_case(learner, "5 × 0.2 s")
    longest, total = max(run.durations), sum(run.durations)
    # halfway between all at once and one after another, plus the time the suite itself held the calls
    bound = longest + 0.5 * (total - longest) + run.held
    expect(run.elapsed <= bound, "wrong-timing",
           en=f"{run.call} took {number(run.elapsed, 'en', 2)} s; expected about {number(longest)} s, the longest "
              f"task (one after another would take {number(total)} s). The tasks did overlap, so the extra time "
              "comes from somewhere else: usually a time.sleep of your own \"to be sure the threads are done\". join() waits exactly "
              f"as long as each thread needs, no more. Timeline: {run.timeline('en')}.",
           fr=f"{run.call} a pris {number(run.elapsed, 'fr', 2)} s ; attendu environ {number(longest, 'fr')} s, "
              f"la plus longue tâche (l'une après l'autre prendrait {number(total, 'fr')} s). Les tâches "
              "se sont bien chevauchées, le temps en plus vient donc d'ailleurs : le plus souvent un time.sleep à "
              "vous « pour être sûr que les threads ont fini ». join() attend exactement le temps qu'il faut à "
              f"chaque thread, pas plus. Chronologie : {run.timeline('fr')}.")


@pytest.mark.needs("test_all_five_tasks_wait_at_the_same_time")
def test_twenty_tasks_wait_at_the_same_time(learner):
    """twenty tasks are all waiting at the same time (no batches)
    fr: vingt tâches attendent toutes en même temps (pas de lots)"""
    check_results(learner, "20 × 0.05 s")
    expect_all_in_flight(run_case(learner, "20 × 0.05 s"))
