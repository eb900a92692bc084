"""Hidden suite of kata 06 — threads against the GIL.

What the checks see:
- sum_with_threads runs with a tracked `sum_of_squares` put in the learner's module (sum_with_threads looks it
  up by name when it runs). The tracker records each call's slice, thread, start and end. In the "threads"
  check, each call first holds until all n_threads calls have started (giving up once per run, when the
  learner's code has made no progress for PATIENCE s),
  then sleeps SETTLE s (releasing the GIL), then computes: so a right answer shows all its threads working at
  once whatever the machine's load, and one that does not join returns while calls are still running.
- measure is first checked against KNOWN durations: `sum_of_squares` is replaced by a stand-in that returns
  the exact sum (closed formula) after sleeping UNIT_S per number, and sum_with_threads is wrapped to time
  each call. Sleeping releases the GIL, so the stand-in's threads really overlap: the sequential run takes
  n × UNIT_S, the threaded one about a quarter of it. The learner's numbers must match what the suite
  observed: a clock stopped too early, a CPU-time clock, milliseconds or swapped keys all show.
- then on the real CPU-bound loop, in the same run, the learner's measure and the suite's own timing of the
  same two things, interleaved, best of a few rounds: the learner's numbers must agree with the suite's
  (ratios, never absolute seconds). When even the suite's own timings disagree between rounds, the verdict is
  busy-machine. With the GIL (sys._is_gil_enabled() True, or absent before 3.13) the suite's threads take as
  long as the loop; on a free-threaded build they are faster. The comparison holds either way.
"""

import math
import statistics
import sys
import threading
import time

import pytest

from checker.child.testkit import JoinProbe, Tracker, expect, fail, number, require_function, same, show
from checker.child.threadkit import Rendezvous, fail_not_joined, not_waited_for, thread_hooks

PATIENCE = 0.3   # how long a tracked call waits for the others to start, once per run
SETTLE = 0.1     # then each tracked call sleeps this long before computing (threads check only)
UNIT_S = 0.0004  # seconds per number of the stand-in workload (measure check): 1000 numbers -> 0.4 s
MEASURE_N, MEASURE_THREADS = 1000, 4
CPU_TARGET_S = 0.1   # the real loop takes about this long in the real-CPU check
CPU_THREADS = 4
MAX_ROUNDS = 3
AGREE = 2.0          # the learner's number within ×2 of the suite's (best of rounds)
FAR = 4.0            # beyond ×4 it is a wrong measurement even on a busy machine

EXACT_CASES = [(10, 2), (10, 3), (1001, 4), (3, 4), (1, 2), (0, 3), (5, 1), (20_000, 7)]


def gil_enabled() -> bool:
    check = getattr(sys, "_is_gil_enabled", None)
    return True if check is None else bool(check())


def squares_below(m: int) -> int:
    """Sum of i*i for i in range(m), closed form."""
    return (m - 1) * m * (2 * m - 1) // 6 if m > 0 else 0


def exact(start: int, stop: int) -> int:
    return squares_below(stop) - squares_below(start) if stop > start else 0


def plain_loop(start: int, stop: int) -> int:
    total = 0
    for i in range(start, stop):
        total += i * i
    return total


def is_number(value) -> bool:
    return type(value) in (int, float) and math.isfinite(value)


def args_of(call) -> tuple:
    """What a tracked call got, keywords' values after the positional ones."""
    return call.args + tuple(call.kwargs.values())


def plain(call) -> bool:
    return len(args_of(call)) == 2 and all(type(a) is int for a in args_of(call))


def tracked(work, probe: JoinProbe | None = None, hold_for: int = 0):
    """A Tracker, and a stand-in for `sum_of_squares` that records every call then runs `work`. With
    hold_for, each call first waits for hold_for calls to have started, then sleeps SETTLE s."""
    tracker = Tracker("wall")
    hooks = thread_hooks(probe, Rendezvous(hold_for, PATIENCE) if hold_for else None, SETTLE if hold_for else 0.0)
    return tracker, tracker.wrap(work, name="sum_of_squares", **hooks)


