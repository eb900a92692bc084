"""Hidden suite of kata 11 — a queue and its workers.

process_all is always run in virtual event-loop time (the `virtual` fixture): exact, and instant in real time.
The suite gives it its own `handle`, which records how many calls run at once and what each item was.
Back-pressure is observed from outside, without looking at the learner's queue: the items come from a
generator of the suite, which notes how many items the producer has read when each one is read, and the
handle notes how many items the workers have started. Read minus started is how far the producer ran
ahead of the workers: with a bounded queue it stays near `maxsize`; with an unbounded one it reaches the
number of items.
Blocking calls and never-awaited coroutines are caught by the checker's plugin for every check.
"""

import asyncio
import inspect
import math
from collections import Counter

import pytest

from checker.child.testkit import (Tracker, expect, fail, first_argument, require_coroutine_function, same, seconds,
                                   show, shown)


def one_second(item):
    return 1.0


def half_item(item):
    return 0.5 * item


def expected_results(items):
    return [f"handled {item}" for item in items]


class Probe:
    """The suite's side of one run: a tracked `handle` (its calls and how many run at once), and a source of
    items that records how far the producer reads ahead of the workers."""

    def __init__(self, duration):
        self.duration = duration
        self.tracker = Tracker()
        self.read = 0  # items read from the source (lazy runs only)
        self.ahead = 0  # the most items read and not yet handed to handle, at any moment
        self.exhausted = False
        self.elapsed = None
        self.gave_up = False
        self.in_flight_at_return = 0
        self.left_pending = []
        self.not_ended_at_return = []  # tasks started by process_all and not over when it returned

    def make_handle(self):
        async def handle(item):
            await asyncio.sleep(self.duration(item))
            return f"handled {item}"

        return self.tracker.wrap(handle, label=lambda args, kwargs: f"handle({show(first_argument(args, kwargs))})")

    @property
    def calls(self):
        """The items, in the order handle started on them."""
        return [first_argument(span.args, span.kwargs) for span in self.tracker.spans]

    @property
    def peak(self):
        return self.tracker.max_in_flight()

    def source(self, items):
        for item in items:
            self.read += 1
            self.ahead = max(self.ahead, self.read - len(self.tracker.spans))
            yield item
        self.exhausted = True


def describe(items, worker_count, maxsize, lazy=False):
    shown_items = f"<a generator of {len(items)} items>" if lazy else show(list(items))
    return f"process_all({shown_items}, handle, {worker_count}, {maxsize})"


def describe_fr(items, worker_count, maxsize, lazy=False):
    shown_items = f"<un générateur de {len(items)} éléments>" if lazy else show(list(items))
    return f"process_all({shown_items}, handle, {worker_count}, {maxsize})"


