"""Hidden suite of kata 03 — fix the race.

The race is made visible on purpose. The suite's own threads start together on a threading.Barrier, and the
stub's `time.sleep(0)` between the read and the write hands the GIL over right inside the window (without
it, CPython 3.10+ almost never switches threads there; see research section 4): a racy Counter loses about
600 of 800 increments in every run, a locked one none. A second hammer forces thread switches right after
reads of `value` (the checker's seeded `race` probe), so deleting the `time.sleep(0)` hides nothing, and the
first lost update is told as a story with the command that replays it.

Every call into the learner's code runs under a deadline (`within_deadline`): a lock never released is a
`deadlock` verdict, a loop that never ends a `timeout`, never a hang. After the work, no lock found on the
counter, its class or the module may still be held. `count_with_threads` is checked through a subclass of
the learner's Counter that records its instances and the threads that call increment().

Nothing here depends on how the learner wrote the code: the checks count, and look at lock objects.
"""

from __future__ import annotations

import inspect
import threading
import time

import pytest

from checker.child import diagnose, lockorder, probes
from checker.child.testkit import KataFailure, expect, fail, require_function, run_with_deadline, same, show

DEADLINE_S = 3.0  # a right answer needs well under 0.2 s for any call below
HAMMER_THREADS, HAMMER_EACH = 4, 200
SLOW_THREADS, SLOW_EACH = 4, 100


# --- helpers -------------------------------------------------------------------------------------------


HUNG: list[tuple[str, str]] = []  # (call, code) of learner code that never returned: its threads live on


def within_deadline(learner, func, *, what_en: str, what_fr: str):
    """func() in a daemon thread. One that has not returned within DEADLINE_S is a `deadlock` verdict when the
    learner's threads all wait (on a lock, a join...), a `timeout` when one of them is still running. Once a
    call has hung, later calls say so at once instead of waiting again behind (or beside) the same threads."""
    if HUNG:
        earlier, code = HUNG[0]
        if code == "deadlock":
            fail("deadlock",
                 en=f"{earlier} never returned in an earlier check and its threads are still stuck on a lock, so "
                    f"{what_en} cannot be checked. Fix that deadlock first: every lock must be released, and no "
                    "thread may wait (join) while holding a lock that the others need.",
                 fr=f"{earlier} n'a jamais rendu la main dans une vérification précédente et ses threads sont "
                    f"encore bloqués sur un verrou : {what_fr} ne peut pas être vérifié. Corrigez d'abord cet "
                    "interblocage : chaque verrou doit être relâché, et aucun thread ne doit attendre (join) en "
                    "tenant un verrou dont les autres ont besoin.")
        fail(code,
             en=f"{earlier} never returned in an earlier check and its threads are still running, so {what_en} "
                "cannot be checked. Fix that first: every thread must finish its increments and stop.",
             fr=f"{earlier} n'a jamais rendu la main dans une vérification précédente et ses threads tournent "
                f"encore : {what_fr} ne peut pas être vérifié. Corrigez d'abord cela : chaque thread doit finir "
                "ses incréments puis s'arrêter.")
    try:
        return run_with_deadline(func, timeout=DEADLINE_S, what={"en": what_en, "fr": what_fr})
    except KataFailure as failure:
        if failure.code != "deadlock":
            raise
    stacks, running = diagnose.sample(learner.__file__, looks=10, gap_s=0.03)
    where_en, where_fr = diagnose.describe(stacks, "en"), diagnose.describe(stacks, "fr")
    if running:
        HUNG.append((what_en, "timeout"))
        fail("timeout",
             en=f"{what_en} had not returned after {DEADLINE_S:g} s (a right answer needs a fraction of a second), "
                f"and your code was still running, at {running.innermost.where()}: a loop that never ends? "
                "Expected: each thread does its increments and stops." + where_en,
             fr=f"{what_fr} n'avait pas rendu la main après {DEADLINE_S:g} s (une bonne réponse prend une fraction "
                f"de seconde), et votre code tournait encore, à {running.innermost.where()} : une boucle sans "
                "fin ? Attendu : chaque thread fait ses incréments puis s'arrête." + where_fr)
    HUNG.append((what_en, "deadlock"))
    fail("deadlock",
         en=f"{what_en} had not returned after {DEADLINE_S:g} s (a right answer needs a fraction of a second): "
            "its threads are stuck waiting, most likely for a lock that is never released — an acquire() with no "
            "release(), a release() that an exception or a return skips, or a join() made while holding the lock "
            "that the joined threads need. Every thread that wants such a lock waits forever. Expected: it "
            "returns; use `with lock:` (or release in a `finally:`) so that the lock is released on every path, "
            "and hold it only around the read and the write." + where_en,
         fr=f"{what_fr} n'avait pas rendu la main après {DEADLINE_S:g} s (une bonne réponse prend une fraction "
            "de seconde) : ses threads sont bloqués en attente, très probablement d'un verrou jamais relâché — "
            "un acquire() sans release(), un release() qu'une exception ou un return fait sauter, ou un join() "
            "fait en tenant le verrou dont les threads attendus ont besoin. Tout thread qui veut un tel verrou "
            "attend pour toujours. Attendu : qu'il se termine ; utilisez `with lock:` (ou relâchez dans un "
            "`finally:`) pour que le verrou soit relâché dans tous les cas, et ne le tenez qu'autour de la "
            "lecture et de l'écriture." + where_fr)


