# expect: lost-updates
# Releases the locks too early: reads under the locks, writes after releasing them.
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
    with first.lock:
        with second.lock:
            new_src = src.balance - amount
            new_dst = dst.balance + amount
    src.balance = new_src
    dst.balance = new_dst
