"""Hidden suite of kata 02 — five tasks at once.

run_all is always run in virtual event-loop time (the `virtual` fixture): exact, and instant in real time.
Its `task` is the learner's own, wrapped by a tracker that the suite puts into the learner's module in
place of `task` (run_all looks `task` up when it runs, like any call by name). The tracker records when
each task starts and ends, so a check can tell how many tasks were in flight at once, and, when run_all
returns, which tasks it started are still pending.
Blocking calls and never-awaited coroutines are caught by the checker's plugin for every check.
"""

import asyncio
import inspect
from dataclasses import dataclass, field
from types import MappingProxyType

import pytest

from checker.child.testkit import (Tracker, await_with_deadline, coroutine_function_check, expect, fail, number,
                                   require_coroutine_function, same, seconds, show, shown)

# The durations of each case; the key is what the check's title shows (the same in both languages). Read-only
# (a mapping proxy of tuples): the learner's code reaches this module through sys.modules, and a list here could
# be shortened before the checks read it (one task is "all of them at once"). A check takes a list copy.
CASES = MappingProxyType({
    "1, 2, 3, 4, 5 s": (1.0, 2.0, 3.0, 4.0, 5.0),
    "3, 1, 2 s": (3.0, 1.0, 2.0),  # finishing order (2, 3, 1) differs from input order
    "2 s": (2.0,),
    "∅": (),
    "50 × 0.1..5 s": tuple(round(0.1 * ((i * 37) % 50 + 1), 1) for i in range(50)),  # every 0.1 step once, shuffled
})


# how a call of task that did not return ended: (English, French)
WHY = {"raised": ("closed or raised", "fermé ou exception"), "cancelled": ("cancelled", "annulé"),
       "running": ("never ended", "jamais fini")}


def expected_results(durations):
    return [f"result of task {i}" for i in range(1, len(durations) + 1)]


def tasks_of(durations, lang):
    """"5 tasks of 1.0..5.0 s" / "5 tâches de 1,0 à 5,0 s"."""
    n, low, high = len(durations), number(min(durations), lang), number(max(durations), lang)
    if lang == "fr":
        return f"1 tâche de {low} s" if n == 1 else f"{n} tâches de {low} à {high} s"
    return f"1 task of {low} s" if n == 1 else f"{n} tasks of {low}..{high} s"


def task_call(args, kwargs):
    """(name, duration) of one call of task, however its arguments were passed."""
    return (*args, *(kwargs[key] for key in ("name", "duration") if key in kwargs))


@dataclass
class Run:
    """One run of run_all: its result, its loop time, and the tracker of its calls of `task`."""

    result: object = None
    tracker: Tracker = field(default_factory=Tracker)
    elapsed: float | None = None
    gave_up: bool = False
    left_pending: list = field(default_factory=list)  # tasks still pending when run_all returned
    running_at_return: list = field(default_factory=list)  # names of the calls of task not ended then

    @property
    def calls(self):
        return [task_call(span.args, span.kwargs) for span in self.tracker.spans]


