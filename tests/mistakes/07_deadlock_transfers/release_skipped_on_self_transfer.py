# expect: deadlock
# The self-transfer check comes after the first acquire(): its early return skips the release().
import threading
import time


class Account:
    def __init__(self, number, balance=0):
        self.number = number
        self.balance = balance
        self.lock = threading.Lock()


def transfer(src, dst, amount):
    first, second = sorted((src, dst), key=lambda acc: acc.number)
    first.lock.acquire()
    if src is dst:
        return
    second.lock.acquire()
    src.balance -= amount
    dst.balance += amount
    second.lock.release()
    first.lock.release()
