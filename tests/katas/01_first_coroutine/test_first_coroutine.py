"""Hidden suite of kata 01 — first coroutine.

Timing is measured in virtual event-loop time (the `virtual` fixture): exact, and instant in real time.
Blocking calls and never-awaited coroutines are caught by the checker's plugin for every check.
"""

import asyncio

import pytest

from checker.child.testkit import (expect, fail, loop_now, require_coroutine_function, require_plain_function, same,
                                   seconds, show)


def lines(text):
    return [line.rstrip() for line in text.splitlines() if line.strip()]


def test_task_is_a_coroutine_function(learner):
    """task is a coroutine function (async def)
    fr: task est une fonction coroutine (async def)"""
    require_coroutine_function(learner, "task")


@pytest.mark.needs("test_task_is_a_coroutine_function")
def test_task_returns_its_result(learner, virtual):
    """task returns "result of <name>"
    fr: task renvoie "result of <name>\""""
    run = virtual.run(learner.task, "alpha", 0.25)
    expect(same(run.result, "result of alpha"), "wrong-result",
           en=f'task("alpha", 0.25) returned {show(run.result)}; expected "result of alpha". The caller of a '
              "coroutine gets exactly what it returns: build the string from the `name` argument.",
           fr=f'task("alpha", 0.25) a renvoyé {show(run.result)} ; attendu "result of alpha". Celui qui attend '
              "une coroutine reçoit exactement ce qu'elle renvoie : construisez la chaîne à partir de `name`.")


@pytest.mark.needs("test_task_is_a_coroutine_function")
def test_task_prints_start_before_waiting_and_done_after(learner, virtual, capsys):
    """task prints "[<name>] start" before waiting and "[<name>] done" after
    fr: task affiche "[<name>] start" avant d'attendre et "[<name>] done" après"""
    seen = {}

    async def scenario():
        running = asyncio.create_task(learner.task("alpha", 0.5))
        await asyncio.sleep(0.25)  # halfway through alpha's wait
        seen["halfway"] = lines(capsys.readouterr().out)
        await running
        seen["end"] = lines(capsys.readouterr().out)

    virtual.run(scenario)
    printed = seen["halfway"] + seen["end"]
    expect(printed == ["[alpha] start", "[alpha] done"], "wrong-output",
           en=f'task("alpha", 0.5) printed {show(printed)}; expected ["[alpha] start", "[alpha] done"]. '
              "The exact lines let a reader follow which task starts and ends when.",
           fr=f'task("alpha", 0.5) a affiché {show(printed)} ; attendu ["[alpha] start", "[alpha] done"]. '
              "Ces lignes exactes permettent de suivre quelle tâche commence et finit quand.")
    expect(seen["halfway"] == ["[alpha] start"], "wrong-output",
           en=f"Halfway through the 0.5 s wait, task had printed {show(seen['halfway'])}; expected only "
              '"[alpha] start". Print "start" before you wait and "done" after the wait.',
           fr=f"À mi-chemin de l'attente de 0,5 s, task avait affiché {show(seen['halfway'])} ; attendu seulement "
              '"[alpha] start". Affichez "start" avant d\'attendre et "done" après l\'attente.')


@pytest.mark.needs("test_task_is_a_coroutine_function")
@pytest.mark.parametrize("duration", [0.5, 2.0])
def test_task_waits_exactly_its_duration(learner, virtual, duration):
    """task waits exactly `duration` seconds of event-loop time
    fr: task attend exactement `duration` secondes de temps de boucle"""
    run = virtual.run(learner.task, "alpha", duration)
    elapsed = run.elapsed
    if elapsed < 1e-6:
        fail("wrong-timing",
             en=f'task("alpha", {duration}) finished at once (0 s of event-loop time); expected it to wait '
                f"{seconds(duration)}. Without `await asyncio.sleep(duration)` nothing waits: the task pretends.",
             fr=f'task("alpha", {duration}) a fini tout de suite (0 s de temps de boucle) ; attendu une attente '
                f"de {seconds(duration, 'fr')}. Sans `await asyncio.sleep(duration)`, rien n'attend : la tâche "
                "fait semblant.")
    expect(elapsed == pytest.approx(duration, abs=1e-6), "wrong-timing",
           en=f'task("alpha", {duration}) took {seconds(elapsed)} of event-loop time; expected '
              f"{seconds(duration)}. Wait exactly the duration you are given, once.",
           fr=f'task("alpha", {duration}) a pris {seconds(elapsed, "fr")} de temps de boucle ; attendu '
              f"{seconds(duration, 'fr')}. Attendez exactement la durée donnée, une seule fois.")


