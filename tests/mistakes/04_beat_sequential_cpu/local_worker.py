# expect: not-picklable
# The worker function is defined inside parallel_sum_of_squares: it has no importable name, it cannot be pickled.
from multiprocessing import Pool


def sum_of_squares(start, stop):
    total = 0
    for i in range(start, stop):
        total += i * i
    return total


def parallel_sum_of_squares(n, workers):
    def work(bounds):
        return sum_of_squares(*bounds)

    step = -(-n // workers) if n else 1
    with Pool(workers) as pool:
        return sum(pool.map(work, [(s, min(s + step, n)) for s in range(0, n, step)]))
