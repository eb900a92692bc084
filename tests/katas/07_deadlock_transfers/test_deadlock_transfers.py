"""Hidden suite of kata 07 — transfers without deadlock.

The accounts the checks use are instances of a subclass of the learner's own `Account` (so that whatever the
learner's transfer reads — number, lock, anything added — is there), with two instruments:
- `lock` is the account's own lock wrapped in a ProbeLock, which tells a Stage when a thread asks for it, gets
  it and gives it back;
- `balance` is a property: its reads and writes go to the Stage too.
Stages turn these events into certainty instead of luck:
- Scheduled puts the account locks under the cooperative scheduler (race.guard) and makes balance reads and
  writes probe points: the opposite-transfers and 3-cycle checks try every interleaving with up to PREEMPTIONS
  switches (race.explore), so locks taken in argument order deadlock on every run, told as a cycle with the
  command that replays it; locks taken in one global order never do.
- Audit, in one thread: each time the thread lets go of its last account lock, the money on the accounts must
  add up to the total: a transfer that releases a lock while money is "in flight" is caught.
- `slow` makes every read of a balance, and every write, let other threads run first (time.sleep(0)): any
  read-modify-write left unprotected loses updates on every run (see research section 4).
- Pause holds one transfer inside its critical section until a transfer between two OTHER accounts has
  finished: with one lock per account it finishes at once; behind a single global lock it cannot.
Every call into learner code runs in daemon threads under a deadline, so a deadlock is a `deadlock` verdict in
about DEADLINE_S seconds, never a hang.
"""

from __future__ import annotations

import threading
import time
from weakref import ref

import pytest

from checker.child import lockorder, lockplaces, probes
from checker.child.kit_ledger import Ledger, nested
from checker.child.schedule import LOCK_KINDS, ModelledLock
from checker.child.testkit import call_with_deadline, expect, fail, require_function, same, show, start_call
from checker.child.threadkit import require_class

DEADLINE_S = 1.5     # a right answer needs a few milliseconds for any call below
PREEMPTIONS = 2      # every interleaving with up to this many thread switches is explored
EXPLORE_DEADLINE_S = 6.0  # an exploration runs a few hundred schedules: well under 1 s idle
PAUSE_S = 0.5        # how long Pause holds a transfer waiting for the other one
CYCLE_EACH = 100     # transfers per thread in the cycle check
CYCLE_DEADLINE_S = 4.0  # the cycle needs about 0.2 s on a busy two-core machine


# --- instruments ----------------------------------------------------------------------------------------------


class Stage:
    """Receives the events of the probed locks and balances. The base only tracks who holds which lock."""

    def __init__(self) -> None:
        self.mutex = threading.Lock()
        self.held: dict[int, list] = {}
        self.accounts: list = []
        self.slow = False

    def before_acquire(self, lock, blocking: bool) -> None:
        pass

    def after_acquire(self, lock) -> None:
        with self.mutex:
            self.held.setdefault(threading.get_ident(), []).append(lock)

    def after_release(self, lock) -> None:
        with self.mutex:
            mine = self.held.get(threading.get_ident(), [])
            if lock in mine:
                mine.remove(lock)
            empty = not mine
        if empty:
            self.released_all()

    def released_all(self) -> None:
        pass

    def wrap_lock(self, lock, number):
        return lock

    def on_read(self, account) -> None:
        if self.slow:
            time.sleep(0)

    def on_write(self, account) -> None:
        if self.slow:
            time.sleep(0)


class ProbeLock:
    """The account's own lock, wrapped: the same behaviour, and every step reported to the Stage."""

    def __init__(self, inner, account, stage: Stage) -> None:
        self.inner, self.account, self.stage = inner, account, stage

    def acquire(self, blocking=True, timeout=-1):
        self.stage.before_acquire(self, bool(blocking))
        got = self.inner.acquire(blocking, timeout)
        if got:
            self.stage.after_acquire(self)
        return got

    def release(self):
        self.inner.release()
        self.stage.after_release(self)

    def __enter__(self):
        return self.acquire()

    def __exit__(self, *exc):
        self.release()

    def locked(self):
        return self.inner.locked()

    def __repr__(self):
        return f"<lock of account {self.account.__dict__.get('number', '?')}>"


