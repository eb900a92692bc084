# expect: no-speedup
# Each process is joined right after it starts: the next one starts only when the previous one has finished.
import multiprocessing


def sum_of_squares(start, stop):
    total = 0
    for i in range(start, stop):
        total += i * i
    return total


def slice_into(results, start, stop):
    results.put(sum_of_squares(start, stop))


def parallel_sum_of_squares(n, workers):
    results = multiprocessing.Queue()
    size, extra = divmod(n, workers)
    start = 0
    for k in range(workers):
        stop = start + size + (1 if k < extra else 0)
        process = multiprocessing.Process(target=slice_into, args=(results, start, stop))
        process.start()
        process.join()
        start = stop
    return sum(results.get() for _ in range(workers))
