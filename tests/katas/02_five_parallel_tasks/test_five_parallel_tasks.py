"""Hidden suite of kata 02 — five tasks at once.

run_all is always run in virtual event-loop time (the `virtual` fixture): exact, and instant in real time.
Its `task` is the learner's own, wrapped by a tracker that the suite puts into the learner's module in
place of `task` (run_all looks `task` up when it runs, like any call by name). The tracker records when
each task starts and ends, so a check can tell how many tasks were in flight at once, and, when run_all
returns, which tasks it started are still pending.
Blocking calls and never-awaited coroutines are caught by the checker's plugin for every check.
"""

import asyncio

import pytest

from checker.testkit import expect, fail, require_coroutine_function, same, show

# The durations of each case; the key is what the check's title shows (the same in both languages).
CASES = {
    "1, 2, 3, 4, 5 s": [1.0, 2.0, 3.0, 4.0, 5.0],
    "3, 1, 2 s": [3.0, 1.0, 2.0],  # finishing order (2, 3, 1) differs from input order
    "2 s": [2.0],
    "∅": [],
    "50 × 0.1..5 s": [round(0.1 * ((i * 37) % 50 + 1), 1) for i in range(50)],  # every 0.1 step once, shuffled
}


def expected_results(durations):
    return [f"result of task {number}" for number in range(1, len(durations) + 1)]


def seconds(value, lang="en"):
    """15.0 -> "15.0", 0.25 -> "0.25" (French: "15,0", "0,25")."""
    text = f"{value:.3f}".rstrip("0")
    text = text + "0" if text.endswith(".") else text
    return text.replace(".", ",") if lang == "fr" else text


def tasks_of(durations, lang):
    n = len(durations)
    if lang == "fr":
        if n == 1:
            return f"1 tâche de {seconds(durations[0], 'fr')} s"
        return f"{n} tâches de {seconds(min(durations), 'fr')} à {seconds(max(durations), 'fr')} s"
    if n == 1:
        return f"1 task of {seconds(durations[0])} s"
    return f"{n} tasks of {seconds(min(durations))}..{seconds(max(durations))} s"


class Tracker:
    """Wraps the learner's `task`: records each call, when it starts and ends in loop time, and how many
    tasks run at the same time."""

    def __init__(self, original):
        self.original = original
        self.calls = []  # (name, duration), in call order
        self.spans = []  # [name, start, end or None]
        self.in_flight = 0
        self.max_in_flight = 0
        self.elapsed = None
        self.left_pending = []

    def make_task(self):
        tracker, original = self, self.original

        async def task(name, duration):
            loop = asyncio.get_running_loop()
            tracker.calls.append((name, duration))
            span = [name, loop.time(), None]
            tracker.spans.append(span)
            tracker.in_flight += 1
            tracker.max_in_flight = max(tracker.max_in_flight, tracker.in_flight)
            try:
                return await original(name, duration)
            finally:
                tracker.in_flight -= 1
                span[2] = loop.time()

        task.__qualname__ = task.__name__ = "task"  # "coroutine 'task' was never awaited", as the learner wrote it
        return task

    def timeline(self, lang, limit=8):
        spans = sorted(self.spans, key=lambda span: span[1])
        never = "jamais finie" if lang == "fr" else "never ended"
        parts = [f"{name} {seconds(start, lang)}→{seconds(end, lang) + ' s' if end is not None else never}"
                 if isinstance(name, str) else f"{show(name)} {seconds(start, lang)}→…"
                 for name, start, end in spans[:limit]]
        if len(spans) > limit:
            parts.append("…")
        return ", ".join(parts) if parts else ("aucune tâche" if lang == "fr" else "no task")


def pending_names(tasks):
    names = []
    for pending in tasks:
        frame = getattr(pending.get_coro(), "cr_frame", None)
        name = frame.f_locals.get("name") if frame is not None else None
        names.append(name if isinstance(name, str) else pending.get_name())
    return sorted(names)


