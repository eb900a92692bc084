"""The child side: everything that runs in the same process as the learner's code.

This package is the project's trust boundary. `python -m checker.child` runs one hidden suite; the plugin,
probes, virtual time, race probe, lock-order recorder, leak finder, diagnoses, tamper guard, the suites'
toolkit and the source helpers live here. The parent (`kata`) imports nothing from it: results come back
as a signed record whose format is `checker.report`.
"""
