"""What a hidden suite uses to judge a submission: failures with a code and a message in both languages,
exact comparisons that a hostile __eq__ cannot fool, and helpers for threads.

    from checker.child.testkit import fail, expect, same

    def test_returns_its_result(learner):
        got = learner.main()
        expect(same(got, "result of kata"), "wrong-result",
               en=f"main() returned {show(got)}; expected 'result of kata'. ...",
               fr=f"main() a renvoyé {show(got)} ; attendu 'result of kata'. ...")

Fixtures `learner` (the learner's module) and `virtual` (run asyncio code in virtual time) come from
checker.child.plugin.
"""

from __future__ import annotations

import inspect
import reprlib
import threading
from typing import Any, Callable, NoReturn

from checker.codes import CODES
from checker.i18n import french_numbers


class KataFailure(Exception):
    """A failed check: a stable code and the message in each language."""

    def __init__(self, code: str, en: str, fr: str, **details: Any):
        if code not in CODES:
            raise ValueError(f"unknown diagnostic code {code!r}")
        super().__init__(en)
        self.code = code
        self.texts = {"en": en, "fr": french_numbers(fr)}  # one decimal separator per language
        self.details = details


def fail(code: str, *, en: str, fr: str, **details: Any) -> NoReturn:
    raise KataFailure(code, en, fr, **details)


def expect(condition: object, code: str, *, en: str, fr: str, **details: Any) -> None:
    if condition is not True and condition is not False:
        condition = bool(condition)
    if not condition:
        raise KataFailure(code, en, fr, **details)


_EXACT = (str, int, float, bool, bytes, type(None))


def same(actual: object, expected: object) -> bool:
    """Equal AND of exactly the same types, all the way down: an object whose __eq__ always says True,
    or a str subclass, is not "the same" as a str."""
    if type(actual) is not type(expected):
        return False
    if isinstance(expected, _EXACT):
        return actual == expected
    if isinstance(expected, (list, tuple)):
        return len(actual) == len(expected) and all(same(a, e) for a, e in zip(actual, expected))
    if isinstance(expected, dict):
        return (len(actual) == len(expected)
                and all(type(k) in _EXACT and k in expected and same(v, expected[k]) for k, v in actual.items()))
    raise TypeError(f"same() compares plain data, not {type(expected).__name__}")


_repr = reprlib.Repr()
_repr.maxstring = 80
_repr.maxother = 80
_repr.maxlist = 12


def show(value: object, _depth: int = 0) -> str:
    """A short repr that never runs the learner's own __repr__ and never prints megabytes."""
    if isinstance(value, _EXACT) and type(value) in _EXACT:
        return _repr.repr(value)
    if type(value) in (list, tuple) and _depth < 2:
        items = [show(v, _depth + 1) for v in value[:_repr.maxlist]]
        more = ", ..." if len(value) > _repr.maxlist else ""
        body = ", ".join(items) + more + ("," if type(value) is tuple and len(value) == 1 else "")
        return ("[%s]" if type(value) is list else "(%s)") % body
    if type(value) is dict and _depth < 2:
        items = [f"{show(k, 2)}: {show(v, _depth + 1)}" for k, v in list(value.items())[:_repr.maxdict]]
        return "{" + ", ".join(items) + (", ..." if len(value) > _repr.maxdict else "") + "}"
    return f"<{type(value).__qualname__} object>"


def require_coroutine_function(module: Any, name: str) -> Callable:
    """The function `name` of the learner's module, failing with not-a-coroutine when it is not `async def`."""
    func = getattr(module, name, None)
    if func is None:
        fail("wrong-result",
             en=f"Your file defines no `{name}`. Expected: `async def {name}(...)` as the kata asks; "
                "the checks call it by this name.",
             fr=f"Votre fichier ne définit pas `{name}`. Attendu : `async def {name}(...)` comme le demande "
                "le kata ; les vérifications l'appellent par ce nom.")
    if not inspect.iscoroutinefunction(func):
        fail("not-a-coroutine",
             en=f"`{name}` is a plain function (`def`), so calling it runs it to the end at once and it cannot "
                f"wait without blocking. Expected: `async def {name}(...)`, a coroutine function that the event "
                "loop can pause at each `await`.",
             fr=f"`{name}` est une fonction ordinaire (`def`) : l'appeler l'exécute d'un trait et elle ne peut pas "
                f"attendre sans bloquer. Attendu : `async def {name}(...)`, une fonction coroutine que la boucle "
                "d'événements peut suspendre à chaque `await`.")
    return func


def require_function(module: Any, name: str) -> Callable:
    func = getattr(module, name, None)
    if not callable(func):
        fail("wrong-result",
             en=f"Your file defines no function `{name}`. Expected: `{name}` with the signature the kata gives; "
                "the checks call it by this name.",
             fr=f"Votre fichier ne définit pas de fonction `{name}`. Attendu : `{name}` avec la signature de "
                "l'énoncé ; les vérifications l'appellent par ce nom.")
    return func


class ThreadResult:
    def __init__(self) -> None:
        self.value: Any = None
        self.error: BaseException | None = None
        self.done = threading.Event()


def run_with_deadline(func: Callable, *args: Any, timeout: float, what: str | dict[str, str]) -> Any:
    """Run `func(*args)` in a daemon thread; a call that does not return within `timeout` seconds is a
    `deadlock` verdict instead of a hang (a suite that can tell a spin from a wait catches it and says which:
    see diagnose.sample). `what` names the call, as text or as {"en": ..., "fr": ...}. Exceptions are
    re-raised here."""
    box = ThreadResult()
    what_en, what_fr = (what["en"], what["fr"]) if isinstance(what, dict) else (what, what)

    def target() -> None:
        try:
            box.value = func(*args)
        except BaseException as exc:  # re-raised in the caller's thread
            box.error = exc
        finally:
            box.done.set()

    threading.Thread(target=target, name="kata-deadline", daemon=True).start()
    if not box.done.wait(timeout):
        fail("deadlock",
             en=f"{what_en} had not returned after {timeout:g} s: its threads are stuck, most likely waiting for "
                "a lock that is never released (an acquire() without release(), or two locks taken in opposite "
                "orders). Expected: it returns; use `with lock:` so the lock is always released.",
             fr=f"{what_fr} n'avait pas rendu la main après {timeout:g} s : ses threads sont bloqués, très "
                "probablement en attente d'un verrou jamais relâché (un acquire() sans release(), ou deux verrous "
                "pris dans des ordres opposés). Attendu : qu'il se termine ; utilisez `with lock:` pour que le "
                "verrou soit toujours relâché.")
    if box.error is not None:
        raise box.error
    return box.value
