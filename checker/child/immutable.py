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


def thaw(cls: type) -> None:
    """Make a class frozen here mutable again (pytest's own classes, once the record is complete: pytest undoes
    what it patched on them when it stops, checker/child/guard.py `freeze_pytest`)."""
    flags = cls.__flags__
    if not flags & IMMUTABLETYPE or cls.__name__ not in _frozen:
        return
    word = ctypes.c_ulong.from_address(id(cls) + _OFFSET)
    if word.value == flags:
        word.value = flags & ~IMMUTABLETYPE
