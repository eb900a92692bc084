"""What the suites of threads and processes share on top of the toolkit (checker.child.testkit).

- `Rendezvous`: calls that hold until the whole batch has started, so that a busy machine cannot make a
  right answer look sequential: they give up once the learner's code has made no progress for `patience`
  seconds (code that runs one call at a time, its caller blocked in join() or asleep, gives up waiting once,
  then runs unhindered), but not while a thread of it waits for a core of a busy machine;
- `thread_hooks`: the `before`/`after` of Tracker.wrap for calls made from threads: a JoinProbe's enter()
  and hold() (a missing join shows on every run), a rendezvous, a pause before the work;
- `not_waited_for`: the tracked calls still running, or whose thread was never waited for, when the
  learner's function returned; `fail_not_joined` says so, in the same words in every kata;
- `error_chain`, `error_line`: an exception and its causes as plain data (it travels between processes),
  and its first line for a message;
- `grouped`: a big int with its thousands grouped as the language writes them;
- `require_top_level`: the function `name`, failing with spawn-unsafe when it exists only under
  `if __name__ == "__main__":` (what every process started with spawn misses); `require_class`.

    probe = JoinProbe(threading.current_thread())
    tracker = Tracker("wall")
    monkeypatch.setattr(learner, "task", tracker.wrap(learner.task, **thread_hooks(probe, Rendezvous(5))))
    try:
        result = learner.wait_all([0.2] * 5)
        left = not_waited_for(tracker, probe)
    finally:
        probe.returned()
"""

from __future__ import annotations

import sys
import threading
import time
from typing import Any, Callable, NoReturn

from checker import system
from checker.child.testkit import (JoinProbe, Span, Tracker, fail, main_block_names, require_function, show,
                                   thread_label)


class Rendezvous:
    """Each caller of arrive() waits until `size` callers have arrived; after one has given up, nobody waits
    any more. It gives up once the learner's code has made no progress for `patience` seconds: neither the
    thread that made the Rendezvous (the one that calls the learner's function) nor any thread started since
    (not waiting here) has run a line of Python or been ready to run, as the system tells (a thread blocked in
    join(), on a lock or a queue, or asleep, makes no progress; one that a busy machine keeps waiting for a
    core does). At most `cap` seconds in all (code that spins for ever)."""

    POLL_S = 0.01

    def __init__(self, size: int, patience: float = 0.3, cap: float = 3.0):
        self.size, self.patience, self.cap = size, patience, cap
        self.arrived = 0
        self.gave_up = False
        self.cond = threading.Condition()
        me = threading.current_thread()
        self.others = {thread.ident for thread in threading.enumerate() if thread is not me}  # the checker's
        self.waiting: set[int] = set()
        self.seen: dict[int, tuple] = {}

    def arrive(self) -> None:
        with self.cond:
            self.arrived += 1
            self.cond.notify_all()
            if self.gave_up:
                return
            me = threading.get_ident()
            self.waiting.add(me)
            started = last_progress = time.monotonic()
            try:
                while not self.cond.wait_for(lambda: self.arrived >= self.size or self.gave_up, self.POLL_S):
                    now = time.monotonic()
                    if self._progress():
                        last_progress = now
                    if now - last_progress >= self.patience or now - started >= self.cap:
                        self.gave_up = True
                        self.cond.notify_all()
                        return
            finally:
                self.waiting.discard(me)

    def _progress(self) -> bool:
        """Whether a thread that may still arrive has run (its innermost frame moved) or is ready to run
        since the last look."""
        frames = sys._current_frames()
        moved = False
        for thread in threading.enumerate():
            ident = thread.ident
            if ident in self.waiting or ident in self.others or ident not in frames:
                continue
            frame = frames[ident]
            where = (id(frame.f_code), frame.f_lasti, id(frame))
            if self.seen.get(ident) != where:
                self.seen[ident] = where
                moved = True
            elif _runnable(thread):
                moved = True
        return moved


def _runnable(thread: threading.Thread) -> bool:
    """Whether the system has the thread running or ready to run (state R in /proc); False where it cannot
    tell (no /proc)."""
    fields = system.stat_fields(f"/proc/self/task/{thread.native_id}/stat")
    return fields is not None and fields[0] == b"R"


def thread_hooks(probe: JoinProbe | None = None, rendezvous: Rendezvous | None = None, settle: float = 0.0,
                 joins: Callable[[Span], bool] = lambda span: True) -> dict[str, Callable[[Span], None]]:
    """`before` and `after` for Tracker.wrap: as a call starts, probe.enter(), then the rendezvous (for the
    calls that `joins(span)` says take part), then a sleep of `settle` seconds (which releases the GIL);
    as it ends, probe.hold()."""

    def before(span: Span) -> None:
        if probe is not None:
            probe.enter()
        if rendezvous is not None and joins(span):
            rendezvous.arrive()
        if settle:
            time.sleep(settle)

    def after(span: Span) -> None:
        if probe is not None:
            probe.hold()

    return {"before": before, "after": after}


