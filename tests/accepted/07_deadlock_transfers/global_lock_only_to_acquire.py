# Right way: a global lock held only while taking the two account locks, not during the transfer.
import threading
import time


class Account:
    def __init__(self, number: int, balance: int = 0) -> None:
        self.number = number
        self.balance = balance
        self.lock = threading.Lock()


TAKING = threading.Lock()


def transfer(src, dst, amount):
    if src is dst:
        return
    with TAKING:
        src.lock.acquire()
        dst.lock.acquire()
    try:
        src.balance -= amount
        dst.balance += amount
    finally:
        dst.lock.release()
        src.lock.release()