def run_tracked(learner, virtual, monkeypatch, durations, timeline=None):
    """run_all(durations) in virtual time with a tracked `task`; a not-awaited verdict when it returns while
    tasks it started are still pending."""
    run = Run()
    monkeypatch.setattr(learner, "task", run.tracker.wrap(learner.task, name="task"))

    # Far more than even one-after-another takes: past it, run_all waits for something that never comes.
    limit = sum(durations) + 60.0

    async def scenario():
        me = asyncio.current_task()
        outcome = await await_with_deadline(learner.run_all(list(durations)), limit)
        if outcome.kind == "returned":
            run.left_pending = [t for t in asyncio.all_tasks() if t is not me and not t.done()]
            run.running_at_return = [span.name for span in run.tracker.running() if isinstance(span.name, str)]
        return outcome

    outcome = virtual.run(scenario).result
    run.gave_up, run.elapsed = outcome.hung, outcome.elapsed
    result = run.result = None if outcome.hung else outcome.result()  # the learner's exception, raised again
    if timeline is not None:  # drawn under the verdict: a staircase when sequential, stacked bars when not
        run.tracker.draw(timeline)
    call = f"run_all({show(durations)})"
    if run.gave_up:
        longest = max(durations, default=0.0)
        fail("wrong-timing",
             en=f"{call} was still waiting after {seconds(limit)} of event-loop time, although its longest task "
                f"lasts {seconds(longest)}: it waits for something that never happens (one result too many, an "
                f"event never set, a task never started). Timeline: {run.tracker.timeline('en')}. Expected: "
                "run_all returns as soon as every task has finished.",
             fr=f"{call} attendait encore après {seconds(limit, 'fr')} de temps de boucle, alors que sa tâche la "
                f"plus longue dure {seconds(longest, 'fr')} : elle attend quelque chose qui n'arrive jamais (un "
                "résultat de trop, un événement jamais déclenché, une tâche jamais lancée). Chronologie : "
                f"{run.tracker.timeline('fr')}. Attendu : run_all rend la main dès que toutes les tâches sont "
                "finies.")
    if run.left_pending:
        k, running = len(run.left_pending), run.running_at_return
        names = f" ({', '.join(running[:8])}{', ...' if k > 8 else ''})" if len(running) == k else ""
        were_en = f"{k} tasks it had started were" if k > 1 else "1 task it had started was"
        were_fr = (f"{k} tâches qu'elle avait lancées étaient" if k > 1
                   else "1 tâche qu'elle avait lancée était")
        fail("not-awaited",
             en=f"{call} returned {shown(result)} while {were_en} still pending{names}. "
                "Nothing awaited those tasks: a task made with asyncio.create_task (or an asyncio.gather that is "
                "not awaited) runs in the background, so run_all returned before their results existed, and "
                "asyncio.run cancelled them when it ended. Expected: await every task before returning, e.g. "
                "`return await asyncio.gather(*tasks)`, or `await` each task you created.",
             fr=f"{call} a renvoyé {shown(result)} alors que {were_fr} encore en "
                f"cours{names}. Rien n'a attendu ces tâches : une tâche créée par asyncio.create_task (ou un "
                "asyncio.gather sans `await`) tourne en arrière-plan, donc run_all a rendu la main avant que leurs "
                "résultats existent, et asyncio.run les a annulées à la fin. Attendu : attendre (await) chaque "
                "tâche avant de renvoyer, par exemple `return await asyncio.gather(*taches)`, ou `await` sur chaque "
                "tâche créée.")
    if inspect.isawaitable(result):
        fail("not-awaited",
             en=f"{call} returned {shown(result)}, something to await, instead of the list of results. "
                "asyncio.gather(...) (like a task or a coroutine) gives back an awaitable at once; the results only "
                "exist once you `await` it. Expected: `return await asyncio.gather(...)`.",
             fr=f"{call} a renvoyé {shown(result)}, un objet à attendre, au lieu de la liste des résultats. "
                "asyncio.gather(...) (comme une tâche ou une coroutine) renvoie tout de suite un objet à attendre ; "
                "les résultats n'existent qu'après `await`. Attendu : `return await asyncio.gather(...)`.")
    return run


# --- the given task ---------------------------------------------------------------------------------------


def test_given_task_is_kept(learner, virtual):
    """the given task still waits without blocking and returns "result of <name>"
    fr: la fonction task fournie attend toujours sans bloquer et renvoie "result of <name>\""""
    require_coroutine_function(learner, "task")
    run = virtual.run(learner.task, "alpha", 0.5)
    expect(same(run.result, "result of alpha"), "wrong-result",
           en=f'task("alpha", 0.5) returned {show(run.result)}; expected "result of alpha". `task` is given by '
              "the kata: keep it as it is, and write only run_all.",
           fr=f'task("alpha", 0.5) a renvoyé {show(run.result)} ; attendu "result of alpha". `task` est fournie '
              "par le kata : gardez-la telle quelle et écrivez seulement run_all.")
    expect(run.elapsed == pytest.approx(0.5, abs=1e-6), "wrong-timing",
           en=f'task("alpha", 0.5) took {seconds(run.elapsed)} of event-loop time; expected 0.5 s. `task` is '
              "given by the kata (`await asyncio.sleep(duration)`): keep it as it is, and write only run_all.",
           fr=f'task("alpha", 0.5) a pris {seconds(run.elapsed, "fr")} de temps de boucle ; attendu 0,5 s. '
              "`task` est fournie par le kata (`await asyncio.sleep(duration)`) : gardez-la telle quelle et "
              "écrivez seulement run_all.")


