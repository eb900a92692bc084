# expect: deadlock
# acquire() without release(): the locks stay taken after the transfer.
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
    first, second = sorted((src, dst), key=lambda acc: acc.number)
    first.lock.acquire()
    second.lock.acquire()
    src.balance -= amount
    dst.balance += amount