def require_account(learner) -> type:
    return require_class(learner, "Account",
                         en="`Account` is given by the kata (number, balance, lock): keep it as it is; the checks "
                            "create accounts with Account(number, balance).",
                         fr="`Account` est fourni par le kata (number, balance, lock) : gardez-le tel quel ; les "
                            "vérifications créent des comptes avec Account(number, balance).")


def probed_class(learner, stage: Stage) -> type:
    base = require_account(learner)

    class Probed(base):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            inner = self.__dict__.get("lock")
            if inner is not None and hasattr(inner, "acquire") and hasattr(inner, "release"):
                self.__dict__["lock"] = ProbeLock(stage.wrap_lock(inner, self.__dict__.get("number")), self, stage)
            stage.accounts.append(self)

        def get_balance(self):
            value = raw(self, AttributeError)
            stage.on_read(self)
            return value

        def set_balance(self, value):
            stage.on_write(self)
            BALANCES.write(("put", str(id(self)), (value, ref(self))))

        balance = property(get_balance, set_balance)

    Probed.__name__ = Probed.__qualname__ = base.__name__
    return Probed


def raw(account, missing=None):
    """The account's balance, read with no probe point (None, or `missing` raised, when it has none). It is kept
    in BALANCES, a Ledger that only the balance's setter writes, not in the account's `__dict__`: a transfer
    that read and wrote a key found there (`vars(src)`) would step around the probe points and the checks of
    the locks held while a balance changes (a transfer with no lock at all passed every check)."""
    kept = BALANCES.read(str(id(account)))
    if kept is None or kept[1]() is not account:  # none, or a dead account's of the same id
        if missing is not None:
            raise missing("balance")
        return None
    return kept[0]


BALANCES = Ledger(*nested(probed_class, "set_balance"))  # str(id(account)): (balance, weak reference to it)


def make_accounts(learner, stage: Stage, *specs):
    cls = probed_class(learner, stage)
    return [within_deadline(lambda: cls(number, balance), what_en=f"Account({number}, {balance})",
                            what_fr=f"Account({number}, {balance})") for number, balance in specs]


# --- deadlines ------------------------------------------------------------------------------------------------


def within_deadline(func, *, what_en: str, what_fr: str, why_en: str = "", why_fr: str = "",
                    timeout: float = DEADLINE_S):
    outcome = call_with_deadline(func, timeout=timeout, name="kata-deadline")
    if outcome.hung:
        fail("deadlock",
             en=f"{what_en} had not returned after {timeout:g} s (a right answer needs a few milliseconds): its "
                f"threads are stuck, each waiting for a lock that will never be released. {why_en}",
             fr=f"{what_fr} n'avait pas rendu la main après {timeout:g} s (une bonne réponse prend quelques "
                f"millisecondes) : ses threads sont bloqués, chacun attend un verrou qui ne sera jamais relâché. "
                f"{why_fr}")
    return outcome.result()


ORDER_EN = ("Two transfers in opposite directions, a→b and b→a, each took its first lock (a, and b) and then waited "
            "for ever for the other's. Expected: take the two locks in ONE global order, the same for every "
            "transfer whatever its direction — for example the account with the smaller `number` first: "
            "`first, second = sorted((src, dst), key=lambda acc: acc.number)`. Then both transfers ask for the "
            "same lock first; one waits for the other, and nobody waits in a circle.")
ORDER_FR = ("Deux virements en sens opposés, a→b et b→a, ont chacun pris leur premier verrou (a, et b), puis "
            "attendu pour toujours celui de l'autre. Attendu : prendre les deux verrous dans UN ordre global, le "
            "même pour tout virement quel que soit son sens — par exemple d'abord le compte au plus petit "
            "`number` : `premier, second = sorted((src, dst), key=lambda c: c.number)`. Les deux virements "
            "demandent alors le même verrou en premier ; l'un attend l'autre, et personne n'attend en cercle.")


def run_threads(jobs, *, what_en: str, what_fr: str, why_en: str = "", why_fr: str = "", on_start=None,
                timeout: float = DEADLINE_S):
    """Run each job in its own daemon thread, all released together by a Barrier; a `deadlock` verdict when
    they have not all finished within DEADLINE_S. Exceptions from the jobs are re-raised here."""
    barrier = threading.Barrier(len(jobs))

    def body(job):
        if on_start:
            on_start()
        barrier.wait()
        job()

    def all_of_them():
        calls = [start_call(body, job, name=f"kata-transfer-{i}") for i, job in enumerate(jobs)]
        for call in calls:
            call.wait(None)
        for call in calls:
            call.outcome().result()  # the first job's exception, raised again

    within_deadline(all_of_them, what_en=what_en, what_fr=what_fr, why_en=why_en, why_fr=why_fr, timeout=timeout)


