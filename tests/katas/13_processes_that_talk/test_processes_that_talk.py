"""Hidden suite of kata 13 — processes that talk.

Each check runs `pipeline_queue` or `pipeline_pipe` (the same checks for both) in a thread of this process
and watches it from outside:
- where the work ran: during a call the learner's `transform` is replaced by the checker's
  (processes_that_talk_probes.watched_transform, 3 × item), which records the pid of every process that
  transforms an item. Forked children inherit it; children started with spawn or forkserver import the
  learner's module again through a wrapper that installs it, so any start method the learner picks is seen.
  Every process forked (os.register_at_fork) or spawned during the call is recorded too.
- hangs: a call that stops making progress (its thread and every process it started asleep, no CPU used,
  nothing recorded) for IDLE_S seconds is a hang, decided in about a second instead of a long time-out;
  a hard deadline catches the busy ones. The verdict says why it hangs (missing or unrecognised
  sentinel, join before reading, a child that died: its traceback is read from the captured stderr).
- processes left behind: right after the function returns, /proc lists this process's children; one
  still running after a short grace is a leaked process, one that has ended but was never waited for is a
  zombie (not joined). Whatever a check leaves running is terminated and reaped by a fixture.
- spawn: the call is repeated with the spawn start method as the default.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import re
import sys
import threading
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

import processes_that_talk_probes as probes
from checker import system
from checker.child.leaks import started_target
from checker.child.testkit import fail, main_block_names, require_function, same, seconds, show, start_call
from checker.child.threadkit import error_chain, error_line, grouped, require_top_level

VARIANTS = ("pipeline_queue", "pipeline_pipe")
CHANNEL = {"pipeline_queue": ("put", "get"), "pipeline_pipe": ("send", "recv")}

SMALL = [4, 0, 7, -1, 2, 0, 9]  # 0 and -1: values a careless sentinel test takes for the end
CASES = [[], SMALL, list(range(-12, 25))]
LARGE = [10 ** 400 + 7 * i for i in range(1500)]  # about 270 KB of results: far more than a pipe holds

IDLE_S = 1.5          # no progress at all for this long: the call hangs
POLL_S = 0.05
QUICK_S = 0.1         # a call is only watched for progress after this long
CALL_DEADLINE_S = 8.0  # hard limit of one call that keeps busy (a spinning loop)
SPAWN_DEADLINE_S = 15.0
GRACE_S = 1.0         # a child still running this long after the function returned is leaked

PICKLE = re.compile(r"(?i)pickl|can't get local object")  # 3.13 says "Can't get local object" when pickling

os.register_at_fork(after_in_child=probes.on_fork)
_calls = itertools.count(1)
_RUN: dict = {}  # "record": the record file of the whole run (see `record_file`)
_SEEN: dict = {}  # variant -> Outcome of its call with SMALL in test_exact_results


def expected(items: list) -> list:
    return [probes.FACTOR * item for item in items]


def call_text(variant: str, items: list, lang: str = "en") -> str:
    if items is LARGE:
        what = "entiers de 400 chiffres" if lang == "fr" else "integers of 400 digits"
        return f"{variant}(<{len(LARGE)} {what}>)"
    return f"{variant}({show(items)})"


def shown(value, lang: str = "en") -> str:
    if type(value) is list and value and any(type(v) is int and abs(v) > 10 ** 30 for v in value):
        return f"<une liste de {len(value)} valeurs>" if lang == "fr" else f"<a list of {len(value)} values>"
    return show(value)


# --- running one call and watching it --------------------------------------------------------------------


@dataclass
class Outcome:
    kind: str  # "returned" | "raised" | "hung"
    busy: bool = False  # hung while still using the CPU (a loop that never ends), not waiting
    value: object = None
    error: BaseException | None = None
    elapsed: float = 0.0
    record: probes.Record = field(default_factory=probes.Record)
    stderr: str = ""
    leaked: list = field(default_factory=list)  # children still running GRACE_S after the function returned
    zombies: list = field(default_factory=list)  # children that ended but were never waited for
    running: list = field(default_factory=list)  # processes still running when a hang was declared


@contextmanager
def watching(learner, tmp_path: Path):
    """Replace `transform` in this process and in every process the call starts, and record them. Yields
    the size of the record file before the call: the call's lines are those written after it."""
    number = next(_calls)
    wrap = tmp_path / f"wrap-{number}"
    wrap.mkdir()
    (wrap / f"{learner.__name__}.py").write_text(probes.wrapper_source(learner.__file__), encoding="utf-8")
    missing = object()
    original = vars(learner).get("transform", missing)
    learner.transform = probes.watched_transform
    sys.path.insert(0, str(wrap))
    try:
        with probes.feeder_errors_shown():
            yield _size(_RUN["record"])
    finally:
        if str(wrap) in sys.path:
            sys.path.remove(str(wrap))
        if original is missing:
            vars(learner).pop("transform", None)
        else:
            learner.transform = original


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def _wait(thread: threading.Thread, before: set, record: str, deadline: float) -> str:
    """Wait for the call's thread: "" when it returned, "idle" when nothing made progress for IDLE_S,
    "busy" when it was still running (using the CPU) at the deadline."""
    started = time.monotonic()
    me = threading.get_native_id()
    thread.join(QUICK_S)  # most calls are over by then: no need to watch them
    last, idle_since = None, time.monotonic()
    while True:
        if not thread.is_alive():
            return ""
        thread.join(POLL_S)
        if not thread.is_alive():
            return ""
        now = time.monotonic()
        if now - started > deadline:
            return "busy"
        if not probes.HAS_PROC:
            continue
        kids = {pid: state for pid, state in probes.descendants().items() if pid not in before}
        threads = probes.threads(skip=me)
        busy = any(state in "RD" for state, _ in (*kids.values(), *threads.values()))
        signature = (sorted(kids.items()), sorted(threads.items()), _size(record))
        if busy or signature != last:
            last, idle_since = signature, now
        elif now - idle_since >= IDLE_S:
            return "idle"


