"""Hidden suite of kata 10 — timeouts and cancellation.

Everything runs in virtual event-loop time (the `virtual` fixture): exact, and instant in real time.
The suite hands the learner's coroutines its own jobs (`fetch`, `job`, a connection pool). Each job records
when it starts and how it ends: returned, raised, or cancelled (it sees CancelledError). The learner's
coroutine runs as a task of the suite's scenario, so the suite can cancel it from outside, as a caller
would, and look afterwards at what is still running: a job that was never cancelled (`not-cancelled`), or
another task that the learner's code started and left pending (`leaked-task`).
After the learner's coroutine returns, the scenario lets the loop turn a few times without moving the
clock, so that a task cancelled with `task.cancel()` (and not awaited) has finished when it is looked at.
Blocking calls and never-awaited coroutines are caught by the checker's plugin for every check.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any, Callable

import pytest

from checker.child.kit_ledger import Ledger, nested
from checker.child.testkit import coroutine_function_check, expect, fail, loop_now, number, same, seconds, show, shown

LIMIT_S = 60.0   # event-loop seconds: far more than any right answer needs; past it, the call hangs
SETTLE_TURNS = 5  # loop turns after the call, at the same loop time, before looking at what still runs


class JobFailed(Exception):
    """The error that the suite's failing jobs raise."""


# --- the suite's jobs ---------------------------------------------------------------------------------------


class Run(tuple):
    """What happened to one job the suite handed over: a read-only view of its Ledger
    (checker/child/kit_ledger.py). The job's own code (`body`) writes it, and reads there what to do (its
    duration, value, error): the job's closure holds only the ledger, which learner code can read, not
    write (an instance attribute or a cell of the closure could be rewritten with no audit event: a job
    left running said "cancelled", a job made shorter)."""

    __slots__ = ()

    def __new__(cls, name: str, duration: float, value: Any = None, error: BaseException | None = None) -> "Run":
        ledger = Ledger(Run.__new__, *JOB_BODIES)
        ledger.write(("put", "_job", (duration, value, error)))
        return tuple.__new__(cls, (name, duration, ledger))

    name = property(lambda self: self[0])
    duration = property(lambda self: self[1])
    ledger = property(lambda self: self[2])
    calls = property(lambda self: self[2].read("calls", 0))
    start = property(lambda self: self[2].read("start"))
    end = property(lambda self: self[2].read("end"))
    outcome = property(lambda self: self[2].read("outcome"))  # "returned" | "raised" | "cancelled"; None while it
    # runs (or never ran)
    task = property(lambda self: self[2].read("task"))
    args = property(lambda self: self[2].read("args", ()))  # what each call was given, in order

    @property
    def running(self) -> bool:
        return self.calls > 0 and self.outcome is None


def make_job(run: Run, *, argument: bool = False) -> Callable:
    """A coroutine function that waits the run's duration in loop time, then returns its value or raises its
    error, recording everything in the run's ledger."""
    ledger = run.ledger

    async def body(*args):
        duration, value, error = ledger.write(("read", "_job", None))[0]
        loop = asyncio.get_running_loop()
        ledger.write(("add", "calls", 1), ("put", "start", loop_now(loop)), ("put", "task", asyncio.current_task()),
                     ("append", "args", args))
        try:
            await asyncio.sleep(duration)
        except asyncio.CancelledError:
            ledger.write(("put", "outcome", "cancelled"), ("put", "end", loop_now(loop)))
            raise
        ledger.write(("put", "outcome", "returned" if error is None else "raised"), ("put", "end", loop_now(loop)))
        if error is not None:
            raise error
        return value

    if argument:
        async def job(connection):
            return await body(connection)
    else:
        async def job():
            return await body()
    job.__name__ = job.__qualname__ = run.name
    return job


JOB_BODIES = nested(make_job, "body")  # the jobs' code: the only writers of their records


# --- running the learner's coroutine -------------------------------------------------------------------------


@dataclass
class Outcome:
    result: Any = None
    error: BaseException | None = None
    cancelled: bool = False
    finished: bool = True
    elapsed: float = 0.0
    states: dict = field(default_factory=dict)       # run name -> (outcome, end) when it was looked at
    leaked: list = field(default_factory=list)       # names of other tasks still pending after the call


def task_name(task: asyncio.Task) -> str:
    coro = task.get_coro()
    name = getattr(coro, "__qualname__", None) or type(coro).__name__
    return f"{name}()"


def drive(virtual, call: Callable, runs: list[Run], *, cancel_at: float | None = None) -> Outcome:
    """Run the coroutine `call()` as a task in virtual time, cancel it at `cancel_at` if asked, and report
    how it ended, when, and what it left running."""

    async def scenario():
        loop = asyncio.get_running_loop()
        before = set(asyncio.all_tasks())
        start = loop_now(loop)
        task = asyncio.create_task(call())
        if cancel_at is not None:
            done, _ = await asyncio.wait({task}, timeout=cancel_at)
            if not done:
                task.cancel()
        done, _ = await asyncio.wait({task}, timeout=LIMIT_S)
        out = Outcome(elapsed=loop_now(loop) - start)
        if not done:
            out.finished = False
        elif task.cancelled():
            out.cancelled = True
        elif task.exception() is not None:
            out.error = task.exception()
        else:
            out.result = task.result()
        for _ in range(SETTLE_TURNS):
            await asyncio.sleep(0)
        job_tasks = {run.task for run in runs}
        leftovers = [t for t in asyncio.all_tasks() if t not in before and t is not task and not t.done()]
        out.leaked = [task_name(t) for t in leftovers if t not in job_tasks]
        out.states = {run.name: (run.outcome, run.end) for run in runs}
        for t in [*leftovers, task]:  # clean up, so that the next check starts afresh
            t.cancel()
        if leftovers or not task.done():
            await asyncio.wait([*leftovers, task], timeout=1.0)
        return out

    return virtual.run(scenario).result


