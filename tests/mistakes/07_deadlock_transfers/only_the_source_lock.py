# expect: lost-updates
# Locks only the source account: the destination is written under another thread's lock.
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
        dst.balance += amount
