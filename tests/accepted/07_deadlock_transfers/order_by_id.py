# Right way: locks taken in the order of id() of the accounts.
import threading
import time


class Account:
    def __init__(self, number: int, balance: int = 0) -> None:
        self.number = number
        self.balance = balance
        self.lock = threading.Lock()


def transfer(src, dst, amount):
    if src is dst:
        return
    low, high = (src, dst) if id(src) < id(dst) else (dst, src)
    with low.lock, high.lock:
        src.balance -= amount
        dst.balance += amount
