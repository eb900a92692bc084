"""Hidden suite of kata 04 — beat the sequential loop on the CPU.

What runs where:
- exact results: the learner's function is called in this process (default start method), each call in a
  thread with a deadline, so that a hang is a verdict;
- in child processes, under spawn, and the speed: the learner's module is loaded again in a "harness"
  process (beat_sequential_cpu_probes.py, next to this file) that runs the call with a deadline and reports
  its result, its time and the CPU time of the processes it started. A call that hangs or crawls is stopped
  together with its processes and becomes a verdict.

"The work ran in child processes" is measured, never guessed from the code or from the speed: the CPU time
of the reaped child processes (RUSAGE_CHILDREN) must cover at least half the CPU time of the plain loop.
Speed is a ratio measured in the same run: the plain loop, the reference algorithm and the learner's
version, interleaved, best of a few rounds, with a bound from the cores really available. When even the
reference shows no speed-up, the verdict is busy-machine, never a wrong one. A fast time passes only with
evidence, from the same call, that two child processes computed at the same time (beat_sequential_cpu_
overlap.py reads their CPU time in /proc while the call runs): the machine's load can make one process look
fast against a loop measured at another moment, it cannot make two processes compute together. Two calls in
which they never did are no-speedup, whatever the times, also on one core.
"""

import math
import multiprocessing
import os
import re
import time
from pathlib import Path

import pytest

import beat_sequential_cpu_overlap as overlap
import beat_sequential_cpu_probes as helpers
from checker import system
from checker.i18n import choose_language, pick, t
from checker.child.testkit import call_with_deadline, fail, main_block_names, require_function, same, show
from checker.child.threadkit import error_line, grouped, require_top_level

FUNCTION = "parallel_sum_of_squares"

# (n, workers): divisible, not divisible, n < workers, n = 1, n = 0, one worker.
EXACT_CASES = [(12, 3), (10, 3), (1001, 4), (3, 4), (1, 2), (0, 2), (5, 1), (2003, 3)]
CALL_DEADLINE_S = 20.0

CPU_TARGET_S = 0.8            # CPU time of the plain loop in the "child processes" check: 0.35 of it (0.28 s)
                              #   stays above the noise of starting spawned processes (±0.15 s measured)
LARGE_N = 3_200_000           # at least this: the sum passes 2**63 (exact ints only)
CPU_SHARE = 0.35              # children must use at least this share of the plain loop's CPU time (beyond
SMALL_N = 1000                #   what a call with n = SMALL_N costs them: starting processes is not work)
SLOWER_THAN_REFERENCE = 6     # a call 6 times slower than the reference (measured just before) is stopped

SPAWN_CASE = (5003, 3)
SPAWN_DEADLINE_S = 10.0

SPEED_TARGET_S = 1.0          # the plain loop takes about this long in the speed check
MAX_ROUNDS = 4
SPEED_BUDGET_S = 20.0         # no new round after this long (at least 2 rounds)
AS_FAST_AS_REFERENCE = 1.2    # within 20 % of the reference counts as fast enough
FAR_BEHIND_REFERENCE = 1.5    # slower than the loop and 1.5 × the reference, while its processes burnt
WASTEFUL = 2.5                #   2.5 × the loop's CPU time: no-speedup even on a busy machine (CPU time of a
                              #   right version, beside 2 CPU hogs: 0.8 to 1.7 × the loop's; one task per
                              #   number: 5 × and more)
STEADY_REFERENCE = 1.15       # the reference at ×bound, and at ×1.15 in a second round: the machine is free
NO_GAIN = 1.15                # after 3 rounds, below ×1.15 and 1.3 × the reference's time: no-speedup
BEHIND_REFERENCE = 1.3
STOP_AFTER = 1.5              # a timed call slower than 1.5 × the plain loop (+0.5 s) is stopped
PARALLEL_MIN = 1.15           # without /proc (macOS) only: CPU seconds of all its processes per second of a
                              #   call, ÷ those the plain loop got per second (1 on a free core, less beside busy
                              #   programs). A share measured at another moment: the machine's load can fake it.
                              #   With /proc, what the children did in the same call decides (overlap module)
OVERLAP_CPU_S = 0.5           # n such that the loop needs at least this much CPU time: what the children of a
                              #   call do is judged on 0.25 s of their CPU time or more (overlap.CPU_MIN_S); more
                              #   would make the check too long on a loaded machine (check_timeout_s). On one core,
ONE_CORE_CPU_S = 0.8          #   where only your calls run, this much
ONE_CORE_CALLS = 2            # on one core: calls watched to tell processes in turn from processes at once,
ONE_CORE_TRIES = 4            #   out of at most this many (a call stopped early, or watched too late, tells nothing)

_CALIBRATION: dict = {}


# --- small tools ------------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def fork_where_it_exists():
    """The checks call the learner's code with fork as the start method where the system has it (Linux,
    macOS), whatever its default (spawn on macOS, forkserver on Linux from Python 3.14): a learner's platform
    never changes a verdict. The spawn check asks for spawn itself; the previous method comes back after."""
    with system.fork_where_it_exists():
        yield


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS: no affinity API
        return os.cpu_count() or 1


def _loop_per_number(clock) -> float:
    """Seconds per number of the plain loop on this machine, now, by `clock` (best of 3 short runs)."""
    if clock not in _CALIBRATION:
        best = math.inf
        for _ in range(3):
            started = clock()
            helpers.squares_loop(0, 200_000)
            best = min(best, clock() - started)
        _CALIBRATION[clock] = max(best, 1e-4) / 200_000
    return _CALIBRATION[clock]


def _loop_cpu_per_number() -> float:
    return _loop_per_number(time.process_time)


def _sized(target_s: float, per_number: float, cap: int) -> int:
    return max(LARGE_N, min(cap, int(target_s / per_number)))


def _rounded(times: dict[str, list[float]]) -> dict[str, list[float]]:
    """The measured times of the speed check, for the report's details (teachers read them)."""
    return {kind: [round(value, 3) for value in values] for kind, values in times.items()}