def holds(exc: BaseException | None, error: BaseException) -> bool:
    """exc is `error`, or an exception group that holds it."""
    if exc is error:
        return True
    if isinstance(exc, BaseExceptionGroup):
        return any(holds(inner, error) for inner in exc.exceptions)
    return False


def reraise_unexpected(out: Outcome, *expected: BaseException) -> None:
    """An exception that is none of the suite's own errors comes from the learner's code: let the plugin
    report it (not-implemented, crash with the learner's line)."""
    if out.error is not None and not any(holds(out.error, e) for e in expected):
        raise out.error


def fail_if_hung(out: Outcome, call: str) -> None:
    if not out.finished:
        fail("wrong-timing",
             en=f"{call} was still running after {seconds(LIMIT_S)} of event-loop time (virtual time, so this took "
                "no real time): it waits for something that never happens. Expected: it returns (or raises) as "
                "soon as its job is over or its time is up.",
             fr=f"{call} tournait encore après {seconds(LIMIT_S, 'fr')} de temps de boucle (temps virtuel, donc "
                "sans attente réelle) : elle attend quelque chose qui n'arrive jamais. Attendu : qu'elle rende la "
                "main (ou lève une exception) dès que son travail est fini ou que son temps est écoulé.")


def fail_if_leaked(out: Outcome, call: str) -> None:
    if out.leaked:
        names = ", ".join(out.leaked[:5])
        k = len(out.leaked)
        were_en = f"{k} tasks it had started were" if k > 1 else "a task it had started was"
        were_fr = f"{k} tâches qu'elle avait lancées étaient" if k > 1 else "une tâche qu'elle avait lancée était"
        fail("leaked-task",
             en=f"When {call} returned, {were_en} still pending: {names}. A "
                "task runs on its own until it ends or is cancelled; nobody awaits this one any more, so it keeps "
                "the loop busy (and asyncio.run cancels it at the very end, or warns 'Task was destroyed but it "
                "is pending'). Expected: every task you start is finished, or cancelled, before you return — "
                "`async with asyncio.timeout(...)`, asyncio.wait_for and TaskGroup do it for you; with "
                "asyncio.wait, cancel what is left in `pending`.",
             fr=f"Quand {call} a rendu la main, {were_fr} encore en attente : {names}. Une tâche tourne seule jusqu'à "
                "sa fin ou son annulation ; plus personne n'attend celle-ci, elle occupe donc la boucle (et "
                "asyncio.run l'annule tout à la fin, ou avertit "
                "« Task was destroyed but it is pending »). Attendu : chaque tâche lancée est finie, ou annulée, "
                "avant le retour — `async with asyncio.timeout(...)`, asyncio.wait_for et TaskGroup le font pour "
                "vous ; avec asyncio.wait, annulez ce qui reste dans `pending`.")


def fail_if_called_wrongly(run: Run, call: str) -> None:
    if run.calls != 1:
        fail("wrong-result",
             en=f"{call} called {run.name}() {run.calls} time(s); expected exactly once. Call the coroutine "
                f"function once (`{run.name}()`) and await what it gives you (or the task made from it).",
             fr=f"{call} a appelé {run.name}() {run.calls} fois ; attendu exactement une fois. Appelez la fonction "
                f"coroutine une fois (`{run.name}()`) et attendez ce qu'elle renvoie (ou la tâche créée avec).")


# --- fetch_with_timeout ---------------------------------------------------------------------------------------


test_fetch_with_timeout_is_a_coroutine_function = coroutine_function_check("fetch_with_timeout")


def run_fetch(learner, virtual, duration, timeout, value="page", error=None):
    run = Run("fetch", duration, value, error)
    fetch = make_job(run)
    out = drive(virtual, lambda: learner.fetch_with_timeout(fetch, timeout), [run])
    call = f"fetch_with_timeout(fetch, {number(timeout)})"
    if not (isinstance(out.error, TimeoutError) and error is None and duration > timeout):
        reraise_unexpected(out, *([error] if error else []))  # a TimeoutError let out has its own message
    fail_if_hung(out, call)
    return run, out, call