@pytest.fixture
def prober():
    lock_prober = probes.LockProber(timeout=DEADLINE_S)
    yield lock_prober
    lock_prober.stop()


def expect_locks_free(prober, accounts, after_en: str, after_fr: str) -> None:
    for account in accounts:
        lock = account.__dict__.get("lock")
        inner = lock.inner if isinstance(lock, ProbeLock) else lock
        inner = inner.real if isinstance(inner, ModelledLock) else inner
        if inner is not None and hasattr(inner, "acquire") and prober.is_held(inner):
            number = account.__dict__.get("number")
            fail("deadlock",
                 en=f"After {after_en}, the lock of account {number} was still held although no transfer was running "
                    "any more: some path acquires it and never releases it (an acquire() without release(), or a "
                    "release() that a return or an exception skips). The next transfer that needs this account "
                    "would wait for ever. Expected: every lock free again when transfer returns — `with lock:` "
                    "releases it on every path.",
                 fr=f"Après {after_fr}, le verrou du compte {number} était encore pris alors qu'aucun virement ne "
                    "tournait plus : un chemin l'acquiert sans jamais le relâcher (un acquire() sans release(), ou "
                    "un release() qu'un return ou une exception fait sauter). Le prochain virement qui aura besoin "
                    "de ce compte attendra pour toujours. Attendu : chaque verrou de nouveau libre quand transfer "
                    "rend la main — `with lock:` le relâche dans tous les cas.")


def lost_money(accounts, expected, what_en: str, what_fr: str) -> None:
    """A lost-updates verdict when the final balances are not the expected ones."""
    got = [raw(a) for a in accounts]
    if same(got, expected):
        return
    total, expected_total = sum(g for g in got if type(g) is int), sum(expected)
    if not all(type(g) is int for g in got):
        fail("wrong-result",
             en=f"After {what_en}, the balances are {show(got)}; expected the ints {show(expected)}.",
             fr=f"Après {what_fr}, les soldes valent {show(got)} ; attendu les int {show(expected)}.")
    fail("lost-updates",
         en=f"After {what_en}, the balances are {show(got)} (total {total}); expected {show(expected)} (total "
            f"{expected_total}): money was {'created' if total > expected_total else 'lost'}. Two threads read the "
            "same balance, both wrote their new value, and the second write erased the first. Every read and "
            "write of a balance must happen while its account's lock is held — both accounts' locks, from the "
            "first read to the last write of the transfer.",
         fr=f"Après {what_fr}, les soldes valent {show(got)} (total {total}) ; attendu {show(expected)} (total "
            f"{expected_total}) : de l'argent a été {'créé' if total > expected_total else 'perdu'}. Deux threads "
            "ont lu le même solde, ont tous deux écrit leur nouvelle valeur, et la seconde écriture a effacé la "
            "première. Chaque lecture et écriture d'un solde doit se faire en tenant le verrou de son compte — "
            "les verrous des deux comptes, de la première lecture à la dernière écriture du virement.")


# --- the given Account -------------------------------------------------------------------------------------------


def test_account_is_kept(learner):
    """the given Account still has a number, a balance and a lock
    fr: le Account fourni a toujours un numéro, un solde et un verrou"""
    cls = require_account(learner)
    account = within_deadline(lambda: cls(3, 50), what_en="Account(3, 50)", what_fr="Account(3, 50)")
    lock = getattr(account, "lock", None)
    got = (getattr(account, "number", None), getattr(account, "balance", None))
    expect(same(got, (3, 50)) and hasattr(lock, "acquire") and hasattr(lock, "release"), "wrong-result",
           en=f"Account(3, 50) has number {show(got[0])}, balance {show(got[1])} and lock {show(lock)}; expected 3, 50 "
              "and a threading.Lock of its own. `Account` is given by the kata: keep it as it is.",
           fr=f"Account(3, 50) a pour numéro {show(got[0])}, solde {show(got[1])} et verrou {show(lock)} ; attendu 3, "
              "50 et un threading.Lock à lui. `Account` est fourni par le kata : gardez-le tel quel.")


