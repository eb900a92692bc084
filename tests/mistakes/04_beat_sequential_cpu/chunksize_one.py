# expect: no-speedup
# One task per number, sent one at a time (chunksize=1): the processes spend their time on messages.
from multiprocessing import Pool


def square(i):
    return i * i


def parallel_sum_of_squares(n, workers):
    with Pool(workers) as pool:
        return sum(pool.imap_unordered(square, range(n), chunksize=1))