@pytest.mark.needs("test_fetch_with_timeout_is_a_coroutine_function")
def test_fast_fetch_returns_its_result_at_once(learner, virtual):
    """a fetch that finishes in time: its result, as soon as it is ready
    fr: un fetch qui finit à temps : son résultat, dès qu'il est prêt"""
    run, out, call = run_fetch(learner, virtual, 0.5, 2.0)
    what = "fetch takes 0.5 s"
    what_fr = "fetch prend 0,5 s"
    fail_if_called_wrongly(run, call)
    expect(same(out.result, "page") and out.error is None and not out.cancelled, "wrong-result",
           en=f"{call}, where {what} and returns 'page', gave {shown(out.result)}"
              f"{' and raised ' + show(out.error) if out.error else ''}; expected 'page', what fetch returned: "
              "when the job finishes in time, the timeout changes nothing.",
           fr=f"{call}, où {what_fr} et renvoie 'page', a donné {shown(out.result)}"
              f"{' et levé ' + show(out.error) if out.error else ''} ; attendu 'page', ce que fetch a renvoyé : "
              "quand le travail finit à temps, le délai ne change rien.")
    expect(out.elapsed == pytest.approx(0.5, abs=1e-6), "wrong-timing",
           en=f"{call}, where {what}, returned after {seconds(out.elapsed)} of event-loop time; expected 0.5 s, as soon "
              "as fetch is done. The timeout is a limit, not a wait: do not sleep for `timeout` and look afterwards; "
              "await fetch under the limit (asyncio.timeout, asyncio.wait_for).",
           fr=f"{call}, où {what_fr}, a rendu la main après {seconds(out.elapsed, 'fr')} de temps de boucle ; attendu "
              "0,5 s, dès que fetch a fini. Le délai est une limite, pas une attente : ne dormez pas `timeout` "
              "secondes pour regarder ensuite ; attendez fetch sous la limite (asyncio.timeout, asyncio.wait_for).")
    fail_if_leaked(out, call)


NEEDS_FAST = pytest.mark.needs("test_fast_fetch_returns_its_result_at_once")


@NEEDS_FAST
@pytest.mark.parametrize("duration, timeout", [(5.0, 1.0), (3.0, 2.5)])
def test_slow_fetch_is_cancelled_at_the_timeout(learner, virtual, duration, timeout):
    """a fetch still running at the timeout: cancelled, and None returned at the timeout
    fr: un fetch qui tourne encore au bout du délai : annulé, et None renvoyé au bout du délai"""
    run, out, call = run_fetch(learner, virtual, duration, timeout)
    fail_if_called_wrongly(run, call)
    what = f"fetch takes {seconds(duration)}"
    what_fr = f"fetch prend {seconds(duration, 'fr')}"
    if out.elapsed >= duration - 1e-6:
        fail("wrong-timing",
             en=f"{call}, where {what}, returned after {seconds(out.elapsed)} of event-loop time, with "
                f"{shown(out.result)}: it waited for fetch to the end. Expected: give up at {seconds(timeout)} and "
                "return None. `await fetch()` alone has no limit; put one around it: "
                "`async with asyncio.timeout(timeout):` or `await asyncio.wait_for(fetch(), timeout)`, and turn "
                "the TimeoutError into None.",
             fr=f"{call}, où {what_fr}, a rendu la main après {seconds(out.elapsed, 'fr')} de temps de boucle, avec "
                f"{shown(out.result)} : elle a attendu fetch jusqu'au bout. Attendu : abandonner à "
                f"{seconds(timeout, 'fr')} et renvoyer None. `await fetch()` seul n'a pas de limite ; entourez-le "
                "d'une limite : `async with asyncio.timeout(timeout):` ou `await asyncio.wait_for(fetch(), "
                "timeout)`, et transformez le TimeoutError en None.")
    if out.error is not None and isinstance(out.error, TimeoutError):
        fail("wrong-result",
             en=f"{call}, where {what}, raised {show(out.error)} at {seconds(out.elapsed)}; expected it to "
                "return None. The timeout fired as it should, but the caller asked for None, not an exception: catch "
                "TimeoutError around the wait (`except TimeoutError: return None`).",
             fr=f"{call}, où {what_fr}, a levé {show(out.error)} à {seconds(out.elapsed, 'fr')} ; attendu qu'elle "
                "renvoie None. Le délai a bien expiré, mais l'appelant attend None, pas une exception : attrapez "
                "TimeoutError autour de l'attente (`except TimeoutError: return None`).")
    if out.error is not None or out.cancelled:
        raise out.error or asyncio.CancelledError()
    expect(out.result is None, "wrong-result",
           en=f"{call}, where {what}, returned {shown(out.result)} after {seconds(out.elapsed)}; expected None: fetch "
              "had not finished, so there is no result to give.",
           fr=f"{call}, où {what_fr}, a renvoyé {shown(out.result)} après {seconds(out.elapsed, 'fr')} ; attendu None : "
              "fetch n'avait pas fini, il n'y a donc pas de résultat à donner.")
    state, ended = out.states["fetch"]
    expect(state == "cancelled", "not-cancelled",
           en=f"{call}, where {what}, returned None at {seconds(out.elapsed)}, but fetch was still running: nobody "
              "cancelled it. It goes on in the background, holding whatever it uses (a connection, a file), for a "
              "result that nobody will read. asyncio.wait(..., timeout=...) only stops waiting: it does not cancel "
              "what is still pending. Expected: the job cancelled at the timeout — asyncio.timeout and "
              "asyncio.wait_for do it for you; with asyncio.wait, call `.cancel()` on each pending task.",
           fr=f"{call}, où {what_fr}, a renvoyé None à {seconds(out.elapsed, 'fr')}, mais fetch tournait encore : "
              "personne ne l'a annulé. Il continue en arrière-plan, en gardant ce qu'il utilise (une connexion, un "
              "fichier), pour un résultat que personne ne lira. asyncio.wait(..., timeout=...) arrête seulement "
              "d'attendre : il n'annule pas ce qui reste en cours. Attendu : le travail annulé au bout du délai — "
              "asyncio.timeout et asyncio.wait_for le font pour vous ; avec asyncio.wait, appelez `.cancel()` sur "
              "chaque tâche restante.")
    expect(out.elapsed == pytest.approx(timeout, abs=1e-6) and ended == pytest.approx(timeout, abs=1e-6),
           "wrong-timing",
           en=f"{call}, where {what}, returned None after {seconds(out.elapsed)} of event-loop time (fetch was "
              f"cancelled at {seconds(ended)}); expected both at {seconds(timeout)}: the caller gave {seconds(timeout)}, "
              "not more and not less.",
           fr=f"{call}, où {what_fr}, a renvoyé None après {seconds(out.elapsed, 'fr')} de temps de boucle (fetch "
              f"annulé à {seconds(ended, 'fr')}) ; attendu les deux à {seconds(timeout, 'fr')} : l'appelant a donné "
              f"{seconds(timeout, 'fr')}, ni plus ni moins.")
    fail_if_leaked(out, call)