# --- one transfer at a time ---------------------------------------------------------------------------------------


class Audit(Stage):
    """Each time the thread lets go of its last account lock, the money must all be there."""

    def __init__(self) -> None:
        super().__init__()
        self.total = None
        self.torn: list[list] = []

    def released_all(self) -> None:
        if self.total is None:
            return
        balances = [raw(a) for a in self.accounts]
        if all(type(b) is int for b in balances) and sum(balances) != self.total:
            self.torn.append(balances)


@pytest.mark.needs("test_account_is_kept")
def test_transfer_moves_the_money_and_frees_the_locks(learner, prober):
    """transfer moves the amount, holds both locks until both balances are updated, and frees them
    fr: transfer déplace le montant, garde les deux verrous jusqu'à la mise à jour des deux soldes, et les libère"""
    transfer = require_function(learner, "transfer")
    stage = Audit()
    a, b = make_accounts(learner, stage, (1, 100), (2, 50))
    stage.total = 150
    steps = [(a, b, 30, [70, 80]), (b, a, 5, [75, 75])]
    for src, dst, amount, expected in steps:
        call = f"transfer(<account {src.number}>, <account {dst.number}>, {amount})"
        call_fr = f"transfer(<compte {src.number}>, <compte {dst.number}>, {amount})"
        before = [raw(a), raw(b)]
        within_deadline(lambda: transfer(src, dst, amount), what_en=call, what_fr=call_fr,
                        why_en="In one single thread, this can only be a lock taken twice (the same Lock "
                               "acquired again by the thread that holds it) or a lock waited for that was "
                               "never released.",
                        why_fr="Dans un seul thread, cela ne peut être qu'un verrou pris deux fois (le même "
                               "Lock redemandé par le thread qui le tient) ou un verrou attendu qui n'a jamais "
                               "été relâché.")
        got = [raw(a), raw(b)]
        expect(same(got, expected), "wrong-result",
               en=f"Accounts 1 and 2 had {before}; after {call} they have {show(got)}; expected {expected}: "
                  f"{amount} taken from account {src.number} and given to account {dst.number}.",
               fr=f"Les comptes 1 et 2 avaient {before} ; après {call_fr} ils ont {show(got)} ; attendu "
                  f"{expected} : {amount} pris au compte {src.number} et donné au compte {dst.number}.")
        expect_locks_free(prober, [a, b], after_en=call, after_fr=call_fr)
        if stage.torn:
            fail("lost-updates",
                 en=f"During {call}, your transfer let go of every account lock while the money was in flight: at "
                    f"that moment the balances were {show(stage.torn[0])}, {sum(stage.torn[0])} in total instead of "
                    "150. Any other thread that locks the two accounts then (an audit, a report, another transfer "
                    "deciding on these balances) sees money that has vanished. Typically: one `with` block for src, "
                    "then another for dst. Taking one lock at a time does avoid the deadlock, but the transfer is "
                    "no longer one indivisible step. Expected: hold BOTH locks from the first change to the last.",
                 fr=f"Pendant {call_fr}, votre virement a lâché tous les verrous des comptes alors que l'argent était "
                    f"« en vol » : à cet instant les soldes valaient {show(stage.torn[0])}, soit "
                    f"{sum(stage.torn[0])} au lieu de 150. Tout autre thread qui verrouille alors les deux comptes "
                    "(un audit, un relevé, un autre virement qui décide selon ces soldes) voit de l'argent disparu. "
                    "Typiquement : un bloc `with` pour src, puis un autre pour dst. Prendre un verrou à la fois "
                    "évite bien l'interblocage, mais le virement n'est plus une seule étape indivisible. Attendu : "
                    "tenir LES DEUX verrous de la première modification à la dernière.")


NEEDS_ONE = pytest.mark.needs("test_transfer_moves_the_money_and_frees_the_locks")


