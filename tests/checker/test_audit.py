"""The child's audit hook (checker/child/audit.py): what a right solution does never trips it; each way to
reach into the checker is refused, latched and named, even when the learner catches the exception.

Each case runs in its own interpreter (an audit hook cannot be removed): a small "checker side" script
installs and arms the hook, then imports a learner file and calls its `run()`."""

import dis
import json
import subprocess
import sys
import textwrap
import types
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

CHECKER_SIDE = '''
import importlib, json, sys
sys.path.insert(0, {repo!r})
from checker.child import audit


def write():
    return audit.seal([("t", "failed", b'{{"name": "t"}}')], False)


if __name__ == "__main__":
    audit.install(b"k" * 32, "en", write, {{"name": "n", "message": "{{event}} {{detail}}"}},
                  {{"paths": {{}}, "repeat": frozenset(), "known": {{}}, "item_anchor": frozenset(), "bottom": frozenset()}})
    audit.arm({learner!r}, [{here!r}, {repo!r} + "/checker"])
    sys.path.insert(0, {learner_dir!r})
    error = None
    try:
        importlib.import_module("learner_code").run()
    except BaseException as exc:
        error = f"{{type(exc).__name__}}: {{exc}}"
    print(json.dumps({{"latched": audit.latched(), "error": error, "record": write().decode()}}))
'''

LEGIT = '''
import asyncio, collections, concurrent.futures, dataclasses, enum, logging, multiprocessing, os, queue
import sys, threading, time, traceback, typing, warnings
import colorsys  # a module of Python's first imported here, after the hook is armed: its code is its file's

T = typing.TypeVar("T")
Color = enum.Enum("Color", "RED GREEN")
Point = collections.namedtuple("Point", "x y")


@dataclasses.dataclass
class Box:
    size: int


def square(n):
    return n * n


def run():
    logging.basicConfig(level=logging.INFO, stream=sys.stderr)
    logging.getLogger("learner").info("started %s", Box(1))
    try:
        1 / 0
    except ZeroDivisionError:
        traceback.format_exc()
        traceback.print_exc(file=sys.stderr)
    warnings.warn("a warning")
    threads = [threading.Thread(target=square, args=(i,)) for i in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    q = queue.Queue()
    q.put(1)
    q.get()
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        assert list(pool.map(square, range(4))) == [0, 1, 4, 9]
    for method in ("fork", "spawn", "forkserver"):
        context = multiprocessing.get_context(method)
        with context.Pool(2) as pool:
            assert pool.map(square, range(4)) == [0, 1, 4, 9]
        messages = context.Queue()
        process = context.Process(target=messages.put, args=(method,))
        process.start()
        assert messages.get(timeout=30) == method
        process.join()
    with concurrent.futures.ProcessPoolExecutor(2) as pool:
        assert list(pool.map(square, range(3))) == [0, 1, 4]
    sleeper = multiprocessing.Process(target=time.sleep, args=(30,))
    sleeper.start()
    sleeper.terminate()
    sleeper.join()

    async def main():
        task = asyncio.create_task(asyncio.sleep(0.01))
        await asyncio.gather(task, asyncio.to_thread(time.sleep, 0.01))
        return await asyncio.wait_for(asyncio.sleep(0, "ok"), 1)

    assert asyncio.run(main()) == "ok"
    with open(__file__, encoding="utf-8") as f:
        f.read()
    with open("/proc/cpuinfo") as f:
        f.read(10)
    time.perf_counter()
    print("done", os.cpu_count())
'''

