"""The `kata` checker: grades concurrency katas by running hidden pytest suites in a child process."""

__version__ = "0.1.0"