def not_waited_for(tracker: Tracker, probe: JoinProbe) -> list[Span]:
    """The calls not ended yet, or whose thread the probe holds because nobody waited for it; read this
    right after the learner's function returned, before probe.returned()."""
    alive = probe.left_running()
    with tracker.lock:
        return [span for span in tracker.spans if span.end is None or span.thread.ident in alive]


def fail_not_joined(returned: tuple[str, str], left: list[Span], total: int, calls: tuple[str, str],
                    lost: tuple[str, str], then: tuple[str, str], tail: tuple[str, str] = ("", ""),
                    name: Callable[[Span], str] = lambda span: span.label) -> NoReturn:
    """not-joined: `returned` ("wait_all([...]) returned [...]") while the calls `left` (of `total` `calls`)
    still ran in threads nobody waited for, so `lost`; expected: join every thread, then `then`. Each
    pair is (English, French); `name(span)` names a call in the list."""
    k = len(left)
    listed = {lang: ", ".join(f"{name(span)} {word} {thread_label(span.thread)}" for span in left[:4])
              + (", …" if k > 4 else "") for lang, word in (("en", "in"), ("fr", "dans"))}
    fail("not-joined",
         en=f"{returned[0]} while the threads of {k} of its {total} {calls[0]} had not finished ({listed['en']}): "
            f"it did not wait for them, so {lost[0]}. Starting a thread does not wait for it: `thread.start()` "
            "only launches it, `thread.join()` waits until it has finished. A call can take longer than "
            "expected (here the checker made each one finish a little late, in a random order): a time.sleep "
            "\"long enough\", a join of the last thread only or a join with a timeout does not wait for it. "
            f"Expected: start every thread, then join() every one of them, then {then[0]}.{tail[0]}",
         fr=f"{returned[1]} alors que les threads de {k} de ses {total} {calls[1]} n'avaient pas fini "
            f"({listed['fr']}) : elle ne les a pas attendus, donc {lost[1]}. Lancer un thread n'attend pas sa "
            "fin : `thread.start()` ne fait que le lancer, `thread.join()` attend qu'il ait fini. Un appel peut "
            "durer plus que prévu (ici, le vérificateur a fait finir chacun un peu en retard, dans un ordre "
            "aléatoire) : un time.sleep « assez long », un join du dernier thread seulement ou un join avec un "
            f"délai (timeout) n'attend pas sa fin. Attendu : lancer tous les threads, puis join() sur chacun, "
            f"puis {then[1]}.{tail[1]}")


def require_top_level(module: Any, name: str) -> Callable:
    """The function `name` of the learner's module; spawn-unsafe when it is defined only under
    `if __name__ == "__main__":`."""
    if not callable(getattr(module, name, None)) and name in main_block_names(module.__file__):
        fail("spawn-unsafe",
             en=f"`{name}` is defined under `if __name__ == \"__main__\":`, so it exists only when you run "
                "the file yourself. Whoever imports your module never runs that block: the checker, and every "
                "process started with spawn. Expected: the function at the top level of the module.",
             fr=f"`{name}` est définie sous `if __name__ == \"__main__\":` : elle n'existe que quand vous "
                "lancez le fichier vous-même. Qui importe votre module n'exécute jamais ce bloc : le correcteur, "
                "et chaque processus lancé avec spawn. Attendu : la fonction au niveau principal du module.")
    return require_function(module, name)


def require_class(module: Any, name: str, *, en: str = "", fr: str = "") -> type:
    """The class `name` of the learner's module, failing with wrong-result when it is not a class; `en`/`fr`
    say what the kata expects."""
    cls = getattr(module, name, None)
    if not isinstance(cls, type):
        fail("wrong-result", en=f"Your file's `{name}` is {show(cls)}, not a class. " + en,
             fr=f"Le `{name}` de votre fichier vaut {show(cls)}, ce n'est pas une classe. " + fr)
    return cls


def grouped(value: int, lang: str = "en") -> str:
    """An int with its thousands grouped: 1,500,000 in English, 1 500 000 in French (narrow no-break spaces)."""
    text = f"{value:,}"
    return text.replace(",", "\u202f") if lang == "fr" else text


def error_chain(exc: BaseException | None) -> list[dict]:
    """An exception and its causes (__cause__, else __context__), at most 6, as plain data that can be sent
    from another process: {"type": its class's name, "message": str() of it (1500 characters at most),
    "name": a NameError's missing name, else None}."""
    chain: list[dict] = []
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen and len(chain) < 6:
        seen.add(id(exc))
        chain.append({"type": type(exc).__name__, "message": str(exc)[:1500],
                      "name": getattr(exc, "name", None) if isinstance(exc, NameError) else None})
        exc = exc.__cause__ or exc.__context__
    return chain


def error_line(chain: list[dict], where: str | None = None) -> str:
    """The first exception of a chain on one line ("ValueError: no", 300 characters at most), then where the
    learner's code raised it when known: "ValueError: no (mine.py:3: raise ValueError('no'))"."""
    first = chain[0] if chain else {"type": "Exception", "message": ""}
    text = f"{first['type']}: {first['message']}" if first["message"] else first["type"]
    text = text.strip().splitlines()[0] if text.strip() else first["type"]
    return text[:300] + (f" ({where})" if where else "")
