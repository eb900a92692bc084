# Right way: a lock held only while taking the two account locks (as global_lock_only_to_acquire.py), kept in the
# closure of the function that takes them, not in a module global: the checks find it there and model it.
import threading


class Account:
    def __init__(self, number: int, balance: int = 0) -> None:
        self.number = number
        self.balance = balance
        self.lock = threading.Lock()


def _taker():
    taking = threading.Lock()

    def take_both(src, dst):
        with taking:
            src.lock.acquire()
            dst.lock.acquire()

    return take_both


take_both = _taker()


def transfer(src, dst, amount):
    if src is dst:
        return
    take_both(src, dst)
    try:
        src.balance -= amount
        dst.balance += amount
    finally:
        dst.lock.release()
        src.lock.release()
