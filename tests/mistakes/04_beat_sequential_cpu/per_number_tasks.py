# expect: no-speedup
# One task per number with map's default batches: every square travels back to the parent, slower than the loop.
from multiprocessing import Pool


def square(i):
    return i * i


def parallel_sum_of_squares(n, workers):
    with Pool(workers) as pool:
        return sum(pool.map(square, range(n)))
