"""Hidden suite of kata 03 — fix the race.

The race is made visible on purpose, and deterministically. The suite's own threads run under the cooperative
scheduler (the `race` fixture): reads and writes of `value`, and of every other data attribute the counter holds
(race.watch_state: a count kept in `_n` behind a `value` property), are probe points, the learner's locks found on
the counter, its class and the module are modelled (race.guard), and only one thread runs between two probe points.
A read or write of the counter in a thread that no scheduler manages (started by increment() itself, a pool's
worker) while a run is under way is a stray: such a run cannot be judged, and the Counter checks fail it.
Check 3 hammers 4 threads × 100 under switches drawn from the seed (`--seed` replays the same interleaving, on
any machine); check 4 tries every interleaving of 2 threads × 2 increments with up to 2 preemptions, so a
missing or partial lock loses an update on every run, told by the shortest story, even with the stub's
`time.sleep(0)` deleted. There every store and call in the learner's own code is a probe point too
(checker/child/codepoints.py): a count kept in a dict's item, a list, a closure or a module global races the
same. The learner's locks are found where its code keeps them (checker/child/lockplaces.py: attributes, dicts,
closures), so that a right increment() waits for nothing the scheduler does not model; a run the scheduler had
to step aside from (a wait it cannot see: an Event, a sleep...) fails checks 3 and 4, since threads running
free can be kept apart by timing alone.

Every call into the learner's code runs under a deadline (`within_deadline`): a lock never released is a
`deadlock` verdict, a loop that never ends a `timeout`, never a hang. After the work, no lock found on the
counter, its class or the module may still be held. `count_with_threads` runs under the seeded scheduler too,
through a subclass of the learner's Counter (watched, its locks modelled) that records its instances and the
threads that call increment(); the threads it starts are managed (race.adopt), so its count, a deadlock of a
join made while holding a lock, a return before its threads have finished are the same for a seed on any
machine. (A thread pool's workers are not managed: waiting for them makes the scheduler step aside, and the
run ends with real threads. A pool hands a task to an idle worker rather than start a new one, so a first
worker that ended its task before the next was submitted would do all the work, and "several threads" would
depend on the machine's timing: the first increment() of an unmanaged thread waits, at a Rendezvous, for a
second thread to call increment(), keeping the first worker busy so that the next task gets a worker of its
own. Code that runs every increment in one thread waits there once, under a second, then goes on.)

Nothing here depends on how the learner wrote the code: the checks count, and look at lock objects.
"""

from __future__ import annotations

import threading
from typing import NoReturn

import pytest

from checker.child import diagnose, lockorder, lockplaces, probes
from checker.child.schedule import ModelledLock, active
from checker.child.testkit import call_with_deadline, expect, fail, require_function, same, seconds, show
from checker.child.threadkit import Rendezvous

DEADLINE_S = 3.0  # a right answer needs well under 0.2 s for any call below
LIMIT_EN, LIMIT_FR = seconds(DEADLINE_S), seconds(DEADLINE_S, "fr")  # "3.0 s", "3,0 s" in messages
HAMMER_THREADS, HAMMER_EACH = 4, 100  # under the seeded scheduler
EXPLORE_THREADS, EXPLORE_EACH, PREEMPTIONS = 2, 2, 2  # every interleaving with up to PREEMPTIONS switches
COUNT_PREEMPTIONS = 1  # count_with_threads(2, 2): a missing join shows with none, a lost update with one
SPREAD_PATIENCE_S, SPREAD_CAP_S = 0.3, 1.0  # an unmanaged thread's first increment() waits for a second thread


# --- helpers -------------------------------------------------------------------------------------------


_HUNG: list[tuple[str, str]] = []  # (call, code) of learner code that never returned: its threads live on


def within_deadline(learner, func, *, what_en: str, what_fr: str):
    """func() in a daemon thread. One that has not returned within DEADLINE_S is a `deadlock` verdict when the
    learner's threads all wait (on a lock, a join...), a `timeout` when one of them is still running. Once a
    call has hung, later calls say so at once instead of waiting again behind (or beside) the same threads."""
    if _HUNG:
        earlier, code = _HUNG[0]
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
    outcome = call_with_deadline(func, timeout=DEADLINE_S, name="kata-deadline")
    if outcome.hung:
        hang_verdict(learner, what_en=what_en, what_fr=what_fr)
    return outcome.result()