def run(learner, variant: str, items: list, tmp_path: Path, capfd, deadline: float = CALL_DEADLINE_S,
        leftovers: bool = False) -> Outcome:
    func = require_function(learner, variant)
    capfd.readouterr()
    before = set(probes.descendants())
    with watching(learner, tmp_path) as offset:
        call = start_call(func, list(items), name=f"kata13-{variant}")
        hung = _wait(call.thread, before, _RUN["record"], deadline)
        result = call.outcome()
        leaked, zombies = ([], []) if hung or not leftovers else _leftovers(before)
    running = []
    if hung:
        running = [_describe(p) for p in multiprocessing.active_children()]
    out, err = capfd.readouterr()
    sys.stdout.write(out)  # back into the check's captured output, for the learner to read
    sys.stderr.write(err)
    kind = "hung" if hung else result.kind
    return Outcome(kind, hung == "busy" and probes.HAS_PROC, result.value, result.error, result.elapsed,
                   probes.read_record(_RUN["record"], offset), err, leaked, zombies, running)


def _leftovers(before: set) -> tuple[list, list]:
    """Right after the function returned: (children still running GRACE_S later, children that had ended
    but were never waited for). Must run before anything calls multiprocessing.active_children(), which
    reaps the ended ones."""
    if not probes.HAS_PROC:  # no /proc (macOS): only processes still running can be seen
        return [_describe(p) for p in multiprocessing.active_children() if p.pid not in before], []
    helpers = probes.helper_pids()
    left = {pid: state for pid, (state, _) in probes.children().items()
            if pid not in before and pid not in helpers}
    deadline = time.monotonic() + GRACE_S
    while time.monotonic() < deadline and any(state not in "ZX" for state in left.values()):
        time.sleep(0.05)
        now = probes.children()
        left = {pid: now[pid][0] if pid in now else "X" for pid in left}
    alive = sorted(pid for pid, state in left.items() if state not in "ZX")
    zombies = sorted(pid for pid, state in left.items() if state == "Z")
    names = {p.pid: _describe(p) for p in multiprocessing.active_children()} if alive else {}
    return [names.get(pid, f"pid {pid}") for pid in alive], zombies


def _describe(process) -> str:
    target = started_target(process.pid)
    return f"{process.name} (pid {process.pid}" + (f", {target})" if target else ")")


@pytest.fixture(scope="session", autouse=True)
def record_file(tmp_path_factory):
    """One record file for the whole run, named in the environment before any process is started: a fork
    server started during one call serves the next ones with the environment it had then."""
    _RUN["record"] = str(tmp_path_factory.mktemp("kata13") / "record.txt")
    os.environ[probes.ENV] = _RUN["record"]
    yield
    os.environ.pop(probes.ENV, None)


@pytest.fixture(autouse=True)
def cleanup():
    """Fork for the check; then terminate and reap whatever its calls left running, and restore the start
    method."""
    method = multiprocessing.get_start_method(allow_none=True)
    before = {p.pid for p in multiprocessing.active_children()} | set(probes.children())
    with system.fork_where_it_exists():  # whatever the system's default: test_works_under_spawn asks for spawn
        yield
    multiprocessing.set_start_method(method, force=True)
    for _ in range(3):
        stray = [p for p in multiprocessing.active_children() if p.pid not in before]
        if not stray:
            break
        for process in stray:
            process.terminate()
        for process in stray:
            process.join(2)
            if process.is_alive():
                process.kill()
                process.join(2)
    known = {p.pid for p in multiprocessing.active_children()}
    for pid, (state, _) in probes.children().items():
        if state == "Z" and pid not in before and pid not in known:
            try:
                os.waitpid(pid, os.WNOHANG)
            except ChildProcessError:
                pass


