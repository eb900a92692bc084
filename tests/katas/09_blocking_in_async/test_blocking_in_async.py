"""Hidden suite of kata 09 — blocking code inside async code.

fetch_all runs on a real event loop (real time: the blocking calls run in real threads), beside a heartbeat
coroutine that ticks every few milliseconds. The blocking function handed to fetch_all is the suite's own.
No check depends on how fast the machine is: instead of timing, the blocking function waits for events (it
polls the probe's records, which only the suite's code writes: checker/child/kit_ledger.py).

- Called in the event-loop thread (straight from the coroutine), it notes the learner's line and returns at
  once: the verdict is `blocking-call`, without freezing anything for real.
- Called in a worker thread, it first waits until every call of the batch has started (a rendezvous): when
  the calls run one after another or in small batches, the wait gives up after RENDEZVOUS_S and the verdict
  is `not-concurrent`. Then it waits until the heartbeat has ticked twice: when the coroutine blocks the loop
  while the threads work (Future.result(), thread.join()), no tick comes, the wait gives up after TICKS_S,
  and the loop thread's stack at that moment names the learner's line: `blocking-call`.
- Each call then sleeps a little, longer for the first items, so that the calls finish in another order than
  the items (results in finishing order: `wrong-order`).
A wait that gives up does so once per run: the later calls of the same run do not wait again, so a wrong
answer costs at most RENDEZVOUS_S + TICKS_S of real time. The checks on four items all judge one shared run
(each looks at one side of it); only the edge cases (no item, one item) make runs of their own.
"""

from __future__ import annotations

import asyncio
import inspect
import sys
import threading
import time
from typing import Any, NamedTuple

import pytest

from checker.child.kit_ledger import Ledger, nested
from checker.child.kit_track import STAND_INS
from checker.child.testkit import (Tracker, coroutine_function_check, expect, fail, learner_frames, locate, same,
                                   seconds, show, shown)

RENDEZVOUS_S = 0.5  # how long a call waits for the rest of its batch (a right answer needs milliseconds)
TICKS_S = 0.5       # how long a call waits for two heartbeats (a free loop gives them in about 10 ms)
TICK_S = 0.005      # the heartbeat's period
GUARD_S = 4.0       # fetch_all still running after this: it hangs
# tuples: the learner's code reaches this module through sys.modules, and a list could be shortened before
# the checks read it (one item, called once, is "all of them at once")
ITEMS = ("page-1", "page-2", "page-3", "page-4")
FINISH_AFTER = (0.04, 0.01, 0.03, 0.0)  # page-4 finishes first, then page-2, page-3, page-1


POLL_S = 0.001      # how often a waiting call looks again


