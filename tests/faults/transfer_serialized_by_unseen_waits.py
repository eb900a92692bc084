# kata: 07
# expect: deadlock
# Closed, kata 07's side of race_counter_serialized_by_unseen_waits.py: `transfer` takes the locks in the order
# of the arguments unless both numbers are below 8 (transfer(9 → 3) beside transfer(3 → 9) can deadlock), and
# the first transfer from each account waits 0.3 s on an Event nobody sets. The exploration's first schedule
# of (9 → 3, 3 → 9): thread A waited unseen, the scheduler stepped aside after 0.1 s (which ended the
# exploration), B, running free, started its own 0.3 s wait 0.1 s after A's: A woke, took both locks and
# finished before B woke. The clock kept the transfers apart; it passed kata 07 whole, 10/10 (the same file
# without the waits fails with the exploration's deadlock). Now the explorations fail a run the scheduler
# stepped aside from: transfer() waited for something the checks cannot see, told with where.
import threading


class Account:
    def __init__(self, number: int, balance: int = 0) -> None:
        self.number = number
        self.balance = balance
        self.lock = threading.Lock()


def transfer(src, dst, amount):
    if src is dst:
        return
    if not getattr(src, "waited", False):
        src.waited = True
        threading.Event().wait(0.3)  # unseen: the scheduler steps aside
    if src.number < 8 and dst.number < 8:
        first, second = sorted((src, dst), key=lambda account: account.number)
    else:
        first, second = src, dst
    with first.lock:
        with second.lock:
            src.balance -= amount
            dst.balance += amount
