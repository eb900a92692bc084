"""The checker's classes made immutable, as the types written in C are: setting or deleting one of their
attributes raises TypeError ("cannot set 'x' attribute of immutable type 'X'").

Why: a class's attributes can be rewritten with no audit event, and a method swapped by learner code and put
back at its first use (the virtual clock's `_Loops.timed`, read once the run is over) leaves nothing
for the guard to compare. Python gives such classes a flag, Py_TPFLAGS_IMMUTABLETYPE (3.10+), which the types
made in C and `PyType_FromSpec` carry; a class statement cannot ask for it, so it is set here on each
checker class, in the type's `tp_flags` word, once, before the learner's code loads. The word is written only
where it holds exactly the flags Python reports for the class (`__flags__`), and the write is checked by
reading `__flags__` again: on an interpreter laid out otherwise (a free-threaded build, say) nothing is
written and the guard's comparisons remain the only defence.

Subclasses stay mutable (the flag is not inherited by a class statement), so the scheduler's and the suites'
subclasses of the learner's or the checker's classes work as before.
"""

from __future__ import annotations

import ctypes
from typing import Callable, Generator

IMMUTABLETYPE = 1 << 8  # Py_TPFLAGS_IMMUTABLETYPE
# tp_flags follows 21 pointer-sized fields of PyTypeObject (the object's header, tp_name ... tp_as_buffer),
# the same from 3.10 to 3.14 in the default build
_OFFSET = 21 * ctypes.sizeof(ctypes.c_void_p)
_frozen: dict[str, str] = {}  # the name of each class made immutable here -> its module and qualified name


def freeze(cls: type) -> bool:
    """Make `cls` immutable; False where the interpreter's layout is not the one expected (nothing written)."""
    flags = cls.__flags__
    if flags & IMMUTABLETYPE:
        return True
    word = ctypes.c_ulong.from_address(id(cls) + _OFFSET)
    if word.value != flags:
        return False
    word.value = flags | IMMUTABLETYPE
    _frozen[cls.__name__] = f"{cls.__module__}.{cls.__qualname__}"
    return bool(cls.__flags__ & IMMUTABLETYPE)


def refused(exc: BaseException) -> str | None:
    """The `module.Class.attribute` a write was refused on, when `exc` is that refusal on a class frozen here."""
    if type(exc) is not TypeError:
        return None
    text = str(exc)
    if " attribute of immutable type '" not in text:
        return None
    if not text.startswith(("cannot set '", "cannot delete '")):
        return None
    attribute = text.split("'")[1]
    owner = text.rsplit("'", 2)[-2]
    return f"{_frozen[owner]}.{attribute}" if owner in _frozen else None


def thawer(classes: tuple[type, ...], allowed: Callable[[], bool]) -> Callable[[None], None]:
    """A function that makes `classes` (frozen here) mutable again, once `allowed()` says so (pytest's own, once
    the record is complete: pytest undoes what it patched on them when it stops, checker/child/guard.py
    `freeze_pytest`). The words it writes are read now (a ctypes read is an audit event, cheap before the
    learner's code loads) and kept in a generator's locals, out of learner code's reach: calling the function
    early thaws nothing."""
    words = tuple((cls, ctypes.c_ulong.from_address(id(cls) + _OFFSET)) for cls in classes
                  if cls.__flags__ & IMMUTABLETYPE and cls.__name__ in _frozen)

    def thawing() -> Generator[None, None, None]:
        while True:
            yield
            if allowed():
                for cls, word in words:
                    flags = cls.__flags__
                    if flags & IMMUTABLETYPE and word.value == flags:
                        word.value = flags & ~IMMUTABLETYPE

    generator = thawing()
    next(generator)
    return generator.send