def run(learner, virtual, items, worker_count, maxsize, duration=one_second, lazy=False):
    """process_all in virtual time with the suite's handle; fails when it never returns, when it returns
    something to await, or when it raises on a generator."""
    probe = Probe(duration)
    handle = probe.make_handle()
    source = probe.source(items) if lazy else list(items)
    # Far more than even one item after another takes: past it, process_all waits for something that never comes.
    limit = sum(duration(item) for item in items) + 60.0

    async def scenario():
        loop = asyncio.get_running_loop()
        me = asyncio.current_task()
        start = loop.time()
        deadline = asyncio.timeout(limit)  # a timer, so that virtual time jumps to it instead of hanging
        try:
            async with deadline:
                result = await learner.process_all(source, handle, worker_count, maxsize)
        except TimeoutError:
            if not deadline.expired():
                raise  # the learner's own TimeoutError
            probe.gave_up = True
            return None
        probe.elapsed = loop.time() - start
        probe.in_flight_at_return = probe.tracker.in_flight
        # cancel() only asks: a task cancelled and not awaited is not over yet (the README's promise)
        probe.not_ended_at_return = [t for t in asyncio.all_tasks() if t is not me and not t.done()]
        for _ in range(5):  # a task cancelled just before the return gets these turns of the loop to end
            await asyncio.sleep(0)
        probe.left_pending = [t for t in asyncio.all_tasks() if t is not me and not t.done()]
        return result

    en, fr = describe(items, worker_count, maxsize, lazy), describe_fr(items, worker_count, maxsize, lazy)
    try:
        result = virtual.run(scenario).result
    except TypeError as exc:
        if not lazy:
            raise
        fail("crash",
             en=f"{en} raised TypeError: {str(exc)[:200]}. `items` may be any iterable, here a generator: it has no "
                "len(), cannot be indexed, and can be read only once. Read it with `for item in items:` (with "
                "enumerate to number the items), one item at a time, as the queue has room.",
             fr=f"{fr} a levé TypeError : {str(exc)[:200]}. `items` peut être n'importe quel itérable, ici un "
                "générateur : il n'a pas de len(), ne s'indexe pas et ne se lit qu'une fois. Lisez-le avec "
                "`for item in items:` (avec enumerate pour numéroter les éléments), un élément à la fois, à mesure "
                "que la file a de la place.")
    if probe.gave_up:
        never_returned(probe, items, limit, en, fr)
    if inspect.isawaitable(result):
        fail("not-awaited",
             en=f"{en} returned {shown(result)}, something to await, instead of the list of results. A task, a "
                "future or asyncio.gather(...) gives back an awaitable at once; the results only exist once you "
                "`await` it.",
             fr=f"{fr} a renvoyé {shown(result)}, un objet à attendre, au lieu de la liste des résultats. Une "
                "tâche, un futur ou asyncio.gather(...) renvoie tout de suite un objet à attendre ; les résultats "
                "n'existent qu'après `await`.")
    return result, probe


def never_returned(probe, items, limit, en, fr):
    n, handled = len(items), len(probe.calls)
    if handled == 0 and n > 0:
        why_en = ("handle was never called: no worker ever took an item. If the producer fills the queue before "
                  "the workers exist, `await queue.put(...)` waits for room forever once the queue is full. "
                  "Start the workers (asyncio.create_task) before you put the items.")
        why_fr = ("handle n'a jamais été appelée : aucun worker n'a pris d'élément. Si le producteur remplit la "
                  "file avant que les workers existent, `await queue.put(...)` attend de la place pour toujours dès "
                  "que la file est pleine. Lancez les workers (asyncio.create_task) avant de déposer les éléments.")
    elif handled >= n and probe.tracker.in_flight == 0:
        why_en = (f"All {n} items had been handled, yet it kept waiting. `await queue.join()` returns only once "
                  "`queue.task_done()` has been called once for every item put: call it in each worker after each "
                  "item (in a `finally:`, so that it runs whatever happens). Or: it awaits the workers themselves, "
                  "which loop for ever on `queue.get()` unless they are cancelled or told to stop.")
        why_fr = (f"Les {n} éléments avaient tous été traités, et pourtant elle attendait encore. "
                  "`await queue.join()` ne rend la main qu'une fois `queue.task_done()` appelée pour chaque élément "
                  "déposé : appelez-la dans chaque worker après chaque élément (dans un `finally:`, pour qu'elle "
                  "s'exécute quoi qu'il arrive). Ou bien : elle attend les workers eux-mêmes, qui bouclent pour "
                  "toujours sur `queue.get()` tant qu'on ne les annule pas ou qu'on ne leur dit pas de s'arrêter.")
    else:
        why_en = (f"handle had started on {handled} of the {n} items. Something waits for an event that never "
                  "comes: a put on a full queue that no worker empties, a get on an empty queue, or a join "
                  "without task_done.")
        why_fr = (f"handle avait commencé {handled} des {n} éléments. Quelque chose attend un événement qui "
                  "n'arrive jamais : un put sur une file pleine que personne ne vide, un get sur une file vide, ou "
                  "un join sans task_done.")
    fail("wrong-timing",
         en=f"{en} was still waiting after {seconds(limit)} of event-loop time, far more than handling every "
            f"item one after another takes. {why_en}",
         fr=f"{fr} attendait encore après {seconds(limit, 'fr')} de temps de boucle, bien plus que le "
            f"traitement de tous les éléments l'un après l'autre. {why_fr}")