def hang_verdict(learner, *, what_en: str, what_fr: str) -> NoReturn:
    """The verdict on learner threads that have not finished within DEADLINE_S: `timeout` when one of them still
    runs, `deadlock` when they all wait."""
    stacks, running = diagnose.sample(learner.__file__, looks=10, gap_s=0.03)
    where_en, where_fr = diagnose.describe(stacks, "en"), diagnose.describe(stacks, "fr")
    if running:
        _HUNG.append((what_en, "timeout"))
        fail("timeout",
             en=f"{what_en} had not returned after {LIMIT_EN} (a right answer needs a fraction of a second), "
                f"and your code was still running, at {running.innermost.where()}: a loop that never ends? "
                "Expected: each thread does its increments and stops." + where_en,
             fr=f"{what_fr} n'avait pas rendu la main après {LIMIT_FR} (une bonne réponse prend une fraction "
                f"de seconde), et votre code tournait encore, à {running.innermost.where()} : une boucle sans "
                "fin ? Attendu : chaque thread fait ses incréments puis s'arrête." + where_fr)
    _HUNG.append((what_en, "deadlock"))
    fail("deadlock",
         en=f"{what_en} had not returned after {LIMIT_EN} (a right answer needs a fraction of a second): "
            "its threads are stuck waiting, most likely for a lock that is never released — an acquire() with no "
            "release(), a release() that an exception or a return skips, or a join() made while holding the lock "
            "that the joined threads need. Every thread that wants such a lock waits forever. Expected: it "
            "returns; use `with lock:` (or release in a `finally:`) so that the lock is released on every path, "
            "and hold it only around the read and the write." + where_en,
         fr=f"{what_fr} n'avait pas rendu la main après {LIMIT_FR} (une bonne réponse prend une fraction "
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


def lock_places(counters, module, skip_classes=()) -> list:
    """Every threading lock on the counters, their classes and the module, and where it is: an attribute, a
    slot, a dict's item there, a closure's cell of a function there (a `@synchronized` decorator's lock), as
    checker/child/lockplaces.py finds them (a lock in two places is there twice)."""
    found = []
    for counter in counters:
        found += lockplaces.places(counter, "the counter's attribute `{name}`", "l'attribut `{name}` du compteur",
                                   is_lock)
        for cls in type(counter).__mro__:
            if cls is object or cls in skip_classes:
                continue
            slots = cls.__dict__.get("__slots__", ())
            for name in [slots] if isinstance(slots, str) else slots:
                value = getattr(counter, name, None)
                if is_lock(value):
                    found.append(lockplaces.Place(value, counter, name, "slot", f"the counter's attribute `{name}`",
                                                  f"l'attribut `{name}` du compteur"))
            found += lockplaces.places(cls, f"the class attribute `{cls.__name__}.{{name}}`",
                                       f"l'attribut de classe `{cls.__name__}.{{name}}`", is_lock)
    found += lockplaces.places(module, "the module global `{name}`", "la variable globale `{name}` du module",
                               is_lock)
    return found


def find_locks(counters, module, skip_classes=()) -> list[tuple[str, str, object]]:
    """(label en, label fr, lock) for every threading lock on the counters, their classes and the module (see
    lock_places), each lock once."""
    found = []
    for place in lock_places(counters, module, skip_classes):
        if not any(place.lock is lock for _, _, lock in found):
            found.append((place.en, place.fr, place.lock))
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


def guard_locks(race, counter, learner, cls, monkeypatch) -> None:
    """Every lock on the counter, its class or the module (see lock_places), modelled by the scheduler where the
    learner's code looks it up: a thread that waits for one is never given the turn, and a circle of waits is a
    deadlock found at once. What is not the new counter's own is put back after the check."""
    lockplaces.guard_all(lock_places([counter], learner, skip_classes=(type(counter),)), race.guard, monkeypatch,
                         "the lock in {place}", "le verrou dans {place}")


LOCKS_AND_MODELS = LOCK_TYPES + (ModelledLock, lockorder.RecordingLock)


def is_lock(value) -> bool:
    return isinstance(value, LOCKS_AND_MODELS)  # (lockorder.is_lock's kinds; no call: it runs in scheduled threads)


def scheduled_counter(race, learner, cls, monkeypatch):
    """A counter whose reads and writes of `value`, and of every other data attribute it holds once made (a
    count kept in `_n` behind a `value` property), are probe points, and whose locks the scheduler models."""
    counter = race.watched(cls)()
    guard_locks(race, counter, learner, cls, monkeypatch)
    race.watch_state(counter, skip=is_lock)
    return counter


def judge_schedule(outcome, counter, total, what_en, what_fr, replay, race, locks) -> None:
    """The verdict on one scheduled run: an exception, a deadlock (with its cycle), or lost updates (with the story
    of the first one)."""
    outcome.raise_error()
    if outcome.deadlock:
        fail("deadlock",
             en=f"{what_en}: the threads ended up all waiting for a lock — {race.tell_deadlock(outcome.deadlock)}. "
                f"Nobody can go on. This interleaving replays with `{replay}`. Expected: every lock released on "
                "every path (`with lock:`), and never taken twice by the thread that holds it.",
             fr=f"{what_fr} : les threads ont fini par tous attendre un verrou — "
                f"{race.tell_deadlock(outcome.deadlock, 'fr')}. Plus personne ne peut avancer. Ce déroulement se "
                f"rejoue avec `{replay}`. Attendu : chaque verrou relâché dans tous les cas (`with lock:`), et "
                "jamais repris par le thread qui le tient déjà.")
    if outcome.stuck:
        fail("deadlock",
             en=f"{what_en}: the threads had not finished after {LIMIT_EN} (a right answer needs a fraction of "
                "a second): they wait for something that never comes, most likely a lock never released. Expected: "
                "every lock released on every path (`with lock:`).",
             fr=f"{what_fr} : les threads n'avaient pas fini après {LIMIT_FR} (une bonne réponse prend une "
                "fraction de seconde) : ils attendent quelque chose qui ne vient jamais, très probablement un verrou "
                "jamais relâché. Attendu : chaque verrou relâché dans tous les cas (`with lock:`).")
    judge_unmanaged(outcome)
    judge_aside(race, outcome)
    value = counter.value
    if same(value, total):
        return
    why_en, why_fr = why_lost(locks)
    story_en = story_fr = ""
    if race.tell("en", outcome.events):
        story_en = f" The first lost update: {race.tell('en', outcome.events)}."
        story_fr = f" La première mise à jour perdue : {race.tell('fr', outcome.events)}."
    replay_en, replay_fr = f" This interleaving replays with `{replay}`.", f" Ce déroulement se rejoue avec `{replay}`."
    if outcome.passthrough:
        replay_en = (" (increment() waited for something the checks cannot see, so they stepped aside and the threads "
                     "ran freely from then on: this run does not replay exactly.)")
        replay_fr = (" (increment() a attendu quelque chose que les vérifications ne voient pas : elles se sont "
                     "effacées et les threads ont tourné librement ensuite, ce déroulement ne se rejoue pas à "
                     "l'identique.)")
    expect(type(value) is not int or value > total, "lost-updates",
           en=f"{what_en} ended at {value} instead of {total}.{story_en}{replay_en} If you deleted `time.sleep(0)`, "
              "the race is only hidden, not fixed: `self.value += 1` is a read, an addition and a write (LOAD_ATTR, "
              "BINARY_OP, STORE_ATTR), and a thread switch between them loses an update. " + why_en,
           fr=f"{what_fr} ont fini à {value} au lieu de {total}.{story_fr}{replay_fr} Si vous avez supprimé "
              "`time.sleep(0)`, la course est seulement cachée, pas corrigée : `self.value += 1` est une lecture, une "
              "addition et une écriture (LOAD_ATTR, BINARY_OP, STORE_ATTR), et un changement de thread entre elles "
              "perd une mise à jour. " + why_fr)
    fail("wrong-result",
         en=f"{what_en} ended at {show(value)}, expected {total}. Each call must add exactly 1.",
         fr=f"{what_fr} ont fini à {show(value)}, attendu {total}. Chaque appel doit ajouter exactement 1.")


def judge_unmanaged(outcome) -> None:
    """A run where the counter's `value` was read or written (or a lock the checks model taken) in a thread that no
    scheduler manages (started by increment() itself, with `_thread` or `threading`, a pool's worker...), or where
    increment() started a thread (seen in the exploration, whose threads switch in the learner's code:
    checker/child/codepoints.py `Starts`), cannot be judged: the scheduler cannot switch threads there, so a
    read-modify-write done there runs whole whatever the schedule, and a race never shows."""
    times = outcome.unmanaged
    expect(not times, "lost-updates",
           en=f"While the checks' threads called increment(), the counter's `value` was read or written, a lock "
              f"taken, or a thread started, {times} time{'s' if times != 1 else ''} in or for another thread, one "
              "that the checks cannot schedule: a thread started by increment() itself (with `threading` or "
              "`_thread`), or a worker of a thread pool. The checks find a race by switching threads between a read and its write; in that "
              "thread they cannot switch, so whether updates are lost cannot be checked, and moving the work to "
              "another thread protects nothing: two such threads can still both read the same value. Expected: "
              "increment() reads and writes `value` itself, in the thread that calls it, holding one lock shared by "
              "every call (`with self._lock:`).",
           fr=f"Pendant que les threads des vérifications appelaient increment(), la `value` du compteur a été lue "
              f"ou écrite, un verrou pris ou un thread lancé, {times} fois dans ou pour un autre thread, que les "
              "vérifications ne peuvent pas ordonnancer : un thread lancé par increment() lui-même (avec `threading` ou `_thread`), ou un "
              "worker d'un pool de threads. Les vérifications trouvent une course critique en changeant de thread "
              "entre une lecture et son écriture ; dans ce thread elles ne le peuvent pas, donc la perte de mises à "
              "jour ne peut pas être vérifiée, et déplacer le travail dans un autre thread ne protège rien : deux "
              "tels threads peuvent encore lire tous les deux la même valeur. Attendu : qu'increment() lise et "
              "écrive `value` lui-même, dans le thread qui l'appelle, en tenant un seul verrou partagé par tous les "
              "appels (`with self._lock:`).")


def judge_aside(race, outcome) -> None:
    """A run the scheduler stepped aside from cannot be judged: the jobs call increment() directly, and a right
    increment() waits only for the counter's lock, which the checks model; anything else it waits for (an
    Event, a sleep...) lets the threads run on their own, where waits and timings, not a lock, may keep them
    apart (tests/faults/race_counter_serialized_by_unseen_waits.py)."""
    did_en, did_fr = race.tell_aside(outcome, "increment()"), race.tell_aside(outcome, "increment()", "fr")
    expect(did_en is None, "lost-updates",
           en=f"While the checks' threads called increment(), {did_en}. So the checks stepped aside and let the "
              "threads run on their own: from then on nobody chose which thread runs between a read of the count "
              "and its write, and whether updates were lost was left to the clock. Waits and timings that keep "
              "threads apart protect nothing: on a busier machine, or with other timings, two threads still read "
              "the same value. Expected: increment() waits for nothing but one lock shared by every call, kept "
              "where the checks find it (on the counter, `self._lock`, its class or the module) and held from the "
              "read to the write.",
           fr=f"Pendant que les threads des vérifications appelaient increment(), {did_fr}. Les vérifications se "
              "sont donc effacées et ont laissé les threads tourner seuls : dès lors, personne ne choisissait quel "
              "thread passe entre une lecture du compte et son écriture, et la perte de mises à jour était laissée "
              "au hasard de l'horloge. Des attentes et des durées qui écartent les threads ne protègent rien : sur "
              "une machine plus chargée, ou avec d'autres durées, deux threads lisent encore la même valeur. "
              "Attendu : qu'increment() n'attende rien d'autre qu'un seul verrou partagé par tous les appels, rangé "
              "là où les vérifications le trouvent (sur le compteur, `self._lock`, sa classe ou le module) et tenu "
              "de la lecture à l'écriture.")


def switches(count: int, lang: str = "en") -> str:
    if lang == "fr":
        return f"{count} changement{'s' if count > 1 else ''} de thread forcé{'s' if count > 1 else ''}"
    return f"{count} forced thread switch{'es' if count != 1 else ''}"


def increments(counter, each):
    def work():
        for _ in range(each):
            counter.increment()
    return work


@pytest.mark.needs("test_counter_counts_in_one_thread")
def test_counter_loses_no_update_when_threads_race(learner, race, prober, monkeypatch):
    """Counter loses no increment when 4 threads hammer it at once
    fr: Counter ne perd aucun incrément quand 4 threads le martèlent en même temps"""
    cls = require_counter_class(learner)
    counter = scheduled_counter(race, learner, cls, monkeypatch)
    total = HAMMER_THREADS * HAMMER_EACH
    outcome = within_deadline(learner, lambda: race.run([increments(counter, HAMMER_EACH)] * HAMMER_THREADS,
                                                        timeout=DEADLINE_S),
                              what_en=f"{HAMMER_THREADS} threads each calling increment() {HAMMER_EACH} times",
                              what_fr=f"{HAMMER_THREADS} threads appelant chacun increment() {HAMMER_EACH} fois")
    locks = find_locks([counter], learner, skip_classes=(type(counter),))
    judge_schedule(outcome, counter, total,
                   f"{HAMMER_THREADS} threads (A to {chr(ord('A') + HAMMER_THREADS - 1)}) each called increment() "
                   f"{HAMMER_EACH} times on one Counter, switching threads where the seed {race.seed:#06x} said, as "
                   "the interpreter may do at any moment: the count",
                   f"{HAMMER_THREADS} threads (A à {chr(ord('A') + HAMMER_THREADS - 1)}) ont chacun appelé "
                   f"increment() {HAMMER_EACH} fois sur un même Counter, en changeant de thread là où la graine "
                   f"{race.seed:#06x} l'a dit, comme l'interpréteur peut le faire à tout moment : les incréments",
                   race.replay("03"), race, locks)
    expect_locks_released(prober, locks, after_en=f"{total} increments from {HAMMER_THREADS} threads",
                          after_fr=f"{total} incréments venant de {HAMMER_THREADS} threads")


@pytest.mark.needs("test_counter_counts_in_one_thread")
def test_counter_stays_exact_under_every_interleaving(learner, race, prober, monkeypatch):
    """Counter stays exact under every interleaving of 2 threads × 2 increments (up to 2 preemptions)
    fr: Counter reste juste quel que soit l'entrelacement de 2 threads × 2 incréments (jusqu'à 2 préemptions)"""
    cls = require_counter_class(learner)
    total = EXPLORE_THREADS * EXPLORE_EACH
    last: list = []

    def scenario():
        counter = scheduled_counter(race, learner, cls, monkeypatch)
        last[:] = [counter]

        def failed(outcome):
            wrong = outcome.errors or outcome.deadlock or outcome.stuck or outcome.unmanaged or \
                outcome.aside or not same(counter.value, total)
            return bool(wrong) and counter

        return [increments(counter, EXPLORE_EACH)] * EXPLORE_THREADS, failed

    what_en = f"{EXPLORE_THREADS} threads × {EXPLORE_EACH} increments"
    what_fr = f"{EXPLORE_THREADS} threads × {EXPLORE_EACH} incréments"
    finding = within_deadline(learner, lambda: race.explore(scenario, bound=PREEMPTIONS, timeout=DEADLINE_S,
                                                            code_points=True),
                              what_en=what_en, what_fr=what_fr)
    if finding is not None:
        judge_schedule(finding.outcome, finding.detail, total,
                       f"Every interleaving of {what_en} with up to {PREEMPTIONS} thread switches was tried; with "
                       f"{switches(finding.outcome.preemptions)}, the count",
                       f"Tous les entrelacements de {what_fr} avec jusqu'à {PREEMPTIONS} changements de thread ont "
                       f"été essayés ; avec {switches(finding.outcome.preemptions, 'fr')}, les incréments",
                       race.replay("03"), race, find_locks(last, learner, skip_classes=(type(last[0]),)))
    expect_locks_released(prober, find_locks(last, learner, skip_classes=(type(last[0]),)),
                          after_en=f"every interleaving of {what_en}", after_fr=f"chaque entrelacement de {what_fr}")


# --- count_with_threads ------------------------------------------------------------------------------------


class Count:
    """count_with_threads(n_threads, each) run under the scheduler: the call in managed thread A, the threads it
    starts managed too (B, C...: race.adopt), through a subclass of the learner's Counter whose `value` is a
    probe point, whose locks are modelled, and which records its instances and the threads calling increment()."""

    def __init__(self, race, learner, monkeypatch, n_threads: int, each: int):
        self.race, self.learner, self.n_threads, self.each = race, learner, n_threads, each
        self.call = f"count_with_threads({n_threads}, {each})"
        self.expected = n_threads * each
        self.count = require_function(learner, "count_with_threads")
        self.instances: list = []
        self.callers: list = []
        self.caller: list = []
        self.got: list = []
        self.outcome = None
        self.before: set = set()
        self.spread: Rendezvous | None = None  # of the run under way (see the module's docstring)
        self.arrived: set[int] = set()  # threads that called increment() in the run under way
        cls = require_counter_class(learner)
        instances, callers, count = self.instances, self.callers, self

        class Tracked(race.watched(cls)):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                instances.append(self)
                guard_locks(race, self, learner, cls, monkeypatch)
                race.watch_state(self, skip=is_lock)

            def increment(self, *args, **kwargs):
                callers.append(threading.current_thread())
                count.spread_out()
                return super().increment(*args, **kwargs)

        Tracked.__name__ = Tracked.__qualname__ = cls.__name__
        self.tracked = Tracked
        monkeypatch.setattr(learner, "Counter", Tracked)
        race.adopt(learner, monkeypatch.setattr)

    def job(self) -> None:
        self.caller.append(threading.current_thread())
        self.arrived.clear()
        if self.spread is None or not self.spread.gave_up:  # once code ran in one thread, nobody waits again
            self.spread = Rendezvous(2, SPREAD_PATIENCE_S, SPREAD_CAP_S)
        self.got.append(self.count(self.n_threads, self.each))

    def spread_out(self) -> None:
        """In an unmanaged thread (a pool's worker), the first increment() waits until a second thread has
        called increment() too: the pool cannot hand the next task to this worker, so the work spreads over
        several threads whatever the machine's timing."""
        me = threading.get_ident()
        if me in self.arrived:
            return
        self.arrived.add(me)
        if self.spread is not None and active() is None:
            self.spread.arrive()

    def reset(self) -> None:
        for found in (self.instances, self.callers, self.caller, self.got):
            found.clear()

    def run(self):
        """One run under switches drawn from the seed."""
        self.before = set(threading.enumerate())
        self.outcome = within_deadline(self.learner, lambda: self.race.run([self.job], timeout=DEADLINE_S),
                                       what_en=self.call, what_fr=self.call)
        return self.outcome

    def explore(self, bound: int):
        """Every schedule with at most `bound` preemptions; the first wrong one (its outcome and what A returned,
        the final values of the counters), or None."""
        def scenario():
            self.reset()

            def failed(outcome):
                got = self.got[0] if self.got else None
                later = [c.value for c in self.instances]
                wrong = outcome.errors or outcome.deadlock or outcome.stuck or not self.got or \
                    not same(got, self.expected) or later not in ([got], [])
                return bool(wrong) and (got, later)
            return [self.job], failed

        return within_deadline(self.learner, lambda: self.race.explore(scenario, bound=bound, timeout=DEADLINE_S),
                               what_en=self.call, what_fr=self.call)

    def locks(self):
        return find_locks(self.instances, self.learner, skip_classes=(self.tracked,))

    def judge_run(self, outcome, replay_en: str, replay_fr: str) -> None:
        """An exception, a deadlock (with its cycle) or a call that never ends: the verdict, else nothing."""
        race, call = self.race, self.call
        outcome.raise_error()
        if outcome.deadlock:
            fail("deadlock",
                 en=f"{call} never returned: its threads ended up all waiting — "
                    f"{race.tell_deadlock(outcome.deadlock)} (thread A runs count_with_threads, B, C... are the "
                    f"threads it started). Nobody can go on.{replay_en} Expected: never wait (join) while holding a "
                    "lock that the others need, and release every lock on every path (`with lock:`).",
                 fr=f"{call} n'a jamais rendu la main : ses threads ont fini par tous attendre — "
                    f"{race.tell_deadlock(outcome.deadlock, 'fr')} (le thread A exécute count_with_threads, B, C... "
                    f"sont les threads qu'il a lancés). Plus personne ne peut avancer.{replay_fr} Attendu : ne jamais "
                    "attendre (join) en tenant un verrou dont les autres ont besoin, et relâcher chaque verrou dans "
                    "tous les cas (`with lock:`).")
        if outcome.stuck or not self.got:
            hang_verdict(self.learner, what_en=call, what_fr=call)

    def judge_count(self, outcome, got, later, replay_en: str, replay_fr: str, how_en="", how_fr="") -> None:
        """The verdict on what count_with_threads returned (`got`) and its counters' final values (`later`)."""
        call, expected, n_threads, each = self.call, self.expected, self.n_threads, self.each
        if same(got, expected) and later in ([got], []):
            return
        expect(not (type(got) is int and len(later) == 1 and later[0] != got), "wrong-result",
               en=f"{how_en}{call} returned {got}, but its counter went on to {show(later[0] if later else None)} "
                  f"afterwards: it returned before its threads had finished.{replay_en} Expected: join() every "
                  "thread you started, then read the value; until then the count is not final.",
               fr=f"{how_fr}{call} a renvoyé {got}, mais son compteur a continué jusqu'à "
                  f"{show(later[0] if later else None)} ensuite : la fonction a rendu la main avant la fin de ses "
                  f"threads.{replay_fr} Attendu : join() sur chaque thread lancé, puis lire la valeur ; avant cela le "
                  "compte n'est pas définitif.")
        if type(got) is int and 0 <= got < expected:
            why_en, why_fr = why_lost(self.locks())
            story_en = story_fr = ""
            if not outcome.passthrough and self.race.tell("en", outcome.events):
                story_en = (f" The first lost update: {self.race.tell('en', outcome.events)} (thread A runs "
                            "count_with_threads, B, C... are the threads it started).")
                story_fr = (f" La première mise à jour perdue : {self.race.tell('fr', outcome.events)} (le thread A "
                            "exécute count_with_threads, B, C... sont les threads qu'il a lancés).")
            fail("lost-updates",
                 en=f"{how_en}{call} returned {got}; expected {n_threads} × {each} = {expected}: {expected - got} "
                    f"increments were lost because threads overwrote each other's writes.{story_en}{replay_en} "
                    + why_en,
                 fr=f"{how_fr}{call} a renvoyé {got} ; attendu {n_threads} × {each} = {expected} : {expected - got} "
                    f"incréments perdus, des threads ont écrasé les écritures des autres.{story_fr}{replay_fr} "
                    + why_fr)
        fail("wrong-result",
             en=f"{how_en}{call} returned {show(got)}; expected the int {expected} ({n_threads} threads × {each} "
                "increments each), the final value of the shared Counter.",
             fr=f"{how_fr}{call} a renvoyé {show(got)} ; attendu l'int {expected} ({n_threads} threads × {each} "
                "incréments chacun), la valeur finale du Counter partagé.")

    def seed_replay(self, outcome) -> tuple[str, str]:
        if outcome.passthrough:
            return "", ""
        replay = self.race.replay("03")
        return f" This interleaving replays with `{replay}`.", f" Ce déroulement se rejoue avec `{replay}`."


@pytest.mark.needs("test_counter_counts_in_one_thread")
def test_count_with_threads_waits_for_its_threads_under_every_interleaving(learner, race, monkeypatch, prober):
    """count_with_threads returns the final count under every interleaving of 2 threads × 2 increments
    fr: count_with_threads renvoie le compte final quel que soit l'entrelacement de 2 threads × 2 incréments"""
    count = Count(race, learner, monkeypatch, EXPLORE_THREADS, EXPLORE_EACH)
    finding = count.explore(COUNT_PREEMPTIONS)
    if finding is not None:
        outcome, (got, later) = finding.outcome, finding.detail
        found_en = (f" Every interleaving of its threads with up to {COUNT_PREEMPTIONS} forced thread switch was "
                    "tried, so this happens on every run, whatever the seed.")
        found_fr = (f" Tous les entrelacements de ses threads avec jusqu'à {COUNT_PREEMPTIONS} changement de thread "
                    "forcé ont été essayés : cela arrive à chaque exécution, quelle que soit la graine.")
        how_en = f"With {switches(outcome.preemptions)}, "
        how_fr = f"Avec {switches(outcome.preemptions, 'fr')}, "
        count.judge_run(outcome, found_en, found_fr)
        count.judge_count(outcome, got, later, found_en, found_fr, how_en, how_fr)
    expect_locks_released(prober, count.locks(), after_en=f"every interleaving of {count.call}",
                          after_fr=f"chaque entrelacement de {count.call}")


@pytest.mark.needs("test_counter_counts_in_one_thread")
@pytest.mark.parametrize("n_threads, each", [(2, 250), (5, 100)])
def test_count_with_threads_returns_the_exact_count(learner, race, monkeypatch, prober, n_threads, each):
    """count_with_threads returns n_threads × increments_per_thread
    fr: count_with_threads renvoie n_threads × increments_per_thread"""
    count = Count(race, learner, monkeypatch, n_threads, each)
    outcome = count.run()
    replay_en, replay_fr = count.seed_replay(outcome)
    count.judge_run(outcome, replay_en, replay_fr)
    unfinished = [t for t in threading.enumerate() if t not in count.before and t.is_alive()]
    for thread in unfinished:  # left running after the scheduler stepped aside (a wait it cannot see)
        thread.join(DEADLINE_S / len(unfinished))
    count.judge_count(outcome, count.got[0], [c.value for c in count.instances], replay_en, replay_fr)
    expect_locks_released(prober, count.locks(), after_en=f"{count.call} returned",
                          after_fr=f"le retour de {count.call}")


@pytest.mark.needs("test_counter_counts_in_one_thread")
def test_count_with_threads_really_uses_several_threads(learner, race, monkeypatch, prober):
    """count_with_threads calls increment from several threads
    fr: count_with_threads appelle increment depuis plusieurs threads"""
    n_threads, each = 4, 50
    count = Count(race, learner, monkeypatch, n_threads, each)
    outcome = count.run()
    count.judge_run(outcome, *count.seed_replay(outcome))
    got, expected, call, callers, caller = count.got[0], count.expected, count.call, count.callers, count.caller
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
                  + (" — the very thread that called count_with_threads" if same_thread else
                     ", one other than the caller (a thread pool with a single worker?)")
                  + ". Nothing ran concurrently, so the race (and its fix) were never exercised. Expected: start "
                    f"{n_threads} threads with threading.Thread(target=...).start() (calling .run() runs the target "
                    f"in the current thread), then join them; or a pool of {n_threads} workers.",
               fr=f"Les {len(callers)} appels d'increment() faits par {call} ont tous tourné dans un seul thread"
                  + (" — celui-là même qui a appelé count_with_threads" if same_thread else
                     ", un autre que l'appelant (un pool de threads à un seul worker ?)")
                  + ". Rien n'a tourné en même temps : la course (et sa correction) n'ont jamais été mises à "
                    f"l'épreuve. Attendu : lancer {n_threads} threads avec threading.Thread(target=...).start() "
                    "(appeler .run() exécute la cible dans le thread courant), puis les attendre avec join() ; ou "
                    f"un pool de {n_threads} workers.")
    instances = count.instances
    expect(len(callers) == expected and len(instances) == 1, "wrong-result",
           en=f"When {call} returned, it had created {len(instances)} Counter(s) and called increment() "
              f"{len(callers)} times in total; expected ONE Counter shared by all threads and {expected} calls "
              f"({n_threads} threads × {each}), all done before it returns (join every thread first).",
           fr=f"Au retour de {call}, la fonction avait créé {len(instances)} Counter et appelé increment() "
              f"{len(callers)} fois au total ; attendu UN seul Counter partagé par tous les threads et {expected} "
              f"appels ({n_threads} threads × {each}), tous faits avant le retour (join sur chaque thread "
              "d'abord).")
    expect_locks_released(prober, count.locks(), after_en=f"{call} returned", after_fr=f"le retour de {call}")