def _call_text(n: int, workers: int) -> str:
    return f"{FUNCTION}({n}, {workers})"


def _error_line(info: dict) -> str:
    return error_line(info.get("chain") or [], info.get("where"))


# --- explaining errors -------------------------------------------------------------------------------

# Pickling in the parent: "Can't pickle local object" (3.11, 3.12, 3.14), "Can't get local object" (3.13),
# "cannot pickle '_thread.lock' object", PicklingError for a lambda.
_PICKLE = re.compile(r"(?i)(?:can't|cannot) pickle|can't get local object|not picklable")
# In a worker that imported the module afresh: the function is not there, or it starts processes at import.
_NOT_FOUND_IN_WORKER = re.compile(r"Can't get attribute|bootstrapping phase")


def _explained(info: dict, call: str, learner_file: str, under_spawn: bool):
    """(code, en, fr) for errors this kata knows how to explain, else None."""
    chain = info.get("chain", [])
    messages = " | ".join(f"{e['type']}: {e['message']}" for e in chain)
    error = _error_line(info)
    if any(e["type"] == "PicklingError" for e in chain) or _PICKLE.search(messages):
        return ("not-picklable",
                f"{call} raised {error}. To hand a function or an object to another process, Python pickles "
                "it; a function is sent by its name (module + name) and the other process looks that name up. "
                "A function defined inside another function, or a lambda, has no such name; a lock, an open "
                "file or a generator cannot be pickled at all. Expected: the worker function defined at the "
                "top level of your module (`def slice_sum(start, stop): ...`), and only plain data (numbers, "
                "tuples) as its arguments.",
                f"{call} a levé {error}. Pour transmettre une fonction ou un objet à un autre processus, Python "
                "le sérialise (pickle) ; une fonction est envoyée par son nom (module + nom) et l'autre "
                "processus retrouve ce nom. Une fonction définie dans une autre fonction, ou une lambda, n'a "
                "pas de tel nom ; un verrou, un fichier ouvert ou un générateur ne se sérialisent pas du tout. "
                "Attendu : la fonction de travail définie au niveau principal du module (`def "
                "slice_sum(start, stop): ...`), et seulement des données simples (nombres, tuples) en "
                "arguments.")
    missing = next((e["name"] for e in chain if e["type"] == "NameError" and e["name"]), None)
    if missing and missing in main_block_names(learner_file):
        return ("spawn-unsafe",
                f"{call} raised NameError: name '{missing}' is not defined. `{missing}` is defined under "
                "`if __name__ == \"__main__\":`, a block that runs only when you start the file yourself. "
                "Whoever imports your module never runs it: the checker, and every worker started with spawn "
                "(the default on Windows and macOS), which imports your module again to find the worker "
                "function. Under spawn, Pool.map then waits forever for workers that die one after the other. "
                f"Expected: `{missing}` defined at the top level of the module; keep only the demo (calls and "
                "prints) under `if __name__ == \"__main__\":`.",
                f"{call} a levé NameError : le nom '{missing}' n'est pas défini. `{missing}` est défini sous "
                "`if __name__ == \"__main__\":`, un bloc qui ne s'exécute que quand vous lancez le fichier "
                "vous-même. Qui importe votre module ne l'exécute jamais : le correcteur, et chaque processus "
                "lancé avec spawn (le mode par défaut sous Windows et macOS), qui réimporte votre module pour "
                "y trouver la fonction de travail. Avec spawn, Pool.map attend alors indéfiniment des "
                "processus qui meurent l'un après l'autre. Attendu : `{missing}` défini au niveau principal "
                "du module ; ne gardez sous `if __name__ == \"__main__\":` que la démonstration (appels et "
                "affichages).")
    if under_spawn and (_NOT_FOUND_IN_WORKER.search(messages) or any(e["type"] == "BrokenProcessPool" for e in chain)):
        return ("spawn-unsafe", *_spawn_texts(call, f"raised {error}", f"a levé {error}"))
    return None


def _spawn_texts(call: str, what_en: str, what_fr: str) -> tuple[str, str]:
    return (f"Under the spawn start method (the default on Windows and macOS), {call} {what_en}. With spawn, "
            "each worker is a fresh Python that imports your module again, then looks the worker function up "
            "by its name; it sees only what your module defines when it is imported. A function defined "
            "under `if __name__ == \"__main__\":` or created while the program runs (inside a function, or "
            "a global set by your code before starting the processes) exists in your process only. Expected: "
            "the worker function at the top level of the module, and everything it needs passed as arguments.",
            f"Avec le mode de démarrage spawn (le défaut sous Windows et macOS), {call} {what_fr}. Avec spawn, "
            "chaque processus de travail est un Python neuf qui réimporte votre module, puis y cherche la "
            "fonction de travail par son nom ; il ne voit que ce que le module définit à l'import. Une "
            "fonction définie sous `if __name__ == \"__main__\":` ou créée pendant l'exécution (dans une "
            "fonction, ou une variable globale remplie par votre code avant de lancer les processus) n'existe "
            "que dans votre processus. Attendu : la fonction de travail au niveau principal du module, et "
            "tout ce dont elle a besoin passé en arguments.")


def _fail_on_error(info: dict, call: str, learner_file: str, under_spawn: bool):
    explained = _explained(info, call, learner_file, under_spawn)
    if explained:
        code, en, fr = explained
        fail(code, en=en, fr=fr)
    chain = info.get("chain", [])
    if chain and chain[0]["type"] == "NotImplementedError":
        fail("not-implemented", en=t("not-implemented", "en", function=FUNCTION, kata="04"),
             fr=t("not-implemented", "fr", function=FUNCTION, kata="04"))
    error = _error_line(info)
    if under_spawn:
        en, fr = _spawn_texts(call, f"raised {error}, while it worked with fork",
                              f"a levé {error}, alors qu'il fonctionnait avec fork")
        fail("spawn-unsafe", en=en, fr=fr)
    fail("crash", en=f"{call} raised {error}. Expected: it returns the sum.",
         fr=f"{call} a levé {error}. Attendu : qu'il renvoie la somme.")