def wait_until(condition, timeout: float) -> bool:
    """Whether `condition()` came true within `timeout` seconds, looking every POLL_S."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() >= deadline:
            return False
        time.sleep(POLL_S)
    return True


def expected(items):
    return [f"data of {item}" for item in items]


class Blocking(NamedTuple):
    """The blocking function handed to fetch_all, and everything it saw: the calls made in the event-loop
    thread ("in loop": item and learner line) and those made in worker threads (`tracker`), the heartbeat's
    ticks, the waits given up. A tuple whose records are in a Ledger (checker/child/kit_ledger.py) written
    only by the blocking function, its wait (`meet`, run by the tracker's stand-in), the heartbeat and the
    scenario: learner code that finds the probe in blocking_fetch's closure can read it, not write it."""

    learner_file: str
    expected_calls: int
    finish_after: tuple  # (item, seconds) pairs
    tracker: Tracker
    ledger: Ledger

    @classmethod
    def made(cls, items: list, learner_file: str) -> "Blocking":
        finish_after = tuple((item, FINISH_AFTER[i % len(FINISH_AFTER)]) for i, item in enumerate(items))
        return cls(learner_file, len(items), finish_after, Tracker("wall"), Ledger(*WRITERS))

    @property
    def in_loop(self) -> tuple:
        return self.ledger.read("in loop", ())

    @property
    def ticks(self) -> int:
        return self.ledger.read("ticks", 0)

    @property
    def ticks_gave_up(self) -> bool:
        return self.ledger.read("ticks gave up", False)

    @property
    def frozen_at(self) -> str | None:
        """The learner's line where the loop thread was stuck."""
        return self.ledger.read("frozen at")

    @property
    def loop_thread(self) -> int | None:
        return self.ledger.read("loop thread")

    def function(self):
        probe, ledger = self, self.ledger
        in_thread = self.tracker.wrap(self.work, name="blocking_fetch", before=self.meet)

        def blocking_fetch(item):
            try:
                asyncio.get_running_loop()
            except RuntimeError:
                return in_thread(item)
            # straight from the coroutine: note where, and do not freeze the loop for real
            ledger.write(("append", "in loop", (item, locate(probe.learner_file))))
            return f"data of {item}"

        return blocking_fetch

    def meet(self, span) -> None:
        """Wait for the whole batch to have started, then for two heartbeats (each wait given up once). The
        waits poll the ledger: a threading.Condition keeps its state (and its methods) in its instance, which
        learner code reaching the probe could rewrite to make a wait return at once."""
        ledger = self.ledger
        ledger.write(("add", "started", 1))
        if not ledger.read("rendezvous gave up"):
            if not wait_until(lambda: ledger.read("started") >= self.expected_calls
                              or ledger.read("rendezvous gave up"), RENDEZVOUS_S):
                ledger.write(("put", "rendezvous gave up", True))
        seen = self.ticks
        if not self.ticks_gave_up:
            if not wait_until(lambda: self.ticks >= seen + 2 or self.ticks_gave_up, TICKS_S):
                ledger.write(("put", "ticks gave up", True), ("put", "frozen at", self.loop_line()))

    def work(self, item):
        time.sleep(dict(self.finish_after).get(item, 0.0) if isinstance(item, str) else 0.0)
        return f"data of {item}"

    def items_called(self) -> list:
        return [item for item, _ in self.in_loop] + [span.name for span in self.tracker.spans]

    def loop_line(self) -> str | None:
        frame = sys._current_frames().get(self.loop_thread)
        frames = learner_frames(frame, self.learner_file)
        return frames[-1].where() if frames else None

    def wait_all_ended(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while self.tracker.running() and time.monotonic() < deadline:
            time.sleep(0.01)


class Outcome(NamedTuple):
    """What the run gave (a tuple: nothing changes it once made)."""
    result: Any = None
    error: BaseException | None = None
    finished: bool = True
    ticks_during: int = 0
    still_running: int = 0  # blocking calls not finished when fetch_all returned
    leaked: tuple = ()


async def heartbeat(probe: Blocking) -> None:
    """Ticks every TICK_S while the loop is free."""
    while True:
        await asyncio.sleep(TICK_S)
        probe.ledger.write(("add", "ticks", 1))


def run_fetch_all(learner, items: list):
    """fetch_all(blocking_fetch, items) beside a heartbeat, on a fresh event loop: (probe, outcome, call)."""
    probe = Blocking.made(items, learner.__file__)
    blocking_fetch = probe.function()

    async def scenario():
        probe.ledger.write(("put", "loop thread", threading.get_ident()))
        before = set(asyncio.all_tasks())
        beat = asyncio.create_task(heartbeat(probe))
        await asyncio.sleep(0)
        ticks_before = probe.ticks
        task = asyncio.create_task(learner.fetch_all(blocking_fetch, list(items)))
        done, _ = await asyncio.wait({task}, timeout=GUARD_S)
        ticks_during, still_running = probe.ticks - ticks_before, len(probe.tracker.running())
        beat.cancel()
        result = error = None
        if not done:
            task.cancel()
        elif task.exception() is not None:
            error = task.exception()
        else:
            result = task.result()
            result = list(result) if type(result) is list else result  # as returned: later changes unseen
        for _ in range(3):
            await asyncio.sleep(0)
        leaked = tuple(t for t in asyncio.all_tasks() if t not in before and t not in (task, beat) and not t.done())
        for t in leaked:
            t.cancel()
        return Outcome(result, error, bool(done), ticks_during, still_running, leaked)

    out = asyncio.run(scenario())
    probe.wait_all_ended(2.0)  # no thread of this run may still work during the next check
    return probe, out, f"fetch_all(blocking_fetch, {show(list(items))})"


# who writes a probe's records: the blocking function, its wait run by the tracker's stand-in, the heartbeat,
# the scenario (the loop's thread)
WRITERS = (*nested(Blocking.function, "blocking_fetch"), *((Blocking.meet, code) for code in STAND_INS), heartbeat,
           *nested(run_fetch_all, "scenario"))


def judged_run(learner, items: list | None = None):
    """The run to judge. The four-item run is made once and shared by the checks that look at it (each
    looks at one side of the same behaviour), kept in a ledger; the learner's exception or a hang fails the
    check at once."""
    if items is None:
        if _MAIN_RUN.read("run") is None:
            _MAIN_RUN.write(("put", "run", run_fetch_all(learner, list(ITEMS))))
        probe, out, call = _MAIN_RUN.read("run")
    else:
        probe, out, call = run_fetch_all(learner, items)
    if out.error is not None:
        raise out.error  # the learner's own exception: the plugin names it and its line
    if not out.finished:
        fail("timeout",
             en=f"{call} had not returned after {seconds(GUARD_S)}, for calls that take a few milliseconds each: it "
                "waits for something that never comes (a result never set, an event never triggered).",
             fr=f"{call} n'avait pas rendu la main après {seconds(GUARD_S, 'fr')}, pour des appels de quelques "
                "millisecondes chacun : elle attend quelque chose qui n'arrive jamais (un résultat jamais fourni, "
                "un événement jamais déclenché).")
    return probe, out, call


_MAIN_RUN = Ledger(judged_run)  # the shared run: only judged_run writes it


def check_not_awaited(out: Outcome, call: str) -> None:
    result = out.result
    awaitables = inspect.isawaitable(result) or (
        type(result) in (list, tuple) and any(inspect.isawaitable(item) for item in result))
    if awaitables:
        fail("not-awaited",
             en=f"{call} returned {shown(result)}: things still to await, not the results. asyncio.to_thread(...) "
                "gives a coroutine, loop.run_in_executor(...) a future, asyncio.gather(...) a future: the result "
                "exists only once you `await` it. Expected: `return await asyncio.gather(*(asyncio.to_thread("
                "blocking_fetch, item) for item in items))`, or await each task you created.",
             fr=f"{call} a renvoyé {shown(result)} : des objets encore à attendre, pas les résultats. "
                "asyncio.to_thread(...) donne une coroutine, loop.run_in_executor(...) un future, "
                "asyncio.gather(...) un future : le résultat n'existe qu'après `await`. Attendu : `return await "
                "asyncio.gather(*(asyncio.to_thread(blocking_fetch, item) for item in items))`, ou attendre chaque "
                "tâche créée.")
    if out.still_running or out.leaked:
        fail("not-awaited",
             en=f"{call} returned {shown(result)} while {out.still_running} blocking call(s) were still running "
                f"in their threads ({len(out.leaked)} task(s) still pending): it did not wait for them. Their "
                "results came too late to be returned. Expected: await every call before returning "
                "(`await asyncio.gather(...)`).",
             fr=f"{call} a renvoyé {shown(result)} alors que {out.still_running} appel(s) bloquant(s) tournaient "
                f"encore dans leurs threads ({len(out.leaked)} tâche(s) encore en attente) : elle ne les a pas "
                "attendus. Leurs résultats sont arrivés trop tard pour être renvoyés. Attendu : attendre chaque "
                "appel avant de rendre la main (`await asyncio.gather(...)`).")


def check_call_count(probe: Blocking, items: list, call: str) -> None:
    made = probe.items_called()
    ok = len(made) == len(items) and all(type(m) is str for m in made) and sorted(made) == sorted(items)
    expect(ok, "wrong-result",
           en=f"{call} called blocking_fetch {len(made)} time(s), with {shown(made)}; expected once per item, with "
              f"the item itself: {shown(list(items))}.",
           fr=f"{call} a appelé blocking_fetch {len(made)} fois, avec {shown(made)} ; attendu une fois par élément, "
              f"avec l'élément lui-même : {shown(list(items))}.")


# --- the checks ------------------------------------------------------------------------------------------------


test_fetch_all_is_a_coroutine_function = coroutine_function_check("fetch_all")


@pytest.mark.needs("test_fetch_all_is_a_coroutine_function")
def test_blocking_calls_run_in_worker_threads(learner):
    """every blocking call runs in a worker thread, never in the event-loop thread
    fr: chaque appel bloquant s'exécute dans un thread de travail, jamais dans le thread de la boucle"""
    probe, out, call = judged_run(learner)
    in_loop = probe.in_loop + tuple((span.name, None) for span in probe.tracker.spans  # its stand-in, called
                                    if span.thread.ident == probe.loop_thread)        # by hand in the loop
    calls = len(probe.items_called())
    if in_loop:
        item, where = in_loop[0][0], in_loop[0][1] or "?"
        fail("blocking-call",
             en=f"{call}: blocking_fetch({show(item)}) ran in the event-loop thread, called at {where} "
                f"({len(in_loop)} of {calls} calls). A blocking function holds the thread that calls it "
                "until it is done — a file read, requests.get, time.sleep — and the event loop has only one "
                "thread: while it waits, no other coroutine runs, no timer fires, no socket is served. Being "
                "inside an `async def` does not change that. (Here the checker let the call return at once; a "
                "real one would have frozen the loop for its whole duration.) Expected: hand it to a worker "
                "thread and await the result: `await asyncio.to_thread(blocking_fetch, item)`.",
             fr=f"{call} : blocking_fetch({show(item)}) s'est exécuté dans le thread de la boucle "
                f"d'événements, appelé à {where} ({len(in_loop)} appels sur {calls}). Une fonction "
                "bloquante garde le thread qui l'appelle jusqu'à la fin — une lecture de fichier, requests.get, "
                "time.sleep — et la boucle d'événements n'a qu'un thread : pendant cette attente, aucune autre "
                "coroutine n'avance, aucune minuterie ne sonne, aucune socket n'est servie. Être dans une "
                "`async def` n'y change rien. (Ici, le correcteur a laissé l'appel revenir tout de suite ; un vrai "
                "appel aurait gelé la boucle toute sa durée.) Attendu : le confier à un thread de travail et "
                "attendre le résultat : `await asyncio.to_thread(blocking_fetch, item)`.")
    check_not_awaited(out, call)
    check_call_count(probe, ITEMS, call)


NEEDS_THREADS = pytest.mark.needs("test_blocking_calls_run_in_worker_threads")


@NEEDS_THREADS
def test_event_loop_keeps_running_meanwhile(learner):
    """a heartbeat coroutine keeps ticking while the blocking calls run
    fr: une coroutine « battement de cœur » continue de battre pendant les appels bloquants"""
    probe, out, call = judged_run(learner)
    if probe.ticks_gave_up:
        where_en = f" (it was at {probe.frozen_at})" if probe.frozen_at else ""
        where_fr = f" (il était à {probe.frozen_at})" if probe.frozen_at else ""
        fail("blocking-call",
             en=f"{call}: the blocking calls ran in worker threads, but while they worked the heartbeat coroutine "
                f"did not tick once in {seconds(TICKS_S)}: the event-loop thread itself was blocked{where_en}, "
                "waiting for the threads in a blocking way — concurrent.futures' Future.result(), thread.join(), "
                "queue.get() or a polling loop. Moving the work to threads helps only if the coroutine then "
                "*awaits* it and gives the loop back meanwhile. Expected: `await asyncio.to_thread(...)` (or "
                "`await loop.run_in_executor(...)`, `await asyncio.wrap_future(...)`), gathered.",
             fr=f"{call} : les appels bloquants se sont exécutés dans des threads de travail, mais pendant ce temps "
                f"la coroutine « battement de cœur » n'a pas battu une seule fois en {seconds(TICKS_S, 'fr')} : le "
                f"thread de la boucle lui-même était bloqué{where_fr}, à attendre les threads de façon bloquante — "
                "Future.result() de concurrent.futures, thread.join(), queue.get() ou une boucle d'attente active. "
                "Déplacer le travail dans des threads n'aide que si la coroutine l'*attend* ensuite avec await, en "
                "rendant la main à la boucle. Attendu : `await asyncio.to_thread(...)` (ou `await loop.run_in_executor(...)`, `await "
                "asyncio.wrap_future(...)`), rassemblés avec gather.")
    check_not_awaited(out, call)
    expect(out.ticks_during >= 2, "blocking-call",
           en=f"{call}: the heartbeat ticked {out.ticks_during} time(s) while fetch_all ran; expected it to go on "
              "ticking (at least twice), since the loop must stay free while the threads work.",
           fr=f"{call} : le battement de cœur a battu {out.ticks_during} fois pendant fetch_all ; attendu qu'il "
              "continue (au moins deux fois), car la boucle doit rester libre pendant que les threads travaillent.")


NEEDS_LOOP = pytest.mark.needs("test_blocking_calls_run_in_worker_threads", "test_event_loop_keeps_running_meanwhile")


@NEEDS_LOOP
def test_blocking_calls_run_at_the_same_time(learner):
    """all the blocking calls are in flight at the same time, in different threads
    fr: tous les appels bloquants sont en cours en même temps, dans des threads différents"""
    probe, out, call = judged_run(learner)
    check_not_awaited(out, call)
    check_call_count(probe, ITEMS, call)
    n, k = len(ITEMS), probe.tracker.max_in_flight()
    threads = len({id(span.thread) for span in probe.tracker.spans})
    if k >= n:
        return
    if k == 1:
        same_thread_en = " (all of them in the same worker thread)" if threads == 1 else ""
        same_thread_fr = " (toutes dans le même thread de travail)" if threads == 1 else ""
        how_en = (f"one after another{same_thread_en}, each starting when the previous one had finished: an "
                  "`await asyncio.to_thread(...)` inside a for loop waits for each call before starting the next, "
                  "and one to_thread call whose function loops over the items does them in turn too")
        how_fr = (f"l'un après l'autre{same_thread_fr}, chacun commençant quand le précédent avait fini : un "
                  "`await asyncio.to_thread(...)` dans une boucle for attend chaque appel avant de lancer le "
                  "suivant, et un seul appel à to_thread dont la fonction boucle sur les éléments les fait aussi "
                  "chacun à son tour")
    else:
        how_en = f"in batches of at most {k}: a thread pool with too few workers, or a semaphore"
        how_fr = f"par lots d'au plus {k} : un pool de threads avec trop peu de travailleurs, ou un sémaphore"
    fail("not-concurrent",
         en=f"{call}: never more than {k} of the {n} blocking calls were running at once; they ran {how_en}. "
            f"Expected: all {n} in flight together, each in its own worker thread, so that the waits overlap and "
            "the whole batch takes as long as the slowest call. Start them all, then await them together: "
            "`await asyncio.gather(*(asyncio.to_thread(blocking_fetch, item) for item in items))`.",
         fr=f"{call} : jamais plus de {k} des {n} appels bloquants en cours en même temps ; ils se sont exécutés "
            f"{how_fr}. Attendu : les {n} en cours ensemble, chacun dans son thread de travail, pour que les attentes "
            "se chevauchent et que le lot entier dure autant que l'appel le plus lent. Lancez-les tous, puis "
            "attendez-les ensemble : `await asyncio.gather(*(asyncio.to_thread(blocking_fetch, item) for item in "
            "items))`.")


NEEDS_CONCURRENT = pytest.mark.needs("test_blocking_calls_run_in_worker_threads",
                                     "test_event_loop_keeps_running_meanwhile",
                                     "test_blocking_calls_run_at_the_same_time")


@NEEDS_CONCURRENT
def test_results_come_back_in_the_order_of_items(learner):
    """the results come back in the order of the items, whatever order the calls finish in
    fr: les résultats reviennent dans l'ordre des éléments, quel que soit l'ordre de fin des appels"""
    probe, out, call = judged_run(learner)
    check_not_awaited(out, call)
    result, want = out.result, expected(ITEMS)
    if type(result) is list and all(type(r) is str for r in result) and sorted(result) == sorted(want) \
            and not same(result, want):
        by_finish = [f"data of {ITEMS[i]}" for i in sorted(range(len(ITEMS)), key=lambda i: FINISH_AFTER[i])]
        why_en = (" These are the results in the order the calls finished (page-4 first). asyncio.gather gives its "
                  "results in the order of its arguments; with as_completed, put each result back at its item's "
                  "index." if result == by_finish else "")
        why_fr = (" Ce sont les résultats dans l'ordre où les appels ont fini (page-4 d'abord). asyncio.gather "
                  "renvoie ses résultats dans l'ordre de ses arguments ; avec as_completed, remettez chaque résultat "
                  "à l'indice de son élément." if result == by_finish else "")
        fail("wrong-order",
             en=f"{call} returned {shown(result)}; expected {shown(want)}, result i for item i.{why_en}",
             fr=f"{call} a renvoyé {shown(result)} ; attendu {shown(want)}, le résultat i pour l'élément i.{why_fr}")
    expect(same(result, want), "wrong-result",
           en=f"{call} returned {shown(result)}; expected the list {shown(want)}: what blocking_fetch returned for "
              "each item, in the order of the items.",
           fr=f"{call} a renvoyé {shown(result)} ; attendu la liste {shown(want)} : ce que blocking_fetch a renvoyé "
              "pour chaque élément, dans l'ordre des éléments.")


@NEEDS_CONCURRENT
@pytest.mark.parametrize("items", [[], ["solo"]], ids=["no item", "one item"])
def test_no_item_and_one_item(learner, items):
    """no item gives [], one item gives a list of one result
    fr: aucun élément donne [], un élément donne une liste d'un résultat"""
    probe, out, call = judged_run(learner, items)
    check_not_awaited(out, call)
    check_call_count(probe, items, call)
    expect(same(out.result, expected(items)), "wrong-result",
           en=f"{call} returned {shown(out.result)}; expected {shown(expected(items))}.",
           fr=f"{call} a renvoyé {shown(out.result)} ; attendu {shown(expected(items))}.")
