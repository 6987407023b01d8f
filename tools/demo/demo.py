#!/usr/bin/env python3
"""make demo: two phones call each other on loopback.

    tools/demo/demo.py [--inband] [--g729] BINDIR TFTPROOT

The provisioning files are checked first (build/bin/cnfcheck).
Phone A (MAC 00503E000101, extension 101) boots on 127.0.0.2 and phone B
(00503E000102, extension 102) on 127.0.0.3, both from TFTPROOT (the
example folder).  Each plays a tone into its microphone (--audio-in: A
440 Hz, B 1000 Hz) and records its speaker (--audio-out).  Driven through
the telnet CLI's "test" commands, exactly like the hardware:

    A off hook, A dials 102 (the dial plan's "1.." template)
    B rings, B answers; DTMF 123 from A, 456 from B
    A holds (re-INVITE c=IN IP4 0.0.0.0) and resumes, A hangs up

Then it prints the SIP ladder (phone A's "debug sip" log), the LCDs at
each step, and checks the audio: each side heard the other's tone
(build/bin/wavtone detect), RTP stopped while held and ran again after.
DTMF goes as RFC 2833 telephone-events (the example's dtmf_outofband:
avt); with --inband the phones are given dtmf_outofband: none and the
keys must be heard in the recorded audio; with --g729 they prefer G.729a
(bcg729).  Exit 0 when every check passed.
"""
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

TELNET_PORT = 2323
PHONES = {
    "A": {"mac": "00503E000101", "ip": "127.0.0.2", "ext": "101", "hz": 440},
    "B": {"mac": "00503E000102", "ip": "127.0.0.3", "ext": "102", "hz": 1000},
}
failures = []


def check(ok, what):
    print(("  ok    " if ok else "  FAIL  ") + what)
    if not ok:
        failures.append(what)


class Cli:
    """A telnet CLI session (the phone's own; no option negotiation)."""

    def __init__(self, ip, password="cisco"):
        deadline = time.time() + 20
        while True:
            try:
                self.s = socket.create_connection((ip, TELNET_PORT), 1)
                break
            except OSError:
                if time.time() > deadline:
                    raise
                time.sleep(0.2)
        self.s.settimeout(5)
        self.buf = b""
        self.read_until(b"Password:")
        self.s.sendall(password.encode() + b"\r\n")
        # the first prompt after the password: phone_prompt and "> "
        self.prompt = self.read_until(b"> ").splitlines()[-1]
        self.mark = ("\n" + self.prompt).encode("latin-1")

    def read_until(self, want):
        end = time.time() + 10
        while want not in self.buf:
            if time.time() > end:
                raise TimeoutError("no %r in %r" % (want, self.buf[-200:]))
            chunk = self.s.recv(4096)
            if not chunk:
                raise EOFError("telnet closed")
            # drop telnet commands (IAC ...)
            chunk = re.sub(rb"\xff[\xfb-\xfe].|\xff[\xf0-\xfa]", b"", chunk)
            self.buf += chunk
        i = self.buf.index(want) + len(want)
        out, self.buf = self.buf[:i], self.buf[i:]
        return out.decode("latin-1")

    def cmd(self, line):
        self.s.sendall(line.encode() + b"\r\n")
        out = self.read_until(self.mark).replace("\r", "")
        lines = out.split("\n")[:-1]
        if lines and lines[0].strip() == line:  # the echo
            lines = lines[1:]
        return "\n".join(lines)

    def close(self):
        self.s.close()


def wait_for(cli, cmd, pattern, seconds=10):
    end = time.time() + seconds
    while True:
        out = cli.cmd(cmd)
        if re.search(pattern, out):
            return out
        if time.time() > end:
            return None
        time.sleep(0.1)