def _fail_on_outcome(kind: str, info: dict, call: str, learner_file: str, under_spawn: bool):
    """Verdict for a harness answer other than `done` (and `slow`, which each check reads itself)."""
    if kind == "error":
        _fail_on_error(info, call, learner_file, under_spawn)
    if kind == "broken":
        crash = info.get("crash") or "?"
        if under_spawn:
            en, fr = _spawn_texts(
                call, f"never returned: its workers died one after the other with `{crash}`, and Pool.map waited "
                      f"for them (stopped after {info['elapsed']:.1f} s)",
                f"n'a jamais rendu la main : ses processus de travail sont morts l'un après l'autre avec "
                f"`{crash}`, et Pool.map les a attendus (arrêté après {info['elapsed']:.1f} s)")
            fail("spawn-unsafe", en=en, fr=fr)
        fail("crash",
             en=f"{call} never returned: its worker processes died with `{crash}` and the pool waited for them "
                f"(stopped after {info['elapsed']:.1f} s). Expected: workers that run the top-level worker "
                "function and send back one number each.",
             fr=f"{call} n'a jamais rendu la main : ses processus de travail sont morts avec `{crash}` et le "
                f"pool les a attendus (arrêté après {info['elapsed']:.1f} s). Attendu : des processus qui "
                "exécutent la fonction de travail du niveau principal et renvoient chacun un nombre.")
    if kind == "died":
        tail = f"\n{info['stderr']}" if info.get("stderr") else ""
        fail("crash",
             en=f"The process running {call} ended abruptly (exit status {info.get('exitcode')}): sys.exit(), "
                f"os._exit() or a crash of Python itself. Expected: it returns the sum.{tail}",
             fr=f"Le processus qui exécutait {call} s'est arrêté brutalement (code de sortie "
                f"{info.get('exitcode')}) : sys.exit(), os._exit() ou un plantage de Python. Attendu : qu'il "
                f"renvoie la somme.{tail}")
    if kind == "lost":
        fail("timeout",
             en=f"{call} stopped answering for {info['timeout']:.0f} s and was killed. Expected: it returns.",
             fr=f"{call} n'a plus répondu pendant {info['timeout']:.0f} s et a été arrêté. Attendu : qu'il "
                "rende la main.")
    fail("crash", en=f"{call}: unexpected answer {kind!r} from the checker's helper process.",
         fr=f"{call} : réponse inattendue {kind!r} du processus auxiliaire du correcteur.")


def _call_here(learner, func, n: int, workers: int):
    """Call the learner's function in this process, in a thread, with a deadline."""
    outcome = call_with_deadline(func, n, workers, timeout=CALL_DEADLINE_S, name="kata04-call")
    call = _call_text(n, workers)
    if outcome.hung:
        fail("timeout",
             en=f"{call} had not returned after {CALL_DEADLINE_S:g} s, for a sum that takes milliseconds. Some "
                "process waits for something that never comes: a result read from a queue nobody writes to, a "
                "process that was never started, or join() on a process that is itself waiting for you.",
             fr=f"{call} n'avait pas rendu la main après {CALL_DEADLINE_S:g} s, pour une somme qui prend "
                "quelques millisecondes. Un processus attend quelque chose qui n'arrive jamais : un résultat lu "
                "dans une file où personne n'écrit, un processus jamais démarré, ou join() sur un processus "
                "qui vous attend lui-même.")
    exc = outcome.error
    if exc is not None and not isinstance(exc, (NotImplementedError, SystemExit, KeyboardInterrupt)):
        explained = _explained(helpers.describe_error(exc, learner.__file__), call, learner.__file__, False)
        if explained:
            code, en, fr = explained
            fail(code, en=en, fr=fr)
    return outcome.result()  # the learner's exception, raised again: the plugin names it and its line


def _start_harness(learner, tmp_path: Path, start_method: str | None, label: str, under_spawn: bool):
    harness = helpers.Harness(learner.__name__, learner.__file__, tmp_path / f"{label}.stderr", start_method)
    kind, info = harness.ready
    if kind == "ready":
        return harness
    harness.close()
    if kind == "error":
        error = _error_line(info)
        if under_spawn:
            fail("spawn-unsafe",
                 en=f"Importing your module in a fresh Python process, as every spawn worker does, raised "
                    f"{error}. Expected: the module imports cleanly anywhere; keep the demo under "
                    "`if __name__ == \"__main__\":`.",
                 fr=f"Importer votre module dans un processus Python neuf, comme le fait chaque processus "
                    f"lancé avec spawn, a levé {error}. Attendu : un module qui s'importe sans erreur partout ; "
                    "gardez la démonstration sous `if __name__ == \"__main__\":`.")
        fail("crash", en=f"Importing your module in a new process raised {error}.",
             fr=f"Importer votre module dans un nouveau processus a levé {error}.")
    _fail_on_outcome(kind, info, f"import {learner.__name__}", learner.__file__, under_spawn)


def _check_result(info: dict, n: int, workers: int) -> None:
    """Fail with wrong-result unless the harness's answer is the exact sum as a Python int."""
    if info["type"] == "int" and info["value"] == helpers.expected_sum(n):
        return
    shown = show(info["value"]) if info["type"] == "int" else (info["repr"] or f"<{info['type']} object>")
    _fail_wrong(shown, info["value"] if info["type"] == "int" else None, info["type"], n, workers)


def _type_name(value: object) -> str:
    kind = type(value)
    return kind.__qualname__ if kind.__module__ == "builtins" else f"{kind.__module__}.{kind.__qualname__}"


def _fail_wrong(shown: str, value, kind: str, n: int, workers: int) -> None:
    expected = helpers.expected_sum(n)
    call = _call_text(n, workers)
    en_why, fr_why = _why_wrong(value, kind, n, workers)
    fail("wrong-result",
         en=f"{call} returned {shown}; expected {grouped(expected)}, the sum of i*i for i in range({n}). " + en_why,
         fr=f"{call} a renvoyé {shown} ; attendu {grouped(expected, 'fr')}, la somme des i*i pour i dans range({n}). "
            + fr_why)


