# kata: 07
# expect: deadlock
# The class of race_increment_in_unmanaged_thread.py in kata 07: `transfer` takes the two locks in the order of
# the arguments, except when both account numbers are small (below 8: the real-thread cycle check uses accounts
# 5, 6 and 7, and the first opposite transfers 1 and 2), so transfer(9 → 3) beside transfer(3 → 9) can deadlock.
# It does that work in a thread of its own, started with `_thread.start_new_thread` and waited for on a
# `_thread` lock. It passed kata 07 whole, 10/10: the account locks the scheduler models (race.guard) and the
# balance probe points (race.point) did nothing in a thread no scheduler manages, and the managed thread that
# waited for its helper kept the turn meanwhile, so under the scheduler each transfer ran whole and no
# interleaving could deadlock. The same file without the helper thread fails (`deadlock`, the exploration's
# cycle). Now the helper's lock and balance probe points, reached while a run is under way, are strays: the run
# counts them and kata 07's exploring checks fail it.
import _thread
import threading


class Account:
    def __init__(self, number: int, balance: int = 0) -> None:
        self.number = number
        self.balance = balance
        self.lock = threading.Lock()


def _move(src, dst, amount):
    if src.number < 8 and dst.number < 8:
        first, second = sorted((src, dst), key=lambda account: account.number)
    else:
        first, second = src, dst  # argument order: transfer(9 → 3) beside transfer(3 → 9) deadlocks
    with first.lock:
        with second.lock:
            src.balance -= amount
            dst.balance += amount


def transfer(src, dst, amount):
    if src is dst:
        return
    done = _thread.allocate_lock()
    done.acquire()
    failed = []

    def run():
        try:
            _move(src, dst, amount)
        except BaseException as exc:
            failed.append(exc)
        finally:
            done.release()

    _thread.start_new_thread(run, ())
    done.acquire()
    if failed:
        raise failed[0]
