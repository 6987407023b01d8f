"""The scenario scripts' test runner: cmocka's lines, so tests/run-all.sh
counts them, and the peers each test started stopped after it.

A test returns None (passed), "skip", or why it failed; an exception is a
failure.  PEERS holds what a test started: subprocess.Popen objects are
killed if still running, anything else (a Kamailio with its workers) is
asked to kill() itself.
"""
import subprocess

results = []  # (name, "ok" | "fail" | "skip")


def run(name, fn, peers):
    print("[ RUN      ] %s" % name, flush=True)
    try:
        why = fn()
    except Exception as e:  # a test that crashed failed
        why = "exception: %r" % (e,)
    while peers:
        p = peers.pop()
        if not isinstance(p, subprocess.Popen) or p.poll() is None:
            p.kill()
        p.wait()
    if why == "skip":
        results.append((name, "skip"))
        print("[  SKIPPED ] %s" % name)
    elif why:
        results.append((name, "fail"))
        print("  %s\n[  FAILED  ] %s" % (why, name))
    else:
        results.append((name, "ok"))
        print("[       OK ] %s" % name)


def skipped(name, why):
    """NAME cannot run here (WHY): counted as skipped."""
    print("[ RUN      ] %s\n  %s\n[  SKIPPED ] %s" % (name, why, name))
    results.append((name, "skip"))


def summary():
    """The totals; the exit status (1 if a test failed)."""
    ok = [n for n, r in results if r == "ok"]
    bad = [n for n, r in results if r == "fail"]
    skip = [n for n, r in results if r == "skip"]
    print("[==========] %d test(s) run." % len(results))
    print("[  PASSED  ] %d test(s)." % len(ok))
    if skip:
        print("[  SKIPPED ] %d test(s), listed below:" % len(skip))
        for n in skip:
            print("[  SKIPPED ] %s" % n)
    if bad:
        print("[  FAILED  ] %d test(s), listed below:" % len(bad))
        for n in bad:
            print("[  FAILED  ] %s" % n)
    return 1 if bad else 0