@pytest.fixture
def spawn_default():
    multiprocessing.set_start_method("spawn", force=True)
    yield  # `cleanup` restores the previous start method


# --- explaining what went wrong ------------------------------------------------------------------------


NOT_PICKLABLE = (
    "To send an object to another process, Python pickles it: turns it into bytes, which the other process "
    "turns back into an object. A function travels by its name (module + name) and the other process looks "
    "that name up, so a lambda or a function defined inside another function cannot travel; a generator, a "
    "lock or an open file cannot be pickled at all. With fork, a Process's target and arguments are "
    "inherited, not pickled, which hides the problem until the code runs with spawn (Windows, macOS). "
    "Expected: Process targets defined at the top level of the module, and only plain data (numbers, "
    "strings, tuples, lists) sent through the queue or the pipe.",
    "Pour envoyer un objet à un autre processus, Python le sérialise (pickle) : il le transforme en octets, "
    "que l'autre processus retransforme en objet. Une fonction voyage par son nom (module + nom) et l'autre "
    "processus retrouve ce nom : une lambda ou une fonction définie dans une autre fonction ne peut donc pas "
    "voyager ; un générateur, un verrou ou un fichier ouvert ne se sérialisent pas du tout. Avec fork, la "
    "cible et les arguments d'un Process sont hérités, pas sérialisés, ce qui cache le problème jusqu'à ce "
    "que le code tourne avec spawn (Windows, macOS). Attendu : les cibles des Process définies au niveau "
    "principal du module, et seulement des données simples (nombres, chaînes, tuples, listes) envoyées dans "
    "la file ou le tube.")

SPAWN = (
    "With spawn (the default on Windows and macOS), each process is a fresh Python that imports your module "
    "again, then looks its target function up by name. It sees only what the module defines when it is "
    "imported: not what your code changed while running (a global variable set before starting the "
    "processes), not what is defined under `if __name__ == \"__main__\":`, and an object created at import "
    "time (a queue at module level) is a new, different one in every process. Module-level code that starts "
    "processes runs again in every child. Expected: everything a process needs passed as arguments to "
    "Process(target=..., args=(...)): the queues or pipe ends, the items; only definitions at the top level.",
    "Avec spawn (le défaut sous Windows et macOS), chaque processus est un Python neuf qui réimporte votre "
    "module, puis y cherche sa fonction cible par son nom. Il ne voit que ce que le module définit à "
    "l'import : pas ce que votre code a modifié en cours d'exécution (une variable globale remplie avant de "
    "lancer les processus), pas ce qui est défini sous `if __name__ == \"__main__\":`, et un objet créé à "
    "l'import (une file au niveau du module) est un objet neuf, différent, dans chaque processus. Du code "
    "au niveau du module qui lance des processus s'exécute à nouveau dans chaque enfant. Attendu : tout ce "
    "dont un processus a besoin passé en arguments de Process(target=..., args=(...)) : les files ou les "
    "bouts de tube, les éléments ; seulement des définitions au niveau principal.")


def fail_raised(outcome: Outcome, variant: str, items: list, learner, under_spawn: bool = False):
    call, call_fr = call_text(variant, items), call_text(variant, items, "fr")
    exc = outcome.error
    if isinstance(exc, (NotImplementedError, SystemExit, KeyboardInterrupt)):
        raise exc  # the plugin turns these into their verdicts
    chain = error_chain(exc)
    error = error_line(chain)
    if any(PICKLE.search(f"{e['type']} {e['message']}") for e in chain):
        fail("not-picklable", en=f"{call} raised {error}. " + NOT_PICKLABLE[0],
             fr=f"{call_fr} a levé {error}. " + NOT_PICKLABLE[1])
    missing = next((e["name"] for e in chain if e["name"]), None)  # a NameError (or subclass) names it
    if missing and missing in main_block_names(learner.__file__):
        fail("spawn-unsafe",
             en=f"{call} raised NameError: name '{missing}' is not defined. `{missing}` is defined under "
                "`if __name__ == \"__main__\":`, a block that runs only when you start the file yourself, "
                "never when the module is imported: by the checker, or by each process started with spawn. "
                + SPAWN[0],
             fr=f"{call_fr} a levé NameError : le nom '{missing}' n'est pas défini. `{missing}` est défini sous "
                "`if __name__ == \"__main__\":`, un bloc qui ne s'exécute que quand vous lancez le fichier "
                "vous-même, jamais quand le module est importé : par le correcteur, ou par chaque processus "
                "lancé avec spawn. " + SPAWN[1])
    if under_spawn:
        fail("spawn-unsafe", en=f"Under the spawn start method, {call} raised {error}, while it worked with fork. "
                                + SPAWN[0],
             fr=f"Avec le mode de démarrage spawn, {call_fr} a levé {error}, alors qu'il fonctionnait avec fork. "
                + SPAWN[1])
    raise exc  # the plugin reports a crash with the learner's line