def check_results(result, probe, items, en, fr):
    expected = expected_results(items)
    n = len(items)
    if type(result) is list and all(type(r) is str for r in result) \
            and sorted(result) == sorted(expected) and not same(result, expected):
        fail("wrong-order",
             en=f"{en} returned {show(result)}; expected {show(expected)}. These are the right results in another "
                "order (the order the items finished in?). Result number i must be handle(items[i]): number the "
                "items as you read them (enumerate) and put each result back at its index.",
             fr=f"{fr} a renvoyé {show(result)} ; attendu {show(expected)}. Ce sont les bons résultats dans un "
                "autre ordre (celui où les éléments ont fini ?). Le résultat numéro i doit être handle(items[i]) : "
                "numérotez les éléments en les lisant (enumerate) et remettez chaque résultat à son indice.")
    if not same(result, expected) and (len(probe.calls) < n or probe.in_flight_at_return > 0):
        missing = n - len(probe.calls) + probe.in_flight_at_return
        fail("wrong-result",
             en=f"{en} returned {shown(result)}; expected {show(expected)}. When it returned, {missing} of the "
                f"{n} items had not been handled to the end: it stopped the work too early. Wait until every "
                "item is done — `await queue.join()` after the last put, with `queue.task_done()` after each "
                "item — and only then stop the workers.",
             fr=f"{fr} a renvoyé {shown(result)} ; attendu {show(expected)}. Au moment du retour, {missing} des "
                f"{n} éléments n'avaient pas été traités jusqu'au bout : le travail a été arrêté trop tôt. "
                "Attendez que chaque élément soit fini — `await queue.join()` après le dernier put, avec "
                "`queue.task_done()` après chaque élément — et seulement ensuite arrêtez les workers.")
    expect(same(result, expected), "wrong-result",
           en=f"{en} returned {shown(result)}; expected {show(expected)}: a list with, for each item in order, "
              "what `await handle(item)` returned (the same item twice gives its result twice; no items gives []).",
           fr=f"{fr} a renvoyé {shown(result)} ; attendu {show(expected)} : une liste avec, pour chaque élément "
              "dans l'ordre, ce que `await handle(item)` a renvoyé (le même élément deux fois donne deux fois son "
              "résultat ; aucun élément donne []).")
    calls = Counter(probe.calls)
    expect(calls == Counter(items), "wrong-result",
           en=f"{en} called handle on {shown(probe.calls)}; expected once on each item of {show(list(items))}. "
              "Each item is put into the queue once and taken out by exactly one worker.",
           fr=f"{fr} a appelé handle sur {shown(probe.calls)} ; attendu une fois sur chaque élément de "
              f"{show(list(items))}. Chaque élément est déposé une fois dans la file et pris par un seul worker.")


# --- the checks ------------------------------------------------------------------------------------------


def test_process_all_is_a_coroutine_function(learner):
    """process_all is a coroutine function (async def)
    fr: process_all est une fonction coroutine (async def)"""
    require_coroutine_function(learner, "process_all")


@pytest.mark.needs("test_process_all_is_a_coroutine_function")
def test_six_items_two_workers(learner, virtual):
    """process_all handles 6 items with 2 workers and returns their results in order
    fr: process_all traite 6 éléments avec 2 workers et renvoie leurs résultats dans l'ordre"""
    items = [1, 2, 3, 4, 5, 6]
    result, probe = run(learner, virtual, items, 2, 2)
    check_results(result, probe, items, describe(items, 2, 2), describe_fr(items, 2, 2))


NEEDS_BASIC = pytest.mark.needs("test_six_items_two_workers")

RESULT_CASES = {
    # items, worker_count, maxsize, duration: different durations, so the finishing order is not the input order;
    # the same item several times
    "n=8, w=3, 0.5..3 s": ([5, 1, 4, 2, 6, 1, 3, 1], 3, 2, half_item),
    "n=0, w=3": ([], 3, 2, one_second),
    "n=2, w=4": ([7, 8], 4, 1, one_second),
    "n=40, w=6": (list(range(40)), 6, 3, lambda item: 0.25 * (item % 7 + 1)),
}


