"""Kata 07 — reference solution.

`Account` is given: keep it as it is. `transfer_naive` is given too, and it is wrong: run this file and
watch it freeze (a deadlock). Write `transfer`, which moves money between two accounts while holding both
locks, and never deadlocks.
Read README.md (or README.fr.md) for the whole exercise, then run `kata check 07`.
"""

import threading
import time


class Account:
    """Given: a bank account shared by threads. Keep it as it is."""

    def __init__(self, number: int, balance: int = 0) -> None:
        self.number = number          # unique: no two accounts have the same number
        self.balance = balance
        self.lock = threading.Lock()  # whoever changes `balance` holds this lock


def transfer_naive(src: Account, dst: Account, amount: int) -> None:
    """Given, and WRONG: takes the two locks in the order of the arguments. transfer_naive(a, b, ...) in one
    thread and transfer_naive(b, a, ...) in another can each take their first lock, then wait for ever for
    the lock that the other one holds: a deadlock."""
    with src.lock:
        time.sleep(0)  # lets another thread run here, as the scheduler may do at any time
        with dst.lock:
            src.balance -= amount
            dst.balance += amount


def transfer(src: Account, dst: Account, amount: int) -> None:
    if src is dst:
        return
    first, second = (src, dst) if src.number < dst.number else (dst, src)
    with first.lock:
        with second.lock:
            src.balance -= amount
            dst.balance += amount


def demo(move, rounds: int = 1000) -> str:
    """Two threads: one moves 1 from a to b `rounds` times, the other 1 from b to a."""
    a, b = Account(1, 1000), Account(2, 1000)
    errors = []

    def one_way():
        try:
            for _ in range(rounds):
                move(a, b, 1)
        except Exception as exc:
            errors.append(exc)

    def other_way():
        try:
            for _ in range(rounds):
                move(b, a, 1)
        except Exception as exc:
            errors.append(exc)

    threads = [threading.Thread(target=one_way, daemon=True), threading.Thread(target=other_way, daemon=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=2)
    if any(thread.is_alive() for thread in threads):
        return "still stuck after 2 s: DEADLOCK"
    if errors:
        return f"raised {errors[0]!r}"
    return f"done: {a.balance} + {b.balance} = {a.balance + b.balance} (expected 1000 + 1000 = 2000)"


if __name__ == "__main__":
    print("transfer_naive:", demo(transfer_naive))
    print("transfer:      ", demo(transfer))