def run_tracked(learner, virtual, monkeypatch, durations):
    """run_all(durations) in virtual time with a tracked `task`; a not-awaited verdict when it returns while
    tasks it started are still pending."""
    tracker = Tracker(learner.task)
    monkeypatch.setattr(learner, "task", tracker.make_task())

    async def scenario():
        loop = asyncio.get_running_loop()
        me = asyncio.current_task()
        start = loop.time()
        result = await learner.run_all(list(durations))
        tracker.elapsed = loop.time() - start
        tracker.left_pending = [t for t in asyncio.all_tasks() if t is not me and not t.done()]
        return result

    result = virtual.run(scenario).result
    if tracker.left_pending:
        names = pending_names(tracker.left_pending)
        k, shown = len(names), show(names)
        fail("not-awaited",
             en=f"run_all({show(durations)}) returned while {k} task(s) it had started were still pending "
                f"({shown}); it returned {show(result)}. Nothing awaited those tasks: a task made with "
                "asyncio.create_task (or an asyncio.gather that is not awaited) runs in the background, so "
                "run_all returned before their results existed, and asyncio.run cancelled them when it ended. "
                "Expected: await every task before returning, e.g. `return await asyncio.gather(*tasks)`, or "
                "`await` each task you created.",
             fr=f"run_all({show(durations)}) a rendu la main alors que {k} tâche(s) qu'elle avait lancée(s) "
                f"étaient encore en cours ({shown}) ; elle a renvoyé {show(result)}. Rien n'a attendu ces tâches : "
                "une tâche créée par asyncio.create_task (ou un asyncio.gather sans `await`) tourne en arrière-plan, "
                "donc run_all a rendu la main avant que leurs résultats existent, et asyncio.run les a annulées à "
                "la fin. Attendu : attendre (await) chaque tâche avant de renvoyer, par exemple "
                "`return await asyncio.gather(*taches)`, ou `await` sur chaque tâche créée.")
    return result, tracker


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
           en=f'task("alpha", 0.5) took {seconds(run.elapsed)} s of event-loop time; expected 0.5 s. `task` is '
              "given by the kata (`await asyncio.sleep(duration)`): keep it as it is, and write only run_all.",
           fr=f'task("alpha", 0.5) a pris {seconds(run.elapsed, "fr")} s de temps de boucle ; attendu 0,5 s. '
              "`task` est fournie par le kata (`await asyncio.sleep(duration)`) : gardez-la telle quelle et "
              "écrivez seulement run_all.")


# --- run_all ----------------------------------------------------------------------------------------------


def test_run_all_is_a_coroutine_function(learner):
    """run_all is a coroutine function (async def)
    fr: run_all est une fonction coroutine (async def)"""
    require_coroutine_function(learner, "run_all")


@pytest.mark.needs("test_given_task_is_kept", "test_run_all_is_a_coroutine_function")
@pytest.mark.parametrize("case", list(CASES))
def test_results_come_back_in_input_order(learner, virtual, monkeypatch, case):
    """run_all returns the results in the order of the durations
    fr: run_all renvoie les résultats dans l'ordre des durées"""
    durations = CASES[case]
    expected = expected_results(durations)
    result, _ = run_tracked(learner, virtual, monkeypatch, durations)
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
           en=f"{call} returned {show(result)}; expected {show(expected)}: a list with the result of "
              '`task("task 1", durations[0])` first, then of `task("task 2", durations[1])`, and so on (an empty '
              "list for no durations).",
           fr=f"{call} a renvoyé {show(result)} ; attendu {show(expected)} : une liste avec d'abord le résultat "
              'de `task("task 1", durations[0])`, puis celui de `task("task 2", durations[1])`, et ainsi de suite '
              "(une liste vide s'il n'y a aucune durée).")


