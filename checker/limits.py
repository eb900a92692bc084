"""The limits of a check's child process, set in the child before any code of the check runs: by Popen's
preexec (checker/runner.py) when the child is started directly, or by the fork of the warm server
(checker/child/forkserver.py). One function, so that both ways give a check the same limits.
"""

from __future__ import annotations

import os
import resource
import signal

from checker import confine

OUTPUT_LIMIT_BYTES = 64 * 1024 * 1024
MEMORY_LIMIT_BYTES = 2 * 1024 ** 3
NPROC = 2048


def apply(cpu_seconds: int, mask: set[int], memory: bool, confinement: confine.Confinement) -> None:
    """Signal mask, no core file, output, memory (if `memory`: the parent decides, from
    system.memory_limit_enforced()), CPU time and process count limited, then confined (last: the limits
    are set while still unconfined). Raises OSError if the kernel refuses the confinement."""
    signal.pthread_sigmask(signal.SIG_SETMASK, set(mask))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    resource.setrlimit(resource.RLIMIT_FSIZE, (OUTPUT_LIMIT_BYTES, OUTPUT_LIMIT_BYTES))
    if memory:  # elsewhere the report says there is no memory limit
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT_BYTES, MEMORY_LIMIT_BYTES))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 5))
    if os.geteuid() != 0:
        resource.setrlimit(resource.RLIMIT_NPROC, (NPROC, NPROC))
    confinement.apply()