ATTACKS = {
    "heap": ("import gc\ndef run():\n    gc.get_objects()", "gc.get_objects"),
    "referrers": ("import gc, sys\ndef run():\n    gc.get_referrers(sys.modules)", "gc.get_referrers"),
    "getframe": ("import sys\ndef run():\n    sys._getframe()", "sys._getframe"),
    "inspect": ("import inspect\ndef run():\n    inspect.stack()", "sys._getframe"),
    "tb_frame": ("def run():\n    try:\n        1 / 0\n    except ZeroDivisionError as e:\n"
                 "        e.__traceback__.tb_frame", "tb_frame"),
    "coroutine frame": ("def run():\n    async def f():\n        pass\n    c = f()\n    c.cr_frame\n    c.close()",
                        "cr_frame"),
    "current frames": ("import sys\ndef run():\n    sys._current_frames()", "sys._current_frames"),
    "current frames in a pool": ("import sys, concurrent.futures\ndef run():\n"
                                 "    with concurrent.futures.ThreadPoolExecutor(1) as pool:\n"
                                 "        pool.submit(sys._current_frames).result()", "sys._current_frames"),
    "settrace": ("import sys\ndef run():\n    sys.settrace(None)", "sys.settrace"),
    "setprofile": ("import sys\ndef run():\n    sys.setprofile(None)", "sys.setprofile"),
    "threading.settrace": ("import threading\ndef run():\n    threading.settrace(lambda *a: None)\n"
                           "    t = threading.Thread(target=print)\n    t.start()\n    t.join()", "sys.settrace"),
    "ctypes": ("def run():\n    import ctypes", "ctypes.dlopen"),
    "shared ctypes value": ("import multiprocessing\ndef run():\n    multiprocessing.Value('i', 0)", "ctypes"),
    "proc mem": ("def run():\n    open('/proc/self/mem', 'rb')", "/proc/self/mem"),
    "proc mem by bytes, builtins.bytes swapped": (
        "import builtins\ndef run():\n    real = builtins.bytes\n    builtins.bytes = int\n    try:\n"
        "        open(b'/proc/self/mem', 'rb')\n    finally:\n        builtins.bytes = real", "/proc/self/mem"),
    "proc mem by a path object to FileIO": (  # FileIO's audit event carries the object, not its str
        "import io, pathlib\ndef run():\n    io.FileIO(pathlib.Path('/proc/self/mem'))", "a path object"),
    "proc mem by a str that lies about itself": (
        "class Lying(str):\n    def startswith(self, *a):\n        return False\n"
        "    def endswith(self, *a):\n        return False\n    def rpartition(self, sep):\n"
        "        return ('', sep, 'stat')\n    def split(self, *a):\n        return ['', 'proc', 'cpuinfo']\n"
        "    def __contains__(self, part):\n        return False\n"
        "def run():\n    open(Lying('/proc/self/mem'), 'rb')", "/proc/self/mem"),
    "proc mem by an object whose __class__ says int": (
        "import io\nclass Fd:\n    __class__ = property(lambda self: int)\n"
        "    def __fspath__(self):\n        return '/proc/self/mem'\n"
        "def run():\n    io.FileIO(Fd())", "a path object"),
    "proc of parent": ("import os\ndef run():\n    open(f'/proc/{os.getppid()}/cmdline', 'rb')", "cmdline"),
    "kill parent": ("import os\ndef run():\n    os.kill(os.getppid(), 0)", "os.kill"),
    "kill the parent's group by a negative pid": (
        "import os\ndef run():\n    os.kill(-os.getpgid(os.getppid()), 0)", "os.kill"),
    "proc mem beside a folder of /proc (dir_fd)": (
        "import os\ndef run():\n    fd = os.open('/proc/sys', os.O_RDONLY | os.O_DIRECTORY)\n"
        "    os.open('../self/mem', os.O_RDONLY, dir_fd=fd)", "self/mem"),
    "proc mem from the root folder (dir_fd)": (
        "import os\ndef run():\n    fd = os.open('/', os.O_RDONLY | os.O_DIRECTORY)\n"
        "    os.open('proc/self/mem', os.O_RDONLY, dir_fd=fd)", "self/mem"),
    "compile a checker file's very source": (
        "import sys\nFILE = sys.modules['checker.child.audit'].__file__\n"
        "def run():\n    compile(open(FILE).read(), FILE, 'exec')", "compile"),
    "compile under a frozen module's name": ("def run():\n    compile('x = 1', '<frozen os>', 'exec')", "compile"),
    "compile under a name that climbs out of the checker's folder": (
        "import sys\nFILE = sys.modules['checker.child.audit'].__file__\n"
        "def run():\n    exec(compile('import gc\\ngc.get_objects()', FILE + '/../../x.py', 'exec'), {})",
        "gc.get_objects"),
    "the hook's frames read from a traceback": (
        "import sys, traceback\ndef run():\n    try:\n        sys.audit('checker.seal', 1)\n"
        "    except BaseException as e:\n        traceback.TracebackException.from_exception(e, capture_locals=True)",
        "checker.seal"),
    "the hook's frames read from a refusal's traceback": (
        "import gc, traceback\ndef run():\n    try:\n        gc.get_objects()\n    except BaseException as e:\n"
        "        traceback.TracebackException.from_exception(e, capture_locals=True)\n"
        "    import sys\n    sys.modules['checker.child.audit'].latched()", "gc.get_objects"),
    "killpg parent": ("import os\ndef run():\n    os.killpg(os.getpgid(os.getppid()), 0)", "os.killpg"),
    "audit hook": ("import sys\ndef run():\n    sys.addaudithook(lambda *a: None)", "sys.addaudithook"),
    "code of a checker function": ("import sys\ndef run():\n"
                                   "    sys.modules['checker.child.audit'].seal.__code__ = run.__code__",
                                   "__code__"),
    "code of a checker function from a pool": (
        "import sys, concurrent.futures\ndef run():\n    with concurrent.futures.ThreadPoolExecutor(1) as pool:\n"
        "        pool.submit(setattr, sys.modules['checker.child.audit'].seal, '__code__', run.__code__).result()",
        "__code__"),
    "code.replace": ("def run():\n    run.__code__.replace(co_filename='/usr/lib/python3/x.py')", "code.__new__"),
    "compile with a source str that lies about its text": (
        "import sys\nFILE = sys.modules['checker.child.audit'].__file__\n"
        "class Same(str):\n    def encode(self, *a, **k):\n        with open(FILE, 'rb') as f:\n"
        "            return f.read()\n"
        "def run():\n    compile(Same('x = 1'), FILE, 'exec')", "compile"),
    "compile with a source bytes that says it is equal": (
        "import sys\nFILE = sys.modules['checker.child.audit'].__file__\n"
        "class Same(bytes):\n    def __eq__(self, other):\n        return True\n"
        "    def __ne__(self, other):\n        return False\n    __hash__ = bytes.__hash__\n"
        "def run():\n    compile(Same(b'x = 1'), FILE, 'exec')", "compile"),
    "compile under a file name that lies about itself": (
        "import sys\nFILE = sys.modules['checker.child.audit'].__file__\n"
        "class Name(str):\n    def startswith(self, prefix, *a):\n        return False\n"
        "    def __eq__(self, other):\n        return True\n    __hash__ = str.__hash__\n"
        "def run():\n    compile('x = 1', Name(FILE), 'exec')", "compile"),
    "compile an AST that says it is the file's source": (
        "import ast, sys\nFILE = sys.modules['checker.child.audit'].__file__\n"
        "class Same(ast.Module):\n    def __eq__(self, other):\n        return True\n"
        "    def __ne__(self, other):\n        return False\n"
        "def run():\n    compile(Same(body=[], type_ignores=[]), FILE, 'exec')", "syntax tree"),
    "learner code renamed to a checker file and run": (
        "import _imp, sys\nFILE = sys.modules['checker.child.refusals'].__file__\n"
        "def run():\n    code = compile('x = 1', '<mine>', 'exec')\n    _imp._fix_co_filename(code, FILE)\n"
        "    exec(code, {})", "exec"),
    "learner code renamed to a file of Python's and evaluated": (
        "import _imp, threading\n"
        "def run():\n    code = compile('1', '<mine>', 'eval')\n    _imp._fix_co_filename(code, threading.__file__)\n"
        "    eval(code)", "exec"),
    "learner code renamed to a frozen module and run": (
        "import _imp\n"
        "def run():\n    code = compile('x = 1', '<mine>', 'exec')\n"
        "    _imp._fix_co_filename(code, '<frozen importlib._bootstrap>')\n    exec(code, {})", "exec"),
    "a function's own code renamed to a checker file": (
        "import _imp, sys\nFILE = sys.modules['checker.child.refusals'].__file__\n"
        "def f():\n    return 1\n"
        "def run():\n    code = compile('def g():\\n    return 2\\n', '<mine>', 'exec').co_consts[0]\n"
        "    _imp._fix_co_filename(code, FILE)\n    f.__code__ = code", "__code__"),
    "compile as python": ("import logging\ndef run():\n    compile('x = 1', logging.__file__, 'exec')", "compile"),
    "seal from learner": ("import sys\ndef run():\n    sys.modules['checker.child.audit'].seal([], True)",
                          "checker.seal"),
}