def fail_hung(outcome: Outcome, variant: str, items: list, *, large: bool = False, under_spawn: bool = False):
    call, call_fr = call_text(variant, items), call_text(variant, items, "fr")
    took_en, took_fr = seconds(outcome.elapsed, "en", 1), seconds(outcome.elapsed, "fr", 1)
    put, get = CHANNEL[variant]
    errors = probes.child_errors(outcome.stderr)
    pickled = next((e for e in errors if PICKLE.search(e[1])), None)
    done = len(outcome.record.transforms)
    running = ", ".join(outcome.running) or "-"
    if pickled:
        who, error = (f" ({pickled[0]})" if pickled[0] else ""), pickled[1].rstrip(".")
        fail("not-picklable",
             en=f"{call} never returned: a process{who} failed with {error}, and the others waited forever for "
                "what it should have sent. " + NOT_PICKLABLE[0],
             fr=f"{call_fr} n'a jamais rendu la main : un processus{who} a échoué avec {error}, et les autres ont "
                "attendu indéfiniment ce qu'il aurait dû envoyer. " + NOT_PICKLABLE[1])
    if under_spawn:
        died_en = f" A process failed with {errors[0][1].rstrip('.')}." if errors else ""
        died_fr = f" Un processus a échoué avec {errors[0][1].rstrip('.')}." if errors else ""
        fail("spawn-unsafe",
             en=f"Under the spawn start method, {call} never returned (stopped after {took_en}; "
                f"still running: {running}), while with fork it returns at once.{died_en} " + SPAWN[0],
             fr=f"Avec le mode de démarrage spawn, {call_fr} n'a jamais rendu la main (arrêté après "
                f"{took_fr} ; encore en cours : {running}), alors qu'avec fork il répond tout de "
                f"suite.{died_fr} " + SPAWN[1])
    if errors:
        who, error = errors[0]
        who_en = f"the process {who}" if who else "a process"
        who_fr = f"le processus {who}" if who else "un processus"
        hint_en = hint_fr = ""
        if "'object'" in error:
            hint_en = (" It failed on a bare object(): an object() used as the sentinel arrives in the other "
                       "process as a copy, so `is SENTINEL` is never true there and the copy is treated as an "
                       "item. None is the same object in every process.")
            hint_fr = (" Il a échoué sur un simple object() : un object() utilisé comme sentinelle arrive dans "
                       "l'autre processus sous forme de copie, `is SENTINEL` n'y est donc jamais vrai et la copie "
                       "est traitée comme un élément. None est le même objet dans tous les processus.")
        fail("crash",
             en=f"{call} never returned: {who_en} died with {error}, and your function kept waiting for "
                f"results it will never send (stopped after {took_en}).{hint_en} An exception "
                "in a child process does not reach the parent: it only prints its traceback and ends. "
                "Expected: processes that run to their end and send every result, then the sentinel.",
             fr=f"{call_fr} n'a jamais rendu la main : {who_fr} est mort avec {error}, et votre fonction a "
                f"continué d'attendre des résultats qu'il n'enverra jamais (arrêté après "
                f"{took_fr}).{hint_fr} Une exception dans un processus enfant n'arrive pas au "
                "parent : "
                "il affiche sa trace et s'arrête. Attendu : des processus qui vont jusqu'au bout et envoient "
                "chaque résultat, puis la sentinelle.")
    if outcome.busy:
        fail("timeout",
             en=f"{call} had not returned after {took_en}, and its processes were still busy "
                f"(using the CPU; still running: {running}): a loop that never ends. Usual cause: a consumer "
                "that polls (`get_nowait()`, `empty()`, `poll()`) in a `while True` loop with no sentinel to "
                "stop it, spinning for ever instead of waiting. Expected: a blocking get()/recv() in a loop "
                "that ends on the sentinel.",
             fr=f"{call_fr} n'avait pas rendu la main après {took_fr}, et ses processus étaient "
                f"encore occupés (ils utilisaient le processeur ; encore en cours : {running}) : une boucle "
                "sans fin. Cause habituelle : un consommateur qui sonde (`get_nowait()`, `empty()`, `poll()`) "
                "dans une boucle `while True` sans sentinelle pour l'arrêter, et tourne pour toujours au lieu "
                "d'attendre. Attendu : un get()/recv() bloquant dans une boucle qui se termine sur la "
                "sentinelle.")
    if large:
        fail("deadlock",
             en=f"{call} never returned (stopped after {took_en} with no process making "
                f"progress; still running: {running}), while the same code works with a few small items. These "
                f"{grouped(len(items))} results add up to about 270 KB, and a pipe holds only about 64 KB: a process "
                f"that sends more blocks in {put}() (for a Queue: cannot exit, its feeder thread still "
                "holding data) until someone reads. If the parent calls join() on that process before reading "
                "its results, each waits for the other forever: a deadlock. Expected: read every result first "
                "(until the sentinel), then join() the processes.",
             fr=f"{call_fr} n'a jamais rendu la main (arrêté après {took_fr} sans qu'aucun processus "
                f"ne progresse ; encore en cours : {running}), alors que le même code marche avec quelques petits "
                f"éléments. Ces {grouped(len(items), 'fr')} résultats font environ 270 Ko, et un tube n'en contient qu'environ "
                f"64 Ko : un processus qui envoie davantage se bloque dans {put}() (pour une Queue : ne peut pas "
                "se terminer, son thread d'alimentation gardant des données) jusqu'à ce que quelqu'un lise. Si "
                "le parent appelle join() sur ce processus avant de lire ses résultats, chacun attend l'autre "
                "pour toujours : un interblocage. Attendu : lire d'abord tous les résultats (jusqu'à la "
                "sentinelle), puis join() les processus.")
    if not items:
        what_en = "There were no items at all, and still the processes had to be told to stop"
        what_fr = "Il n'y avait aucun élément, et il fallait quand même dire aux processus de s'arrêter"
    elif done >= len(items):
        what_en = (f"All {len(items)} items went through transform, then every process kept waiting")
        what_fr = (f"Les {len(items)} éléments sont tous passés par transform, puis tous les processus ont "
                   "continué d'attendre")
    else:
        what_en = f"{done} of the {len(items)} items went through transform, then every process kept waiting"
        what_fr = (f"{done} des {len(items)} éléments sont passés par transform, puis tous les processus ont "
                   "continué d'attendre")
    fail("deadlock",
         en=f"{call} never returned: stopped after {took_en} with no process making progress "
            f"(still running: {running}). {what_en}. A consumer that loops on {get}() cannot know that no "
            "item will ever come again unless the producer says so: it sends a sentinel (None) after the last "
            "item, the consumer stops when it receives it and sends a sentinel on to the parent. Usual causes: "
            "no sentinel; a sentinel made with object() and compared with `is` (pickling makes a copy in the "
            "other process, so `is` is never true: use None); the parent reading more results than there are "
            "items, or joining a process that still waits. Expected: every process ends, then the function "
            "returns.",
         fr=f"{call_fr} n'a jamais rendu la main : arrêté après {took_fr} sans qu'aucun processus ne "
            f"progresse (encore en cours : {running}). {what_fr}. Un consommateur qui boucle sur {get}() ne peut "
            "pas savoir qu'aucun élément ne viendra plus si le producteur ne le lui dit pas : il envoie une "
            "sentinelle (None) après le dernier élément, le consommateur s'arrête en la recevant et transmet une "
            "sentinelle au parent. Causes habituelles : pas de sentinelle ; une sentinelle créée avec object() "
            "et comparée avec `is` (la sérialisation en fait une copie dans l'autre processus, `is` n'est donc "
            "jamais vrai : utilisez None) ; le parent qui lit plus de résultats qu'il n'y a d'éléments, ou qui "
            "attend (join) un processus qui attend encore. Attendu : chaque processus se termine, puis la "
            "fonction rend la main.")


