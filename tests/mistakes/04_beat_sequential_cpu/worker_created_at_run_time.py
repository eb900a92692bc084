# expect: spawn-unsafe
# The worker becomes a module global only when the function runs: fork children inherit it, spawn children never see it (Pool.map hangs).
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
    global slice_sum

    def slice_sum(bounds):
        return sum_of_squares(*bounds)

    with Pool(workers) as pool:
        return sum(pool.map(slice_sum, slices(n, workers)))