@NEEDS_BASIC
@pytest.mark.parametrize("case", list(RESULT_CASES))
def test_results_are_complete_and_in_input_order(learner, virtual, case):
    """process_all returns one result per item, in the order of the items
    fr: process_all renvoie un résultat par élément, dans l'ordre des éléments"""
    items, workers, maxsize, duration = RESULT_CASES[case]
    result, probe = run(learner, virtual, items, workers, maxsize, duration)
    check_results(result, probe, items, describe(items, workers, maxsize), describe_fr(items, workers, maxsize))


PEAK_CASES = {  # items, worker_count, maxsize
    "n=10, w=3": (list(range(10)), 3, 2),
    "n=4, w=1": (list(range(4)), 1, 1),
    "n=12, w=5": (list(range(12)), 5, 3),
    "n=2, w=4": ([1, 2], 4, 2),
}


@NEEDS_BASIC
@pytest.mark.parametrize("case", list(PEAK_CASES))
def test_worker_count_calls_run_at_once(learner, virtual, timeline, case):
    """exactly worker_count calls of handle run at the same time
    fr: exactement worker_count appels de handle tournent en même temps"""
    items, workers, maxsize = PEAK_CASES[case]
    en, fr = describe(items, workers, maxsize), describe_fr(items, workers, maxsize)
    _, probe = run(learner, virtual, items, workers, maxsize)
    probe.tracker.draw(timeline)
    wanted = min(workers, len(items))
    peak = probe.peak
    if peak > workers:
        fail("over-limit",
             en=f"{en}: up to {peak} calls of handle ran at the same time; expected at most {workers}, one per "
                "worker. The workers are the limit: each one takes an item, awaits handle(item) to the end, then "
                "takes the next. One task per item (or a worker that starts handle without awaiting it, or one "
                "worker too many) lets everything run at once — the very overload a pool of workers is there to "
                "prevent.",
             fr=f"{fr} : jusqu'à {peak} appels de handle ont tourné en même temps ; attendu au plus {workers}, un "
                "par worker. Ce sont les workers qui limitent : chacun prend un élément, attend handle(item) "
                "jusqu'au bout, puis prend le suivant. Une tâche par élément (ou un worker qui lance handle sans "
                "l'attendre, ou un worker de trop) laisse tout tourner à la fois — justement la surcharge qu'un "
                "groupe de workers doit éviter.")
    expect(peak >= wanted, "not-concurrent",
           en=f"{en}: never more than {peak} call(s) of handle at the same time; expected {wanted} ("
              f"{'one per worker' if wanted == workers else 'one per item'}). "
              + ("The items were handled one after another: one worker only, or a producer that waits for each "
                 "item to be done before putting the next. " if peak == 1 else
                 "Some workers never worked at the same time as the others. ")
              + f"Start {workers} worker tasks, all taking from the same queue, and put items while they work.",
           fr=f"{fr} : jamais plus de {peak} appel(s) de handle en même temps ; attendu {wanted} ("
              f"{'un par worker' if wanted == workers else 'un par élément'}). "
              + ("Les éléments ont été traités l'un après l'autre : un seul worker, ou un producteur qui attend "
                 "la fin de chaque élément avant de déposer le suivant. " if peak == 1 else
                 "Certains workers n'ont jamais travaillé en même temps que les autres. ")
              + f"Lancez {workers} tâches workers qui prennent toutes dans la même file, et déposez les éléments "
                "pendant qu'elles travaillent.")


TIMING_CASES = {  # number of items, worker_count, maxsize
    "n=10, w=3": (10, 3, 2),
    "n=6, w=6": (6, 6, 1),
    "n=5, w=1": (5, 1, 3),
    "n=25, w=4, maxsize=1": (25, 4, 1),
}