def check_result(outcome: Outcome, variant: str, items: list, *, under_spawn: bool = False) -> None:
    """Fail unless the call returned exactly the list [3 × item for item in items]."""
    call, call_fr = call_text(variant, items), call_text(variant, items, "fr")
    got, want = outcome.value, expected(items)
    if same(got, want):
        return
    got_fr, want_fr = shown(got, "fr"), shown(want, "fr")
    errors = probes.child_errors(outcome.stderr)
    pickled = next((e for e in errors if PICKLE.search(e[1])), None)
    if pickled:
        fail("not-picklable",
             en=f"{call} returned {shown(got)} instead of {shown(want)}: a process failed with {pickled[1]}, "
                "so what it had to send never arrived. " + NOT_PICKLABLE[0],
             fr=f"{call_fr} a renvoyé {got_fr} au lieu de {want_fr} : un processus a échoué avec {pickled[1]}, "
                "ce qu'il devait envoyer n'est donc jamais arrivé. " + NOT_PICKLABLE[1])
    code, en, fr = explain_wrong(got, items)
    if under_spawn:
        fail("spawn-unsafe",
             en=f"Under the spawn start method, {call} returned {shown(got)} instead of {shown(want)}, while "
                "with fork it was right. " + SPAWN[0],
             fr=f"Avec le mode de démarrage spawn, {call_fr} a renvoyé {got_fr} au lieu de {want_fr}, alors "
                "qu'avec fork c'était juste. " + SPAWN[1])
    fail(code,
         en=f"{call} returned {shown(got)}; expected {shown(want)}. During the check, transform is the checker's "
            f"own (it returns 3 × item, and notes which process ran it). {en}",
         fr=f"{call_fr} a renvoyé {got_fr} ; attendu {want_fr}. Pendant la vérification, transform est celle du "
            f"correcteur (elle renvoie 3 × item, et note quel processus l'exécute). {fr}")


