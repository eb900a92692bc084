# expect: spawn-unsafe
# The worker is defined under if __name__ == "__main__": fine when run as a script with fork, missing for importers and spawn.
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
        return sum(pool.map(slice_sum, slices(n, workers)))


if __name__ == "__main__":
    def slice_sum(bounds):
        return sum_of_squares(*bounds)

    print(parallel_sum_of_squares(10_000_000, 4))