@NEEDS_BASIC
@pytest.mark.parametrize("case", list(TIMING_CASES))
def test_takes_ceil_items_over_workers_rounds(learner, virtual, timeline, case):
    """n items of 1 s with w workers take ceil(n / w) s
    fr: n éléments de 1 s avec w workers prennent ceil(n / w) s"""
    n, workers, maxsize = TIMING_CASES[case]
    items = list(range(n))
    en, fr = describe(items, workers, maxsize), describe_fr(items, workers, maxsize)
    _, probe = run(learner, virtual, items, workers, maxsize)
    probe.tracker.draw(timeline)
    expected = float(math.ceil(n / workers))
    elapsed = probe.elapsed
    if elapsed == pytest.approx(expected, abs=1e-6):
        return
    took_en = (f"{en}, each handle taking 1 s, took {seconds(elapsed)} of event-loop time; expected "
               f"{seconds(expected)}: {workers} worker(s) busy all the time, so ceil({n} / {workers}) rounds.")
    took_fr = (f"{fr}, chaque handle prenant 1 s, a pris {seconds(elapsed, 'fr')} de temps de boucle ; attendu "
               f"{seconds(expected, 'fr')} : {workers} worker(s) occupé(s) en permanence, donc ceil({n} / {workers}) "
               "tours.")
    if probe.peak > workers:
        fail("over-limit",
             en=f"{took_en} Up to {probe.peak} calls of handle ran at once: more than the {workers} "
                "allowed, one per worker.",
             fr=f"{took_fr} Jusqu'à {probe.peak} appels de handle ont tourné à la fois : plus que les {workers} "
                "permis, un par worker.")
    if probe.peak < min(workers, n):
        fail("not-concurrent",
             en=f"{took_en} Never more than {probe.peak} call(s) of handle ran at once: the workers did not work "
                "at the same time.",
             fr=f"{took_fr} Jamais plus de {probe.peak} appel(s) de handle à la fois : les workers n'ont pas "
                "travaillé en même temps.")
    fail("wrong-timing",
         en=f"{took_en} A worker must take its next item as soon as it has finished one (a queue.get() that "
            "waits for the producer, which puts the next item as soon as there is room), with no extra wait and "
            "no item handled twice.",
         fr=f"{took_fr} Un worker doit prendre l'élément suivant dès qu'il a fini le précédent (un queue.get() "
            "qui attend le producteur, qui dépose l'élément suivant dès qu'il y a de la place), sans attente en "
            "plus ni élément traité deux fois.")


BACKPRESSURE_CASES = {  # number of items (from a generator), worker_count, maxsize
    "n=20, w=2, maxsize=1": (20, 2, 1),
    "n=30, w=3, maxsize=4": (30, 3, 4),
}


@NEEDS_BASIC
@pytest.mark.parametrize("case", list(BACKPRESSURE_CASES))
def test_producer_waits_when_the_queue_is_full(learner, virtual, case):
    """the producer reads the items no further ahead than the queue holds (back-pressure)
    fr: le producteur ne lit pas les éléments plus loin que ce que la file contient (contre-pression)"""
    n, workers, maxsize = BACKPRESSURE_CASES[case]
    items = list(range(n))
    en, fr = describe(items, workers, maxsize, lazy=True), describe_fr(items, workers, maxsize, lazy=True)
    result, probe = run(learner, virtual, items, workers, maxsize, lazy=True)
    check_results(result, probe, items, en, fr)
    # Read and not started: up to `maxsize` items in the queue, 1 in the producer's hand, and one per worker
    # between its queue.get() and its call of handle.
    allowed = maxsize + 1 + workers
    expect(probe.ahead <= allowed, "no-backpressure",
           en=f"{en}: at one moment the producer had read {probe.ahead} items that no worker had started yet; "
              f"expected at most {allowed} ({maxsize} waiting in the queue, 1 in the producer's hand, 1 per "
              "worker being handed over). The producer ran ahead of the workers: the queue was not bounded by "
              f"maxsize (asyncio.Queue() without maxsize never fills up), or `items` was read whole (list(items)) "
              "before the work began. With `asyncio.Queue(maxsize)` and `await queue.put(...)`, the producer "
              "waits whenever the queue is full: that back-pressure keeps memory bounded however many items "
              "come, and however slow the workers are.",
           fr=f"{fr} : à un moment, le producteur avait lu {probe.ahead} éléments qu'aucun worker n'avait encore "
              f"commencés ; attendu au plus {allowed} ({maxsize} en attente dans la file, 1 dans la main du "
              "producteur, 1 par worker en train de le recevoir). Le producteur a pris de l'avance sur les "
              "workers : la file n'était pas bornée par maxsize (asyncio.Queue() sans maxsize n'est jamais "
              "pleine), ou `items` a été lu en entier (list(items)) avant le début du travail. Avec "
              "`asyncio.Queue(maxsize)` et `await queue.put(...)`, le producteur attend chaque fois que la file "
              "est pleine : cette contre-pression garde la mémoire bornée, quel que soit le nombre d'éléments "
              "et la lenteur des workers.")