# Objects whose own methods would run learner code inside the hook, where the events that code raises are let
# through: each method tries a heap walk and notes when it was not refused. The hook reads exact str, bytes,
# int, list and tuple only, so none of it may ever run unchecked.
EVIL = """
import gc, sys
UNCHECKED = []


def walk(*args, **kwargs):
    try:
        gc.get_objects()
        UNCHECKED.append(1)
    except BaseException:
        pass


class Text(str):
    __hash__ = lambda self: walk() or str.__hash__(self)
    __eq__ = lambda self, other: walk() or str.__eq__(self, other)
    __format__ = lambda self, spec: walk() or "x"
    __str__ = lambda self: walk() or "x"
    startswith = endswith = rpartition = split = lambda self, *a: walk() or str.startswith(self, "")


class Thing:
    __hash__ = lambda self: walk() or 1
    __eq__ = lambda self, other: walk() or False
    __str__ = __format__ = __repr__ = lambda self, *a: walk() or "x"


class Box(list):
    append = lambda self, item: walk()
"""

INSIDE = {
    "a checker function's name that formats itself": (
        "f = sys.modules['checker.child.audit'].seal\nf.__qualname__ = Text('seal')\nf.__code__ = run.__code__"),
    "a forged tamper whose detail stringifies itself": "sys.audit('checker.tamper', Thing())",
    "a forged latched question with a box that appends itself": "sys.audit('checker.latched', Box())",
    "a forged kill whose pid compares itself": "sys.audit('os.kill', Thing(), 0)",
    "a forged pthread_kill whose thread compares itself": "sys.audit('signal.pthread_kill', Thing(), 0)",
    "a forged frame read whose attribute name formats itself": "sys.audit('object.__getattr__', None, Text('tb_frame'))",
    "frames of code compiled under a file name that hashes itself": (
        "namespace = {}\nexec(compile('import sys\\ndef g():\\n    sys._getframe()\\n', Text('/tmp/x.py'), 'exec'),"
        " namespace)\nnamespace['g']()"),
}


