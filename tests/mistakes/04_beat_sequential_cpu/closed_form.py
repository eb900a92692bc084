# expect: not-in-processes
# A closed formula: exact and instant, but it skips the CPU work the kata is about.
def sum_of_squares(start, stop):
    total = 0
    for i in range(start, stop):
        total += i * i
    return total


def parallel_sum_of_squares(n, workers):
    return (n - 1) * n * (2 * n - 1) // 6 if n > 0 else 0