def _lock_types() -> tuple[type, ...]:
    kinds = [type(threading.Lock()), type(threading.RLock()), threading.Condition, threading.Semaphore]
    if hasattr(threading, "_PyRLock"):
        kinds.append(threading._PyRLock)
    return tuple(kinds)


LOCK_TYPES = _lock_types()


def find_locks(counters, module, skip_classes=()) -> list[tuple[str, str, object]]:
    """(label en, label fr, lock) for every threading lock on the counters, their classes and the module."""
    found, seen = [], set()

    def add(en, fr, value):
        if (isinstance(value, LOCK_TYPES) or lockorder.is_lock(value)) and id(value) not in seen:
            seen.add(id(value))
            found.append((en, fr, value))

    for counter in counters:
        for name, value in list(getattr(counter, "__dict__", {}).items()):
            add(f"the counter's attribute `{name}`", f"l'attribut `{name}` du compteur", value)
        for cls in type(counter).__mro__:
            if cls is object or cls in skip_classes:
                continue
            slots = cls.__dict__.get("__slots__", ())
            for name in [slots] if isinstance(slots, str) else slots:
                value = getattr(counter, name, None)
                add(f"the counter's attribute `{name}`", f"l'attribut `{name}` du compteur", value)
            for name, value in list(vars(cls).items()):
                add(f"the class attribute `{cls.__name__}.{name}`",
                    f"l'attribut de classe `{cls.__name__}.{name}`", value)
    for name, value in list(vars(module).items()):
        add(f"the module global `{name}`", f"la variable globale `{name}` du module", value)
    return found


@pytest.fixture
def prober():
    lock_prober = probes.LockProber(timeout=DEADLINE_S)
    yield lock_prober
    lock_prober.stop()


def expect_locks_released(prober, locks, *, after_en: str, after_fr: str) -> None:
    for en, fr, lock in locks:
        if prober.is_held(lock):
            fail("deadlock",
                 en=f"After {after_en}, {en} was still held although no thread was working any more: some path "
                    "acquires it more often than it releases it (an acquire() with no release(), an RLock taken "
                    "twice and released once). The next thread that wants it would wait forever. Expected: every "
                    "lock is free again when the work is done; `with lock:` releases it on every path.",
                 fr=f"Après {after_fr}, {fr} était encore pris alors qu'aucun thread ne travaillait plus : un "
                    "chemin l'acquiert plus souvent qu'il ne le relâche (un acquire() sans release(), un RLock pris "
                    "deux fois et relâché une fois). Le prochain thread qui le voudra attendra pour toujours. "
                    "Attendu : chaque verrou est de nouveau libre quand le travail est fini ; `with lock:` le "
                    "relâche dans tous les cas.")


def hammer(counter, n_threads: int, each: int) -> None:
    """n_threads daemon threads, released together by a barrier, each calling counter.increment() `each` times."""
    barrier = threading.Barrier(n_threads)
    errors: list[BaseException] = []

    def work():
        try:
            barrier.wait()
            for _ in range(each):
                counter.increment()
        except BaseException as exc:  # re-raised in the checking thread
            errors.append(exc)

    threads = [threading.Thread(target=work, name=f"kata-hammer-{i}", daemon=True) for i in range(n_threads)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]