# --- run_all ----------------------------------------------------------------------------------------------


test_run_all_is_a_coroutine_function = coroutine_function_check("run_all")


def check_results(learner, virtual, monkeypatch, durations):
    expected = expected_results(durations)
    result = run_tracked(learner, virtual, monkeypatch, durations).result
    call = f"run_all({show(durations)})"
    if type(result) is list and all(type(item) is str for item in result) \
            and sorted(result) == sorted(expected) and not same(result, expected):
        by_finish = [expected[i] for i in sorted(range(len(durations)), key=lambda i: durations[i])]
        if result == by_finish:
            why_en = ("These are the results in the order the tasks finished (the shortest first). "
                      "asyncio.gather gives its results in the order of its arguments; with as_completed or "
                      "done-callbacks, put each result back at its task's index.")
            why_fr = ("Ce sont les résultats dans l'ordre où les tâches ont fini (la plus courte d'abord). "
                      "asyncio.gather renvoie ses résultats dans l'ordre de ses arguments ; avec as_completed ou "
                      "des callbacks, remettez chaque résultat à l'indice de sa tâche.")
        else:
            why_en = "Result number i must be the result of task i, whatever order the tasks finish in."
            why_fr = "Le résultat numéro i doit être celui de la tâche i, quel que soit l'ordre où elles finissent."
        fail("wrong-order",
             en=f"{call} returned {show(result)}; expected {show(expected)}, one result per duration, in the "
                f"order of the durations. {why_en}",
             fr=f"{call} a renvoyé {show(result)} ; attendu {show(expected)}, un résultat par durée, dans "
                f"l'ordre des durées. {why_fr}")
    expect(same(result, expected), "wrong-result",
           en=f"{call} returned {shown(result)}; expected {show(expected)}: a list with the result of "
              '`task("task 1", durations[0])` first, then of `task("task 2", durations[1])`, and so on (an empty '
              "list for no durations).",
           fr=f"{call} a renvoyé {shown(result)} ; attendu {show(expected)} : une liste avec d'abord le résultat "
              'de `task("task 1", durations[0])`, puis celui de `task("task 2", durations[1])`, et ainsi de suite '
              "(une liste vide s'il n'y a aucune durée).")


@pytest.mark.needs("test_given_task_is_kept", "test_run_all_is_a_coroutine_function")
def test_five_tasks_return_their_results_in_order(learner, virtual, monkeypatch):
    """run_all([1.0, 2.0, 3.0, 4.0, 5.0]) returns the five results, in order
    fr: run_all([1.0, 2.0, 3.0, 4.0, 5.0]) renvoie les cinq résultats, dans l'ordre"""
    check_results(learner, virtual, monkeypatch, list(CASES["1, 2, 3, 4, 5 s"]))


# The later checks run only once run_all gives five right results: a stub or a crash fails once, not ten times.
NEEDS_FIVE = pytest.mark.needs("test_five_tasks_return_their_results_in_order")


@NEEDS_FIVE
@pytest.mark.parametrize("case", ["3, 1, 2 s", "2 s", "∅", "50 × 0.1..5 s"])
def test_results_come_back_in_input_order(learner, virtual, monkeypatch, case):
    """run_all returns the results in the order of the durations
    fr: run_all renvoie les résultats dans l'ordre des durées"""
    check_results(learner, virtual, monkeypatch, list(CASES[case]))