def _why_wrong(value, kind: str, n: int, workers: int) -> tuple[str, str]:
    if value is None:
        if kind == "float":
            return ("A float keeps only about 16 significant digits: the sum must be an exact Python int "
                    "(add ints, and use // rather than /).",
                    "Un float ne garde qu'environ 16 chiffres significatifs : la somme doit être un int Python "
                    "exact (additionnez des int, et utilisez // plutôt que /).")
        return (f"Expected a Python int, got a {kind}. Return the sum of the numbers the processes sent back.",
                f"Attendu un int Python, reçu un {kind}. Renvoyez la somme des nombres renvoyés par les "
                "processus.")
    diff = helpers.expected_sum(n) - value
    for k in range(1, max(workers, 2)):  # the last k numbers missing: n // workers * workers stops short of n
        if 0 < k <= n and diff == helpers.squares_loop(n - k, n):
            last = f"{n - k}" if k == 1 else f"{n - k}..{n - 1}"
            return (f"The last {k} number(s) ({last}) were left out: when n is not a multiple of workers, "
                    "slices of n // workers numbers stop short of n. The last slice must stop at n (or hand "
                    "the remainder to some slices).",
                    f"Le(s) {k} dernier(s) nombre(s) ({last}) ont été oubliés : quand n n'est pas un multiple "
                    "de workers, des tranches de n // workers nombres s'arrêtent avant n. La dernière tranche "
                    "doit s'arrêter à n (ou répartissez le reste entre des tranches).")
    if diff > 0:
        return ("Some numbers were left out. Together the slices must cover 0, 1, ..., n-1 exactly once, also "
                "when n is not a multiple of workers or n < workers.",
                "Des nombres ont été oubliés. Ensemble, les tranches doivent couvrir 0, 1, ..., n-1 une fois "
                "chacun, y compris quand n n'est pas un multiple de workers ou que n < workers.")
    return ("Some numbers were counted twice or past n-1: slices overlap, or one goes too far. Together they "
            "must cover 0, 1, ..., n-1 exactly once (range(start, stop) stops before stop).",
            "Des nombres ont été comptés deux fois ou au-delà de n-1 : des tranches se chevauchent, ou l'une "
            "va trop loin. Ensemble, elles doivent couvrir 0, 1, ..., n-1 une fois chacun (range(start, stop) "
            "s'arrête avant stop).")


# --- the checks --------------------------------------------------------------------------------------


def test_parallel_sum_of_squares_is_a_function(learner):
    """parallel_sum_of_squares(n, workers) is a function of the module
    fr: parallel_sum_of_squares(n, workers) est une fonction du module"""
    require_top_level(learner, FUNCTION)


@pytest.mark.needs("test_parallel_sum_of_squares_is_a_function")
def test_exact_results(learner):
    """the exact sum, also for n = 0, n = 1, n < workers and n not divisible by workers
    fr: la somme exacte, y compris pour n = 0, n = 1, n < workers et n non divisible par workers"""
    func = require_function(learner, FUNCTION)
    for n, workers in EXACT_CASES:
        got = _call_here(learner, func, n, workers)
        if not same(got, helpers.expected_sum(n)):
            _fail_wrong(show(got), got if type(got) is int else None, _type_name(got), n, workers)