@NEEDS_FAST
def test_fetch_errors_go_through(learner, virtual):
    """an error raised by fetch reaches the caller
    fr: une erreur levée par fetch parvient à l'appelant"""
    error = JobFailed("server said 500")
    run, out, call = run_fetch(learner, virtual, 0.25, 2.0, error=error)
    fail_if_called_wrongly(run, call)
    expect(holds(out.error, error), "wrong-result",
           en=f"{call}, where fetch raises JobFailed('server said 500') after 0.25 s, "
              f"{'returned ' + shown(out.result) if out.error is None else 'raised ' + show(out.error)}; "
              "expected the JobFailed to reach the caller. Only the timeout means None; any other failure must "
              "stay visible, or the caller cannot tell 'too slow' from 'broken'. Catch TimeoutError only, never "
              "a bare `except:` or `except Exception:`.",
           fr=f"{call}, où fetch lève JobFailed('server said 500') après 0,25 s, "
              f"{'a renvoyé ' + shown(out.result) if out.error is None else 'a levé ' + show(out.error)} ; "
              "attendu que JobFailed parvienne à l'appelant. Seul le délai dépassé donne None ; toute autre panne "
              "doit rester visible, sinon l'appelant ne distingue pas « trop lent » de « en panne ». Attrapez "
              "seulement TimeoutError, jamais un `except:` nu ni `except Exception:`.")
    expect(out.elapsed == pytest.approx(0.25, abs=1e-6), "wrong-timing",
           en=f"{call}, where fetch raises after 0.25 s, raised only after {seconds(out.elapsed)} of event-loop "
              "time; expected at 0.25 s, as soon as fetch failed.",
           fr=f"{call}, où fetch lève une erreur après 0,25 s, ne l'a levée qu'après {seconds(out.elapsed, 'fr')} de "
              "temps de boucle ; attendu à 0,25 s, dès l'échec de fetch.")
    fail_if_leaked(out, call)


# --- first_failure_cancels_all ----------------------------------------------------------------------------------


test_first_failure_cancels_all_is_a_coroutine_function = coroutine_function_check("first_failure_cancels_all")


def make_jobs(spec):
    """spec: [(name, duration, value, error)] -> (runs, jobs)"""
    runs = [Run(name, duration, value, error) for name, duration, value, error in spec]
    jobs = [make_job(run) for run in runs]
    return runs, jobs


def jobs_text(spec, lang):
    parts = []
    for name, duration, value, error in spec:
        if error is not None:
            parts.append(f"{name} lève {type(error).__name__} à {seconds(duration, 'fr')}" if lang == "fr"
                         else f"{name} raises {type(error).__name__} at {seconds(duration)}")
        else:
            parts.append(f"{name} renvoie {show(value)} à {seconds(duration, 'fr')}" if lang == "fr"
                         else f"{name} returns {show(value)} at {seconds(duration)}")
    return ", ".join(parts)


def timeline(runs, out, lang):
    words = {"en": {"cancelled": "cancelled at", "returned": "returned at", "raised": "raised at",
                    None: "still running"},
             "fr": {"cancelled": "annulé à", "returned": "a renvoyé son résultat à", "raised": "a levé son erreur à",
                    None: "tourne encore"}}[lang]
    colon, semicolon = (" : ", " ; ") if lang == "fr" else (": ", "; ")
    parts = []
    for run in runs:
        state, ended = out.states[run.name]
        if run.calls == 0:
            parts.append(run.name + colon + ("jamais lancé" if lang == "fr" else "never started"))
        elif state is None:
            parts.append(run.name + colon + words[None])
        else:
            parts.append(f"{run.name}{colon}{words[state]} {seconds(ended, lang)}")
    return semicolon.join(parts)


def run_jobs(learner, virtual, spec, cancel_at=None):
    runs, jobs = make_jobs(spec)
    out = drive(virtual, lambda: learner.first_failure_cancels_all(list(jobs)), runs, cancel_at=cancel_at)
    call = f"first_failure_cancels_all([{', '.join(name for name, *_ in spec)}])"
    reraise_unexpected(out, *[error for *_, error in spec if error is not None])
    fail_if_hung(out, call)
    return runs, out, call


