"""Confinement of a check's child process (Linux): writes only in the run's folder, no privilege gained, and
no process of the check left behind.

- Landlock (Linux >= 5.13, no root needed) is prepared in `kata` (`prepare`) and applied in the forked child
  just before it starts Python (`Confinement.apply`, from Popen's preexec), so it holds before any code of the
  child runs, and for every process the child starts. Only write rights are handled, those the running ABI
  knows: reading stays free (the interpreter, the checker, the suites, the learner's folder). Writes are
  allowed beneath the run's folder and /dev (/dev/null, /dev/shm for multiprocessing, terminals). From ABI 6
  on, signals and abstract unix sockets are scoped to the check's own processes. A Landlocked process also
  cannot ptrace, nor read /proc/PID/environ or /proc/PID/mem of, a process outside its domain.
- PR_SET_NO_NEW_PRIVS: set-uid programs (sudo) gain nothing.
- `kata` is a child subreaper (`become_subreaper`): a process that leaves its group with setsid, or is
  double-forked, comes back to `kata` when its parent dies, and `kill_tree` finds it by pid.

Elsewhere (macOS, an old kernel) `prepare` says why confinement is unavailable; the check still runs. The
environment variable KATA_TEST_NO_LANDLOCK=1 forces that path (the checker's tests use it).
"""

from __future__ import annotations

import ctypes
import os
import platform
import signal
import sys
import time
from dataclasses import dataclass, field

from checker import system

SYS_CREATE_RULESET, SYS_ADD_RULE, SYS_RESTRICT_SELF = 444, 445, 446  # the same on x86_64 and aarch64
KNOWN_MACHINES = {"x86_64", "aarch64", "arm64"}
PR_SET_CHILD_SUBREAPER, PR_SET_NO_NEW_PRIVS = 36, 38
CREATE_RULESET_VERSION = 1
RULE_PATH_BENEATH = 1

# Write rights by the ABI that introduced them: (bit, abi)
WRITE_RIGHTS = [(1 << 1, 1),   # WRITE_FILE
                (1 << 4, 1),   # REMOVE_DIR
                (1 << 5, 1),   # REMOVE_FILE
                (1 << 6, 1),   # MAKE_CHAR
                (1 << 7, 1),   # MAKE_DIR
                (1 << 8, 1),   # MAKE_REG
                (1 << 9, 1),   # MAKE_SOCK
                (1 << 10, 1),  # MAKE_FIFO
                (1 << 11, 1),  # MAKE_BLOCK
                (1 << 12, 1),  # MAKE_SYM
                (1 << 13, 2),  # REFER
                (1 << 14, 3)]  # TRUNCATE
SCOPE_ABSTRACT_UNIX_SOCKET, SCOPE_SIGNAL = 1 << 0, 1 << 1  # ABI 6
FORCE_OFF = "KATA_TEST_NO_LANDLOCK"
WRITABLE_SYSTEM = ("/dev",)


class _RulesetAttr(ctypes.Structure):
    _fields_ = [("handled_access_fs", ctypes.c_uint64), ("handled_access_net", ctypes.c_uint64),
                ("scoped", ctypes.c_uint64)]


class _PathBeneathAttr(ctypes.Structure):
    _pack_ = 1
    _fields_ = [("allowed_access", ctypes.c_uint64), ("parent_fd", ctypes.c_int32)]


_libc = None


def _lib():
    global _libc
    if _libc is None:
        _libc = ctypes.CDLL(None, use_errno=True)
    return _libc


def _call(number: int, *args) -> int:
    result = _lib().syscall(ctypes.c_long(number), *args)
    if result < 0:
        err = ctypes.get_errno()
        raise OSError(err, os.strerror(err))
    return result


def _prctl(option: int) -> int:
    one, zero = ctypes.c_ulong(1), ctypes.c_ulong(0)
    return _lib().prctl(ctypes.c_int(option), one, zero, zero, zero)


def landlock_abi() -> int:
    """The running kernel's Landlock ABI version; 0 when there is none (or not Linux)."""
    if sys.platform != "linux" or platform.machine() not in KNOWN_MACHINES:
        return 0
    try:
        return _call(SYS_CREATE_RULESET, None, ctypes.c_size_t(0), ctypes.c_uint32(CREATE_RULESET_VERSION))
    except OSError:  # ENOSYS: too old; EOPNOTSUPP: built but disabled at boot
        return 0


