# expect: not-picklable
# A lambda sent to an executor: lambdas cannot be pickled, so no process can receive it.
from concurrent.futures import ProcessPoolExecutor


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
    with ProcessPoolExecutor(workers) as pool:
        return sum(pool.map(lambda b: sum_of_squares(*b), slices(n, workers)))