@pytest.mark.needs("test_first_failure_cancels_all_is_a_coroutine_function")
def test_all_jobs_succeed_results_in_order(learner, virtual):
    """all jobs succeed: their results, in order, after the longest one
    fr: tous les travaux réussissent : leurs résultats, dans l'ordre, après le plus long"""
    spec = [("a", 3.0, "A", None), ("b", 1.0, "B", None), ("c", 2.0, "C", None)]
    runs, out, call = run_jobs(learner, virtual, spec)
    en_jobs, fr_jobs = jobs_text(spec, "en"), jobs_text(spec, "fr")
    for run in runs:
        fail_if_called_wrongly(run, call)
    result = out.result
    if type(result) is list and all(type(r) is str for r in result) and sorted(result) == ["A", "B", "C"] \
            and not same(result, ["A", "B", "C"]):
        fail("wrong-order",
             en=f"{call}, where {en_jobs}, returned {shown(result)}; expected ['A', 'B', 'C'], the results in the "
                "order of `jobs`, whatever order they finish in (here b finishes first). TaskGroup: read each "
                "task's result() in the order you created them; gather keeps the order of its arguments.",
             fr=f"{call}, où {fr_jobs}, a renvoyé {shown(result)} ; attendu ['A', 'B', 'C'], les résultats dans "
                "l'ordre de `jobs`, quel que soit l'ordre où ils finissent (ici b finit le premier). TaskGroup : "
                "lisez le result() de chaque tâche dans l'ordre de création ; gather garde l'ordre de ses "
                "arguments.")
    expect(same(result, ["A", "B", "C"]) and out.error is None and not out.cancelled, "wrong-result",
           en=f"{call}, where {en_jobs}, returned {shown(result)}; expected the list ['A', 'B', 'C'].",
           fr=f"{call}, où {fr_jobs}, a renvoyé {shown(result)} ; attendu la liste ['A', 'B', 'C'].")
    if out.elapsed > 3.0 + 1e-6:
        starts = ", ".join(f"{run.name} {seconds(run.start)}" for run in runs)
        starts_fr = ", ".join(f"{run.name} {seconds(run.start, 'fr')}" for run in runs)
        fail("not-concurrent",
             en=f"{call}, where {en_jobs}, took {seconds(out.elapsed)} of event-loop time; expected 3 s, the longest "
                f"job. The jobs started at: {starts}: one after the other. Start them all first (TaskGroup, "
                "create_task, gather), then wait.",
             fr=f"{call}, où {fr_jobs}, a pris {seconds(out.elapsed, 'fr')} de temps de boucle ; attendu 3 s, le "
                f"travail le plus long. Les travaux ont commencé à : {starts_fr} : l'un après l'autre. Lancez-les "
                "tous d'abord (TaskGroup, create_task, gather), puis attendez.")
    expect(out.elapsed == pytest.approx(3.0, abs=1e-6), "wrong-timing",
           en=f"{call}, where {en_jobs}, returned after {seconds(out.elapsed)} of event-loop time; expected 3 s, when "
              "the last job is done.",
           fr=f"{call}, où {fr_jobs}, a rendu la main après {seconds(out.elapsed, 'fr')} de temps de boucle ; attendu "
              "3 s, quand le dernier travail a fini.")
    fail_if_leaked(out, call)


NEEDS_ALL = pytest.mark.needs("test_all_jobs_succeed_results_in_order")


@NEEDS_ALL
def test_no_jobs_gives_an_empty_list(learner, virtual):
    """no jobs: an empty list, at once
    fr: aucun travail : une liste vide, tout de suite"""
    runs, out, call = run_jobs(learner, virtual, [])
    expect(same(out.result, []) and out.elapsed == pytest.approx(0.0, abs=1e-6), "wrong-result",
           en=f"{call} returned {shown(out.result)} after {seconds(out.elapsed)}; expected [] at once.",
           fr=f"{call} a renvoyé {shown(out.result)} après {seconds(out.elapsed, 'fr')} ; attendu [] tout de suite.")


@NEEDS_ALL
def test_one_failure_cancels_the_other_jobs(learner, virtual):
    """one job fails: the others are cancelled at once, and the error reaches the caller
    fr: un travail échoue : les autres sont annulés aussitôt, et l'erreur parvient à l'appelant"""
    error = JobFailed("b broke")
    spec = [("a", 5.0, "A", None), ("b", 1.0, None, error), ("c", 3.0, "C", None)]
    runs, out, call = run_jobs(learner, virtual, spec)
    en_jobs, fr_jobs = jobs_text(spec, "en"), jobs_text(spec, "fr")
    line_en, line_fr = timeline(runs, out, "en"), timeline(runs, out, "fr")
    for run in runs:
        fail_if_called_wrongly(run, call)
    if not holds(out.error, error):
        got_en = f"returned {shown(out.result)}" if not out.cancelled else "ended cancelled"
        got_fr = f"a renvoyé {shown(out.result)}" if not out.cancelled else "a fini annulée"
        fail("wrong-result",
             en=f"{call}, where {en_jobs}, {got_en} after {seconds(out.elapsed)}; expected it to raise b's JobFailed "
                "(or an ExceptionGroup holding it) at 1 s. A failed job must not be turned into a value: "
                "gather(..., return_exceptions=True) hides the error in the list and waits for every job. "
                f"Jobs: {line_en}.",
             fr=f"{call}, où {fr_jobs}, {got_fr} après {seconds(out.elapsed, 'fr')} ; attendu qu'elle lève le "
                "JobFailed de b (ou un ExceptionGroup qui le contient) à 1 s. Un travail en échec ne doit pas devenir "
                "une valeur : gather(..., return_exceptions=True) cache l'erreur dans la liste et attend tous les "
                f"travaux. Travaux : {line_fr}.")
    still = [run.name for run in runs if out.states[run.name][0] is None and run.calls]
    expect(not still, "not-cancelled",
           en=f"{call}, where {en_jobs}, raised at {seconds(out.elapsed)}, but {', '.join(still)} kept running "
              f"afterwards: nobody cancelled {'them' if len(still) > 1 else 'it'}. Their results will never be "
              "used, yet they go on working and holding resources. asyncio.gather without return_exceptions "
              "passes the first error on at once but does NOT cancel the other jobs, and neither does "
              "asyncio.wait(return_when=FIRST_EXCEPTION). Expected: the other jobs cancelled as soon as one fails "
              f"— asyncio.TaskGroup does it for you. Jobs: {line_en}.",
           fr=f"{call}, où {fr_jobs}, a levé l'erreur à {seconds(out.elapsed, 'fr')}, mais {', '.join(still)} "
              f"{'ont' if len(still) > 1 else 'a'} continué ensuite : personne ne les a annulés. Leurs résultats ne "
              "serviront jamais, et pourtant ils continuent de travailler et d'occuper des ressources. "
              "asyncio.gather sans return_exceptions transmet la première erreur tout de suite mais n'annule PAS "
              "les autres travaux, asyncio.wait(return_when=FIRST_EXCEPTION) non plus. Attendu : les autres "
              "travaux annulés dès que l'un échoue — asyncio.TaskGroup le fait pour vous. Travaux : "
              f"{line_fr}.")
    late = [run.name for run in runs if out.states[run.name][0] == "cancelled"
            and out.states[run.name][1] != pytest.approx(1.0, abs=1e-6)]
    expect(out.elapsed == pytest.approx(1.0, abs=1e-6) and not late, "wrong-timing",
           en=f"{call}, where {en_jobs}, raised after {seconds(out.elapsed)} of event-loop time; expected at 1 s, "
              f"with a and c cancelled at 1 s, when b failed. Jobs: {line_en}.",
           fr=f"{call}, où {fr_jobs}, a levé l'erreur après {seconds(out.elapsed, 'fr')} de temps de boucle ; attendu "
              f"à 1 s, avec a et c annulés à 1 s, quand b a échoué. Travaux : {line_fr}.")
    fail_if_leaked(out, call)