_NOTHING = object()


def explain_wrong(got, items: list) -> tuple[str, str, str]:
    want = expected(items)
    if got is None:
        return ("wrong-result", "Your function returned None: a `return` is missing.",
                "Votre fonction a renvoyé None : il manque un `return`.")
    if type(got) is not list:
        kind = type(got).__name__
        return ("wrong-result", f"It returned a {kind}; expected a list (build it with append, or list(...)).",
                f"Elle a renvoyé un {kind} ; attendu une liste (construite avec append, ou list(...)).")
    odd = next((v for v in got if type(v) is not int), _NOTHING)
    if odd is None:
        return ("wrong-result",
                "The sentinel (None) ended up among the results: it only marks the end of the stream. Stop "
                "reading when you receive it, without appending it.",
                "La sentinelle (None) s'est retrouvée parmi les résultats : elle ne fait que marquer la fin du "
                "flux. Arrêtez de lire quand vous la recevez, sans l'ajouter.")
    if odd is not _NOTHING:
        return ("wrong-result", f"The results must be ints; one of them is {show(odd)} ({type(odd).__name__}).",
                f"Les résultats doivent être des int ; l'un d'eux est {show(odd)} ({type(odd).__name__}).")
    if items and got == [item * item for item in items]:
        return ("wrong-result",
                "Your results are item × item: the given formula, but not computed by the module's `transform` "
                "as it is when the call runs. Your consumer computes item * item itself, or calls a transform "
                "it took before the call (a default argument, a local copy). Expected: the consumer calls "
                "`transform(item)` by its module-level name for each item.",
                "Vos résultats valent item × item : la formule donnée, mais pas calculée par la `transform` du "
                "module telle qu'elle est pendant l'appel. Votre consommateur calcule item * item lui-même, ou "
                "appelle une transform prise avant l'appel (argument par défaut, copie locale). Attendu : le "
                "consommateur appelle `transform(item)` par son nom de niveau module pour chaque élément.")
    if items and got == list(items):
        return ("wrong-result",
                "The items came back unchanged: the consumer must send back transform(item) for each item.",
                "Les éléments sont revenus tels quels : le consommateur doit renvoyer transform(item) pour "
                "chaque élément.")
    if Counter(got) == Counter(want):
        return ("wrong-order",
                "The right results, in another order. Expected: the order of the items; one consumer reading "
                "a first-in first-out queue or pipe keeps it.",
                "Les bons résultats, dans un autre ordre. Attendu : l'ordre des éléments ; un seul consommateur "
                "qui lit une file ou un tube (premier entré, premier sorti) le conserve.")
    if len(got) < len(want) and got == want[:len(got)]:
        stop = items[len(got)]
        if stop == 0:
            return ("wrong-result",
                    f"It stopped after {len(got)} result(s), right before the item 0 (whose result is 0 too). "
                    "`if not item`, `while item := q.get()` or `while result:` take 0 for the end, like None: "
                    "0 is a real item. Test the sentinel itself: `if item is None: break`.",
                    f"Elle s'est arrêtée après {len(got)} résultat(s), juste avant l'élément 0 (dont le "
                    "résultat vaut 0 aussi). `if not item`, `while item := q.get()` ou `while result:` "
                    "prennent 0 pour la fin, comme None : 0 est un vrai élément. Testez la sentinelle "
                    "elle-même : `if item is None: break`.")
        if stop == -1:
            return ("wrong-result",
                    f"It stopped after {len(got)} result(s), right before the item -1: a sentinel must be a "
                    "value that can never be an item, and -1 can. Use None.",
                    f"Elle s'est arrêtée après {len(got)} résultat(s), juste avant l'élément -1 : une "
                    "sentinelle doit être une valeur qui ne peut jamais être un élément, et -1 peut l'être. "
                    "Utilisez None.")
        return ("wrong-result",
                f"Only the first {len(got)} of {len(want)} results came back: the rest were lost. Send the "
                "sentinel only after the last item, and read until the sentinel.",
                f"Seuls les {len(got)} premiers des {len(want)} résultats sont revenus : les autres sont perdus. "
                "N'envoyez la sentinelle qu'après le dernier élément, et lisez jusqu'à la sentinelle.")
    missing = sum((Counter(want) - Counter(got)).values())
    extra = sum((Counter(got) - Counter(want)).values())
    return ("wrong-result",
            f"{missing} expected result(s) missing and {extra} unexpected one(s) (lost or duplicated items). "
            "Each item must go through the pipeline exactly once: one producer sends each item once, one "
            "consumer transforms each item it receives once.",
            f"{missing} résultat(s) attendu(s) manquant(s) et {extra} en trop (éléments perdus ou en double). "
            "Chaque élément doit traverser le pipeline une fois exactement : un producteur envoie chaque élément "
            "une fois, un consommateur transforme une fois chaque élément reçu.")


