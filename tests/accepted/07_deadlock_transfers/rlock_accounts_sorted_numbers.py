# Right way: each account's lock is an RLock (re-entrant), taken in order of number; a self-transfer returns.
import threading
import time


class Account:
    def __init__(self, number: int, balance: int = 0) -> None:
        self.number = number
        self.balance = balance
        self.lock = threading.RLock()


def transfer(src, dst, amount):
    if src is dst:
        return
    low, high = (src, dst) if src.number < dst.number else (dst, src)
    low.lock.acquire()
    try:
        high.lock.acquire()
        try:
            src.balance = src.balance - amount
            dst.balance = dst.balance + amount
        finally:
            high.lock.release()
    finally:
        low.lock.release()