@NEEDS_ALL
def test_cancelling_it_cancels_its_jobs(learner, virtual):
    """cancelled from outside: its jobs are cancelled too, and so is the call
    fr: annulée de l'extérieur : ses travaux sont annulés aussi, et l'appel avec"""
    spec = [("a", 2.0, "A", None), ("b", 3.0, "B", None)]
    runs, out, call = run_jobs(learner, virtual, spec, cancel_at=0.5)
    en_jobs, fr_jobs = jobs_text(spec, "en"), jobs_text(spec, "fr")
    line_en, line_fr = timeline(runs, out, "en"), timeline(runs, out, "fr")
    if not out.cancelled:
        got_en = f"returned {shown(out.result)}" if out.error is None else f"raised {show(out.error)}"
        got_fr = f"a renvoyé {shown(out.result)}" if out.error is None else f"a levé {show(out.error)}"
        fail("not-cancelled",
             en=f"The task running {call} ({en_jobs}) was cancelled at 0.5 s, but it {got_en} at "
                f"{seconds(out.elapsed)} instead of ending cancelled. A cancellation must go through: the caller "
                "(a timeout, a user who gave up) counts on it. Never swallow CancelledError; if you catch it to "
                f"clean up, `raise` it again. Jobs: {line_en}.",
             fr=f"La tâche qui exécutait {call} ({fr_jobs}) a été annulée à 0,5 s, mais elle {got_fr} à "
                f"{seconds(out.elapsed, 'fr')} au lieu de finir annulée. Une annulation doit passer : l'appelant (un "
                "délai, un utilisateur qui abandonne) compte dessus. N'avalez jamais CancelledError ; si vous "
                f"l'attrapez pour nettoyer, relancez-la (`raise`). Travaux : {line_fr}.")
    still = [run.name for run in runs if out.states[run.name][0] is None and run.calls]
    expect(not still, "not-cancelled",
           en=f"The task running {call} ({en_jobs}) was cancelled at 0.5 s and ended, but {', '.join(still)} kept "
              "running: cancelling the coroutine that waits did not cancel the jobs it started. asyncio.wait "
              "behaves so: when the task waiting in asyncio.wait is cancelled, the tasks it waited for go on. "
              "Expected: cancelling first_failure_cancels_all cancels its jobs — TaskGroup and gather do it; "
              f"with asyncio.wait, cancel them in `except CancelledError:` (then `raise`). Jobs: {line_en}.",
           fr=f"La tâche qui exécutait {call} ({fr_jobs}) a été annulée à 0,5 s et s'est terminée, mais "
              f"{', '.join(still)} {'ont' if len(still) > 1 else 'a'} continué : annuler la coroutine qui attend n'a "
              "pas annulé les travaux qu'elle avait lancés. C'est le comportement d'asyncio.wait : quand la tâche "
              "qui attend dans asyncio.wait est annulée, les tâches attendues continuent. Attendu : annuler "
              "first_failure_cancels_all annule ses travaux — TaskGroup et gather le font ; avec asyncio.wait, "
              f"annulez-les dans `except CancelledError:` (puis `raise`). Travaux : {line_fr}.")
    expect(out.elapsed == pytest.approx(0.5, abs=1e-6), "wrong-timing",
           en=f"The task running {call} was cancelled at 0.5 s but ended only at {seconds(out.elapsed)} of event-loop "
              f"time; expected at 0.5 s. Jobs: {line_en}.",
           fr=f"La tâche qui exécutait {call} a été annulée à 0,5 s mais n'a fini qu'à {seconds(out.elapsed, 'fr')} de "
              f"temps de boucle ; attendu à 0,5 s. Travaux : {line_fr}.")
    fail_if_leaked(out, call)