@NEEDS_FIVE
@pytest.mark.parametrize("case", ["1, 2, 3, 4, 5 s", "3, 1, 2 s", "50 × 0.1..5 s"])
def test_tasks_take_as_long_as_the_longest(learner, virtual, monkeypatch, case, timeline):
    """run_all takes as long as the longest task, not the sum
    fr: run_all dure autant que la tâche la plus longue, pas la somme"""
    durations = list(CASES[case])
    n, longest = len(durations), max(durations)
    run = run_tracked(learner, virtual, monkeypatch, durations, timeline)
    elapsed, tracker = run.elapsed, run.tracker
    if elapsed == pytest.approx(longest, abs=1e-6):
        return
    took_en = (f"{tasks_of(durations, 'en')} took {seconds(elapsed)} of event-loop time; expected "
               f"{seconds(longest)}, the longest task.")
    took_fr = (f"{tasks_of(durations, 'fr')} ont pris {seconds(elapsed, 'fr')} de temps de boucle ; attendu "
               f"{seconds(longest, 'fr')}, la tâche la plus longue.")
    line_en, line_fr = f" Timeline: {tracker.timeline('en')}.", f" Chronologie : {tracker.timeline('fr')}."
    if elapsed > longest and tracker.max_in_flight() == 1 and n > 1:
        fail("not-concurrent",
             en=f"{took_en} The tasks ran one after another: each `await task(...)` waits for the previous one. "
                f"Start them all first (asyncio.gather, TaskGroup), then wait.{line_en}",
             fr=f"{took_fr} Les tâches se sont exécutées l'une après l'autre : chaque `await task(...)` attend la "
                f"précédente. Lancez-les toutes d'abord (asyncio.gather, TaskGroup), puis attendez.{line_fr}")
    if elapsed > longest and 1 < tracker.max_in_flight() < n:
        k = tracker.max_in_flight()
        fail("not-concurrent",
             en=f"{took_en} The tasks ran in batches: never more than {k} at once, so the later ones waited for "
                f"earlier ones to finish. Start all {n} first (asyncio.gather, TaskGroup), then wait.{line_en}",
             fr=f"{took_fr} Les tâches se sont exécutées par lots : jamais plus de {k} à la fois, donc les "
                f"suivantes ont attendu la fin des premières. Lancez les {n} d'abord (asyncio.gather, TaskGroup), puis "
                f"attendez.{line_fr}")
    if elapsed < longest:
        fail("wrong-timing",
             en=f"{took_en} run_all returned before its longest task could have finished: it must wait for "
                f"every task.{line_en}",
             fr=f"{took_fr} run_all a rendu la main avant que sa tâche la plus longue ait pu finir : elle doit "
                f"attendre chaque tâche.{line_fr}")
    fail("wrong-timing",
         en=f"{took_en} When all the tasks run at the same time, run_all waits exactly as long as the longest "
            f"one: no extra wait, and each task run once.{line_en}",
         fr=f"{took_fr} Quand toutes les tâches tournent en même temps, run_all attend exactement autant que la "
            f"plus longue, sans attente en plus, chaque tâche exécutée une fois.{line_fr}")