LEAK_CASES = {  # items, worker_count, maxsize
    "n=10, w=3": (list(range(10)), 3, 2),
    "n=0, w=3": ([], 3, 2),
    "n=1, w=2": ([4], 2, 1),
}


@NEEDS_BASIC
@pytest.mark.parametrize("case", list(LEAK_CASES))
def test_no_worker_is_left_running(learner, virtual, case):
    """no task started by process_all is still pending once it has returned
    fr: aucune tâche lancée par process_all n'est encore en attente après son retour"""
    items, workers, maxsize = LEAK_CASES[case]
    en, fr = describe(items, workers, maxsize), describe_fr(items, workers, maxsize)
    result, probe = run(learner, virtual, items, workers, maxsize)
    k = len(probe.left_pending)
    names = ", ".join(sorted({getattr(t.get_coro(), "__qualname__", None) or t.get_name()
                              for t in probe.left_pending})[:4])
    expect(k == 0, "leaked-task",
           en=f"{en} returned {shown(result)} while {k} task(s) it started were still pending ({names}). "
              "Workers that loop on `await queue.get()` wait for ever once the queue is empty: when the work is "
              "done (after `await queue.join()`), stop them — `task.cancel()` on each, then "
              "`await asyncio.gather(*workers, return_exceptions=True)` to be sure they have ended — or put "
              "one stop signal (e.g. None) per worker so that each returns. A task left behind keeps its "
              "memory, and asyncio.run only cancels it when the whole program ends.",
           fr=f"{fr} a renvoyé {shown(result)} alors que {k} tâche(s) qu'elle avait lancée(s) étaient encore en "
              f"attente ({names}). Des workers qui bouclent sur `await queue.get()` attendent pour toujours une "
              "fois la file vide : quand le travail est fini (après `await queue.join()`), arrêtez-les — "
              "`task.cancel()` sur chacun, puis `await asyncio.gather(*workers, return_exceptions=True)` pour "
              "être sûr qu'ils sont finis — ou déposez un signal d'arrêt (par exemple None) par worker pour que "
              "chacun se termine. Une tâche oubliée garde sa mémoire, et asyncio.run ne l'annule qu'à la fin "
              "de tout le programme.")
    unfinished = [t for t in probe.not_ended_at_return if t not in probe.left_pending]
    k = len(unfinished)
    names = ", ".join(sorted({getattr(t.get_coro(), "__qualname__", None) or t.get_name()
                              for t in unfinished})[:4])
    expect(k == 0, "leaked-task",
           en=f"{en} returned {shown(result)} while {k} task(s) it started had not ended yet ({names}): they were "
              "cancelled (or stopped) but not awaited. `task.cancel()` only asks the task to stop: it ends later, "
              "at its next turn of the loop, running its `finally:` blocks then — after process_all has returned, "
              "when nobody waits for it any more (an error it raises then is lost). Expected: after cancelling, "
              "`await asyncio.gather(*workers, return_exceptions=True)`, so that every worker has really ended "
              "when process_all returns.",
           fr=f"{fr} a renvoyé {shown(result)} alors que {k} tâche(s) qu'elle avait lancée(s) n'étaient pas encore "
              f"finies ({names}) : elles avaient été annulées (ou arrêtées) mais pas attendues. `task.cancel()` ne "
              "fait que demander l'arrêt : la tâche se termine plus tard, à son prochain tour de boucle, en "
              "exécutant alors ses blocs `finally:` — après le retour de process_all, quand plus personne ne "
              "l'attend (une erreur qu'elle lève alors est perdue). Attendu : après l'annulation, "
              "`await asyncio.gather(*workers, return_exceptions=True)`, pour que chaque worker soit vraiment "
              "fini au retour de process_all.")
