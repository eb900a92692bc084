# expect: not-in-processes
# Spawned processes cost CPU just to start; each then uses a formula: starting processes is not doing the work.
import multiprocessing


def square_sum_below(m):
    return (m - 1) * m * (2 * m - 1) // 6 if m > 0 else 0


def slice_by_formula(start, stop):
    return square_sum_below(stop) - square_sum_below(start)


def slices(n, workers):
    size, extra = divmod(n, workers)
    bounds, start = [], 0
    for k in range(workers):
        stop = start + size + (1 if k < extra else 0)
        bounds.append((start, stop))
        start = stop
    return bounds


def parallel_sum_of_squares(n, workers):
    with multiprocessing.get_context("spawn").Pool(workers) as pool:
        return sum(pool.starmap(slice_by_formula, slices(n, workers)))
