# expect: deadlock
# Orders the locks by balance, which is not a global order: two accounts with the same balance are taken in the
# order of the arguments, and balances change between transfers.
import threading
import time


class Account:
    def __init__(self, number, balance=0):
        self.number = number
        self.balance = balance
        self.lock = threading.Lock()


def transfer(src, dst, amount):
    if src is dst:
        return
    first, second = (src, dst) if src.balance <= dst.balance else (dst, src)
    with first.lock:
        with second.lock:
            src.balance -= amount
            dst.balance += amount