@pytest.mark.needs("test_exact_results")
def test_work_runs_in_child_processes(learner, tmp_path):
    """the squares are computed in child processes (their CPU time is measured)
    fr: les carrés sont calculés dans des processus enfants (leur temps CPU est mesuré)"""
    n, workers = _sized(CPU_TARGET_S, _loop_cpu_per_number(), 40_000_000), 2
    loop_cpu = n * _loop_cpu_per_number()
    call = _call_text(n, workers)
    fork = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    harness = _start_harness(learner, tmp_path, fork, "children", under_spawn=False)
    try:
        # First a tiny call: what starting its processes costs, to subtract (spawn costs ~0.06 s of CPU per
        # process). The reference, now, gives a deadline that follows the machine's load.
        small, workers_small = SMALL_N, workers
        base_kind, base = harness.run(small, workers_small, deadline=CALL_DEADLINE_S)
        if base_kind != "done":
            _fail_on_outcome(base_kind, base, _call_text(small, workers_small), learner.__file__, False)
        _check_result(base, small, workers_small)
        started = time.perf_counter()
        helpers.reference_parallel(n, workers)
        reference = time.perf_counter() - started
        kind, info = harness.run(n, workers, deadline=max(SLOWER_THAN_REFERENCE * reference, 3.0), measure=True)
    finally:
        harness.close()
    if kind == "slow":
        children = info["children_cpu"]
        if children >= 0.1 * info["elapsed"]:
            fail("no-speedup",
                 en=f"{call} was stopped after {info['elapsed']:.1f} s, while the reference solution took "
                    f"{reference:.2f} s just before, for the same call; its child processes had used "
                    f"{children:.1f} s of CPU. "
                    "Processes are used, but they spend their time on messages instead of squares: one task per "
                    "number (chunksize=1, or one submit() per number) means pickling, sending and receiving "
                    "millions of tiny messages. Expected: each process gets one big slice (start, stop) and "
                    "sends back one number.",
                 fr=f"{call} a été arrêté après {info['elapsed']:.1f} s, alors que la solution de référence a "
                    f"pris {reference:.2f} s juste avant, pour le même appel ; ses processus enfants avaient "
                    f"utilisé {children:.1f} s de CPU. Les processus sont là, mais passent leur temps en messages au lieu "
                    "de calculer : une tâche par nombre (chunksize=1, ou un submit() par nombre) veut dire "
                    "sérialiser, envoyer et recevoir des millions de petits messages. Attendu : chaque processus "
                    "reçoit une grande tranche (start, stop) et renvoie un seul nombre.")
        fail("timeout",
             en=f"{call} had not returned after {info['elapsed']:.1f} s (the plain loop needs about "
                f"{loop_cpu:.2f} s) and its child processes had done almost nothing ({children:.2f} s of CPU). "
                "It waits for something that never comes: a process that was never started, a queue read with "
                "nothing put in it, or join() on a process that is itself waiting.",
             fr=f"{call} n'avait pas rendu la main après {info['elapsed']:.1f} s (la boucle simple prend "
                f"environ {loop_cpu:.2f} s) et ses processus enfants n'avaient presque rien fait "
                f"({children:.2f} s de CPU). Il attend quelque chose qui n'arrive jamais : un processus jamais "
                "démarré, une lecture dans une file vide, ou join() sur un processus qui attend lui-même.")
    if kind != "done":
        _fail_on_outcome(kind, info, call, learner.__file__, under_spawn=False)
    _check_result(info, n, workers)
    children = max(0.0, info["children_cpu"] - base["children_cpu"])
    own = max(0.0, info["self_cpu"] - base["self_cpu"])
    if children >= CPU_SHARE * loop_cpu:
        return
    if own >= CPU_SHARE * loop_cpu:
        fail("not-in-processes",
             en=f"{call} returned the right sum, but its child processes used {children:.2f} s of CPU while "
                f"the plain loop needs {loop_cpu:.2f} s: the squares were computed in the calling process "
                f"itself ({own:.2f} s of CPU there). Threads do not help with this: the GIL (Global "
                "Interpreter Lock) lets only one thread at a time run Python code, so threads that compute "
                "take turns on one core, like a single loop. Expected: the slices computed in `workers` "
                "processes (multiprocessing.Pool, concurrent.futures.ProcessPoolExecutor or "
                "multiprocessing.Process), each with its own interpreter and its own GIL.",
             fr=f"{call} a renvoyé la bonne somme, mais ses processus enfants ont utilisé {children:.2f} s de "
                f"CPU alors que la boucle simple en demande {loop_cpu:.2f} s : les carrés ont été calculés dans "
                f"le processus appelant lui-même ({own:.2f} s de CPU). Les threads n'y changent rien : le GIL "
                "(Global Interpreter Lock) ne laisse qu'un thread à la fois exécuter du code Python ; des "
                "threads qui calculent se relaient sur un seul cœur, comme une seule boucle. Attendu : les "
                "tranches calculées dans `workers` processus (multiprocessing.Pool, "
                "concurrent.futures.ProcessPoolExecutor ou multiprocessing.Process), chacun avec son "
                "interpréteur et son propre GIL.")
    fail("not-in-processes",
         en=f"{call} returned the right sum, but its child processes used {children:.2f} s of CPU and the "
            f"calling process {own:.2f} s, while the plain loop needs {loop_cpu:.2f} s: nobody added up the "
            "squares one by one. A formula (n(n-1)(2n-1)/6) is right, but it skips the work this kata is "
            "about: spreading a CPU-bound loop over processes. Expected: each process runs sum_of_squares (or "
            "the same loop) over its own slice.",
         fr=f"{call} a renvoyé la bonne somme, mais ses processus enfants ont utilisé {children:.2f} s de CPU "
            f"et le processus appelant {own:.2f} s, alors que la boucle simple en demande {loop_cpu:.2f} s : "
            "personne n'a additionné les carrés un par un. Une formule (n(n-1)(2n-1)/6) est juste, mais elle "
            "évite le travail dont parle ce kata : répartir une boucle de calcul entre des processus. Attendu : "
            "chaque processus exécute sum_of_squares (ou la même boucle) sur sa tranche.")


@pytest.mark.needs("test_exact_results")
def test_works_under_spawn(learner, tmp_path):
    """it works with the spawn start method (a fresh Python per worker)
    fr: cela fonctionne avec le mode de démarrage spawn (un Python neuf par processus)"""
    n, workers = SPAWN_CASE
    call = _call_text(n, workers)
    harness = _start_harness(learner, tmp_path, "spawn", "spawn", under_spawn=True)
    try:
        kind, info = harness.run(n, workers, deadline=SPAWN_DEADLINE_S)
    finally:
        harness.close()
    if kind == "slow":
        en, fr = _spawn_texts(call, f"had not returned after {info['elapsed']:.1f} s, while with fork it returns "
                                    "at once",
                              f"n'avait pas rendu la main après {info['elapsed']:.1f} s, alors qu'avec fork il "
                              "répond tout de suite")
        fail("spawn-unsafe", en=en, fr=fr)
    if kind != "done":
        _fail_on_outcome(kind, info, call, learner.__file__, under_spawn=True)
    expected = helpers.expected_sum(n)
    if not (info["type"] == "int" and info["value"] == expected):
        shown = show(info["value"]) if info["type"] == "int" else (info["repr"] or info["type"])
        en, fr = _spawn_texts(call, f"returned {shown} instead of {grouped(expected)} (with fork it was right)",
                              f"a renvoyé {shown} au lieu de {grouped(expected, 'fr')} (avec fork, c'était juste)")
        fail("spawn-unsafe", en=en, fr=fr)


