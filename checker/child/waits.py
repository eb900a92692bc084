"""What a managed thread of the cooperative scheduler (checker/child/schedule.py) can wait for: a modelled lock
(the learner's, wrapped by the suite), or the end of another managed thread (a join); and the cycle of those
waits that a deadlock is. The methods belong to `Scheduler` (a mixin): they run in the managed thread that
waits, and use the scheduler's `_schedule` to hand the turn on."""

from __future__ import annotations

import threading

from checker.child.schedmodel import Joining, ManagedThread, ModelledLock, real_acquire


class Waits:
    def _adopt(self, lock: ModelledLock) -> None:
        if lock.run is not self._token:  # holders left from an earlier run (unwound without release) are forgotten
            lock.run, lock.holders = self._token, []

    def acquire(self, lock: ModelledLock, blocking: bool = True, timeout: float = -1) -> bool:
        me = self._by_ident[threading.get_ident()]
        self._adopt(lock)
        self._schedule(me)
        while True:
            if self._free:
                got = real_acquire(lock.real, blocking, timeout)
                if got:
                    lock.holders.append(me.index)
                return got
            if lock.real.acquire(False):
                lock.holders.append(me.index)
                self.events.append((me.name, "acquire", lock.label))
                return True
            if not blocking or (timeout is not None and timeout >= 0):
                me.yielded = True  # a try-lock that failed: the others go first, as after a yield
                return False
            me.state, me.waiting_on = "waiting", lock
            self.events.append((me.name, "wait", lock.label))
            self._schedule(me)

    def release(self, lock: ModelledLock) -> None:
        me = self._by_ident[threading.get_ident()]
        self._adopt(lock)
        lock.real.release()
        for i in range(len(lock.holders) - 1, -1, -1):
            if lock.holders[i] == me.index:
                del lock.holders[i]
                break
        if self._free:
            return
        self.events.append((me.name, "release", lock.label))
        woken = False
        for other in self.threads:
            if other.state == "waiting" and other.waiting_on is lock:
                other.state, other.waiting_on = "ready", None
                woken = True
        if woken or me.yielded:  # else the release enables nothing: the next probe point decides as well
            self._schedule(me)  # after the release: a thread that yielded (failed try-lock) lets go of it first

    def join(self, target: ManagedThread, timeout: float | None) -> bool:
        """`thread.join()` of a managed thread by a managed thread: wait for its end; False if the wait timed out."""
        me = self._by_ident[threading.get_ident()]
        self._schedule(me)
        try:
            while target.state != "done" and not self._free:
                if me.timed_out:
                    return False
                me.state, me.waiting_on, me.timeout = "waiting", Joining(target), timeout is not None
                self.events.append((me.name, "join", target.name))
                self._schedule(me)
            return True
        finally:
            me.timeout = me.timed_out = False  # only this wait could time out

    def _holder(self, lock: "ModelledLock | Joining") -> ManagedThread | None:
        """The managed thread that took `lock` last (its index, read from the lock, may be anything)."""
        index = lock.holders[-1] if lock.holders else None
        return self.threads[index] if type(index) is int and 0 <= index < len(self.threads) else None

    def _cycle(self) -> list[tuple[str, "ModelledLock | None", "ModelledLock | Joining", str]]:
        """(thread, lock it holds, lock (or end of thread) it waits for, that lock's holder), along the cycle."""
        waiting = [t for t in self.threads if t.state == "waiting"]
        if not waiting:
            return []
        path: list[tuple[ManagedThread, ModelledLock | Joining, ManagedThread | None]] = []
        seen: list[ManagedThread] = []
        thread: ManagedThread | None = waiting[0]
        while thread is not None and thread not in seen and thread.waiting_on is not None:
            seen.append(thread)
            lock = thread.waiting_on
            holder = self._holder(lock)
            path.append((thread, lock, holder))
            thread = holder
        if thread in seen:  # keep the cycle only, not the path that leads to it
            path = path[seen.index(thread):]
        steps = []
        for i, (waiter, lock, holder) in enumerate(path):
            before = path[i - 1]
            held = before[1] if before[2] is waiter and not isinstance(before[1], Joining) else None
            told = holder.name if holder and getattr(lock, "names_holder", True) else ""
            steps.append((waiter.name, held, lock, told))
        return steps