@pytest.mark.needs("test_task_is_a_coroutine_function")
def test_other_coroutines_run_while_task_waits(learner, virtual):
    """other coroutines keep running while task waits
    fr: les autres coroutines continuent pendant que task attend"""
    ticks = []

    async def heartbeat(loop):
        for _ in range(4):
            await asyncio.sleep(0.2)
            ticks.append(round(loop_now(loop), 6))

    async def scenario():
        loop = asyncio.get_running_loop()
        return await asyncio.gather(learner.task("a", 1.0), learner.task("b", 1.0), heartbeat(loop))

    run = virtual.run(scenario)
    expect(run.elapsed == pytest.approx(1.0, abs=1e-6) and ticks == [0.2, 0.4, 0.6, 0.8], "not-concurrent",
           en=f"Two tasks of 1 s and a heartbeat every 0.2 s, gathered, took {seconds(run.elapsed)} of event-loop "
              f"time and the heartbeat ticked at {ticks}; expected 1.0 s and ticks at [0.2, 0.4, 0.6, 0.8]. A "
              "coroutine that waits must hand the loop back (`await`) so that the others can run meanwhile.",
           fr=f"Deux tâches de 1 s et un battement toutes les 0,2 s, lancés ensemble, ont pris "
              f"{seconds(run.elapsed, 'fr')} de temps de boucle, battements à {ticks} ; attendu 1,0 s et des "
              "battements à [0.2, 0.4, 0.6, 0.8]. Une coroutine qui attend doit rendre la main à la boucle "
              "(`await`) pour que les autres avancent.")


def test_main_is_a_plain_function(learner):
    """main is a plain function
    fr: main est une fonction ordinaire"""
    require_plain_function(learner, "main",
                           en="Expected: a plain `def main()` that starts the event loop itself with asyncio.run(...).",
                           fr="Attendu : une fonction ordinaire `def main()` qui démarre elle-même la boucle avec "
                              "asyncio.run(...).")


def as_a_task(task):
    """The learner's task, run as a task of the loop: virtual time then sees its coroutine, its arguments and how
    it ended (`run.tasks`), even when main awaits it inside a coroutine of its own. A task called through another
    name (`t = task`) and run by asyncio.run is one already."""
    async def run_as_a_task(*args, **kwargs):
        return await asyncio.ensure_future(task(*args, **kwargs))

    run_as_a_task.__name__ = run_as_a_task.__qualname__ = "task"
    return run_as_a_task


@pytest.mark.needs("test_task_is_a_coroutine_function", "test_main_is_a_plain_function")
def test_main_runs_task_with_asyncio_run(learner, virtual, capsys, monkeypatch):
    """main runs task("kata", 1.0) with asyncio.run and returns its result
    fr: main exécute task("kata", 1.0) avec asyncio.run et renvoie son résultat"""
    code = learner.task.__code__  # the learner's own coroutine, whatever name main calls it by
    monkeypatch.setattr(learner, "task", as_a_task(learner.task))
    run = virtual(learner.main)
    printed = lines(capsys.readouterr().out)
    expect(run.loops >= 1, "wrong-output",
           en=f"main() returned {show(run.result)} without ever starting an event loop, so task never ran and "
              f"printed nothing (printed: {show(printed)}). Expected: `return asyncio.run(task(\"kata\", 1.0))`.",
           fr=f"main() a renvoyé {show(run.result)} sans jamais démarrer de boucle d'événements : task ne s'est "
              f"pas exécutée et n'a rien affiché (affiché : {show(printed)}). Attendu : "
              "`return asyncio.run(task(\"kata\", 1.0))`.")
    ran = [one.args for one in run.tasks if one.code is code and one.returned]
    expect(any(same(args, ("kata", 1.0)) for args in ran), "wrong-output",
           en=f'main() never ran task("kata", 1.0) to its end in its event loop (task ran with: {show(ran)}); it '
              f"printed {show(printed)} and returned {show(run.result)}. The lines and the result must come from "
              'task itself: `return asyncio.run(task("kata", 1.0))`.',
           fr=f'main() n\'a jamais exécuté task("kata", 1.0) jusqu\'au bout dans sa boucle d\'événements (task '
              f"exécutée avec : {show(ran)}) ; elle a affiché {show(printed)} et renvoyé {show(run.result)}. Les "
              'lignes et le résultat doivent venir de task elle-même : `return asyncio.run(task("kata", 1.0))`.')
    expect(printed == ["[kata] start", "[kata] done"], "wrong-output",
           en=f'main() printed {show(printed)}; expected ["[kata] start", "[kata] done"]: main must run '
              'task("kata", 1.0), once.',
           fr=f'main() a affiché {show(printed)} ; attendu ["[kata] start", "[kata] done"] : main doit exécuter '
              'task("kata", 1.0), une fois.')
    expect(same(run.result, "result of kata"), "wrong-result",
           en=f'main() returned {show(run.result)}; expected "result of kata", the value that asyncio.run gives '
              "back from the coroutine.",
           fr=f'main() a renvoyé {show(run.result)} ; attendu "result of kata", la valeur que asyncio.run '
              "renvoie depuis la coroutine.")
    expect(run.elapsed == pytest.approx(1.0, abs=1e-6), "wrong-timing",
           en=f"main() took {seconds(run.elapsed)} of event-loop time; expected 1.0 s, the duration of "
              'task("kata", 1.0).',
           fr=f"main() a pris {seconds(run.elapsed, 'fr')} de temps de boucle ; attendu 1,0 s, la durée de "
              'task("kata", 1.0).')