@pytest.mark.needs("test_exact_results", "test_work_runs_in_child_processes", "test_works_under_spawn")
def test_faster_than_the_plain_loop(learner, tmp_path):
    """it is faster than the plain loop, measured in the same run
    fr: c'est plus rapide que la boucle simple, mesuré dans la même exécution"""
    cores = _cores()
    if cores < 2:
        _judge_at_once_on_one_core(learner, tmp_path)
        pytest.skip(pick({
            "en": "Speed not checked: this process may use only 1 CPU core (os.sched_getaffinity), so processes "
                  "cannot run at the same time and no speed-up is possible here. Run the kata on 2 cores or "
                  "more to check it.",
            "fr": "Vitesse non vérifiée : ce processus ne peut utiliser qu'un cœur (os.sched_getaffinity), les "
                  "processus ne peuvent donc pas tourner en même temps et aucune accélération n'est possible "
                  "ici. Lancez le kata sur 2 cœurs ou plus pour la vérifier."}, choose_language()))
    workers = min(cores, 4)
    bound = 1.0 + 0.3 * (workers - 1)
    n = max(_sized(SPEED_TARGET_S, _loop_per_number(time.perf_counter), 200_000_000),
            _sized(OVERLAP_CPU_S, _loop_cpu_per_number(), 200_000_000))  # on a loaded machine, CPU time decides
    expected = helpers.expected_sum(n)
    call = _call_text(n, workers)
    times: dict[str, list[float]] = {"loop": [], "reference": [], "yours": []}
    cpu: dict[str, list[float]] = {"loop": [], "yours": []}  # CPU seconds: the suite's loop, each of your calls
    stopped = 0
    parallel: list[float] = []  # for each of your calls: CPU time of all its processes ÷ its wall time
    watched: list[overlap.Overlap] = []  # for each of your calls: what its child processes did, and when
    sampled = overlap.Sampler.available()
    harness = None
    kinds = ["loop", "reference", "yours"]
    began = time.perf_counter()
    try:
        for round_no in range(1, MAX_ROUNDS + 1):
            order = kinds[(round_no - 1) % 3:] + kinds[:(round_no - 1) % 3]
            for kind in order:
                if kind == "yours":
                    if harness is None or not harness.alive:
                        # the start method of this process, as the reference gets (a spawned process's default
                        # would be spawn, slower to start)
                        harness = _start_harness(learner, tmp_path, multiprocessing.get_start_method(),
                                                 f"speed{round_no}", under_spawn=False)
                    estimate = min(times["loop"]) if times["loop"] else n * _loop_per_number(time.perf_counter)
                    answer, info, seen = _watched_call(harness, n, workers, STOP_AFTER * estimate + 0.5, sampled)
                    if seen is not None and seen.measured:
                        watched.append(seen)
                    if answer == "slow":
                        stopped += 1
                        times["yours"].append(info["elapsed"])
                        cpu["yours"].append(info["children_cpu"] + info["self_cpu"])  # so far: at least this
                        continue
                    if answer != "done":
                        _fail_on_outcome(answer, info, call, learner.__file__, under_spawn=False)
                    _check_result(info, n, workers)
                    times["yours"].append(info["wall"])
                    cpu["yours"].append(info["children_cpu"] + info["self_cpu"])
                    parallel.append(cpu["yours"][-1] / max(info["wall"], 1e-9))
                    continue
                started, cpu_started = time.perf_counter(), time.process_time()
                value = helpers.squares_loop(0, n) if kind == "loop" else helpers.reference_parallel(n, workers)
                times[kind].append(time.perf_counter() - started)
                if kind == "loop":
                    cpu["loop"].append(time.process_time() - cpu_started)
                assert value == expected, f"the suite's own {kind} computed a wrong sum"
            if round_no < 2:
                continue
            best = {kind: min(values) for kind, values in times.items()}
            yours, reference = best["loop"] / best["yours"], best["loop"] / best["reference"]
            # Verdicts against your code need evidence that the machine's load cannot fake: the reference
            # reaching the bound, and beating the loop in a second round too (one lucky round beside busy
            # programs proves little), or your processes burning far more CPU time than the loop needs (CPU
            # time does not grow with the load).
            steady = reference >= bound and best["loop"] / sorted(times["reference"])[1] >= STEADY_REFERENCE
            burnt = (max(cpu["yours"], default=0.0), max(max(cpu["loop"]), 1e-9))  # CPU s: your call's, the loop's
            wasteful = burnt[0] >= WASTEFUL * burnt[1]
            loop_share = max(c / max(w, 1e-9) for c, w in zip(cpu["loop"], times["loop"]))  # its best
            alongside = max(parallel, default=0.0) / max(loop_share, 1e-9)  # processes computing at once
            # A fast time passes only if processes really computed at the same time: the load of the machine
            # can make one process look faster than the loop measured at another moment, never make two of its
            # child processes compute together in the same call. Without /proc, the CPU per second ratio.
            at_once = any(seen.at_once(workers) for seen in watched) if sampled else alongside >= PARALLEL_MIN
            if sampled and len(watched) >= 2 and all(seen.one_at_a_time(workers) for seen in watched):
                _fail_never_together(call, watched, workers, cores, times)
            fast = yours >= bound or (reference >= bound and best["yours"] <= AS_FAST_AS_REFERENCE * best["reference"])
            if fast and at_once:
                return
            # No gain at all while the reference reaches the bound; or slower than the loop while the reference,
            # in the same conditions, is faster than the loop and far faster than yours: not the machine's fault.
            no_gain = yours < 1.0 or (round_no >= 3 and yours < NO_GAIN
                                      and best["yours"] > BEHIND_REFERENCE * best["reference"])
            far_behind = (wasteful and yours < 1.0 <= reference
                          and best["yours"] > FAR_BEHIND_REFERENCE * best["reference"])
            # Processes seen computing at once, without burning more CPU time than the loop's several times:
            # a time that shows no gain is then the machine's doing (other programs held the cores), not yours.
            excused = sampled and at_once and not wasteful
            if far_behind or (steady and no_gain and not excused):
                _fail_no_speedup(call, best, yours, reference, bound, cores, round_no, stopped, times,
                                 burnt if wasteful else None)
            if round_no == MAX_ROUNDS or time.perf_counter() - began > SPEED_BUDGET_S:
                break
    finally:
        if harness is not None:
            harness.close()
    if not sampled and steady and yours < bound and len(parallel) >= 2 and alongside < PARALLEL_MIN:
        _fail_one_at_a_time(call, yours, reference, bound, cores, round_no, max(parallel), loop_share, times)
    if reference >= bound:  # some gain, below the bound and behind the reference: too noisy to judge
        fail("busy-machine",
             en=f"The measurements were too uneven to decide: in the same run (best of {round_no} rounds, "
                f"n = {grouped(n)}, {workers} processes, {cores} cores available) your version was ×{yours:.2f} as "
                f"fast as the plain loop and the reference solution ×{reference:.2f}; at least ×{bound:.2f} is "
                "expected. Other programs were probably using the processor. This is not counted as a mistake: "
                "let them finish and run `kata check 04` again.",
             fr=f"Les mesures étaient trop irrégulières pour décider : dans la même exécution (meilleur de "
                f"{round_no} tours, n = {grouped(n, 'fr')}, {workers} processus, {cores} cœurs disponibles), votre version "
                f"était ×{yours:.2f} plus rapide que la boucle simple et la solution de référence "
                f"×{reference:.2f} ; au moins ×{bound:.2f} est attendu. D'autres programmes utilisaient "
                "probablement le processeur. Ce n'est pas compté comme une erreur : laissez-les finir et "
                "relancez `kata check 04`.", times=_rounded(times), bound=bound)
    fail("busy-machine",
         en=f"The machine was too busy to measure a speed-up: even the reference solution was only "
            f"×{reference:.2f} as fast as the plain loop (best of {round_no} rounds, n = {grouped(n)}, {workers} "
            f"processes, {cores} cores available), and at least ×{bound:.2f} is expected. Your version: "
            f"×{yours:.2f}. This is not a mistake in your code: let the other programs finish and run "
            "`kata check 04` again.",
         fr=f"La machine était trop occupée pour mesurer une accélération : même la solution de référence "
            f"n'était que ×{reference:.2f} plus rapide que la boucle simple (meilleur de {round_no} tours, "
            f"n = {grouped(n, 'fr')}, {workers} processus, {cores} cœurs disponibles), et au moins ×{bound:.2f} est "
            f"attendu. Votre version : ×{yours:.2f}. Ce n'est pas une erreur de votre code : laissez les autres "
            "programmes finir et relancez `kata check 04`.", times=_rounded(times), bound=bound)


