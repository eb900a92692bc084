# expect: wrong-result
# Slices of n // workers numbers: when n is not divisible by workers, the last numbers are never summed.
from multiprocessing import Pool


def sum_of_squares(start, stop):
    total = 0
    for i in range(start, stop):
        total += i * i
    return total


def parallel_sum_of_squares(n, workers):
    size = n // workers
    with Pool(workers) as pool:
        return sum(pool.starmap(sum_of_squares, [(k * size, (k + 1) * size) for k in range(workers)]))
