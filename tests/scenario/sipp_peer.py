"""sipp_peer.py - one sipp call as a peer of the scenario scripts.

Both start it on a loopback address with its media on port 6000, one call
(-m 1 -l 1), and fail it on a timeout; the caller keeps the Popen in its
list of peers, which its runner stops by PID after each test.
"""
import subprocess


def start(procs, ip, args, scenario=None, timeout=30):
    """sipp on IP (SIP port 5060) with ARGS; the Popen, added to PROCS."""
    argv = ["sipp", "-i", ip, "-p", "5060", "-m", "1", "-l", "1",
            "-nostdin", "-timeout", "%ds" % timeout, "-timeout_error",
            "-mi", ip, "-mp", "6000"]
    if scenario:
        argv += ["-sf", scenario]
    p = subprocess.Popen(argv + list(args), stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, text=True)
    procs.append(p)
    return p


def wait(p, seconds=40):
    """None once sipp ended well; why not otherwise (killed after SECONDS)."""
    try:
        rc = p.wait(seconds)
    except subprocess.TimeoutExpired:
        p.kill()
        p.wait()
        return "sipp did not finish"
    if rc != 0:
        return "sipp exit %d: %s" % (rc, (p.stderr.read() or "")[-400:])
    return None