def _watched_call(harness, n: int, workers: int, deadline: float, sampled: bool):
    """One timed call of the learner's function in the harness, its child processes watched meanwhile:
    (answer, info, Overlap or None where /proc is missing)."""
    if not sampled:
        return (*harness.run(n, workers, deadline=deadline, measure=True), None)
    sampler = overlap.Sampler(harness.process.pid)
    sampler.start()
    try:
        answer, info = harness.run(n, workers, deadline=deadline, measure=True)
    finally:
        seen = sampler.stop()
    return answer, info, seen


def _judge_at_once_on_one_core(learner, tmp_path) -> None:
    """On one core no speed-up can be shown, but processes computing at once still share that core, each in
    turn for a few milliseconds: a version that runs one process at a time fails here too; one that runs
    them at once goes on to the skip that says the speed was not checked."""
    if not overlap.Sampler.available():
        return
    workers = 2
    n = _sized(ONE_CORE_CPU_S, _loop_cpu_per_number(), 200_000_000)  # CPU time, whatever the load
    call = _call_text(n, workers)
    harness = _start_harness(learner, tmp_path, multiprocessing.get_start_method(), "onecore0", under_spawn=False)
    in_turn: list[overlap.Overlap] = []  # calls whose processes computed one at a time
    tries = 0
    try:
        while len(in_turn) < ONE_CORE_CALLS and tries < ONE_CORE_TRIES:
            tries += 1
            deadline = workers * STOP_AFTER * max(n * _loop_per_number(time.perf_counter), ONE_CORE_CPU_S) + 2.0
            answer, info, seen = _watched_call(harness, n, workers, deadline, sampled=True)
            if answer not in ("done", "slow"):
                _fail_on_outcome(answer, info, call, learner.__file__, under_spawn=False)
            if answer == "done":
                _check_result(info, n, workers)
            if seen.at_once(workers):
                return
            if seen.one_at_a_time(workers):
                in_turn.append(seen)
            if answer == "slow" and not harness.alive:
                harness = _start_harness(learner, tmp_path, multiprocessing.get_start_method(),
                                         f"onecore{tries}", under_spawn=False)
    finally:
        harness.close()
    if len(in_turn) >= ONE_CORE_CALLS:
        _fail_never_together(call, in_turn, workers, 1, None)
    fail("busy-machine",
         en=f"This process may use only 1 CPU core (os.sched_getaffinity), so no speed-up can be measured here; "
            f"the checker watched {call} {tries} times to see whether its processes at least computed at the "
            "same time, sharing the core, but the readings were too sparse to tell: the machine was too busy. "
            "This is not a mistake in your code: let the other programs finish and run `kata check 04` again, "
            "on 2 cores or more if you can.",
         fr=f"Ce processus ne peut utiliser qu'un cœur (os.sched_getaffinity), aucune accélération ne peut donc "
            f"être mesurée ici ; le correcteur a observé {call} {tries} fois pour voir si ses processus "
            "calculaient au moins en même temps, en se partageant le cœur, mais les relevés étaient trop "
            "espacés pour le dire : la machine était trop occupée. Ce n'est pas une erreur de votre code : "
            "laissez les autres programmes finir et relancez `kata check 04`, sur 2 cœurs ou plus si possible.")