@NEEDS_ONE
def test_transfer_to_the_same_account_changes_nothing(learner, prober):
    """transfer(a, a, amount) returns at once and changes nothing
    fr: transfer(a, a, montant) rend la main tout de suite et ne change rien"""
    transfer = require_function(learner, "transfer")
    (a,) = make_accounts(learner, Stage(), (4, 60))
    call, call_fr = "transfer(<account 4>, <account 4>, 25)", "transfer(<compte 4>, <compte 4>, 25)"
    within_deadline(lambda: transfer(a, a, 25), what_en=call, what_fr=call_fr,
                    why_en="When src and dst are the same account, \"first\" and \"second\" are the same lock: "
                           "the thread that holds it asks for it again and waits for itself for ever (a "
                           "threading.Lock is not re-entrant). Expected: `if src is dst: return` before taking "
                           "any lock.",
                    why_fr="Quand src et dst sont le même compte, « premier » et « second » sont le même "
                           "verrou : le thread qui le tient le redemande et s'attend lui-même pour toujours (un "
                           "threading.Lock n'est pas réentrant). Attendu : `if src is dst: return` avant de "
                           "prendre le moindre verrou.")
    expect(same(raw(a), 60), "wrong-result",
           en=f"After {call}, the balance is {show(raw(a))}; expected 60: moving money from an account to itself "
              "changes nothing.",
           fr=f"Après {call_fr}, le solde vaut {show(raw(a))} ; attendu 60 : virer de l'argent d'un compte vers "
              "lui-même ne change rien.")
    expect_locks_free(prober, [a], after_en=call, after_fr=call_fr)


# --- transfers at the same time ------------------------------------------------------------------------------


class Scheduled(Stage):
    """Under the cooperative scheduler: account locks are modelled (who holds, who waits), and every read and
    write of a balance is a probe point where the scheduler may hand the turn to another thread."""

    def __init__(self, race, balances: bool = True) -> None:
        super().__init__()
        self.race = race
        self.balances = balances  # False: only the locks are probe points (fewer schedules, same deadlocks)

    def wrap_lock(self, lock, number):
        return self.race.guard(lock, f"the lock of account {number}", f"le verrou du compte {number}")

    def on_read(self, account) -> None:
        if self.balances:
            self.race.point()

    def on_write(self, account) -> None:
        if self.balances:
            self.race.point()


def guard_module_locks(race, learner, monkeypatch) -> None:
    """Locks the learner's module holds (a lock taken to take the others, say), as a global, in a dict there or
    in the closure of a function there (checker/child/lockplaces.py), are modelled too, where its code looks
    them up; put back after the check."""
    lockplaces.guard_all(lockplaces.places(learner, "`{name}`", "`{name}`", is_module_lock), race.guard, monkeypatch,
                         "the lock {place}", "le verrou {place}")


def is_module_lock(value) -> bool:
    return isinstance(value, LOCK_KINDS) or lockorder.is_lock(value)


