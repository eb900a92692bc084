# expect: wrong-result
# Each slice stops one number too far (stop + 1): the first number of the next slice is counted twice.
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
        return sum(pool.starmap(sum_of_squares, [(a, min(b + 1, n)) for a, b in slices(n, workers)]))