def why_lost(locks) -> tuple[str, str]:
    if not locks:
        return ("No lock was found on the counter, its class or the module: nothing stops two threads from "
                "reading the same value. Expected: one threading.Lock, created once (in __init__), taken around "
                "BOTH the read and the write: `with self._lock: ...`.",
                "Aucun verrou n'a été trouvé sur le compteur, sa classe ou le module : rien n'empêche deux "
                "threads de lire la même valeur. Attendu : un seul threading.Lock, créé une fois (dans "
                "__init__), pris autour de la lecture ET de l'écriture : `with self._lock: ...`.")
    return ("A lock exists, but it does not keep other threads out of the window between the read and the write: "
            "either it covers only part of increment (the write alone, say), or each call takes a different lock "
            "(a Lock created inside increment protects nothing, no other thread ever sees it). Expected: one lock "
            "shared by every call, created once, held from the read to the write.",
            "Un verrou existe, mais il n'empêche pas les autres threads d'entrer entre la lecture et l'écriture : "
            "soit il ne couvre qu'une partie d'increment (l'écriture seule, par exemple), soit chaque appel prend "
            "un verrou différent (un Lock créé dans increment ne protège rien, aucun autre thread ne le voit). "
            "Attendu : un seul verrou partagé par tous les appels, créé une fois, tenu de la lecture à "
            "l'écriture.")


def slow_reads(cls: type) -> type:
    """A subclass of the learner's Counter whose `value`, when read, lets other threads run before returning:
    the window between read and write that any thread switch may open, made wide on purpose."""
    missing = object()
    base = inspect.getattr_static(cls, "value", missing)
    data = hasattr(type(base), "__get__") and hasattr(type(base), "__set__")

    class SlowReads(cls):
        @property
        def value(self):
            if data:
                current = base.__get__(self, type(self))
            elif "value" in self.__dict__:
                current = self.__dict__["value"]
            elif base is not missing:
                current = base
            else:
                raise AttributeError("value")
            time.sleep(0)
            return current

        @value.setter
        def value(self, new):
            if data:
                base.__set__(self, new)
            else:
                self.__dict__["value"] = new

    SlowReads.__name__ = SlowReads.__qualname__ = cls.__name__
    return SlowReads


def require_counter_class(learner) -> type:
    cls = getattr(learner, "Counter", None)
    if not isinstance(cls, type):
        fail("wrong-result",
             en=f"Your file's `Counter` is {show(cls)}, not a class. Expected: `class Counter:` with a `value` "
                "attribute and an `increment()` method, as in the stub; the checks create counters with Counter().",
             fr=f"Le `Counter` de votre fichier vaut {show(cls)}, ce n'est pas une classe. Attendu : "
                "`class Counter:` avec un attribut `value` et une méthode `increment()`, comme dans le squelette ; "
                "les vérifications créent des compteurs avec Counter().")
    return cls


# --- Counter ---------------------------------------------------------------------------------------------


def test_a_new_counter_starts_at_zero(learner):
    """a new Counter's value is 0
    fr: la valeur d'un nouveau Counter est 0"""
    cls = require_counter_class(learner)
    counter = within_deadline(learner, cls, what_en="Counter()", what_fr="Counter()")
    value = getattr(counter, "value", None)
    expect(same(value, 0), "wrong-result",
           en=f"Counter().value is {show(value)}; expected 0 (an int). A new counter has counted nothing yet.",
           fr=f"Counter().value vaut {show(value)} ; attendu 0 (un int). Un nouveau compteur n'a encore rien "
              "compté.")


@pytest.mark.needs("test_a_new_counter_starts_at_zero")
def test_counter_counts_in_one_thread(learner, prober):
    """Counter counts exactly in one thread, and frees its lock
    fr: Counter compte juste dans un seul thread, et libère son verrou"""
    counter = learner.Counter()

    def fifty():
        for _ in range(50):
            counter.increment()

    within_deadline(learner, fifty, what_en="50 calls of increment() in one thread",
                    what_fr="50 appels d'increment() dans un seul thread")
    expect(same(counter.value, 50), "wrong-result",
           en=f"After 50 calls of increment() in one thread, value is {show(counter.value)}; expected 50. "
              "Each call must add exactly 1, even with no other thread around.",
           fr=f"Après 50 appels d'increment() dans un seul thread, value vaut {show(counter.value)} ; attendu 50. "
              "Chaque appel doit ajouter exactement 1, même sans aucun autre thread.")
    expect_locks_released(prober, find_locks([counter], learner),
                          after_en="50 calls of increment() in one thread",
                          after_fr="50 appels d'increment() dans un seul thread")


