# expect: not-picklable
# Process(target=<function defined inside>) works with fork, which copies the process, but spawn must pickle the target.
import multiprocessing


def sum_of_squares(start, stop):
    total = 0
    for i in range(start, stop):
        total += i * i
    return total


def parallel_sum_of_squares(n, workers):
    results = multiprocessing.Queue()

    def work(start, stop):
        results.put(sum_of_squares(start, stop))

    bounds = [(n * k // workers, n * (k + 1) // workers) for k in range(workers)]
    processes = [multiprocessing.Process(target=work, args=pair) for pair in bounds]
    for p in processes:
        p.start()
    total = sum(results.get() for _ in processes)
    for p in processes:
        p.join()
    return total