def explore_transfers(learner, race, moves, balances, *, what_en, what_fr, why_en, why_fr, locks_only=False):
    """Every interleaving of the transfers `moves` [(src index, dst index, amount)] on fresh accounts `balances`
    [(number, balance)] with up to PREEMPTIONS preemptions: a deadlock, an exception or money lost is a verdict,
    told with the interleaving and the command that replays it."""
    transfer = require_function(learner, "transfer")
    expected = [balance for _, balance in balances]
    for src, dst, amount in moves:
        expected[src] -= amount
        expected[dst] += amount
    numbers = [number for number, _ in balances]
    names = {chr(ord("A") + i): f"transfer({numbers[s]} → {numbers[d]})" for i, (s, d, _) in enumerate(moves)}

    def scenario():
        stage = Scheduled(race, balances=not locks_only)
        cls = probed_class(learner, stage)
        accounts = [cls(number, balance) for number, balance in balances]
        jobs = [(lambda s=accounts[s], d=accounts[d], m=m: transfer(s, d, m)) for s, d, m in moves]

        def failed(outcome):
            wrong = (outcome.errors or outcome.deadlock or outcome.stuck or outcome.unmanaged or outcome.aside
                     or not same([raw(a) for a in accounts], expected))
            return bool(wrong) and accounts

        return jobs, failed

    finding = within_deadline(lambda: race.explore(scenario, bound=PREEMPTIONS, timeout=DEADLINE_S),
                              what_en=what_en, what_fr=what_fr, why_en=why_en, why_fr=why_fr,
                              timeout=EXPLORE_DEADLINE_S)
    if finding is None:
        return
    outcome, replay = finding.outcome, race.replay("07")
    plural = outcome.preemptions > 1
    switches_en = f"{outcome.preemptions} forced thread switch{'es' if outcome.preemptions != 1 else ''}"
    switches_fr = f"{outcome.preemptions} changement{'s' if plural else ''} de thread forcé{'s' if plural else ''}"
    outcome.raise_error()
    if outcome.deadlock:
        fail("deadlock",
             en=f"{what_en}: under one interleaving (with {switches_en}) the transfers "
                f"ended up waiting in a circle — {race.tell_deadlock(outcome.deadlock, 'en', names)}. Nobody can go "
                f"on, for ever. This interleaving replays with `{replay}`. {why_en}",
             fr=f"{what_fr} : dans un entrelacement (avec {switches_fr}) les "
                f"virements ont fini par s'attendre en cercle — {race.tell_deadlock(outcome.deadlock, 'fr', names)}. "
                f"Plus personne ne peut avancer, pour toujours. Ce déroulement se rejoue avec `{replay}`. {why_fr}")
    if outcome.stuck:
        fail("deadlock",
             en=f"{what_en}: the transfers had not finished after {DEADLINE_S:g} s (a right answer needs a few "
                f"milliseconds): they wait for each other, on locks that the checker could not follow. {why_en}",
             fr=f"{what_fr} : les virements n'avaient pas fini après {DEADLINE_S:g} s (une bonne réponse prend "
                "quelques millisecondes) : ils s'attendent les uns les autres, sur des verrous que le correcteur "
                f"n'a pas pu suivre. {why_fr}")
    judge_unmanaged(outcome, what_en, what_fr)
    judge_aside(race, outcome, what_en, what_fr)
    lost_money(finding.detail, expected, f"{what_en} (interleaving replayed by `{replay}`)",
               f"{what_fr} (déroulement rejoué par `{replay}`)")


def judge_aside(race, outcome, what_en: str, what_fr: str) -> None:
    """A run the scheduler stepped aside from cannot be judged: the jobs call transfer() directly, and a right
    transfer waits only for the account locks (and the module's), which the checks model; anything else it waits
    for lets the transfers run on their own, where waits and timings, not the order of the locks, may keep them
    apart (tests/faults/transfer_serialized_by_unseen_waits.py)."""
    did_en, did_fr = race.tell_aside(outcome, "transfer()"), race.tell_aside(outcome, "transfer()", "fr")
    expect(did_en is None, "deadlock",
           en=f"{what_en}: {did_en}. So the checks stepped aside and let the transfers run on their own: from then "
              "on nobody chose which thread runs between one lock and the next, and whether two transfers can wait "
              "for each other in a circle was left to the clock. Waits and timings that keep transfers apart "
              "prevent nothing: on a busier machine, or with other timings, each takes its first lock and waits "
              "for ever for the other's. Expected: transfer() waits for nothing but the account locks, taken in ONE "
              "global order (for example the account with the smaller `number` first).",
           fr=f"{what_fr} : {did_fr}. Les vérifications se sont donc effacées et ont laissé les virements tourner "
              "seuls : dès lors, personne ne choisissait quel thread passe entre un verrou et le suivant, et la "
              "possibilité que deux virements s'attendent en cercle était laissée au hasard de l'horloge. Des "
              "attentes et des durées qui écartent les virements n'empêchent rien : sur une machine plus chargée, "
              "ou avec d'autres durées, chacun prend son premier verrou et attend pour toujours celui de l'autre. "
              "Attendu : que transfer() n'attende rien d'autre que les verrous des comptes, pris dans UN ordre "
              "global (par exemple d'abord le compte au plus petit `number`).")


