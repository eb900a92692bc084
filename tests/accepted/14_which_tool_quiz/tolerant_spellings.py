# Right answers, written in other accepted ways: case, spaces, synonyms, module objects, French words.
import asyncio
import multiprocessing

Q1 = "  AsyncIO "
Q2 = "multiprocessing"
Q3 = "Threading"
Q4 = "thread"
Q5 = multiprocessing
Q6 = asyncio
Q7 = "Process"
Q8 = "faux"
Q9 = "TRUE"
Q10 = False
Q11 = "false"
Q12 = "Non"
