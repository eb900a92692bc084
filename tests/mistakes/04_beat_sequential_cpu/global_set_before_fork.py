# expect: spawn-unsafe
# The workers read a global that the parent sets at run time: a fork child inherits it, a spawn child sees None.
from multiprocessing import Pool

SIZE = None


def sum_of_squares(start, stop):
    total = 0
    for i in range(start, stop):
        total += i * i
    return total


def slice_number(k):
    return sum_of_squares(k * SIZE, min((k + 1) * SIZE, LIMIT))


def parallel_sum_of_squares(n, workers):
    global SIZE, LIMIT
    SIZE, LIMIT = -(-n // workers) or 1, n
    with Pool(workers) as pool:
        return sum(pool.map(slice_number, range(workers)))