@pytest.mark.parametrize("name", INSIDE)
def test_no_learner_code_runs_inside_the_hook(name, tmp_path):
    lines = "\n".join("        " + line for line in INSIDE[name].splitlines())
    source = EVIL + f"\n\ndef run():\n    try:\n{lines}\n    except BaseException:\n        pass\n" \
        "    if UNCHECKED:\n        raise RuntimeError('ran unchecked inside the hook')\n"
    result = _run(tmp_path, source)
    assert "ran unchecked" not in (result["error"] or ""), result


def _run(tmp_path: Path, learner_source: str) -> dict:
    learner_dir = tmp_path / "learner"
    learner_dir.mkdir()
    learner = learner_dir / "learner_code.py"
    learner.write_text(textwrap.dedent(learner_source), encoding="utf-8")
    side = tmp_path / "side"
    side.mkdir()
    script = side / "checker_side.py"
    script.write_text(CHECKER_SIDE.format(repo=str(REPO), learner=str(learner), here=str(side),
                                          learner_dir=str(learner_dir)), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-B", str(script)], capture_output=True, text=True, timeout=120,
                          cwd=tmp_path, start_new_session=True)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_what_a_right_solution_does_never_trips_the_hook(tmp_path):
    result = _run(tmp_path, LEGIT)
    assert result["error"] is None and result["latched"] is None, result
    assert '"passed": false' not in result["record"] and '"name": "t"' in result["record"]