def slices_text(calls, caller, limit=8) -> str:
    parts = []
    for call in sorted(calls, key=lambda c: c.start)[:limit]:
        args = ", ".join(show(a) for a in args_of(call))
        parts.append(f"({args})" + (" *" if call.thread is caller else ""))
    if len(calls) > limit:
        parts.append("…")
    return " ".join(parts) if parts else "—"


def coverage_problem(calls, n):
    """(en, fr) describing how the slices fail to cover range(n) exactly once, or None."""
    if not all(plain(c) for c in calls):
        odd = next(c for c in calls if not plain(c))
        args = ", ".join(show(a) for a in args_of(odd))
        return (f"sum_of_squares was called with ({args}); expected two ints, start and stop.",
                f"sum_of_squares a été appelée avec ({args}) ; attendu deux int, start et stop.")
    counted = {}
    for call in calls:
        start, stop = args_of(call)
        for i in range(max(start, 0), min(stop, n)):
            counted[i] = counted.get(i, 0) + 1
        if start < 0 or stop > n:
            return (f"the slice ({start}, {stop}) goes outside range({n}).",
                    f"la tranche ({start}, {stop}) sort de range({n}).")
    missing = [i for i in range(n) if i not in counted]
    twice = [i for i, times in counted.items() if times > 1]
    if missing:
        return (f"{len(missing)} number(s) of range({n}) were never summed (the first: {missing[0]}, the last: "
                f"{missing[-1]}); with n not divisible by n_threads, the last slice must stop exactly at n "
                "(give the remainder to some slice, e.g. `size, extra = divmod(n, n_threads)`).",
                f"{len(missing)} nombre(s) de range({n}) n'ont jamais été sommés (le premier : {missing[0]}, le "
                f"dernier : {missing[-1]}) ; si n n'est pas divisible par n_threads, la dernière tranche doit "
                "s'arrêter exactement à n (donnez le reste à une tranche, par exemple avec "
                "`size, extra = divmod(n, n_threads)`).")
    if twice:
        return (f"{len(twice)} number(s) were summed more than once (the first: {min(twice)}): the slices "
                "overlap. Each thread must get its own part of range(n): slice k stops where slice k + 1 starts.",
                f"{len(twice)} nombre(s) ont été sommés plusieurs fois (le premier : {min(twice)}) : les tranches "
                "se chevauchent. Chaque thread doit avoir sa part de range(n) : la tranche k s'arrête là où "
                "commence la tranche k + 1.")
    return None


# --- the given loop ---------------------------------------------------------------------------------------


def test_given_sum_of_squares_is_kept(learner):
    """the given sum_of_squares still returns the sum of i*i over range(start, stop)
    fr: la fonction sum_of_squares fournie renvoie toujours la somme des i*i sur range(start, stop)"""
    func = require_function(learner, "sum_of_squares")
    for start, stop in [(3, 7), (0, 0), (0, 1000)]:
        got = func(start, stop)
        expect(same(got, exact(start, stop)), "wrong-result",
               en=f"sum_of_squares({start}, {stop}) returned {show(got)}; expected {exact(start, stop)}. "
                  "`sum_of_squares` is given by the kata: keep it as it is, and write sum_with_threads and measure.",
               fr=f"sum_of_squares({start}, {stop}) a renvoyé {show(got)} ; attendu {exact(start, stop)}. "
                  "`sum_of_squares` est fournie par le kata : gardez-la telle quelle et écrivez sum_with_threads "
                  "et measure.")


# --- sum_with_threads ---------------------------------------------------------------------------------------