@pytest.mark.needs("test_counter_counts_in_one_thread")
def test_counter_loses_no_update_when_threads_race(learner, prober):
    """Counter loses no increment when 4 threads hammer it at once
    fr: Counter ne perd aucun incrément quand 4 threads le martèlent en même temps"""
    counter = learner.Counter()
    total = HAMMER_THREADS * HAMMER_EACH
    within_deadline(learner, lambda: hammer(counter, HAMMER_THREADS, HAMMER_EACH),
                    what_en=f"{HAMMER_THREADS} threads each calling increment() {HAMMER_EACH} times",
                    what_fr=f"{HAMMER_THREADS} threads appelant chacun increment() {HAMMER_EACH} fois")
    value = counter.value
    locks = find_locks([counter], learner)
    if not same(value, total):
        why_en, why_fr = why_lost(locks)
        lost = total - value if type(value) is int else "?"
        expect(type(value) is not int or value > total, "lost-updates",
               en=f"{HAMMER_THREADS} threads, started together, each called increment() {HAMMER_EACH} times on one "
                  f"Counter: value ended at {value}, expected {total}, so {lost} increments were lost. Two threads "
                  "read the same value, both wrote value + 1, and the second write erased the first. " + why_en,
               fr=f"{HAMMER_THREADS} threads, lancés ensemble, ont chacun appelé increment() {HAMMER_EACH} fois sur "
                  f"un même Counter : value a fini à {value}, attendu {total}, donc {lost} incréments perdus. Deux "
                  "threads ont lu la même valeur, ont tous deux écrit value + 1, et la seconde écriture a effacé "
                  "la première. " + why_fr)
        fail("wrong-result",
             en=f"{HAMMER_THREADS} threads each called increment() {HAMMER_EACH} times on one Counter: value ended "
                f"at {show(value)}, expected {total}. Each call must add exactly 1.",
             fr=f"{HAMMER_THREADS} threads ont chacun appelé increment() {HAMMER_EACH} fois sur un même Counter : "
                f"value a fini à {show(value)}, attendu {total}. Chaque appel doit ajouter exactement 1.")
    expect_locks_released(prober, locks, after_en=f"{total} increments from {HAMMER_THREADS} threads",
                          after_fr=f"{total} incréments venant de {HAMMER_THREADS} threads")


