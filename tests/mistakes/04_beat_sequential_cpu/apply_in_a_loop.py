# expect: no-speedup
# A pool of `workers` processes used one task at a time: apply() waits for each slice before sending the next.
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
        return sum(pool.apply(sum_of_squares, bounds) for bounds in slices(n, workers))