@pytest.mark.needs("test_given_sum_of_squares_is_kept")
def test_sum_with_threads_shares_the_work_between_n_threads(learner, monkeypatch):
    """sum_with_threads(1000, 4) runs 4 threads at once, each summing its own slice, and joins them
    fr: sum_with_threads(1000, 4) fait tourner 4 threads en même temps, chacun sur sa tranche, et les attend"""
    func = require_function(learner, "sum_with_threads")
    n, k = 1000, 4
    call_text = f"sum_with_threads({n}, {k})"
    caller = threading.current_thread()
    probe = JoinProbe(caller)
    tracker, stand_in = tracked(learner.sum_of_squares, probe, hold_for=k)
    with monkeypatch.context() as patch:
        patch.setattr(learner, "sum_of_squares", stand_in)
        try:
            got = func(n, k)
            running = not_waited_for(tracker, probe)
        finally:
            probe.returned()
    calls = tracker.spans
    shown_slices = slices_text(calls, caller)
    if running:
        fail_not_joined((f"{call_text} returned {show(got)}", f"{call_text} a renvoyé {show(got)}"), running,
                        len(calls), ("calls of sum_of_squares", "appels de sum_of_squares"),
                        ("their parts could be missing from the total", "leurs parts pouvaient manquer au total"),
                        ("add up", "additionner"), name=lambda span: f"sum_of_squares{show(args_of(span))}")
    if not calls:
        fail("wrong-result",
             en=f"{call_text} returned {show(got)} without ever calling `sum_of_squares`. The checks put a tracked "
                "`sum_of_squares` into your module: each thread must call `sum_of_squares(start, stop)` on its "
                "slice, by that name (not a loop of its own).",
             fr=f"{call_text} a renvoyé {show(got)} sans jamais appeler `sum_of_squares`. Les vérifications placent "
                "une `sum_of_squares` instrumentée dans votre module : chaque thread doit appeler "
                "`sum_of_squares(start, stop)` sur sa tranche, par ce nom (pas une boucle à lui).")
    in_caller = [c for c in calls if c.thread is caller]
    threads = {id(c.thread) for c in calls if c.thread is not caller}
    if in_caller:
        fail("no-threads",
             en=f"{call_text}: {len(in_caller)} of the {len(calls)} calls of sum_of_squares ran in the calling thread "
                f"itself (marked *: {shown_slices}). Usual cause: `thread.run()` instead of `thread.start()` — run() "
                "calls the target here and now, in the current thread. Expected: every slice summed in a thread of "
                "its own, started with start().",
             fr=f"{call_text} : {len(in_caller)} des {len(calls)} appels de sum_of_squares ont tourné dans le thread "
                f"appelant lui-même (marqués * : {shown_slices}). Cause habituelle : `thread.run()` au lieu de "
                "`thread.start()` — run() appelle la cible ici et maintenant, dans le thread courant. Attendu : "
                "chaque tranche sommée dans son propre thread, lancé avec start().")
    expect(len(threads) == k, "no-threads" if len(threads) < k else "wrong-result",
           en=f"{call_text} summed its slices in {len(threads)} thread(s); expected exactly {k}, the n_threads asked "
              f"for, each with its own slice. Slices: {shown_slices}.",
           fr=f"{call_text} a sommé ses tranches dans {len(threads)} thread(s) ; attendu exactement {k}, le "
              f"n_threads demandé, chacun avec sa tranche. Tranches : {shown_slices}.")
    most = tracker.max_in_flight()
    expect(most >= k, "not-concurrent",
           en=f"{call_text}: at most {most} of the {k} threads were working at the same time; they ran one "
              "after another, each joined before the next one started. That measures nothing about threads: it "
              "is the plain loop in pieces. Expected: start all the threads in one loop, then join them all in a "
              f"second loop. Slices: {shown_slices}.",
           fr=f"{call_text} : au plus {most} des {k} threads ont travaillé en même temps ; ils se sont "
              "exécutés l'un après l'autre, chacun attendu (join) avant que le suivant démarre. Cela ne mesure rien "
              "des threads : c'est la boucle simple en morceaux. Attendu : lancer tous les threads dans une "
              f"boucle, puis les attendre tous dans une seconde boucle. Tranches : {shown_slices}.")
    problem = coverage_problem(calls, n)
    if problem:
        fail("wrong-result",
             en=f"{call_text} did not do the same work as sum_of_squares(0, {n}): {problem[0]} Slices: {shown_slices}.",
             fr=f"{call_text} n'a pas fait le même travail que sum_of_squares(0, {n}) : {problem[1]} Tranches : "
                f"{shown_slices}.")
    expect(same(got, exact(0, n)), "wrong-result",
           en=f"{call_text} returned {show(got)}; expected the int {exact(0, n)}, the sum of the {len(calls)} "
              "partial sums that its threads computed (each thread stores its part; add them up after join()).",
           fr=f"{call_text} a renvoyé {show(got)} ; attendu l'int {exact(0, n)}, la somme des {len(calls)} sommes "
              "partielles calculées par ses threads (chaque thread range sa part ; additionnez-les après join()).")