@pytest.mark.needs("test_counter_counts_in_one_thread")
def test_counter_stays_exact_when_threads_switch_right_after_a_read(learner, race, prober, kata):
    """Counter stays exact when threads are switched right after reading value
    fr: Counter reste juste quand on change de thread juste après la lecture de value"""
    counter = learner.Counter()
    seeded = race.watch(counter)  # a seeded schedule of thread switches after reads of `value`
    if not seeded:  # `value` is a slot or a property: every read switches instead
        counter = slow_reads(learner.Counter)()
    total = SLOW_THREADS * SLOW_EACH
    within_deadline(learner, lambda: hammer(counter, SLOW_THREADS, SLOW_EACH),
                    what_en=f"{SLOW_THREADS} threads each calling increment() {SLOW_EACH} times",
                    what_fr=f"{SLOW_THREADS} threads appelant chacun increment() {SLOW_EACH} fois")
    value = counter.value
    locks = find_locks([counter], learner, skip_classes=(type(counter),))
    if not same(value, total):
        why_en, why_fr = why_lost(locks)
        story_en = story_fr = ""
        if seeded and race.tell("en"):
            story_en = (f" The first lost update: {race.tell('en')}. This schedule of switches replays with "
                        f"`{race.replay(kata)}`.")
            story_fr = (f" La première mise à jour perdue : {race.tell('fr')}. Ce déroulement se rejoue avec "
                        f"`{race.replay(kata)}`.")
        switches_en = ("thread switches are forced right after reads of `value`, on a seeded schedule"
                       if seeded else "every read of `value` is followed by a thread switch")
        switches_fr = ("des changements de thread sont forcés juste après des lectures de `value`, selon un "
                       "déroulement tiré au sort" if seeded else
                       "chaque lecture de `value` est suivie d'un changement de thread")
        expect(type(value) is not int or value > total, "lost-updates",
               en=f"In this check, {switches_en}, as the interpreter may do at any moment. {SLOW_THREADS} threads "
                  f"× {SLOW_EACH} increments ended at {value} instead of {total}.{story_en} If you deleted "
                  "`time.sleep(0)`, the race is only hidden, not fixed: `self.value += 1` is a read, an addition "
                  "and a write (LOAD_ATTR, BINARY_OP, STORE_ATTR), and a thread switch between them loses an "
                  "update. " + why_en,
               fr=f"Dans cette vérification, {switches_fr}, comme l'interpréteur peut le faire à tout moment. "
                  f"{SLOW_THREADS} threads × {SLOW_EACH} incréments ont fini à {value} au lieu de {total}."
                  f"{story_fr} Si vous avez supprimé `time.sleep(0)`, la course est seulement cachée, pas "
                  "corrigée : `self.value += 1` est une lecture, une addition et une écriture (LOAD_ATTR, "
                  "BINARY_OP, STORE_ATTR), et un changement de thread entre elles perd une mise à jour. " + why_fr)
        fail("wrong-result",
             en=f"{SLOW_THREADS} threads × {SLOW_EACH} increments on one Counter ended at {show(value)}, "
                f"expected {total}.",
             fr=f"{SLOW_THREADS} threads × {SLOW_EACH} incréments sur un même Counter ont fini à {show(value)}, "
                f"attendu {total}.")
    expect_locks_released(prober, locks, after_en=f"{total} increments from {SLOW_THREADS} threads",
                          after_fr=f"{total} incréments venant de {SLOW_THREADS} threads")


# --- count_with_threads ------------------------------------------------------------------------------------


def tracked_counter(cls: type, *, yield_first: bool):
    """A subclass of the learner's Counter that records its instances and the threads that call increment().
    With yield_first, increment first lets other threads run, so that a thread pool really spreads the work."""
    instances: list = []
    callers: list = []

    class Tracked(cls):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            instances.append(self)

        def increment(self, *args, **kwargs):
            callers.append(threading.current_thread())
            if yield_first:
                time.sleep(0)
            return super().increment(*args, **kwargs)

    Tracked.__name__ = Tracked.__qualname__ = cls.__name__
    return Tracked, instances, callers


def call_count(learner, n_threads, each):
    count = require_function(learner, "count_with_threads")
    call = f"count_with_threads({n_threads}, {each})"
    return within_deadline(learner, lambda: count(n_threads, each), what_en=call, what_fr=call)


@pytest.mark.needs("test_counter_counts_in_one_thread")
@pytest.mark.parametrize("n_threads, each", [(2, 250), (5, 100)])
def test_count_with_threads_returns_the_exact_count(learner, monkeypatch, prober, n_threads, each):
    """count_with_threads returns n_threads × increments_per_thread
    fr: count_with_threads renvoie n_threads × increments_per_thread"""
    cls = require_counter_class(learner)
    tracked, instances, _ = tracked_counter(cls, yield_first=False)
    monkeypatch.setattr(learner, "Counter", tracked)
    before = set(threading.enumerate())
    got = call_count(learner, n_threads, each)
    expected = n_threads * each
    call = f"count_with_threads({n_threads}, {each})"
    if not same(got, expected):
        unfinished = [t for t in threading.enumerate() if t not in before and t.is_alive()]
        for thread in unfinished:
            thread.join(DEADLINE_S / len(unfinished))
        later = [c.value for c in instances]
        expect(not (type(got) is int and len(instances) == 1 and later[0] != got), "wrong-result",
               en=f"{call} returned {got}, but its counter went on to {show(later[0])} afterwards: it returned "
                  "before its threads had finished. Expected: join() every thread you started, then read the "
                  "value; until then the count is not final.",
               fr=f"{call} a renvoyé {got}, mais son compteur a continué jusqu'à {show(later[0])} ensuite : la "
                  "fonction a rendu la main avant la fin de ses threads. Attendu : join() sur chaque thread lancé, "
                  "puis lire la valeur ; avant cela le compte n'est pas définitif.")
        if type(got) is int and 0 <= got < expected:
            why_en, why_fr = why_lost(find_locks(instances, learner, skip_classes=(tracked,)))
            fail("lost-updates",
                 en=f"{call} returned {got}; expected {n_threads} × {each} = {expected}: {expected - got} "
                    "increments were lost because threads overwrote each other's writes. " + why_en,
                 fr=f"{call} a renvoyé {got} ; attendu {n_threads} × {each} = {expected} : {expected - got} "
                    "incréments perdus, des threads ont écrasé les écritures des autres. " + why_fr)
        fail("wrong-result",
             en=f"{call} returned {show(got)}; expected the int {expected} ({n_threads} threads × {each} "
                "increments each), the final value of the shared Counter.",
             fr=f"{call} a renvoyé {show(got)} ; attendu l'int {expected} ({n_threads} threads × {each} "
                "incréments chacun), la valeur finale du Counter partagé.")
    expect_locks_released(prober, find_locks(instances, learner, skip_classes=(tracked,)),
                          after_en=f"{call} returned", after_fr=f"le retour de {call}")


