# expect: wrong-result
# The parts are added with math.fsum, which returns a float: past 2**53 a float loses digits.
import math
from multiprocessing import Pool


def sum_of_squares(start, stop):
    total = 0
    for i in range(start, stop):
        total += i * i
    return total


def slices(n, workers):
    size, extra = divmod(n, workers)
    bounds, start = [], 0
    for k in range(workers):
        stop = start + size + (1 if k < extra else 0)
        bounds.append((start, stop))
        start = stop
    return bounds


def parallel_sum_of_squares(n, workers):
    with Pool(workers) as pool:
        parts = pool.starmap(sum_of_squares, slices(n, workers))
    return math.fsum(parts)