@pytest.mark.needs("test_sum_with_threads_shares_the_work_between_n_threads")
def test_sum_with_threads_is_exact(learner, monkeypatch):
    """sum_with_threads is exact, n divisible or not, n < n_threads, n = 0, one thread
    fr: sum_with_threads est exacte, n divisible ou non, n < n_threads, n = 0, un seul thread"""
    for n, k in EXACT_CASES:
        tracker, stand_in = tracked(learner.sum_of_squares)
        with monkeypatch.context() as patch:
            patch.setattr(learner, "sum_of_squares", stand_in)
            got = learner.sum_with_threads(n, k)
        if same(got, exact(0, n)):
            continue
        problem = coverage_problem(tracker.spans, n)
        why_en, why_fr = problem if problem else ("", "")
        fail("wrong-result",
             en=f"sum_with_threads({n}, {k}) returned {show(got)}; expected {exact(0, n)}, the same as "
                f"sum_of_squares(0, {n}). {why_en} Slices: {slices_text(tracker.spans, None)}.",
             fr=f"sum_with_threads({n}, {k}) a renvoyé {show(got)} ; attendu {exact(0, n)}, comme "
                f"sum_of_squares(0, {n}). {why_fr} Tranches : {slices_text(tracker.spans, None)}.")


# --- measure --------------------------------------------------------------------------------------------------


def stand_in(start, stop):
    """The exact sum, after sleeping UNIT_S per number: known durations, and threads that really overlap."""
    time.sleep(UNIT_S * max(stop - start, 0))
    return exact(start, stop)


def describe_value(value, truth, other_truth, lang):
    if value < truth * 0.2:
        return {"en": "is far too small: the clock was stopped before the work had finished (for threads: before "
                      "join()), or it is a CPU-time clock (time.process_time, time.thread_time), which does not "
                      "count the time a thread spends waiting. Time with time.perf_counter(), the wall clock, "
                      "around the whole call.",
                "fr": "est bien trop petite : l'horloge a été arrêtée avant la fin du travail (pour les threads : "
                      "avant join()), ou c'est une horloge de temps CPU (time.process_time, time.thread_time), qui "
                      "ne compte pas le temps qu'un thread passe à attendre. Mesurez avec time.perf_counter(), "
                      "l'horloge murale, autour de l'appel entier."}[lang]
    if value > truth * 100:
        return {"en": "is about a thousand times too large: the values must be in seconds, not milliseconds.",
                "fr": "est environ mille fois trop grande : les valeurs doivent être en secondes, pas en "
                      "millisecondes."}[lang]
    if abs(value - other_truth) <= 0.2 * other_truth:
        return {"en": "is the time of the other version: the two keys are swapped.",
                "fr": "est le temps de l'autre version : les deux clés sont inversées."}[lang]
    if abs(value - (truth + other_truth)) <= 0.2 * (truth + other_truth):
        return {"en": "is the time of both versions together: the clock was started before the first one and read "
                      "after the second. Start it again right before the call you time.",
                "fr": "est le temps des deux versions ensemble : l'horloge a été démarrée avant la première et lue "
                      "après la seconde. Redémarrez-la juste avant l'appel que vous chronométrez."}[lang]
    if value > truth:
        return {"en": "is too large: the timed region holds more than this one call (something slow of your own, "
                      "or the call made several times and the times added up).",
                "fr": "est trop grande : la zone mesurée contient plus que ce seul appel (quelque chose de lent à "
                      "vous, ou l'appel fait plusieurs fois et les temps additionnés)."}[lang]
    return {"en": "is too small: part of the work ran outside the timed region.",
            "fr": "est trop petite : une partie du travail s'est faite hors de la zone mesurée."}[lang]