def judge_unmanaged(outcome, what_en: str, what_fr: str) -> None:
    """A run where a balance was read or written, or an account lock taken, in a thread that no scheduler manages
    (one that transfer() started, with `_thread` or `threading`, a pool's worker...) cannot be judged: the
    scheduler cannot switch threads there, so a transfer done there runs whole whatever the schedule, and a
    deadlock never shows."""
    times = outcome.unmanaged
    expect(not times, "deadlock",
           en=f"{what_en}: the transfers read or wrote a balance, or took or released an account's lock, {times} "
              f"time{'s' if times != 1 else ''} in another thread than the one that called transfer(), a thread "
              "that the checks cannot schedule: one started by transfer() itself (with `threading` or `_thread`), "
              "or a worker of a thread pool. The checks find a deadlock by switching threads "
              "between one lock and the next; in that thread they cannot switch, so whether two transfers can wait "
              "for each other in a circle cannot be checked, and running a transfer in another thread prevents "
              "nothing: two such threads can still each take their first lock and wait for ever for the other's. "
              "Expected: transfer() takes the two locks and moves the money itself, in the thread that calls it, "
              "taking the locks in ONE global order (for example the account with the smaller `number` first).",
           fr=f"{what_fr} : les virements ont lu ou écrit un solde, ou pris ou relâché le verrou d'un compte, "
              f"{times} fois dans un autre thread que celui qui a appelé transfer(), un thread que les vérifications "
              "ne peuvent pas ordonnancer : un thread lancé par transfer() lui-même (avec `threading` ou "
              "`_thread`), ou un worker d'un pool de threads. Les vérifications trouvent un interblocage en changeant "
              "de thread entre un verrou et le suivant ; dans ce thread elles ne le peuvent pas, donc on ne peut pas "
              "vérifier si deux virements peuvent s'attendre en cercle, et faire un virement dans un autre thread "
              "n'empêche rien : deux tels threads peuvent encore prendre chacun leur premier verrou et attendre pour "
              "toujours celui de l'autre. Attendu : que transfer() prenne les deux verrous et déplace l'argent "
              "lui-même, dans le thread qui l'appelle, en prenant les verrous dans UN ordre global (par exemple "
              "d'abord le compte au plus petit `number`).")


@NEEDS_ONE
def test_opposite_transfers_at_once_do_not_deadlock(learner, race, monkeypatch):
    """transfer(a, b) and transfer(b, a) at the same time finish under every interleaving (up to 2 preemptions)
    fr: transfer(a, b) et transfer(b, a) en même temps finissent dans tout entrelacement (jusqu'à 2 préemptions)"""
    guard_module_locks(race, learner, monkeypatch)
    for na, nb in [(1, 2), (9, 3)]:  # the first account created has the smaller number, then the larger
        explore_transfers(
            learner, race, [(0, 1, 10), (1, 0, 20)], [(na, 100), (nb, 100)],
            what_en=f"transfer(<account {na}>, <account {nb}>, 10) and transfer(<account {nb}>, <account {na}>, 20) "
                    "at once",
            what_fr=f"transfer(<compte {na}>, <compte {nb}>, 10) et transfer(<compte {nb}>, <compte {na}>, 20) en "
                    "même temps",
            why_en=ORDER_EN, why_fr=ORDER_FR)


@pytest.mark.needs("test_opposite_transfers_at_once_do_not_deadlock")
def test_three_transfers_round_a_cycle_do_not_deadlock(learner, race, monkeypatch):
    """transfers 5→6, 6→7 and 7→5 at once finish under every interleaving (up to 2 preemptions)
    fr: les virements 5→6, 6→7 et 7→5 en même temps finissent dans tout entrelacement (jusqu'à 2 préemptions)"""
    guard_module_locks(race, learner, monkeypatch)
    explore_transfers(
        learner, race, [(0, 1, 1), (1, 2, 2), (2, 0, 3)], [(5, 100), (6, 100), (7, 100)],
        what_en="transfer(5 → 6), transfer(6 → 7) and transfer(7 → 5) at once",
        what_fr="transfer(5 → 6), transfer(6 → 7) et transfer(7 → 5) en même temps",
        why_en="Three transfers holding their first lock and waiting for their second make a circle. " + ORDER_EN,
        why_fr="Trois virements qui tiennent leur premier verrou et attendent le second forment un cercle. "
               + ORDER_FR, locks_only=True)


