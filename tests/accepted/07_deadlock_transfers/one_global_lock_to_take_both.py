# Right way: a single global lock serialises the TAKING of both account locks (never held while waiting for an
# account lock that a holder of the global lock needs), then the transfer runs under the two account locks.
import threading
import time


class Account:
    def __init__(self, number, balance=0):
        self.number = number
        self.balance = balance
        self.lock = threading.Lock()


_BANK = threading.RLock()


def transfer(src, dst, amount):
    if src is dst:
        return
    while True:
        with _BANK:
            if src.lock.acquire(blocking=False):
                if dst.lock.acquire(blocking=False):
                    break
                src.lock.release()
        time.sleep(0)
    try:
        src.balance -= amount
        dst.balance += amount
    finally:
        dst.lock.release()
        src.lock.release()