@dataclass
class Confinement:
    """What one check's child gets. `ruleset_fd` is None when Landlock is unavailable (`why` says why)."""
    ruleset_fd: int | None
    abi: int
    reason: str = ""  # empty when confined, else a key of the catalog, with its `params`
    params: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.confined = self.ruleset_fd is not None  # still true once the ruleset is handed over and closed

    def why(self, lang: str = "en") -> str:
        """Why Landlock is unavailable, in `lang` ("" when confined)."""
        from checker.i18n import t

        return t(self.reason, lang, **self.params) if self.reason else ""

    def describe(self) -> dict:
        """For the report: {"landlock": bool, "abi": n, "why": "..."} (why in English)."""
        return {"landlock": self.confined, "abi": self.abi, "why": self.why()}

    def apply(self) -> None:
        """In the forked child, before exec: no new privileges, then the Landlock domain (if any).
        Raises OSError if the kernel refuses: the check must not run half-confined."""
        _prctl(PR_SET_NO_NEW_PRIVS)
        if self.confined:
            _call(SYS_RESTRICT_SELF, ctypes.c_int(self.ruleset_fd), ctypes.c_uint32(0))

    def close(self) -> None:
        if self.ruleset_fd is not None:
            os.close(self.ruleset_fd)
            self.ruleset_fd = None


def prepare(run_dir: str) -> Confinement:
    """A Landlock ruleset that allows writes only beneath `run_dir` and /dev, for the running ABI."""
    if os.environ.get(FORCE_OFF) == "1":
        return Confinement(None, 0, "landlock-forced-off")
    abi = landlock_abi()
    if abi < 1:
        return Confinement(None, 0, "landlock-unavailable", {"system": f"{platform.system()} {platform.release()}"})
    handled = 0
    for bit, since in WRITE_RIGHTS:
        if abi >= since:
            handled |= bit
    attr = _RulesetAttr(handled, 0, (SCOPE_ABSTRACT_UNIX_SOCKET | SCOPE_SIGNAL) if abi >= 6 else 0)
    size = 24 if abi >= 6 else 16 if abi >= 4 else 8
    try:
        fd = _call(SYS_CREATE_RULESET, ctypes.byref(attr), ctypes.c_size_t(size), ctypes.c_uint32(0))
    except OSError as exc:
        return Confinement(None, abi, "landlock-refused-ruleset", {"error": exc.strerror})
    try:
        for path in (run_dir, *WRITABLE_SYSTEM):
            beneath = os.open(path, os.O_PATH | os.O_CLOEXEC)
            try:
                rule = _PathBeneathAttr(handled, beneath)
                _call(SYS_ADD_RULE, ctypes.c_int(fd), ctypes.c_int(RULE_PATH_BENEATH), ctypes.byref(rule),
                      ctypes.c_uint32(0))
            finally:
                os.close(beneath)
    except OSError as exc:
        os.close(fd)
        return Confinement(None, abi, "landlock-refused-rule", {"error": exc.strerror})
    return Confinement(fd, abi)


# --- no process left behind ---------------------------------------------------------------------------

_subreaper = False


def become_subreaper() -> bool:
    """Make this process (`kata`) the reaper of its orphaned descendants; False where it cannot (not Linux).
    Only the `kata` program does: it then starts no process but checks, so that any other child of it is
    what a finished check left behind."""
    global _subreaper
    if sys.platform == "linux" and not _subreaper:
        _subreaper = _prctl(PR_SET_CHILD_SUBREAPER) == 0
    return _subreaper


def is_subreaper() -> bool:
    return _subreaper


def _living() -> list[system.Proc]:
    """Every live process (zombies left out): checker/system.py reads /proc, or `ps` without it."""
    return [proc for proc in system.processes() if not proc.zombie]


def kill_tree(roots: set[int], deadline_s: float = 5.0) -> None:
    """SIGKILL `roots` and everything beneath them, again until none is left alive (a process may fork while
    the signals go out) or `deadline_s` has passed. A process signalled is waited for until it is dead: once its
    parent died it is no longer beneath the roots (it was re-parented), and a signal is not a death (a busy
    machine may take a moment to deliver it); it is not signalled again (its pid is its own while it lives)."""
    stop_at = time.monotonic() + deadline_s
    signalled: set[int] = set()
    while True:
        living = _living()
        pending = {proc.pid for proc in living if proc.pid in signalled}
        alive = {proc.pid for proc in living if proc.pid in roots} | system.descendants(roots | pending, living)
        if not (alive | pending) or time.monotonic() > stop_at:
            return
        for pid in alive - pending:
            try:
                os.kill(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
            signalled.add(pid)
        time.sleep(0.005)


def orphans(keep: set[int]) -> set[int]:
    """Children of this process (a subreaper) that are not in `keep`: processes of finished checks that were
    re-parented here, live ones and zombies."""
    me = os.getpid()
    return {proc.pid for proc in system.processes() if proc.ppid == me and proc.pid not in keep}


def reap(pids: set[int]) -> None:
    """Collect the exit status of these children of ours (killed orphans), so that no zombie stays."""
    for pid in pids:
        try:
            os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            pass