@pytest.mark.needs("test_opposite_transfers_at_once_do_not_deadlock")
def test_many_transfers_in_a_cycle_lose_no_money(learner, prober):
    """three threads moving money round a cycle a→b→c→a, many times, neither deadlock nor lose money
    fr: trois threads qui font tourner l'argent a→b→c→a, de nombreuses fois, ni interblocage ni argent perdu"""
    transfer = require_function(learner, "transfer")
    stage = Stage()
    stage.slow = True
    a, b, c = make_accounts(learner, stage, (5, 1000), (6, 1000), (7, 1000))

    def moves(src, dst):
        def job():
            for _ in range(CYCLE_EACH):
                transfer(src, dst, 1)
        return job

    what_en = f"3 threads each making {CYCLE_EACH} transfers of 1 round the cycle 5→6, 6→7, 7→5"
    what_fr = f"3 threads faisant chacun {CYCLE_EACH} virements de 1 sur le cycle 5→6, 6→7, 7→5"
    run_threads([moves(a, b), moves(b, c), moves(c, a)], what_en=what_en, what_fr=what_fr,
                timeout=CYCLE_DEADLINE_S,
                why_en="Three transfers 5→6, 6→7 and 7→5 holding their first lock and waiting for their second make a "
                       "circle. " + ORDER_EN,
                why_fr="Trois virements 5→6, 6→7 et 7→5 qui tiennent leur premier verrou et attendent le second "
                       "forment un cercle. " + ORDER_FR)
    lost_money([a, b, c], [1000, 1000, 1000], what_en, what_fr)
    expect_locks_free(prober, [a, b, c], after_en=what_en, after_fr=what_fr)


class Pause(Stage):
    """Holds the first balance write of the `paused` thread until `other_done` is set (at most PAUSE_S)."""

    def __init__(self) -> None:
        super().__init__()
        self.paused_thread: int | None = None
        self.paused = threading.Event()
        self.other_done = threading.Event()
        self.waited_in_vain = False

    def on_write(self, account) -> None:
        if threading.get_ident() == self.paused_thread and not self.paused.is_set():
            self.paused.set()
            if not self.other_done.wait(PAUSE_S):
                self.waited_in_vain = True


@NEEDS_ONE
def test_transfers_between_other_accounts_are_not_blocked(learner):
    """a transfer between two other accounts runs while a→b is in progress
    fr: un virement entre deux autres comptes se fait pendant que a→b est en cours"""
    transfer = require_function(learner, "transfer")
    stage = Pause()
    a, b, c, d = make_accounts(learner, stage, (1, 100), (2, 100), (3, 100), (4, 100))

    def first():
        stage.paused_thread = threading.get_ident()
        transfer(a, b, 10)

    def second():
        try:
            transfer(c, d, 10)
        finally:
            stage.other_done.set()

    def scenario():
        one = start_call(first, name="kata-transfer-1-2")
        stage.paused.wait(PAUSE_S)
        two = start_call(second, name="kata-transfer-3-4")
        for call in (one, two):
            call.wait(None)
        for call in (one, two):
            call.outcome().result()  # an exception of either transfer, raised again

    what = "transfer(<account 1>, <account 2>, 10) and transfer(<account 3>, <account 4>, 10)"
    what_fr = "transfer(<compte 1>, <compte 2>, 10) et transfer(<compte 3>, <compte 4>, 10)"
    within_deadline(scenario, what_en=what, what_fr=what_fr)
    lost_money([a, b, c, d], [90, 110, 90, 110], what, what_fr)
    expect(not stage.waited_in_vain, "not-concurrent",
           en=f"While transfer(1 → 2) was in the middle of its work (holding its locks), transfer(3 → 4) — which "
              f"shares no account with it — could not finish: it waited {PAUSE_S:g} s and more. Your transfers "
              "queue up behind one another, most likely behind a single lock shared by every transfer. That is "
              "correct (no deadlock, no lost money) but it turns the bank into one counter with one clerk: with "
              "thousands of accounts, every transfer waits for all the others. Expected: only the locks of the "
              "two accounts involved, taken in a global order (by `number`), so that transfers between different "
              "accounts run at the same time.",
           fr=f"Pendant que transfer(1 → 2) était au milieu de son travail (en tenant ses verrous), transfer(3 → 4) — "
              "qui ne partage aucun compte avec lui — n'a pas pu finir : il a attendu "
              f"{str(PAUSE_S).replace('.', ',')} s et plus. Vos virements font la queue les uns derrière les "
              "autres, très probablement derrière un seul verrou partagé par tous. C'est correct (ni interblocage "
              "ni argent perdu) mais cela transforme la banque en un guichet unique : avec des milliers de comptes, "
              "chaque virement attend tous les autres. Attendu : seulement les verrous des deux comptes concernés, "
              "pris dans un ordre global (par `number`), pour que des virements entre comptes différents se fassent "
              "en même temps.")
