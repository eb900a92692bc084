"""The commands of `kata`, by job: learner.py (read, check, hints, progress), teacher.py (grade, verify,
export, new), classes.py (`kata class`: grade a whole class). app.py holds what they share: the App of
click's context, the --lang option, and the choice of the kata a command works on. checker/cli.py joins them
into one group; none holds grading logic.
"""