@NEEDS_FIVE
@pytest.mark.parametrize("case", ["1, 2, 3, 4, 5 s", "3, 1, 2 s", "50 × 0.1..5 s"])
def test_every_task_is_in_flight_at_once(learner, virtual, monkeypatch, case, timeline):
    """run_all runs task once per duration, all of them in flight at the same time
    fr: run_all exécute task une fois par durée, toutes en cours en même temps"""
    durations = list(CASES[case])
    n = len(durations)
    call = f"run_all({show(durations)})"
    run = run_tracked(learner, virtual, monkeypatch, durations, timeline)
    tracker, calls = run.tracker, run.calls
    expected_calls = [(f"task {number}", duration) for number, duration in enumerate(durations, start=1)]
    shown_calls = show([f"task({show(name)}, {show(duration)})" for name, duration in calls])
    if not calls:
        fail("wrong-result",
             en=f"{call} never called `task`. The checks put an instrumented `task` into your module and it was "
                f"not called: run_all must call `task(\"task 1\", durations[0])`, `task(\"task 2\", "
                "durations[1])`, ... by that name (not a copy of it, and not skip it by building the results "
                "itself).",
             fr=f"{call} n'a jamais appelé `task`. Les vérifications placent une `task` instrumentée dans votre "
                f"module et elle n'a pas été appelée : run_all doit appeler `task(\"task 1\", durations[0])`, "
                "`task(\"task 2\", durations[1])`, ... par ce nom (pas une copie, et sans fabriquer les résultats "
                "elle-même).")
    plain = all(type(name) is str and type(duration) in (int, float) for name, duration in calls)
    same_calls = plain and sorted((name, float(duration)) for name, duration in calls) == sorted(expected_calls)
    expect(same_calls, "wrong-result",
           en=f"{call} made {len(calls)} call(s) to task: {shown_calls}; expected {n}, one per duration: "
              f'`task("task 1", {show(durations[0])})`, `task("task 2", {show(durations[1])})`, ... '
              "(numbered from 1, each task run once).",
           fr=f"{call} a fait {len(calls)} appel(s) à task : {shown_calls} ; attendu {n}, un par durée : "
              f'`task("task 1", {show(durations[0])})`, `task("task 2", {show(durations[1])})`, ... '
              "(numérotées à partir de 1, chaque tâche exécutée une fois).")
    unfinished = [span for span in tracker.spans if span.outcome != "returned"]
    if unfinished:
        names = ", ".join(f"{span.label} ({WHY[span.outcome or 'running'][0]})" for span in unfinished[:4])
        noms = ", ".join(f"{span.label} ({WHY[span.outcome or 'running'][1]})" for span in unfinished[:4])
        more = ", …" if len(unfinished) > 4 else ""
        fail("wrong-result",
             en=f"{call}: {len(unfinished)} of the {n} calls of task never returned their result: {names}{more}. "
                "A call that is closed or cancelled before its `await asyncio.sleep(duration)` is over has no "
                "result, so the results run_all returned were not task's. Expected: await every task until it "
                "returns (asyncio.gather, TaskGroup) and return what they returned.",
             fr=f"{call} : {len(unfinished)} des {n} appels de task n'ont jamais renvoyé leur résultat : "
                f"{noms}{more}. Un appel fermé ou annulé avant la fin de son `await asyncio.sleep(duration)` n'a "
                "pas de résultat : les résultats renvoyés par run_all n'étaient pas ceux de task. Attendu : "
                "attendre chaque tâche jusqu'à ce qu'elle rende son résultat (asyncio.gather, TaskGroup) et "
                "renvoyer ce qu'elles ont rendu.")
    k = tracker.max_in_flight()
    if k < n:
        how_en = ("one after another: each `await task(...)` waited for the previous one" if k == 1
                  else "in batches, the later ones waiting for earlier ones to finish")
        how_fr = ("l'une après l'autre : chaque `await task(...)` a attendu la précédente" if k == 1
                  else "par lots, les suivantes attendant la fin des premières")
        fail("not-concurrent",
             en=f"{call}: never more than {k} of the {n} tasks were in flight at once; they ran {how_en}. "
                f"Expected: all {n} in flight at the same time, so that the waits overlap. Start them all first "
                f"(asyncio.gather, TaskGroup, or create_task for each), then wait. Timeline: "
                f"{tracker.timeline('en')}.",
             fr=f"{call} : jamais plus de {k} des {n} tâches en cours en même temps ; elles se sont exécutées "
                f"{how_fr}. Attendu : les {n} en cours en même temps, pour que les attentes se chevauchent. "
                "Lancez-les toutes d'abord (asyncio.gather, TaskGroup, ou create_task pour chacune), puis "
                f"attendez. Chronologie : {tracker.timeline('fr')}.")