def outcome_or_fail(learner, variant, items, tmp_path, capfd, **kw) -> Outcome:
    outcome = run(learner, variant, items, tmp_path, capfd, deadline=kw.pop("deadline", CALL_DEADLINE_S),
                  leftovers=kw.pop("leftovers", False))
    under_spawn = kw.get("under_spawn", False)
    if outcome.kind == "raised":
        fail_raised(outcome, variant, items, learner, under_spawn)
    if outcome.kind == "hung":
        fail_hung(outcome, variant, items, **kw)
    check_result(outcome, variant, items, under_spawn=under_spawn)
    return outcome


# --- the checks -------------------------------------------------------------------------------------


def needs(check: str):
    return [pytest.param(v, id=v, marks=pytest.mark.needs(f"{check}[{v}]")) for v in VARIANTS]


@pytest.mark.parametrize("variant", VARIANTS)
def test_is_a_function(learner, variant):
    """the function is defined at the top level of the module
    fr: la fonction est définie au niveau principal du module"""
    require_top_level(learner, variant)


@pytest.mark.parametrize("variant", needs("test_is_a_function"))
def test_exact_results(learner, variant, tmp_path, capfd):
    """every item transformed exactly once, results in order, also for [], 0 and -1
    fr: chaque élément transformé une fois exactement, résultats dans l'ordre, y compris pour [], 0 et -1"""
    for items in CASES:
        outcome = outcome_or_fail(learner, variant, items, tmp_path, capfd, leftovers=items is SMALL)
        if items is SMALL:
            _SEEN[variant] = outcome


def seen(learner, variant, tmp_path, capfd) -> Outcome:
    """The outcome of the call with SMALL made by test_exact_results (the checks that need it only read it)."""
    if variant not in _SEEN:
        _SEEN[variant] = outcome_or_fail(learner, variant, SMALL, tmp_path, capfd, leftovers=True)
    return _SEEN[variant]


@pytest.mark.parametrize("variant", needs("test_exact_results"))
def test_work_runs_in_two_other_processes(learner, variant, tmp_path, capfd):
    """a producer process and a consumer process do the work, not the caller
    fr: un processus producteur et un processus consommateur font le travail, pas l'appelant"""
    outcome = seen(learner, variant, tmp_path, capfd)
    call = call_text(variant, SMALL)
    record, me = outcome.record, os.getpid()
    if me in record.transform_pids or not record.transforms:
        fail("not-in-processes",
             en=f"{call} returned the right list, but transform ran in the calling process itself (pid {me}), "
                "not in a child process. Threads (threading.Thread, queue.Queue) live inside the calling "
                "process: they share its memory and its GIL. Expected: the consumer is a "
                "multiprocessing.Process that calls transform, with its own memory and interpreter; the two "
                "processes talk only through what they send each other.",
             fr=f"{call} a renvoyé la bonne liste, mais transform s'est exécutée dans le processus appelant "
                f"lui-même (pid {me}), pas dans un processus enfant. Des threads (threading.Thread, "
                "queue.Queue) vivent dans le processus appelant : ils partagent sa mémoire et son GIL. "
                "Attendu : le consommateur est un multiprocessing.Process qui appelle transform, avec sa "
                "propre mémoire et son propre interpréteur ; les deux processus ne communiquent que par ce "
                "qu'ils s'envoient.")
    others = record.processes(me)
    if len(others) < 2:
        fail("not-in-processes",
             en=f"{call} returned the right list and transform ran in a child process, but only one process "
                f"was started (pid {', '.join(map(str, sorted(others)))}). Expected two: a producer process "
                "that sends the items (then the sentinel), and a consumer process that transforms them and "
                "sends the results back to the caller. The caller only starts them, collects the results and "
                "waits for them.",
             fr=f"{call} a renvoyé la bonne liste et transform s'est exécutée dans un processus enfant, mais un "
                f"seul processus a été lancé (pid {', '.join(map(str, sorted(others)))}). Attendu : deux, un "
                "processus producteur qui envoie les éléments (puis la sentinelle), et un processus "
                "consommateur qui les transforme et renvoie les résultats à l'appelant. L'appelant ne fait "
                "que les lancer, recueillir les résultats et les attendre.")


