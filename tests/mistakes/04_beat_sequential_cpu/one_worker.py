# expect: no-speedup
# One process does all the work: it runs in a child, but nothing runs at the same time.
from multiprocessing import Pool


def sum_of_squares(start, stop):
    total = 0
    for i in range(start, stop):
        total += i * i
    return total


def parallel_sum_of_squares(n, workers):
    with Pool(1) as pool:
        return pool.apply(sum_of_squares, (0, n))