# --- with_connection -----------------------------------------------------------------------------------------


class Connection:
    def __init__(self, number: int):
        self.number = number

    def __repr__(self) -> str:
        return f"<connection #{self.number}>"


class Pool(tuple):
    """The suite's connection pool: acquire() takes 0.1 s of loop time and hands out a new connection;
    release(connection) records when and what was given back. The pool is handed to the learner's code: what
    it saw is in a Ledger written only by these two methods (learner code can call them, which is what they
    measure, not write their records)."""

    __slots__ = ()
    ACQUIRE_S = 0.1

    def __new__(cls) -> "Pool":
        return tuple.__new__(cls, (Ledger(Pool.acquire, Pool.release),))

    async def acquire(self) -> Connection:
        ledger = self[0]
        ledger.write(("add", "acquire calls", 1))
        await asyncio.sleep(Pool.ACQUIRE_S)
        with ledger.lock:
            connection = Connection(len(self.handed) + 1)
            ledger.write(("append", "handed", connection))
        return connection

    def release(self, connection: Any) -> None:
        self[0].write(("append", "released", (connection, loop_now(asyncio.get_running_loop()))))

    handed = property(lambda self: self[0].read("handed", ()))
    released = property(lambda self: self[0].read("released", ()))
    acquire_calls = property(lambda self: self[0].read("acquire calls", 0))


def describe_releases(pool: Pool, lang: str) -> str:
    if not pool.released:
        return "jamais rendue" if lang == "fr" else "never given back"
    at = "à" if lang == "fr" else "at"
    return ", ".join(f"release({conn_text(conn)}) {at} {seconds(t, lang)}" for conn, t in pool.released)


def conn_text(value: Any) -> str:
    return repr(value) if isinstance(value, Connection) else show(value)


test_with_connection_is_a_coroutine_function = coroutine_function_check("with_connection")


def run_connection(learner, virtual, duration, value=None, error=None, cancel_at=None):
    pool = Pool()
    run = Run("job", duration, value, error)
    job = make_job(run, argument=True)
    out = drive(virtual, lambda: learner.with_connection(pool, job), [run], cancel_at=cancel_at)
    call = "with_connection(pool, job)"
    reraise_unexpected(out, *([error] if error else []))
    fail_if_hung(out, call)
    if pool.acquire_calls != 1 or len(pool.handed) != 1:
        fail("wrong-result",
             en=f"{call} called `await pool.acquire()` {pool.acquire_calls} time(s) ({len(pool.handed)} connection(s) "
                "handed out); expected exactly once: one connection, taken with `connection = await "
                "pool.acquire()`.",
             fr=f"{call} a appelé `await pool.acquire()` {pool.acquire_calls} fois ({len(pool.handed)} connexion(s) "
                "distribuée(s)) ; attendu exactement une fois : une connexion, prise avec `connection = await "
                "pool.acquire()`.")
    fail_if_called_wrongly(run, call)
    connection = pool.handed[0]
    seen = [arg for args in run.args for arg in args]
    expect(len(seen) == 1 and seen[0] is connection, "wrong-result",
           en=f"{call} called job with ({', '.join(conn_text(v) for v in seen)}); "
              f"expected job({connection!r}), the connection that pool.acquire() gave.",
           fr=f"{call} a appelé job avec ({', '.join(conn_text(v) for v in seen)}) ; "
              f"attendu job({connection!r}), la connexion donnée par pool.acquire().")
    return pool, run, out, call, connection


def check_released_once(pool, connection, call, when_en, when_fr, at):
    releases_en, releases_fr = describe_releases(pool, "en"), describe_releases(pool, "fr")
    if not pool.released:
        fail("no-cleanup",
             en=f"{call}: {when_en}, and the connection was never given back (no pool.release call). A pool has few "
                "connections; each one lost this way is gone for good, and after a few failures or timeouts the "
                "program waits forever for a free one. Expected: release in a `finally:` block, which runs "
                "however the `try:` ends — return, exception, or cancellation. `except Exception:` is not enough: "
                "CancelledError is a BaseException, not an Exception.",
             fr=f"{call} : {when_fr}, et la connexion n'a jamais été rendue (aucun appel à pool.release). Un pool a "
                "peu de connexions ; chacune perdue ainsi l'est pour de bon, et après quelques échecs ou délais "
                "dépassés, le programme attend pour toujours une connexion libre. Attendu : rendre la connexion dans "
                "un bloc `finally:`, qui s'exécute quelle que soit la fin du `try:` — return, exception ou "
                "annulation. `except Exception:` ne suffit pas : CancelledError est une BaseException, pas une "
                "Exception.")
    expect(len(pool.released) == 1 and pool.released[0][0] is connection, "wrong-result",
           en=f"{call}: {when_en}; the pool saw {releases_en}; expected one release({connection!r}), the connection "
              "that was acquired, given back once.",
           fr=f"{call} : {when_fr} ; le pool a vu {releases_fr} ; attendu un seul release({connection!r}), la "
              "connexion obtenue, rendue une fois.")
    expect(pool.released[0][1] == pytest.approx(at, abs=1e-6), "wrong-timing",
           en=f"{call}: {when_en}; the connection was given back at {seconds(pool.released[0][1])} of event-loop time; "
              f"expected at {seconds(at)}, as soon as the job was over: not while it still used the connection, and "
              "not later.",
           fr=f"{call} : {when_fr} ; la connexion a été rendue à {seconds(pool.released[0][1], 'fr')} de temps de "
              f"boucle ; attendu à {seconds(at, 'fr')}, dès la fin du travail : ni pendant qu'il l'utilisait, ni "
              "plus tard.")