@pytest.mark.parametrize("variant", needs("test_exact_results"))
def test_every_process_is_joined(learner, variant, tmp_path, capfd):
    """every process started has ended and been waited for (join) when the function returns
    fr: chaque processus lancé est terminé et attendu (join) quand la fonction rend la main"""
    outcome = seen(learner, variant, tmp_path, capfd)
    call = call_text(variant, SMALL)
    alive = outcome.leaked
    if alive:
        which = ", ".join(alive)
        fail("leaked-process",
             en=f"{call} returned the right list, but processes it started were still running {GRACE_S:g} s "
                f"later: {which}. A process left behind keeps waiting (usually for an item "
                "or a sentinel that never comes) and holds its memory until the program ends; daemon=True only "
                "hides it. Expected: every process finishes its loop (it receives the sentinel) and the caller "
                "join()s each one before returning.",
             fr=f"{call} a renvoyé la bonne liste, mais des processus lancés tournaient encore {GRACE_S:g} s "
                f"plus tard : {which}. Un processus abandonné continue d'attendre (en général un "
                "élément ou une sentinelle qui ne vient jamais) et garde sa mémoire jusqu'à la fin du programme ; "
                "daemon=True ne fait que le cacher. Attendu : chaque processus termine sa boucle (il reçoit la "
                "sentinelle) et l'appelant fait join() sur chacun avant de rendre la main.")
    zombies = outcome.zombies
    if zombies:
        pids = ", ".join(map(str, zombies))
        if len(zombies) == 1:
            state_en = f"pid {pids} ended and stayed a zombie"
            state_fr = f"pid {pids} s'est terminé et est resté zombie"
        else:
            state_en = f"pids {pids} ended and stayed zombies"
            state_fr = f"pid {pids} se sont terminés et sont restés zombies"
        fail("not-joined",
             en=f"{call} returned the right list, but {len(zombies)} of the processes it started had not been "
                f"waited for: {state_en} (a zombie is an entry that the system keeps until the parent collects "
                "the exit status). Without join() you do not know that a process has finished (nor whether it "
                "failed: exitcode), and zombies pile up in a program that runs for long. Expected: join() every "
                "process you start, after reading its results.",
             fr=f"{call} a renvoyé la bonne liste, mais {len(zombies)} des processus lancés n'avaient pas été "
                f"attendus : {state_fr} (un zombie est une entrée que le système garde jusqu'à ce que le parent "
                "recueille le code de sortie). Sans join(), vous ne savez pas qu'un processus est fini (ni s'il a "
                "échoué : exitcode), et les zombies s'accumulent dans un programme qui tourne longtemps. "
                "Attendu : join() sur chaque processus lancé, après avoir lu ses résultats.")


@pytest.mark.parametrize("variant", needs("test_exact_results"))
def test_more_results_than_a_pipe_holds(learner, variant, tmp_path, capfd):
    """results larger than a pipe's buffer do not deadlock (read first, then join)
    fr: des résultats plus gros que le tampon d'un tube ne bloquent pas (lire d'abord, puis join)"""
    outcome_or_fail(learner, variant, LARGE, tmp_path, capfd, large=True)


@pytest.mark.parametrize("variant", needs("test_exact_results"))
def test_works_under_spawn(learner, variant, tmp_path, capfd, spawn_default):
    """it works with the spawn start method (a fresh Python per process)
    fr: cela fonctionne avec le mode de démarrage spawn (un Python neuf par processus)"""
    outcome = outcome_or_fail(learner, variant, SMALL, tmp_path, capfd, deadline=SPAWN_DEADLINE_S,
                              under_spawn=True)
    if outcome.record.forked:
        call = call_text(variant, SMALL)
        fail("spawn-unsafe",
             en=f"With spawn as the default start method, {call} still forked its processes: your code chooses "
                "fork itself (multiprocessing.get_context('fork'), or a context taken at import time), so the "
                "checker cannot see it work under spawn. fork does not exist on Windows and is no longer the "
                "default on macOS, nor on Linux from Python 3.14. Expected: multiprocessing.Process, Queue and "
                "Pipe used directly (the platform's default), or get_context('spawn'), and code that works "
                "with it.",
             fr=f"Avec spawn comme mode de démarrage par défaut, {call} a quand même lancé ses processus par "
                "fork : votre code choisit fork lui-même (multiprocessing.get_context('fork'), ou un contexte "
                "pris à l'import), le correcteur ne peut donc pas le voir fonctionner avec spawn. fork n'existe "
                "pas sous Windows et n'est plus le défaut sous macOS, ni sous Linux à partir de Python 3.14. "
                "Attendu : multiprocessing.Process, Queue et Pipe utilisés directement (le défaut de la "
                "plate-forme), ou get_context('spawn'), et un code qui fonctionne ainsi.")