@pytest.mark.needs("test_counter_counts_in_one_thread")
def test_count_with_threads_really_uses_several_threads(learner, monkeypatch, prober):
    """count_with_threads calls increment from several threads
    fr: count_with_threads appelle increment depuis plusieurs threads"""
    cls = require_counter_class(learner)
    tracked, instances, callers = tracked_counter(cls, yield_first=True)
    monkeypatch.setattr(learner, "Counter", tracked)
    n_threads, each = 4, 50
    expected = n_threads * each
    call = f"count_with_threads({n_threads}, {each})"
    caller = []

    def run():
        caller.append(threading.current_thread())
        return learner.count_with_threads(n_threads, each)

    require_function(learner, "count_with_threads")
    got = within_deadline(learner, run, what_en=call, what_fr=call)
    threads = {id(t): t for t in callers}
    if not callers:
        fail("no-threads",
             en=f"{call} returned {show(got)} without ever calling increment() on a Counter: nothing was counted, "
                f"in any thread. Expected: create ONE Counter(), start {n_threads} threads that each call its "
                f"increment() {each} times, join them, return counter.value.",
             fr=f"{call} a renvoyé {show(got)} sans jamais appeler increment() sur un Counter : rien n'a été "
                f"compté, dans aucun thread. Attendu : créer UN Counter(), lancer {n_threads} threads qui appellent "
                f"chacun son increment() {each} fois, les attendre (join), renvoyer counter.value.")
    if len(threads) < 2:
        only = next(iter(threads.values()))
        same_thread = caller and only is caller[0]
        expect(False, "no-threads",
               en=f"All {len(callers)} calls of increment() made by {call} ran in one single thread"
                  + (" — the very thread that called count_with_threads" if same_thread else "")
                  + ". Nothing ran concurrently, so the race (and its fix) were never exercised. Expected: start "
                    f"{n_threads} threads with threading.Thread(target=...).start() (calling .run() runs the target "
                    "in the current thread), then join them.",
               fr=f"Les {len(callers)} appels d'increment() faits par {call} ont tous tourné dans un seul thread"
                  + (" — celui-là même qui a appelé count_with_threads" if same_thread else "")
                  + ". Rien n'a tourné en même temps : la course (et sa correction) n'ont jamais été mises à "
                    f"l'épreuve. Attendu : lancer {n_threads} threads avec threading.Thread(target=...).start() "
                    "(appeler .run() exécute la cible dans le thread courant), puis les attendre avec join().")
    expect(len(callers) == expected and len(instances) == 1, "wrong-result",
           en=f"When {call} returned, it had created {len(instances)} Counter(s) and called increment() "
              f"{len(callers)} times in total; expected ONE Counter shared by all threads and {expected} calls "
              f"({n_threads} threads × {each}), all done before it returns (join every thread first).",
           fr=f"Au retour de {call}, la fonction avait créé {len(instances)} Counter et appelé increment() "
              f"{len(callers)} fois au total ; attendu UN seul Counter partagé par tous les threads et {expected} "
              f"appels ({n_threads} threads × {each}), tous faits avant le retour (join sur chaque thread "
              "d'abord).")
    expect_locks_released(prober, find_locks(instances, learner, skip_classes=(tracked,)),
                          after_en=f"{call} returned", after_fr=f"le retour de {call}")
