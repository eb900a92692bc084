"""Entry point of the child process that runs one hidden suite: `python -B checker/child/__main__.py`.

The parent sends, on stdin, a per-run secret then the run's Settings (one JSON line each); both are read
before the learner's code is loaded. The secret signs the record, so that nothing the learner prints or
writes can pass for the checker's results.

Before anything of the checker is imported, cached bytecode (`__pycache__/*.pyc`, or a bare `.pyc`) is
refused for every module outside Python's own installation (its standard library and site-packages) and the
checker's own package: the suites and their helpers and the learner's folder are compiled from source, so a
pyc planted beside them (committed to a student's repository, say) is never read. pytest's assertion
rewriting is off (`--assert=plain`): its own cache of rewritten suites is then never read either. The
checker's own bytecode is read like Python's (`kata` compiles it, checker/runner.py): whoever can write a pyc
there can as well rewrite the checker's sources, which a check's code cannot (confined: checker/confine.py).
"""

from __future__ import annotations

import _thread
import multiprocessing
import os
import signal
import sys
import sysconfig
import threading
import traceback
from importlib.machinery import (EXTENSION_SUFFIXES, SOURCE_SUFFIXES, ExtensionFileLoader, FileFinder,
                                 SourceFileLoader)
from pathlib import Path

CHILD_INI = Path(__file__).with_name("child.ini")
CHECKER_PARENT = str(Path(__file__).resolve().parent.parent.parent)
TRUSTED = tuple(os.path.join(os.path.realpath(p), "") for p in {
    *(sysconfig.get_path(name, vars=scheme_vars)
      for name in ("stdlib", "platstdlib", "purelib", "platlib")
      for scheme_vars in ({}, {"base": sys.base_prefix, "platbase": sys.base_exec_prefix})),
    os.path.join(CHECKER_PARENT, "checker")})


class SourceOnlyLoader(SourceFileLoader):
    """Loads a module from its source, never from a cached pyc."""

    def get_code(self, fullname):
        path = self.get_filename(fullname)
        return self.source_to_code(self.get_data(path), path)


_untrusted_finder = FileFinder.path_hook((ExtensionFileLoader, EXTENSION_SUFFIXES),
                                         (SourceOnlyLoader, SOURCE_SUFFIXES))


def source_only_outside_python(path: str) -> FileFinder:
    """A path hook: folders outside Python's installation get a finder that reads no bytecode at all."""
    if os.path.join(os.path.realpath(path or "."), "").startswith(TRUSTED):
        raise ImportError("Python's own folder: the default finder serves it")
    return _untrusted_finder(path)


def prepare() -> None:
    """Before anything of the checker is imported: no cached bytecode outside Python's installation."""
    sys.path[0] = CHECKER_PARENT  # not checker/child/, the script's folder
    sys.path_hooks.insert(0, source_only_outside_python)
    sys.path_importer_cache.clear()
    # A spawned process must not run this file again as its __main__: name it as `-m` would.
    sys.modules["__main__"].__spec__ = type("Spec", (), {"name": "checker.child.__main__"})()


def warm_up() -> None:
    """Import what every check imports, so that a fork of this process has it (checker/child/forkserver.py)."""
    import pytest  # noqa: F401

    from checker import confine, limits, system  # noqa: F401
    from checker.child import plugin, plugins, settings  # noqa: F401


def run_check() -> None:
    """Run the suite on a thread of its own, named as the main thread is; the main thread only waits, in C,
    with every signal blocked, until that thread ends the process. Never returns.

    Why: Python runs signal handlers on the main thread only, and lets only the main thread install one. A
    handler receives the frame the interpreter is in, with no audit event: the audit hook's, the plugin's,
    any frame holding what decides a verdict. With the checks on another thread, the learner's code (which
    runs there, or on threads it starts) cannot install a handler (`signal.signal` raises ValueError), and
    the main thread never runs Python code again."""
    checks = threading.Thread(target=_run_suite, name="MainThread")
    checks.start()
    signal.pthread_sigmask(signal.SIG_BLOCK, signal.valid_signals())
    never = _thread.allocate_lock()
    never.acquire()
    while True:
        try:
            never.acquire()
        except BaseException:  # a signal that came before the mask: its handler raised here, once
            pass


def _run_suite() -> None:
    """Read the secret and the settings on stdin, run the suite, leave (the whole process)."""
    try:
        _run_suite_then_exit()
    except BaseException:  # an error of the checker's own: said, and never a process that waits for ever
        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(3)


def _run_suite_then_exit() -> None:
    secret = sys.stdin.buffer.readline().strip()
    from checker.child.settings import Settings

    settings = Settings.from_line(sys.stdin.buffer.readline())
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    sys.stdin = open(os.devnull)
    sys.set_coroutine_origin_tracking_depth(16)

    from checker import system

    if method := system.start_method():  # KATA_START_METHOD: verify the katas under each platform's default
        multiprocessing.set_start_method(method, force=True)
    import pytest

    from checker.child.plugin import KataPlugin
    from checker.child.plugins import plugin_args

    plugin = KataPlugin(settings, secret)
    del secret  # from now on only the plugin, until its audit hook is installed, then the hook (checker/child/audit.py)
    suite_dir = str(Path(settings.suite).parent)
    status = pytest.main(
        [settings.suite, "-c", str(CHILD_INI), "--rootdir", suite_dir, "--confcutdir", suite_dir,
         "--assert=plain", "-p", "no:cacheprovider", "-p", "no:stepwise", "-p", "no:pastebin",
         "-p", "no:junitxml", *plugin_args(Path(settings.suite)), "-q", "--no-header", "--tb=no", "-rN"],
        plugins=[plugin],
    )
    sys.stdout.flush()
    sys.stderr.flush()
    # Threads the learner left running must not keep the process alive: leave at once.
    os._exit(0 if int(status) in (0, 1) else int(status))


def main() -> None:
    prepare()
    if sys.argv[1:] == ["--serve"]:
        warm_up()
        from checker.child.forkserver import serve

        serve(run_check)
    else:
        run_check()


if __name__ == "__main__":
    main()