def _fail_never_together(call, watched, workers, cores, times):
    """no-speedup from what the child processes did in the same calls: never two computing at once."""
    most = max(watched, key=lambda seen: seen.share)
    step = overlap.in_step(workers)
    one_en = one_fr = ""
    if cores < 2:
        one_en = (" This process may use only 1 CPU core (os.sched_getaffinity), so no speed-up can be measured "
                  "here; yet processes that compute at once still share that core, each in turn for a few "
                  "milliseconds, and yours did not.")
        one_fr = (" Ce processus ne peut utiliser qu'un cœur (os.sched_getaffinity), aucune accélération ne peut "
                  "donc être mesurée ici ; pourtant des processus qui calculent en même temps se partagent ce "
                  "cœur, chacun son tour pendant quelques millisecondes, et les vôtres ne l'ont pas fait.")
    details = {"times": _rounded(times)} if times else {}
    fail("no-speedup",
         en=f"{call} computed in child processes, but one at a time: in each of {len(watched)} calls, watched "
            f"while they ran, its child processes used up to {most.cpu:.2f} s of CPU and at most "
            f"{most.share:.0%} of it while another child process was computing too, whereas {workers} processes "
            f"each summing its slice at the same time spend about {step:.0%} of it together (on a busy machine "
            f"or a single core as well).{one_en} One process at a time cannot be faster than the plain loop. "
            "Usual causes: Pool(1), or one task for the whole range; pool.apply() in a loop, which waits for "
            "each slice before sending the next; start() then join() for each process in turn. Expected: "
            "every slice handed out before waiting for any result (pool.map or pool.starmap; or start() every "
            "process, then join() them all).",
         fr=f"{call} a calculé dans des processus enfants, mais un à la fois : à chacun de {len(watched)} "
            f"appels, observés pendant qu'ils tournaient, ses processus enfants ont utilisé jusqu'à "
            f"{most.cpu:.2f} s de CPU, dont au plus {most.share * 100:.0f} % pendant qu'un autre processus enfant "
            f"calculait aussi, alors que {workers} processus qui somment chacun leur tranche en même temps en "
            f"passent environ {step * 100:.0f} % ensemble (sur une machine chargée ou un seul cœur aussi).{one_fr} Un "
            "processus à la fois ne peut pas battre la boucle simple. Causes habituelles : Pool(1), ou une "
            "seule tâche pour toute la plage ; pool.apply() dans une boucle, qui attend chaque tranche avant "
            "d'envoyer la suivante ; start() puis join() pour chaque processus tour à tour. Attendu : toutes "
            "les tranches distribuées avant d'attendre le moindre résultat (pool.map ou pool.starmap ; ou "
            "start() pour chaque processus, puis join() pour tous).", **details)


def _fail_one_at_a_time(call, yours, reference, bound, cores, rounds, most, loop_share, times):
    fail("no-speedup",
         en=f"{call} was ×{yours:.2f} as fast as the plain loop, the reference solution ×{reference:.2f} in the "
            f"same run (best of {rounds} rounds, {cores} cores available), and at least ×{bound:.2f} is expected. "
            f"In each of your calls, all its processes together used at most {most:.2f} s of CPU per second, "
            f"about what the plain loop alone got ({loop_share:.2f}): "
            "never more than one process was computing at a time, while the reference kept several busy on "
            "this same machine. Expected: `workers` processes, each summing its own slice at the same time "
            "(one process, or processes that wait for each other, cannot be faster than the loop).",
         fr=f"{call} était ×{yours:.2f} plus rapide que la boucle simple, la solution de référence "
            f"×{reference:.2f} dans la même exécution (meilleur de {rounds} tours, {cores} cœurs disponibles), et "
            f"au moins ×{bound:.2f} est attendu. À chacun de vos appels, tous ses processus ensemble ont utilisé "
            f"au plus {most:.2f} s de CPU par seconde, à peu près ce qu'obtenait la boucle simple seule "
            f"({loop_share:.2f}) : jamais plus d'un processus ne calculait à la fois, alors "
            "que la référence en occupait plusieurs sur cette même machine. Attendu : `workers` processus, "
            "chacun sommant sa tranche en même temps (un seul processus, ou des processus qui s'attendent, ne "
            "peuvent pas battre la boucle).", times=_rounded(times), bound=bound)


def _fail_no_speedup(call, best, yours, reference, bound, cores, rounds, stopped, times, burnt=None):
    stop_en = stop_fr = ""
    if burnt:  # (CPU seconds of your call's processes, of the loop)
        stop_en = (f" Its processes used {burnt[0]:.2f} s of CPU, ×{burnt[0] / burnt[1]:.1f} the {burnt[1]:.2f} s "
                   "the loop needs for the same sum: the extra went into messages, not squares.")
        stop_fr = (f" Ses processus ont utilisé {burnt[0]:.2f} s de CPU, ×{burnt[0] / burnt[1]:.1f} les "
                   f"{burnt[1]:.2f} s dont la boucle a besoin pour la même somme : le surplus est parti en "
                   "messages, pas en carrés.")
    if stopped:
        stop_en += (f" It was stopped in {stopped} of {rounds} rounds for taking more than {STOP_AFTER:g} times as "
                   "long as the plain loop.")
        stop_fr += (f" Elle a été arrêtée dans {stopped} tour(s) sur {rounds} parce qu'elle prenait plus de "
                   f"{STOP_AFTER:g} fois le temps de la boucle simple.")
    fail("no-speedup",
         en=f"{call} took {best['yours']:.2f} s, the plain loop {best['loop']:.2f} s and the reference solution "
            f"{best['reference']:.2f} s, measured in the same run (best of {rounds} rounds): yours is "
            f"×{yours:.2f} as fast as the loop, the reference ×{reference:.2f}, and at least ×{bound:.2f} is "
            f"expected with {cores} cores.{stop_en} Processes cost something to start and to talk to; they pay "
            "off only when each one gets a big share of the work. Usual causes: a single process does all the "
            "work (Pool(1), or one task for the whole range), or one task per number (chunksize=1, one submit() "
            "per number), so the time goes into messages. Expected: range(n) cut into `workers` big slices, one "
            "per process, each sending back one number.",
         fr=f"{call} a pris {best['yours']:.2f} s, la boucle simple {best['loop']:.2f} s et la solution de "
            f"référence {best['reference']:.2f} s, mesurés dans la même exécution (meilleur de {rounds} tours) : "
            f"la vôtre est ×{yours:.2f} plus rapide que la boucle, la référence ×{reference:.2f}, et au moins "
            f"×{bound:.2f} est attendu avec {cores} cœurs.{stop_fr} Des processus coûtent à démarrer et à "
            "échanger des messages ; ils ne sont rentables que si chacun reçoit une grosse part du travail. "
            "Causes habituelles : un seul processus fait tout (Pool(1), ou une seule tâche pour toute la plage), "
            "ou une tâche par nombre (chunksize=1, un submit() par nombre), et le temps part en messages. "
            "Attendu : range(n) découpé en `workers` grandes tranches, une par processus, qui renvoient chacune "
            "un nombre.", times=_rounded(times), bound=bound)