@pytest.mark.needs("test_with_connection_is_a_coroutine_function")
def test_connection_given_back_after_the_job(learner, virtual):
    """the job's result is returned and the connection given back once, right after the job
    fr: le résultat du travail est renvoyé et la connexion rendue une fois, juste après le travail"""
    pool, run, out, call, connection = run_connection(learner, virtual, 1.0, value="rows")
    expect(same(out.result, "rows") and out.error is None and not out.cancelled, "wrong-result",
           en=f"{call}, where job returns 'rows' after 1 s, gave {shown(out.result)}; expected 'rows', what job "
              "returned (`return await job(connection)`).",
           fr=f"{call}, où job renvoie 'rows' après 1 s, a donné {shown(out.result)} ; attendu 'rows', ce que job a "
              "renvoyé (`return await job(connection)`).")
    check_released_once(pool, connection, call, "job returned 'rows' at 1.1 s", "job a renvoyé 'rows' à 1,1 s",
                        Pool.ACQUIRE_S + 1.0)
    expect(out.elapsed == pytest.approx(1.1, abs=1e-6), "wrong-timing",
           en=f"{call} returned after {seconds(out.elapsed)} of event-loop time; expected 1.1 s (0.1 s to acquire, "
              "1 s of job).",
           fr=f"{call} a rendu la main après {seconds(out.elapsed, 'fr')} de temps de boucle ; attendu 1,1 s (0,1 s "
              "pour acquire, 1 s de travail).")


NEEDS_CONNECTION = pytest.mark.needs("test_connection_given_back_after_the_job")


@NEEDS_CONNECTION
def test_connection_given_back_when_the_job_fails(learner, virtual):
    """the job raises: the connection is given back and the error reaches the caller
    fr: le travail lève une erreur : la connexion est rendue et l'erreur parvient à l'appelant"""
    error = JobFailed("query failed")
    pool, run, out, call, connection = run_connection(learner, virtual, 0.5, error=error)
    check_released_once(pool, connection, call, "job raised JobFailed at 0.6 s", "job a levé JobFailed à 0,6 s",
                        Pool.ACQUIRE_S + 0.5)
    expect(holds(out.error, error), "wrong-result",
           en=f"{call}, where job raises JobFailed('query failed'), "
              f"{'returned ' + shown(out.result) if out.error is None else 'raised ' + show(out.error)}; "
              "expected the JobFailed to reach the caller. Give the connection back, but do not hide the error: "
              "`try: ... finally: pool.release(connection)` does both.",
           fr=f"{call}, où job lève JobFailed('query failed'), "
              f"{'a renvoyé ' + shown(out.result) if out.error is None else 'a levé ' + show(out.error)} ; "
              "attendu que JobFailed parvienne à l'appelant. Rendez la connexion, mais ne cachez pas l'erreur : "
              "`try: ... finally: pool.release(connection)` fait les deux.")


@NEEDS_CONNECTION
def test_connection_given_back_when_cancelled(learner, virtual):
    """cancelled during the job: the connection is given back and the cancellation goes through
    fr: annulée pendant le travail : la connexion est rendue et l'annulation passe"""
    pool, run, out, call, connection = run_connection(learner, virtual, 2.0, value="rows", cancel_at=0.6)
    when_en = "the task running it was cancelled at 0.6 s, during the job"
    when_fr = "la tâche qui l'exécutait a été annulée à 0,6 s, pendant le travail"
    check_released_once(pool, connection, call, when_en, when_fr, 0.6)
    if not out.cancelled:
        got_en = f"returned {shown(out.result)}" if out.error is None else f"raised {show(out.error)}"
        got_fr = f"a renvoyé {shown(out.result)}" if out.error is None else f"a levé {show(out.error)}"
        fail("not-cancelled",
             en=f"{call}: {when_en}; it gave the connection back, then {got_en} at {seconds(out.elapsed)} instead of "
                "ending cancelled. The caller cancelled it (a timeout, a user who gave up) and counts on the "
                "cancellation going through; swallowing CancelledError makes the caller believe the work succeeded. "
                "Expected: clean up in `finally:` and let CancelledError go on (or `raise` it again after an "
                "`except CancelledError:`).",
             fr=f"{call} : {when_fr} ; elle a rendu la connexion, puis {got_fr} à {seconds(out.elapsed, 'fr')} au lieu "
                "de finir annulée. L'appelant l'a annulée (un délai, un utilisateur qui abandonne) et compte sur le "
                "passage de l'annulation ; avaler CancelledError lui fait croire que le travail a réussi. Attendu : "
                "nettoyer dans `finally:` et laisser passer CancelledError (ou la relancer avec `raise` après un "
                "`except CancelledError:`).")
    expect(out.states["job"][0] == "cancelled", "not-cancelled",
           en=f"{call}: {when_en}, but the job itself was not cancelled ({out.states['job'][0] or 'still running'}). "
              "Expected: cancelling with_connection cancels the job it awaits — a plain `await job(connection)` "
              "does.",
           fr=f"{call} : {when_fr}, mais le travail lui-même n'a pas été annulé "
              f"({out.states['job'][0] or 'il tourne encore'}). Attendu : annuler with_connection annule le travail "
              "qu'elle attend — un simple `await job(connection)` le fait.")
    fail_if_leaked(out, call)
