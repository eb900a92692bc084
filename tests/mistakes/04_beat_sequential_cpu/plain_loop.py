# expect: not-in-processes
# The plain loop in the calling process: right sum, no processes.
def sum_of_squares(start, stop):
    total = 0
    for i in range(start, stop):
        total += i * i
    return total


def parallel_sum_of_squares(n, workers):
    return sum_of_squares(0, n)
