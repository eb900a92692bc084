# expect: lost-updates
# One lock at a time: no deadlock, but the money is in flight while no lock is held.
import threading
import time


class Account:
    def __init__(self, number, balance=0):
        self.number = number
        self.balance = balance
        self.lock = threading.Lock()


def transfer(src, dst, amount):
    with src.lock:
        src.balance -= amount
    with dst.lock:
        dst.balance += amount
