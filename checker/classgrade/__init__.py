"""`kata class`: grade a whole class from the teacher's side (discover, grader, store, gradebook, stats, page,
terminal, workflow; checker/classgrade/run.py ties them together for the CLI)."""
