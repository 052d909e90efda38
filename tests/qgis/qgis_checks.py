"""What the headless QGIS checks share: failures collected as they are
found, then one exit for the whole run (imported by the check_*.py scripts
beside it)."""
import os
import sys

failures = []


def check(ok, what):
    """Records `what` as a failure (and prints it) unless ok."""
    if not ok:
        failures.append(what)
        print("FAIL:", what, flush=True)


def finish(passed="ok"):
    """Exits 1 if a check failed, else prints `passed` and exits 0."""
    sys.stdout.flush()
    if failures:
        print(f"{len(failures)} failures", flush=True)
        os._exit(1)  # not exitQgis(): PyQGIS 3.22 can crash tearing down
    print(passed, flush=True)
    os._exit(0)