def main():
    args = sys.argv[1:]
    inband = "--inband" in args
    g729 = "--g729" in args
    args = [a for a in args if a not in ("--inband", "--g729")]
    if len(args) != 2 or any(a.startswith("--") for a in args):
        sys.exit("usage: demo.py [--inband] [--g729] BINDIR TFTPROOT")
    bindir, root = args
    print("== checking %s" % root)
    for f in sorted(os.listdir(root)):
        if f.endswith(".cnf"):
            r = subprocess.run([os.path.join(bindir, "cnfcheck"),
                                os.path.join(root, f)])
            check(r.returncode == 0, f)
    tmp = tempfile.mkdtemp(prefix="sipphone-demo-")
    procs = {}
    try:
        if inband or g729:
            shutil.copytree(root, os.path.join(tmp, "tftp"))
            root = os.path.join(tmp, "tftp")
            for ph in PHONES.values():
                with open(os.path.join(root, "SIP%s.cnf" % ph["mac"]),
                          "a") as f:
                    if inband:
                        f.write("dtmf_outofband: none\n")
                    if g729:
                        f.write("preferred_codec: g729a\n")
        for name, ph in PHONES.items():
            wav = os.path.join(tmp, name + "-in.wav")
            subprocess.run([os.path.join(bindir, "wavtone"), "gen", wav, "30",
                            "--tone", str(ph["hz"])], check=True)
            ph["out"] = os.path.join(tmp, name + "-out.wav")
            ph["log"] = os.path.join(tmp, name + ".log")
            argv = [os.path.join(bindir, "sipphone"), "--mac", ph["mac"],
                    "--ip", ph["ip"], "--tftp-root", root,
                    "--flash", os.path.join(tmp, name + ".flash"),
                    "--telnet-port", str(TELNET_PORT), "--ui", "headless",
                    "--audio-in", wav, "--audio-out", ph["out"],
                    "--log", ph["log"], "-v"]
            wrapper = os.environ.get("SIPPHONE_EXEC_WRAPPER", "").split()
            procs[name] = subprocess.Popen(wrapper + argv,
                                           stdout=subprocess.DEVNULL,
                                           stderr=subprocess.DEVNULL)
        a, b = Cli(PHONES["A"]["ip"]), Cli(PHONES["B"]["ip"])
        for c in (a, b):
            c.cmd("test open")
        screens = []

        def snap(title):
            screens.append((title, a.cmd("test show"), b.cmd("test show")))

        print("== the call")
        check(wait_for(a, "show status", r"boot: running") is not None,
              "A booted")
        check(wait_for(b, "show status", r"boot: running") is not None,
              "B booted")
        a.cmd("test offhook")
        snap("A off hook: dial tone")
        a.cmd("test key 102")
        check(wait_for(b, "show fsmdef", r"ringing") is not None,
              "B rings (INVITE, 180 Ringing)")
        check(wait_for(a, "show fsmdef", r"alerting") is not None,
              "A hears ringback")
        snap("B rings")
        b.cmd("test offhook")
        check(wait_for(a, "show fsmdef", r"connected") is not None,
              "A connected (200 OK, ACK)")
        check(wait_for(b, "show fsmdef", r"connected") is not None,
              "B connected")
        snap("connected")
        # the CLI's views of the call machines (Table 4-1)
        check("line 1 (101): connected, 1 call" in a.cmd("show lsm"),
              "show lsm: line 1 connected")
        check("hook: off" in a.cmd("show gsm"), "show gsm: off hook")
        want_pt = 18 if g729 else 0
        check(re.search(r"channel 1: pt %d, telephone-event %d, sendrecv"
                        % (want_pt, 0 if inband else 101),
                        a.cmd("show dspstate")) is not None,
              "show dspstate: %s%s" % ("G.729a" if g729 else "PCMU",
                                       "" if inband else
                                       " with telephone-event"))
        check("call_waiting: on" in b.cmd("show fim"),
              "show fim: call waiting on")
        time.sleep(1.5)
        a.cmd("test key 123")
        time.sleep(1.0)
        b.cmd("test key 456")
        check(wait_for(b, "show rtp", r"\(123\)") is not None,
              "B received DTMF 123")
        check(wait_for(a, "show rtp", r"\(456\)") is not None,
              "A received DTMF 456")
        a.cmd("test key sk1")  # Hold
        check(wait_for(a, "show fsmdef", r" held ") is not None,
              "A holds (re-INVITE c=IN IP4 0.0.0.0)")
        check(wait_for(b, "show fsmdef", r"held by peer") is not None,
              "B sees the hold")
        snap("A holds")

        def b_tx():
            m = re.search(r" tx (\d+) ", b.cmd("show rtp"))
            return int(m.group(1)) if m else -1
        time.sleep(0.3)
        before = b_tx()
        time.sleep(1.0)
        check(before >= 0 and b_tx() == before, "no RTP from B while held")
        a.cmd("test key sk1")  # Resume
        check(wait_for(a, "show fsmdef", r"connected") is not None,
              "A resumes")
        check(wait_for(b, "show fsmdef", r"connected [^\n]*call-id(?!.*held)")
              is not None, "B resumed")
        before = b_tx()
        time.sleep(1.5)
        check(b_tx() > before, "RTP from B again after the resume")
        a.cmd("test onhook")
        check(wait_for(b, "show fsmdef", r"no calls") is not None,
              "B hung up by BYE")
        check(wait_for(a, "show fsmdef", r"no calls") is not None,
              "A idle")
        snap("both hung up")
        a.close()
        b.close()
        for name, p in procs.items():
            p.send_signal(signal.SIGTERM)
        for name, p in procs.items():
            try:
                check(p.wait(10) == 0, "phone %s stopped cleanly" % name)
            except subprocess.TimeoutExpired:
                p.kill()
                check(False, "phone %s stopped cleanly" % name)
        procs = {}

        print("\n== SIP ladder (phone A's log)")
        print("  %-26s %-30s %s" % ("A 127.0.0.2", "", "B 127.0.0.3"))
        with open(PHONES["A"]["log"], encoding="latin-1") as f:
            for line in f:
                m = re.search(r"sip debug: (sent to|received from) "
                              r"([0-9.:]+): (.*)", line)
                if not m:
                    continue
                first = m.group(3)
                label = first.split(" sip:")[0] if not first.startswith(
                    "SIP/2.0") else first[8:]
                label = label[:28]
                if m.group(1) == "sent to":
                    print("  |%s>|" % ("-- " + label + " ").ljust(56, "-"))
                else:
                    print("  |<%s|" % (" " + label + " --").rjust(56, "-"))

        print("\n== screens")
        for title, sa, sb in screens:
            print("-- %s" % title)
            la, lb = sa.split("\n"), sb.split("\n")
            for i in range(max(len(la), len(lb))):
                print("%-48s %s" % (la[i] if i < len(la) else "",
                                    lb[i] if i < len(lb) else ""))

        print("\n== audio (build/bin/wavtone detect)")
        for name, other in (("A", "B"), ("B", "A")):
            out = subprocess.run([os.path.join(bindir, "wavtone"), "detect",
                                  PHONES[name]["out"]], capture_output=True,
                                 text=True).stdout
            print("  %s heard: %s" % (name, out.strip().replace("\n", "; ")))
            tones = re.search(r"tones: (.*)", out).group(1).split()
            hz = PHONES[other]["hz"]
            check(any(t.isdigit() and abs(int(t) - hz) <= 20 for t in tones),
                  "%s heard %s's %d Hz tone" % (name, other, hz))
            dtmf = re.search(r"dtmf: (.*)", out).group(1)
            want = "123" if name == "B" else "456"
            with open(PHONES[name]["log"], encoding="latin-1") as f:
                log = f.read()
            how = "in-band" if inband else "RFC 2833"
            got = "".join(re.findall(r"DTMF (.) received \(%s\)" % how, log))
            check(got == want, "%s detected DTMF %s (%s): %s" %
                  (name, want, how, got or "-"))
            if inband:
                check(want in dtmf, "%s's recording has DTMF %s"
                      % (name, want))
    finally:
        for p in procs.values():
            p.kill()
            p.wait()
        if os.environ.get("SIPPHONE_DEMO_KEEP"):
            print("kept %s" % tmp)
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    print("\n%d checks failed" % len(failures) if failures
          else "\ndemo ok: every check passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