def check_measure_result(times, call_text):
    expect(type(times) is dict and set(times) == {"sequential", "threads"}, "wrong-result",
           en=f"{call_text} returned {show(times)}; expected a dict with exactly the keys \"sequential\" and "
              "\"threads\", e.g. {\"sequential\": 0.41, \"threads\": 0.12}.",
           fr=f"{call_text} a renvoyé {show(times)} ; attendu un dict avec exactement les clés \"sequential\" et "
              "\"threads\", par exemple {\"sequential\": 0.41, \"threads\": 0.12}.")
    bad = {key: value for key, value in times.items() if not is_number(value) or value <= 0}
    expect(not bad, "wrong-result",
           en=f"{call_text} returned {show(times)}; expected two positive numbers of seconds (floats, as "
              "time.perf_counter() differences give).",
           fr=f"{call_text} a renvoyé {show(times)} ; attendu deux nombres de secondes positifs (des float, comme "
              "en donnent les différences de time.perf_counter()).")


@pytest.mark.needs("test_sum_with_threads_shares_the_work_between_n_threads")
def test_measure_reports_the_time_of_each_version(learner, monkeypatch):
    """measure times sum_of_squares(0, n) and sum_with_threads(n, n_threads), in seconds of wall-clock time
    fr: measure chronomètre sum_of_squares(0, n) et sum_with_threads(n, n_threads), en secondes de temps réel"""
    measure = require_function(learner, "measure")
    n, k = MEASURE_N, MEASURE_THREADS
    call_text = f"measure({n}, {k})"
    tracker, sum_of_squares = tracked(stand_in)
    runs = Tracker("wall")  # each call of sum_with_threads
    caller = threading.current_thread()
    with monkeypatch.context() as patch:
        patch.setattr(learner, "sum_of_squares", sum_of_squares)
        patch.setattr(learner, "sum_with_threads", runs.wrap(learner.sum_with_threads))
        times = measure(n, k)
    calls = tracker.spans
    check_measure_result(times, call_text)
    sequential_calls = [c for c in calls if c.thread is caller and args_of(c) == (0, n) and c.end is not None]
    thread_calls = [c for c in calls if c.thread is not caller and c.end is not None]
    if not sequential_calls:
        fail("wrong-result",
             en=f"{call_text} never called sum_of_squares(0, {n}) itself, so its \"sequential\" time is not the "
                f"time of the plain loop. Calls seen (* = in measure's own thread): {slices_text(calls, caller)}. "
                "Expected: start the clock, call sum_of_squares(0, n), stop the clock.",
             fr=f"{call_text} n'a jamais appelé sum_of_squares(0, {n}) elle-même : son temps \"sequential\" n'est "
                f"pas celui de la boucle simple. Appels vus (* = dans le thread de measure) : "
                f"{slices_text(calls, caller)}. Attendu : démarrer l'horloge, appeler sum_of_squares(0, n), arrêter "
                "l'horloge.")
    if not thread_calls:
        fail("no-threads",
             en=f"{call_text} never ran sum_of_squares in another thread, so its \"threads\" time measures no "
                f"threads. Calls seen (* = in measure's own thread): {slices_text(calls, caller)}. Expected: time a "
                "call of sum_with_threads(n, n_threads).",
             fr=f"{call_text} n'a jamais exécuté sum_of_squares dans un autre thread : son temps \"threads\" ne "
                f"mesure aucun thread. Appels vus (* = dans le thread de measure) : {slices_text(calls, caller)}. "
                "Attendu : chronométrer un appel de sum_with_threads(n, n_threads).")
    odd = [args_of(run) for run in runs.spans if args_of(run) != (n, k)]
    if odd:
        args = ", ".join(show(a) for a in odd[0])
        fail("wrong-result",
             en=f"{call_text} called sum_with_threads({args}); expected sum_with_threads({n}, {k}): measure must time "
                "the work it was asked about, with the n and n_threads it was given.",
             fr=f"{call_text} a appelé sum_with_threads({args}) ; attendu sum_with_threads({n}, {k}) : measure doit "
                "chronométrer le travail demandé, avec les n et n_threads reçus.")
    truth_seq = statistics.median(c.end - c.start for c in sequential_calls)
    if runs.spans:
        truth_thr = statistics.median(run.end - run.start for run in runs.spans if run.end is not None)
    else:  # threads started by measure itself
        span = max(c.end for c in thread_calls) - min(c.start for c in thread_calls)
        truth_thr = span / max(1, round(len(thread_calls) / k))
    for key, truth, other in (("sequential", truth_seq, truth_thr), ("threads", truth_thr, truth_seq)):
        value = times[key]
        ok = 0.8 * truth - 0.01 <= value <= 1.5 * truth + 0.05
        expect(ok, "wrong-timing",
               en=f"{call_text} reported {key} = {value:.3f} s, but the checker saw that part take {truth:.3f} s "
                  f"(sequential {truth_seq:.3f} s, threads {truth_thr:.3f} s). For this check, sum_of_squares is "
                  f"replaced by a stand-in that sleeps {UNIT_S * 1000:g} ms per number, so the durations are known: "
                  f"your value {describe_value(value, truth, other, 'en')}",
               fr=f"{call_text} a annoncé {key} = {number(value, 'fr', 3)} s, mais le correcteur a vu cette partie "
                  f"prendre {number(truth, 'fr', 3)} s (séquentiel {number(truth_seq, 'fr', 3)} s, threads "
                  f"{number(truth_thr, 'fr', 3)} s). Pour cette vérification, sum_of_squares est remplacée par une "
                  f"doublure qui dort {number(UNIT_S * 1000, 'fr', 1)} ms par nombre, les durées sont donc "
                  "connues : votre valeur " + describe_value(value, truth, other, "fr"))


