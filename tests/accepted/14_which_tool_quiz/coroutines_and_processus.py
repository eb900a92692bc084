# Right answers with the other spellings: "coroutines", "multithreading", "processus", "vrai".
Q1 = "coroutines"
Q2 = "processus"
Q3 = "multithreading"
Q4 = "threads."
Q5 = "Multi-Processing"
Q6 = "async"
Q7 = "processes"
Q8 = False
Q9 = "vrai"
Q10 = "no"
Q11 = False
Q12 = False
