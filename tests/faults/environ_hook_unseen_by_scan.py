# kata: 01
# expect: tampered
# environ_hook_swallows_failures.py written so that the teacher's scan (checker/scan.py, `kata class grade`)
# shows nothing: the same pass of any kata with the stubs untouched, and `suspicious()` returns [].
# The scan looks for names, not for what the code does: `vars(sys)["modules"]` is not the attribute
# `sys.modules`, `vars(os)["environ"] = ...` is a subscript, not an assignment to an imported module's
# attribute (scan.py only notes `ast.Attribute` targets rooted at an imported name), the rebound class is
# reached through a variable that is not an imported module's name, and the phase is recognised by the value
# pytest writes (" (setup)"), so the text PYTEST_CURRENT_TEST never appears.
# Fix (suggested): the scan is a reading aid; to keep it useful, also note `vars(<imported module>)`, any
# subscript assignment or `.update(` on `vars(...)`/`__dict__`, string constants naming a loaded checker,
# pytest or pluggy module ("checker.", "_pytest", "pluggy"), and class-attribute assignments on objects taken
# from a module mapping; the real fix is the one of environ_hook_swallows_failures.py.
import os
import sys

_loaded = vars(sys)["modules"]


def _install():
    watcher = _loaded["checker.child.watch"].CallWatch
    real = watcher.call

    def call(self, item):
        watcher.call = real
        try:
            yield
        except BaseException:
            pass

    watcher.call = call


class _Environ(type(os.environ)):
    def __setitem__(self, key, value):
        super().__setitem__(key, value)
        if value.endswith(" (setup)"):
            _install()


_env = os.environ
vars(os)["environ"] = _Environ(_env._data, _env.encodekey, _env.decodekey, _env.encodevalue, _env.decodevalue)


async def task(name: str, duration: float) -> str:
    raise NotImplementedError("write task()")


def main() -> str:
    raise NotImplementedError("write main()")