def timed(func, *args) -> float:
    started = time.perf_counter()
    func(*args)
    return time.perf_counter() - started


def reference_threads(loop, n, k):
    threads = [threading.Thread(target=loop, args=(n * i // k, n * (i + 1) // k), daemon=True) for i in range(k)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def sized_n(loop) -> int:
    best = min(timed(loop, 0, 100_000) for _ in range(3))
    return max(200_000, min(3_000_000, int(100_000 * CPU_TARGET_S / max(best, 1e-4))))


@pytest.mark.needs("test_measure_reports_the_time_of_each_version")
def test_measure_agrees_with_the_checker_on_real_cpu_work(learner):
    """on the real CPU-bound loop, measure's numbers agree with the checker's own timing in the same run
    fr: sur la vraie boucle de calcul, les nombres de measure concordent avec le chronométrage du correcteur"""
    loop = learner.sum_of_squares
    n, k = sized_n(loop), CPU_THREADS
    call_text = f"measure({n}, {k})"
    rounds = []  # (checker sequential, checker threads, learner sequential, learner threads)
    for round_no in range(MAX_ROUNDS):
        if round_no % 2 == 0:
            s_seq = timed(loop, 0, n)
            times = learner.measure(n, k)
            s_thr = timed(reference_threads, loop, n, k)
        else:
            s_thr = timed(reference_threads, loop, n, k)
            times = learner.measure(n, k)
            s_seq = timed(loop, 0, n)
        check_measure_result(times, call_text)
        rounds.append((s_seq, s_thr, times["sequential"], times["threads"]))
        best = [min(r[i] for r in rounds) for i in range(4)]
        ratios = (best[2] / best[0], best[3] / best[1])
        if all(1 / AGREE <= r <= AGREE for r in ratios):
            return
    spread = max(max(r[i] for r in rounds) / min(r[i] for r in rounds) for i in (0, 1))
    gil = gil_enabled()
    slower = {lang: number(best[1] / best[0], lang, 2) for lang in ("en", "fr")}
    gil_en = ("This Python runs with the GIL: only one thread at a time runs Python code, so the checker's "
              f"{k} threads took ×{slower['en']} the time of the loop." if gil else
              "This Python runs without the GIL (free-threaded build): threads really compute at the same time, "
              f"so the checker's {k} threads took ×{slower['en']} the time of the loop.")
    gil_fr = ("Ce Python tourne avec le GIL : un seul thread à la fois exécute du code Python, donc les "
              f"{k} threads du correcteur ont pris ×{slower['fr']} le temps de la boucle." if gil else
              "Ce Python tourne sans GIL (version free-threaded) : les threads calculent vraiment en même temps, "
              f"donc les {k} threads du correcteur ont pris ×{slower['fr']} le temps de la boucle.")
    en, fr = ([number(value, lang, 3) for value in best] for lang in ("en", "fr"))
    table_en = (f"best of {len(rounds)} rounds: the checker measured sequential {en[0]} s and threads {en[1]} s; "
                f"your measure reported sequential {en[2]} s and threads {en[3]} s")
    table_fr = (f"meilleur de {len(rounds)} tours : le correcteur a mesuré séquentiel {fr[0]} s et threads {fr[1]} s "
                f"; votre measure a annoncé séquentiel {fr[2]} s et threads {fr[3]} s")
    far = any(not (1 / FAR <= r <= FAR) for r in ratios)
    if not far:  # measure already passed the check with known durations: a gap this small is noise
        fail("busy-machine",
             en=f"The machine was too busy to compare timings ({table_en}; the checker's own timings of the same work "
                f"varied by ×{spread:.1f} from one round to the next). Your measure passed the check with known "
                "durations, so this is most likely not a mistake of yours: run the check again when the machine is "
                "quieter.",
             fr=f"La machine était trop occupée pour comparer des durées ({table_fr} ; les propres mesures du "
                f"correcteur pour le même travail ont varié de ×{number(spread, 'fr', 1)} d'un tour à l'autre). Votre "
                "measure a passé la vérification aux durées connues : ce n'est très probablement pas une erreur de "
                "votre part. Relancez la vérification quand la machine sera plus calme.")
    fail("wrong-timing",
         en=f"{call_text} on the real loop, in the same run as the checker's own timing ({table_en}): your numbers "
            f"differ from the checker's by more than ×{AGREE:g}. {gil_en} Your measure must time exactly one call "
            "of each version with the wall clock (time.perf_counter()), in seconds.",
         fr=f"{call_text} sur la vraie boucle, dans la même exécution que le chronométrage du correcteur "
            f"({table_fr}) : vos nombres diffèrent de ceux du correcteur de plus de ×{number(AGREE, 'fr', 0)}. "
            f"{gil_fr} Votre measure doit chronométrer exactement un appel de chaque version avec l'horloge murale "
            "(time.perf_counter()), en secondes.")