@pytest.mark.needs("test_given_task_is_kept", "test_run_all_is_a_coroutine_function")
@pytest.mark.parametrize("case", ["1, 2, 3, 4, 5 s", "3, 1, 2 s", "50 × 0.1..5 s"])
def test_tasks_take_as_long_as_the_longest(learner, virtual, monkeypatch, case):
    """run_all takes as long as the longest task, not the sum
    fr: run_all dure autant que la tâche la plus longue, pas la somme"""
    durations = CASES[case]
    n, longest = len(durations), max(durations)
    _, tracker = run_tracked(learner, virtual, monkeypatch, durations)
    elapsed = tracker.elapsed
    if elapsed == pytest.approx(longest, abs=1e-6):
        return
    took_en = (f"{tasks_of(durations, 'en')} took {seconds(elapsed)} s of event-loop time; expected "
               f"{seconds(longest)} s, the longest task.")
    took_fr = (f"{tasks_of(durations, 'fr')} ont pris {seconds(elapsed, 'fr')} s de temps de boucle ; attendu "
               f"{seconds(longest, 'fr')} s, la tâche la plus longue.")
    line_en, line_fr = f" Timeline: {tracker.timeline('en')}.", f" Chronologie : {tracker.timeline('fr')}."
    if elapsed > longest and tracker.max_in_flight == 1 and n > 1:
        fail("not-concurrent",
             en=f"{took_en} The tasks ran one after another: each `await task(...)` waits for the previous one. "
                f"Start them all first (asyncio.gather, TaskGroup), then wait.{line_en}",
             fr=f"{took_fr} Les tâches se sont exécutées l'une après l'autre : chaque `await task(...)` attend la "
                f"précédente. Lancez-les toutes d'abord (asyncio.gather, TaskGroup), puis attendez.{line_fr}")
    if elapsed > longest and 1 < tracker.max_in_flight < n:
        k = tracker.max_in_flight
        fail("not-concurrent",
             en=f"{took_en} The tasks ran in batches: never more than {k} at once, and each batch waited for the "
                f"previous one. Start all {n} first (asyncio.gather, TaskGroup), then wait.{line_en}",
             fr=f"{took_fr} Les tâches se sont exécutées par lots : jamais plus de {k} à la fois, chaque lot "
                f"attendant le précédent. Lancez les {n} d'abord (asyncio.gather, TaskGroup), puis "
                f"attendez.{line_fr}")
    if elapsed < longest:
        fail("wrong-timing",
             en=f"{took_en} run_all returned before its longest task could have finished: it must wait for "
                f"every task.{line_en}",
             fr=f"{took_fr} run_all a rendu la main avant que sa tâche la plus longue ait pu finir : elle doit "
                f"attendre chaque tâche.{line_fr}")
    fail("wrong-timing",
         en=f"{took_en} All the tasks run at the same time, so run_all should wait exactly as long as the longest "
            f"one: no extra wait, and each task run once.{line_en}",
         fr=f"{took_fr} Toutes les tâches tournent en même temps : run_all doit donc attendre exactement autant "
            f"que la plus longue, sans attente en plus, chaque tâche exécutée une fois.{line_fr}")


@pytest.mark.needs("test_given_task_is_kept", "test_run_all_is_a_coroutine_function")
@pytest.mark.parametrize("case", ["1, 2, 3, 4, 5 s", "3, 1, 2 s", "50 × 0.1..5 s"])
def test_every_task_is_in_flight_at_once(learner, virtual, monkeypatch, case):
    """run_all runs task once per duration, all of them in flight at the same time
    fr: run_all exécute task une fois par durée, toutes en cours en même temps"""
    durations = CASES[case]
    n = len(durations)
    call = f"run_all({show(durations)})"
    _, tracker = run_tracked(learner, virtual, monkeypatch, durations)
    calls = tracker.calls
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
    got = sorted(calls, key=repr)
    want = sorted(expected_calls, key=repr)
    same_calls = len(got) == len(want) and all(
        same(g[0], w[0]) and isinstance(g[1], (int, float)) and g[1] == w[1] for g, w in zip(got, want))
    expect(same_calls, "wrong-result",
           en=f"{call} made {len(calls)} call(s) to task: {shown_calls}; expected {n}, one per duration: "
              f'`task("task 1", {show(durations[0])})`, `task("task 2", {show(durations[1])})`, ... '
              "(numbered from 1, each task run once).",
           fr=f"{call} a fait {len(calls)} appel(s) à task : {shown_calls} ; attendu {n}, un par durée : "
              f'`task("task 1", {show(durations[0])})`, `task("task 2", {show(durations[1])})`, ... '
              "(numérotées à partir de 1, chaque tâche exécutée une fois).")
    k = tracker.max_in_flight
    if k < n:
        how_en = ("one after another: each `await task(...)` waited for the previous one" if k == 1
                  else "in batches, each batch waiting for the previous one")
        how_fr = ("l'une après l'autre : chaque `await task(...)` a attendu la précédente" if k == 1
                  else "par lots, chaque lot attendant le précédent")
        fail("not-concurrent",
             en=f"{call}: never more than {k} of the {n} tasks were in flight at once; they ran {how_en}. "
                f"Expected: all {n} in flight at the same time, so that the waits overlap. Start them all first "
                f"(asyncio.gather, TaskGroup, or create_task for each), then wait. Timeline: "
                f"{tracker.timeline('en')}.",
             fr=f"{call} : jamais plus de {k} des {n} tâches en cours en même temps ; elles se sont exécutées "
                f"{how_fr}. Attendu : les {n} en cours en même temps, pour que les attentes se chevauchent. "
                "Lancez-les toutes d'abord (asyncio.gather, TaskGroup, ou create_task pour chacune), puis "
                f"attendez. Chronologie : {tracker.timeline('fr')}.")