@pytest.mark.parametrize("name", ATTACKS)
def test_each_way_into_the_checker_is_refused_latched_and_named(name, tmp_path):
    source, named = ATTACKS[name]
    # the learner catches what is raised and goes on: the latch stays
    body = source.replace("def run():\n", "def run():\n  try:\n") + "\n  except BaseException:\n    pass\n"
    result = _run(tmp_path, "\n".join(line if not line.startswith("    ") else "  " + line
                                      for line in body.splitlines()))
    assert result["latched"] is not None, result
    assert named in " ".join(result["latched"]), result
    # once latched, only a tampered record is signed
    assert '"code": "tampered"' in result["record"] and '"name": "t"' not in result["record"]


def test_once_installed_the_hook_looks_up_no_name():
    """What the hook and its rules call is bound at install (before the learner's code loads): none of their
    functions reads a global or builtin name as it runs, which a learner could rebind (builtins.bytes, the
    modules' own functions) to change what is refused."""
    from checker.child import audit, refusals

    def nested(code):
        for const in code.co_consts:
            if isinstance(const, types.CodeType):
                yield const
                yield from nested(const)

    looked_up = {(code.co_name, ins.argval) for factory in (audit.install, refusals.rules)
                 for code in nested(factory.__code__) for ins in dis.get_instructions(code)
                 if ins.opname in ("LOAD_GLOBAL", "LOAD_NAME")}
    assert looked_up == set()
    assert {code.co_name for code in nested(refusals.rules.__code__)} >= {"check", "open_event", "refuse"}


def test_a_fork_child_signs_nothing(tmp_path):
    """A fork child runs the learner's code with a copy of the checked process's memory: the key and the record
    are dropped there before any of its code runs, so even the checker's own writer signs nothing in it."""
    script = tmp_path / "fork.py"
    script.write_text(textwrap.dedent(f'''
        import os, sys
        sys.path.insert(0, {str(REPO)!r})
        from checker.child import audit

        def write():
            return audit.seal([("t", "failed", b'{{"name": "t"}}')], False)

        audit.install(b"k" * 32, "en", write, {{"name": "n", "message": "{{event}} {{detail}}"}},
                      {{"paths": {{}}, "repeat": frozenset(), "known": {{}}, "item_anchor": frozenset(), "bottom": frozenset()}})
        audit.arm("/nowhere/learner.py", [{str(tmp_path)!r}, {str(REPO / "checker")!r}])
        assert write().startswith(b'{{"version": 2')
        pid = os.fork()
        if pid == 0:
            try:
                write()
            except BaseException as exc:
                os._exit(3 if "not in the checked process" in str(exc) else 4)
            os._exit(5)
        _, status = os.waitpid(pid, 0)
        print(os.waitstatus_to_exitcode(status), write().startswith(b'{{"version": 2'))
    '''))
    proc = subprocess.run([sys.executable, "-B", str(script)], capture_output=True, text=True, timeout=60)
    assert proc.stdout.split() == ["3", "True"], proc.stderr
