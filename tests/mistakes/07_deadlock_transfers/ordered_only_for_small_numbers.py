# expect: deadlock
# Takes the locks in order of `number` only when both numbers are small (below 5); for other pairs, in the order
# of the arguments: transfer(9 → 3) and transfer(3 → 9) at once deadlock, transfer(1 → 2) and (2 → 1) do not.
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
    if src.number < 5 and dst.number < 5:
        first, second = sorted((src, dst), key=lambda account: account.number)
    else:
        first, second = src, dst
    with first.lock:
        with second.lock:
            src.balance -= amount
            dst.balance += amount
