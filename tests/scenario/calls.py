#!/usr/bin/env python3
"""Calls against real peers on loopback (issue: "Calls with real audio").

Each test prints cmocka's lines so tests/run-all.sh counts it:

  phone_phone_rfc2833   two phones (make demo): ladder, hold, DTMF by RFC
                        2833, tones heard both ways; tshark on the call's
                        addresses finds SIP and RTP and nothing malformed
  phone_phone_inband    the same with dtmf_outofband: none (in-band keys
                        heard in the recordings)
  phone_phone_g729      the same with preferred_codec: g729a
  phone_phone_asan      the demo with both phones built with ASan+UBSan
                        (build/asan, made by tests/run-all.sh): any report
                        or leak fails a phone's exit status
  sipp_calls_phone      sipp -sn uac calls a phone with --auto-answer: 3 calls
  phone_calls_sipp      the phone dials sipp -sn uas and hangs up (BYE)
  sigterm_in_call       SIGTERM while talking to sipp: BYE, then a clean exit
  sipp_busy             486 from sipp: the phone ACKs, shows Busy
  sipp_early_media      183 with SDP: early state, no local ringback, then 200
  sipp_proxy_auth       407: ACK, INVITE again with Proxy-Authorization
  sipp_redirect         302: the phone calls the Contact
  sipp_cancel           sipp CANCELs while the phone rings: 200, 487, ACK
  sipp_hold             sipp holds (c=0.0.0.0) and resumes the answered call
  dnd_480               dnd_control: 1 answers 480
  anonymous_433         anonymous_call_block: 1 refuses an anonymous caller
  phone_baresip         the phone calls baresip (answermode=auto): each side
                        hears the other's tone, baresip hears in-band DTMF;
                        then baresip calls the phone (--auto-answer)
  call_waiting          a second call while talking: call-waiting tone, Answer
                        holds the first (re-INVITE), the second ends (BYE),
                        Resume brings the first back, hang up
  hold_ringback         the phone holds and resumes a call to sipp (its
                        re-INVITEs checked); on hook while held keeps the
                        call and rings (call_hold_ringback: 1)
  ring_file             a RINGLIST.DAT ring type (u-law PCM) is what the
                        ringer plays (the recording has its 700 Hz)
  via_kamailio          phones A (101) and B (102) register with a real
                        Kamailio (digest), A calls B through it: the INVITE
                        is challenged (407, answered), Record-Route keeps
                        the proxy in the dialog, DTMF and BYE go through;
                        then baresip (103) registers and A calls it there
  secondary_dial_tone   off hook: dial tone; "9" of the guide's "9,..."
                        templates: the secondary dial tone (Bellcore-Outside)
  mwi_lamp              NOTIFY message-summary from sipp lights the lamp, it
                        survives a restart (flash), "no" puts it out; the
                        Messages key dials messages_uri

Peers are started here on 127.0.0.0/8 and stopped by PID; a missing peer
skips its tests with a message.
"""
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

SRC = os.environ.get("SIPPHONE_SRC",
                     os.path.dirname(os.path.dirname(os.path.dirname(
                         os.path.abspath(__file__)))))
BIN = os.path.join(SRC, os.environ.get("BUILD", "build"), "bin")
sys.path.insert(0, os.path.join(SRC, "tools", "demo"))
import cmocka_out  # noqa: E402
import demo  # noqa: E402  (the telnet CLI client)
from kamailio import Kamailio  # noqa: E402
import sipp_peer  # noqa: E402

PHONE_IP, PEER_IP, MAC = "127.0.0.4", "127.0.0.5", "00503E000104"
SIPP_DIR = os.path.join(SRC, "tests", "scenario", "sipp")
peers = []  # every sipp a test started: stopped after the test, by PID


class Phone:
    """One sipphone on PHONE_IP, provisioned with EXTRA lines."""

    def __init__(self, extra, auto_answer=None, flash=None, audio=None,
                 files=None):
        self.tmp = tempfile.mkdtemp(prefix="sipphone-calls-")
        root = os.path.join(self.tmp, "tftp")
        os.mkdir(root)
        for name, data in (files or {}).items():
            with open(os.path.join(root, name), "wb") as f:
                f.write(data)
        ex = os.path.join(SRC, "examples", "tftpboot")
        for f in ("SIPDefault.cnf", "dialplan.xml", "dialplan-demo.xml"):
            shutil.copy(os.path.join(ex, f), root)
        with open(os.path.join(root, "SIP%s.cnf" % MAC), "w") as f:
            f.write('line1_name: "104"\nline1_displayname: "Carol"\n'
                    "proxy1_address: %s\nproxy_register: 0\n"
                    'telnet_level: 2\ndial_template: "dialplan-demo"\n'
                    % PEER_IP + extra)
        self.log = os.path.join(self.tmp, "phone.log")
        argv = [os.path.join(BIN, "sipphone"), "--mac", MAC, "--ip",
                PHONE_IP, "--tftp-root", root, "--telnet-port",
                str(demo.TELNET_PORT), "--ui", "headless", "--log",
                self.log, "-v"]
        if auto_answer is not None:
            argv += ["--auto-answer", str(auto_answer)]
        if flash:
            argv += ["--flash", flash]
        if audio and audio[0]:
            argv += ["--audio-in", audio[0]]
        if audio and audio[1]:
            argv += ["--audio-out", audio[1]]
        wrapper = os.environ.get("SIPPHONE_EXEC_WRAPPER", "").split()
        self.p = subprocess.Popen(wrapper + argv, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)
        self.cli = demo.Cli(PHONE_IP)
        self.cli.cmd("test open")
        if demo.wait_for(self.cli, "show status", "boot: running") is None:
            raise RuntimeError("the phone did not boot")

    def stop(self):
        try:
            self.cli.close()
        except OSError:
            pass
        self.p.send_signal(signal.SIGTERM)
        try:
            rc = self.p.wait(10)
        except subprocess.TimeoutExpired:
            self.p.kill()
            rc = self.p.wait()
        shutil.rmtree(self.tmp, ignore_errors=True)
        return rc

    def log_text(self):
        with open(self.log, encoding="latin-1") as f:
            return f.read()


def sipp(args, scenario=None, timeout=30, ip=PEER_IP):
    """Start sipp on IP toward the phone; the Popen."""
    return sipp_peer.start(peers, ip, args, scenario, timeout)


def scenario(tmp, name, subs):
    """SIPP_DIR/NAME with its @PLACEHOLDERS@ filled in, written into TMP."""
    with open(os.path.join(SIPP_DIR, name)) as f:
        xml = f.read()
    for k, v in subs.items():
        xml = xml.replace(k, v)
    path = os.path.join(tmp, name)
    with open(path, "w") as f:
        f.write(xml)
    return path


def sent(log, start):
    """The first lines of the SIP messages the phone sent."""
    return [m for m in re.findall(r"sip debug: sent to [0-9.:]+: (.*)", log)
            if m.startswith(start)]


# ---------------------------------------------------------------- tests

def phone_phone(inband, g729=False, bindir=BIN):
    def t():
        if not os.path.exists(os.path.join(bindir, "sipphone")):
            print("  %s/sipphone not built (make SAN=1): skipped" % bindir)
            return "skip"
        cap = None
        pcap = os.path.join(tempfile.gettempdir(), "sipphone-calls-%d.pcap"
                            % os.getpid())
        if not inband and shutil.which("tshark"):
            cap = subprocess.Popen(
                ["tshark", "-q", "-i", "lo", "-f",
                 "host 127.0.0.2 and host 127.0.0.3 and udp", "-w", pcap],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(1.5)
        argv = [sys.executable, os.path.join(SRC, "tools", "demo",
                                             "demo.py")]
        r = subprocess.run(argv + (["--inband"] if inband else []) +
                           (["--g729"] if g729 else []) +
                           [bindir, os.path.join(SRC, "examples", "tftpboot")],
                           capture_output=True, text=True, timeout=120)
        if cap:
            time.sleep(0.5)
            cap.send_signal(signal.SIGINT)
            cap.wait(10)
        if r.returncode != 0:
            return "demo failed:\n" + r.stdout[-1500:]
        if cap:
            def count(flt):
                o = subprocess.run(
                    ["tshark", "-r", pcap, "-o", "rtp.heuristic_rtp:TRUE",
                     "-Y", flt], capture_output=True, text=True).stdout
                return len([x for x in o.splitlines() if x.strip()])
            sip, rtp = count("sip"), count("rtp")
            bad = count("_ws.malformed || _ws.expert.severity == error")
            os.unlink(pcap)
            print("  tshark: %d SIP, %d RTP, %d malformed" % (sip, rtp, bad))
            if sip < 10 or rtp < 100 or bad:
                return "tshark: %d SIP, %d RTP, %d malformed" % (sip, rtp,
                                                                bad)
        return None
    return t


def sipp_calls_phone():
    ph = Phone("", auto_answer=0)
    try:
        p = sipp(["-sn", "uac", "-s", "104", "-m", "3", "-d", "500",
                  "%s:5060" % PHONE_IP])
        why = sipp_peer.wait(p)
        if why:
            return why
        log = ph.log_text()
        if len(sent(log, "SIP/2.0 180")) != 3 or \
           len(sent(log, "SIP/2.0 200")) < 6:
            return "expected 3 x (180, 200 INVITE, 200 BYE): %s" % \
                sent(log, "SIP/2.0")
    finally:
        if ph.stop() != 0:
            return "the phone did not stop cleanly"
    return None


def phone_calls_sipp():
    ph = Phone("")
    try:
        p = sipp(["-sn", "uas"])
        time.sleep(0.5)
        ph.cli.cmd("test offhook")
        ph.cli.cmd("test key 102")
        if demo.wait_for(ph.cli, "show fsmdef", "connected") is None:
            return "not connected: " + ph.cli.cmd("show fsmdef")
        time.sleep(0.5)
        ph.cli.cmd("test onhook")
        if demo.wait_for(ph.cli, "show fsmdef", "no calls") is None:
            return "BYE not answered"
        why = sipp_peer.wait(p)
        if why:
            return why
        log = ph.log_text()
        inv = sent(log, "INVITE ")
        if inv != ["INVITE sip:102@%s SIP/2.0" % PEER_IP]:
            return "INVITE line: %s" % inv
        if len(sent(log, "ACK ")) != 1 or len(sent(log, "BYE ")) != 1:
            return "expected one ACK and one BYE"
    finally:
        ph.stop()
    return None


def sigterm_in_call():
    """SIGTERM while talking: the phone says BYE before it goes (sipp's
    uas scenario ends only on a BYE)."""
    ph = Phone("")
    try:
        p = sipp(["-sn", "uas"])
        time.sleep(0.5)
        ph.cli.cmd("test offhook")
        ph.cli.cmd("test key 102")
        if demo.wait_for(ph.cli, "show fsmdef", "connected") is None:
            return "not connected: " + ph.cli.cmd("show fsmdef")
        rc = ph.stop()
        ph = None
        if rc != 0:
            return "the phone did not stop cleanly: %d" % rc
        return sipp_peer.wait(p, 10)
    finally:
        if ph:
            ph.stop()


def sipp_busy():
    ph = Phone("")
    try:
        p = sipp([], os.path.join(SIPP_DIR, "uas-busy.xml"))
        time.sleep(0.5)
        ph.cli.cmd("test offhook")
        ph.cli.cmd("test key 102")
        if demo.wait_for(ph.cli, "show fsmdef", "failed") is None:
            return "no busy state: " + ph.cli.cmd("show fsmdef")
        if "Busy" not in ph.cli.cmd("test show"):
            return "Busy not shown"
        why = sipp_peer.wait(p)
        ph.cli.cmd("test onhook")
        if why:
            return why
        if "tone Bellcore-Busy" not in ph.log_text():
            return "no busy tone"
    finally:
        ph.stop()
    return None


def dial_sipp(scenario, extra="", want=None):
    """The phone dials 102 at a sipp uas running SCENARIO, reaches
    "connected" (seeing WANT in show fsmdef first, if given), hangs up."""
    def t():
        ph = Phone(extra)
        try:
            p = sipp([], os.path.join(SIPP_DIR, scenario))
            time.sleep(0.5)
            ph.cli.cmd("test offhook")
            ph.cli.cmd("test key 102")
            if want and demo.wait_for(ph.cli, "show fsmdef", want) is None:
                return "never %s: %s" % (want, ph.cli.cmd("show fsmdef"))
            if demo.wait_for(ph.cli, "show fsmdef", "connected") is None:
                return "not connected: " + ph.cli.cmd("show fsmdef")
            ph.cli.cmd("test onhook")
            why = sipp_peer.wait(p)
            if why:
                return why
        finally:
            ph.stop()
        return None
    return t


def sipp_cancel():
    ph = Phone("")
    try:
        p = sipp(["-s", "104", "%s:5060" % PHONE_IP],
                 os.path.join(SIPP_DIR, "uac-cancel.xml"))
        why = sipp_peer.wait(p)
        if why:
            return why
        if demo.wait_for(ph.cli, "show fsmdef", "no calls") is None:
            return "the call stayed: " + ph.cli.cmd("show fsmdef")
        if len(sent(ph.log_text(), "SIP/2.0 487")) < 1:
            return "no 487"
    finally:
        ph.stop()
    return None


def sipp_hold():
    ph = Phone("", auto_answer=0)
    try:
        p = sipp(["-s", "104", "%s:5060" % PHONE_IP],
                 os.path.join(SIPP_DIR, "uac-hold.xml"))
        seen = demo.wait_for(ph.cli, "show fsmdef", "held by peer", 15)
        why = sipp_peer.wait(p)
        if why:
            return why
        if seen is None:
            return "the hold was not seen"
    finally:
        ph.stop()
    return None


def refused(extra, status, frm, fromuser):
    def t():
        ph = Phone(extra)
        tmp = tempfile.mkdtemp()
        try:
            sf = scenario(tmp, "uac-refused.xml", {
                "@STATUS@": str(status), "@FROM@": frm,
                "@FROMUSER@": fromuser})
            p = sipp(["-s", "104", "%s:5060" % PHONE_IP], sf)
            why = sipp_peer.wait(p)
            if why:
                return why
            if "no calls" not in ph.cli.cmd("show fsmdef"):
                return "a call was created"
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
            ph.stop()
        return None
    return t


BARESIP_IP = "127.0.0.6"


def baresip_start(tmp, tone_wav, extra_args=(), account=None):
    d = os.path.join(tmp, "baresip")
    os.makedirs(os.path.join(d, "snd"))
    with open(os.path.join(d, "config"), "w") as f:
        f.write("sip_listen %s:5060\nnet_interface 127.0.0.1\n"
                "dns_server 127.0.0.1:53\n"
                "module_path /usr/lib/baresip/modules\n"
                "module g711.so\nmodule aufile.so\nmodule aubridge.so\n"
                "module sndfile.so\nmodule account.so\nmodule menu.so\n"
                "audio_source aufile,%s\naudio_player aubridge,play\n"
                "audio_alert aubridge,alert\nsnd_path %s\n"
                % (BARESIP_IP, tone_wav, os.path.join(d, "snd")))
    with open(os.path.join(d, "accounts"), "w") as f:
        f.write((account or "<sip:105@%s>;regint=0;answermode=auto"
                 % BARESIP_IP) + "\n")
    out = open(os.path.join(d, "out.txt"), "w")
    p = subprocess.Popen(["baresip", "-f", d] + list(extra_args),
                         stdout=out, stderr=subprocess.STDOUT,
                         stdin=subprocess.DEVNULL)
    time.sleep(1.5)
    return p, d


def baresip_stop(p):
    p.terminate()
    try:
        p.wait(5)
    except subprocess.TimeoutExpired:
        p.kill()
        p.wait()


def detect(wav):
    out = subprocess.run([os.path.join(BIN, "wavtone"), "detect", wav],
                         capture_output=True, text=True).stdout
    tones = re.search(r"tones: (.*)", out).group(1).split()
    dtmf = re.search(r"dtmf: (.*)", out).group(1)
    return [int(t) for t in tones if t.isdigit()], dtmf


def phone_baresip():
    tmp = tempfile.mkdtemp(prefix="sipphone-baresip-")
    bs = ph = None
    try:
        for hz in (440, 1000):
            subprocess.run([os.path.join(BIN, "wavtone"), "gen",
                            os.path.join(tmp, "%d.wav" % hz), "40",
                            "--tone", str(hz)], check=True)
        bs, d = baresip_start(tmp, os.path.join(tmp, "1000.wav"))
        rec = os.path.join(tmp, "phone-out.wav")
        ph = Phone("proxy1_address: %s\ndtmf_outofband: none\n" % BARESIP_IP,
                   audio=(os.path.join(tmp, "440.wav"), rec))
        ph.cli.cmd("test offhook")
        ph.cli.cmd("test key 105")
        if demo.wait_for(ph.cli, "show fsmdef", "connected") is None:
            return "baresip did not answer: " + ph.cli.cmd("show fsmdef")
        time.sleep(1.5)
        ph.cli.cmd("test key 123")
        time.sleep(1.5)
        ph.cli.cmd("test onhook")
        if demo.wait_for(ph.cli, "show fsmdef", "no calls") is None:
            return "the call did not end"
        if ph.stop() != 0:
            return "the phone did not stop cleanly"
        ph = None
        baresip_stop(bs)
        bs = None
        tones, _ = detect(rec)
        if not any(abs(t - 1000) <= 20 for t in tones):
            return "the phone did not hear baresip's 1000 Hz: %s" % tones
        decs = [f for f in os.listdir(os.path.join(d, "snd"))
                if f.endswith("-dec.wav")]
        if not decs:
            return "baresip recorded nothing"
        tones, dtmf = detect(os.path.join(d, "snd", decs[0]))
        if not any(abs(t - 440) <= 20 for t in tones):
            return "baresip did not hear the phone's 440 Hz: %s" % tones
        if "123" not in dtmf:
            return "baresip did not hear DTMF 123: %s" % dtmf
        print("  baresip heard %s Hz and DTMF %s" % (tones, dtmf))

        # baresip calls the phone, which answers by itself
        shutil.rmtree(d)
        ph = Phone("", auto_answer=0)
        bs, d = baresip_start(tmp, os.path.join(tmp, "1000.wav"),
                              ["-e", "/dial sip:104@%s" % PHONE_IP])
        if demo.wait_for(ph.cli, "show fsmdef", "connected", 15) is None:
            return "the phone did not answer baresip: " + \
                ph.cli.cmd("show fsmdef")
        time.sleep(1.0)
        ph.cli.cmd("test onhook")
        if demo.wait_for(ph.cli, "show fsmdef", "no calls") is None:
            return "BYE to baresip not answered"
    finally:
        if bs:
            baresip_stop(bs)
        if ph:
            ph.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    return None


def call_waiting():
    ph = Phone("call_waiting: 1\n")
    try:
        first = sipp(["-s", "104", "%s:5060" % PHONE_IP],
                     os.path.join(SIPP_DIR, "uac-waiting.xml"), 60)
        if demo.wait_for(ph.cli, "show fsmdef", "ringing") is None:
            return "the first call did not ring"
        ph.cli.cmd("test offhook")
        if demo.wait_for(ph.cli, "show fsmdef", "connected") is None:
            return "the first call was not answered"
        second = sipp(["-sn", "uac", "-s", "104", "-d", "1000",
                       "%s:5060" % PHONE_IP], ip="127.0.0.7")
        if demo.wait_for(ph.cli, "show fsmdef", "in ringing") is None:
            return "the second call did not wait: " + \
                ph.cli.cmd("show fsmdef")
        if "tone Bellcore-CallWaiting" not in ph.log_text():
            return "no call-waiting tone"
        if "Answer" not in ph.cli.cmd("test show"):
            return "no Answer soft key"
        ph.cli.cmd("test key sk1")  # Answer: the first call is held
        if demo.wait_for(ph.cli, "show fsmdef", " held ") is None:
            return "the first call was not held: " + \
                ph.cli.cmd("show fsmdef")
        why = sipp_peer.wait(second)  # it hangs up after a second
        if why:
            return "second call: " + why
        if demo.wait_for(ph.cli, "show fsmdef", "held [^\n]* active") is None:
            return "the held call is not selected: " + \
                ph.cli.cmd("show fsmdef")
        ph.cli.cmd("test key sk1")  # Resume
        if demo.wait_for(ph.cli, "show fsmdef", "connected") is None:
            return "the first call did not resume"
        ph.cli.cmd("test onhook")
        why = sipp_peer.wait(first)
        if why:
            return "first call: " + why
    finally:
        ph.stop()
    return None


def hold_ringback():
    ph = Phone("call_hold_ringback: 1\n")
    try:
        p = sipp([], os.path.join(SIPP_DIR, "uas-hold.xml"), 60)
        time.sleep(0.5)
        ph.cli.cmd("test offhook")
        ph.cli.cmd("test key 102")
        if demo.wait_for(ph.cli, "show fsmdef", "connected") is None:
            return "not connected"
        ph.cli.cmd("test key sk1")  # Hold
        if demo.wait_for(ph.cli, "show fsmdef", " held ") is None:
            return "not held"
        ph.cli.cmd("test onhook")
        time.sleep(0.5)
        if " held " not in ph.cli.cmd("show fsmdef"):
            return "on hook ended the held call"
        if "tone Bellcore-dr1" not in ph.log_text():
            return "no hold ringback"
        ph.cli.cmd("test offhook")
        ph.cli.cmd("test key sk1")  # Resume
        if demo.wait_for(ph.cli, "show fsmdef", "connected") is None:
            return "not resumed: " + ph.cli.cmd("show fsmdef")
        ph.cli.cmd("test onhook")
        why = sipp_peer.wait(p)
        if why:
            return why
    finally:
        ph.stop()
    return None


def ring_file():
    import math
    # 0.25 s of 700 Hz as raw u-law (G.711, the guide's ring format)
    def ulaw(x):
        s = max(-32635, min(32635, int(x)))
        sign = 0x80 if s < 0 else 0
        s = abs(s) + 132
        exp = 7
        while exp > 0 and not (s & (0x4000 >> (7 - exp))):
            exp -= 1
        return (~(sign | (exp << 4) | ((s >> (exp + 3)) & 0x0f))) & 0xff
    pcm = bytes(ulaw(8000 * math.sin(2 * math.pi * 700 * i / 8000))
                for i in range(2000))
    tmp = tempfile.mkdtemp()
    rec = os.path.join(tmp, "rec.wav")
    ph = Phone("", audio=(None, rec), files={
        "RINGLIST.DAT": b"Beep700\tbeep.pcm\r\n", "beep.pcm": pcm})
    try:
        why = sipp_peer.wait(sipp(["-s", "104", "%s:5060" % PHONE_IP],
                             os.path.join(SIPP_DIR, "uac-cancel.xml")))
        if why:
            return why
        if "ring beep.pcm" not in ph.log_text():
            return "the ring file was not played"
        if ph.stop() != 0:
            return "the phone did not stop cleanly"
        ph = None
        tones, _ = detect(rec)
        if not any(abs(t - 700) <= 15 for t in tones):
            return "no 700 Hz ring in the recording: %s" % tones
    finally:
        if ph:
            ph.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    return None


KAM_IP = "127.0.0.8"
def via_kamailio():
    if not shutil.which("kamailio") or not shutil.which("kamcmd"):
        return "skip"
    tmp = tempfile.mkdtemp(prefix="sipphone-kam-")
    kam = None
    procs = []
    clis = []
    try:
        try:
            kam = Kamailio(tmp, KAM_IP, [])
        except RuntimeError as e:
            return str(e)
        root = os.path.join(tmp, "tftp")
        ex = os.path.join(SRC, "examples", "tftpboot")
        shutil.copytree(ex, root)
        for mac, ext, ip in (("00503E000101", "101", "127.0.0.2"),
                             ("00503E000102", "102", "127.0.0.3")):
            with open(os.path.join(root, "SIP%s.cnf" % mac), "a") as f:
                f.write('line1_authname: "%s"\nline1_password: "pw%s"\n'
                        "proxy1_address: %s\nproxy_register: 1\n"
                        % (ext, ext, KAM_IP))
            procs.append(subprocess.Popen(
                [os.path.join(BIN, "sipphone"), "--mac", mac, "--ip", ip,
                 "--tftp-root", root, "--telnet-port",
                 str(demo.TELNET_PORT), "--ui", "headless", "--log",
                 os.path.join(tmp, ext + ".log"), "-v"],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
            clis.append(demo.Cli(ip))
        a, b = clis
        for c in clis:
            c.cmd("test open")
        end = time.time() + 15
        while True:
            dump = kam.dump() or ""
            if "sip:101@127.0.0.2" in dump and "sip:102@127.0.0.3" in dump:
                break
            if time.time() > end:
                return "the phones did not register: " + dump[-300:]
            time.sleep(0.2)
        a.cmd("test offhook")
        a.cmd("test key 102")
        if demo.wait_for(b, "show fsmdef", "ringing") is None:
            return "B does not ring: A is " + a.cmd("show fsmdef")
        b.cmd("test offhook")
        if demo.wait_for(a, "show fsmdef", "connected") is None:
            return "A not connected: " + a.cmd("show fsmdef")
        time.sleep(1.0)
        a.cmd("test key 5")
        if demo.wait_for(b, "show rtp", r"\(5\)") is None:
            return "B heard no DTMF 5"
        a.cmd("test onhook")
        if demo.wait_for(b, "show fsmdef", "no calls") is None:
            return "the BYE did not reach B"
        with open(os.path.join(tmp, "101.log"), encoding="latin-1") as f:
            log = f.read()
        # baresip registers as 103 and A calls it through Kamailio
        if shutil.which("baresip"):
            subprocess.run([os.path.join(BIN, "wavtone"), "gen",
                            os.path.join(tmp, "1000.wav"), "30", "--tone",
                            "1000"], check=True)
            bs, bdir = baresip_start(
                tmp, os.path.join(tmp, "1000.wav"),
                account="<sip:103@%s>;auth_pass=pw103;regint=60;"
                        "answermode=auto" % KAM_IP)
            procs.append(bs)
            end = time.time() + 15
            # baresip's Contact user has a suffix of its own: the AoR
            while not re.search(r"AoR: 103\b", kam.dump() or ""):
                if time.time() > end:
                    with open(os.path.join(bdir, "out.txt")) as f:
                        return "baresip did not register with Kamailio:\n" \
                            + f.read()[-600:]
                time.sleep(0.2)
            a.cmd("test offhook")
            a.cmd("test key 103")
            if demo.wait_for(a, "show fsmdef", "connected") is None:
                return "baresip via Kamailio: " + a.cmd("show fsmdef")
            time.sleep(1.0)
            if not re.search(r" rx [1-9]", a.cmd("show rtp")):
                return "no RTP from baresip"
            a.cmd("test onhook")
            if demo.wait_for(a, "show fsmdef", "no calls") is None:
                return "the BYE to baresip was not answered"
        inv = re.findall(r"sent to %s:5060: INVITE " % re.escape(KAM_IP),
                         log)
        if len(inv) != 2:
            return "expected INVITE, 407, INVITE with credentials: %d" % \
                len(inv)
        if not re.search(r"sent to %s:5060: BYE " % re.escape(KAM_IP), log):
            return "the BYE did not go through the proxy (Record-Route):\n" \
                + "\n".join(re.findall(r"(?:warning|error|call debug): .*", log)[-12:])
    finally:
        for c in clis:
            try:
                c.close()
            except OSError:
                pass
        for p in procs:
            p.send_signal(signal.SIGTERM)
        for p in procs:
            try:
                p.wait(10)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
        if kam:
            kam.kill()
        shutil.rmtree(tmp, ignore_errors=True)
    return None


def secondary_dial_tone():
    ph = Phone("")
    try:
        ph.cli.cmd("test offhook")
        time.sleep(0.3)
        if "tone Bellcore-Inside" not in ph.log_text():
            return "no dial tone"
        ph.cli.cmd("test key 9")
        time.sleep(0.3)
        if "tone Bellcore-Outside" not in ph.log_text():
            return "no secondary dial tone after 9"
        ph.cli.cmd("test key 5")
        time.sleep(0.3)
        tones = re.findall(r"media debug: (tone .*)", ph.log_text())
        if not tones or tones[-1] != "tone off":
            return "the secondary tone did not stop at the next key: %s" \
                % tones[-3:]
        ph.cli.cmd("test onhook")
    finally:
        ph.stop()
    return None


def notify(waiting):
    tmp = tempfile.mkdtemp()
    try:
        sf = scenario(tmp, "notify-mwi.xml", {"@WAITING@": waiting})
        return sipp_peer.wait(sipp(["-s", "104", "%s:5060" % PHONE_IP], sf))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def mwi_lamp():
    keep = tempfile.mkdtemp()
    flash = os.path.join(keep, "flash")
    try:
        ph = Phone('messages_uri: "5000"\n', flash=flash)
        try:
            if "[MSG]" in ph.cli.cmd("test show"):
                return "the lamp is on before any NOTIFY"
            why = notify("yes")
            if why:
                return why
            if demo.wait_for(ph.cli, "test show", r"\[MSG\]") is None:
                return "no lamp after Messages-Waiting: yes"
        finally:
            ph.stop()
        ph = Phone('messages_uri: "5000"\n', flash=flash)
        try:
            if "[MSG]" not in ph.cli.cmd("test show"):
                return "the lamp did not survive the restart"
            # the Messages key calls the voice mail
            p = sipp(["-sn", "uas"])
            time.sleep(0.5)
            ph.cli.cmd("test key msgs")
            if demo.wait_for(ph.cli, "show fsmdef",
                             "connected sip:5000@%s" % PEER_IP) is None:
                return "Messages did not call 5000: " + \
                    ph.cli.cmd("show fsmdef")
            ph.cli.cmd("test onhook")
            why = sipp_peer.wait(p)
            if why:
                return why
            why = notify("no")
            if why:
                return why
            if demo.wait_for(ph.cli, "test show", r"^(?![\s\S]*\[MSG\])")\
                    is None:
                return "the lamp stayed on after Messages-Waiting: no"
        finally:
            ph.stop()
    finally:
        shutil.rmtree(keep, ignore_errors=True)
    return None


def main():
    tests = [
        ("phone_phone_rfc2833", phone_phone(False), None),
        ("phone_phone_inband", phone_phone(True), None),
        ("phone_phone_g729", phone_phone(False, True), None),
        ("phone_phone_asan", phone_phone(
            False, bindir=os.path.join(SRC, "build", "asan", "bin")), None),
        ("sipp_calls_phone", sipp_calls_phone, "sipp"),
        ("phone_calls_sipp", phone_calls_sipp, "sipp"),
        ("sigterm_in_call", sigterm_in_call, "sipp"),
        ("sipp_busy", sipp_busy, "sipp"),
        ("sipp_early_media", dial_sipp("uas-early.xml", want=" early "),
         "sipp"),
        ("sipp_proxy_auth", dial_sipp("uas-auth.xml",
                                      'line1_authname: "104"\n'
                                      'line1_password: "pw104"\n'), "sipp"),
        ("sipp_redirect", dial_sipp("uas-redirect.xml"), "sipp"),
        ("sipp_cancel", sipp_cancel, "sipp"),
        ("sipp_hold", sipp_hold, "sipp"),
        ("dnd_480", refused("dnd_control: 1\n", 480, "sipp", "sipp"),
         "sipp"),
        ("anonymous_433", refused("anonymous_call_block: 1\n", 433,
                                  '"Anonymous"', "anonymous"), "sipp"),
        ("call_waiting", call_waiting, "sipp"),
        ("hold_ringback", hold_ringback, "sipp"),
        ("phone_baresip", phone_baresip, "baresip"),
        ("ring_file", ring_file, "sipp"),
        ("via_kamailio", via_kamailio, "kamailio"),
        ("secondary_dial_tone", secondary_dial_tone, None),
        ("mwi_lamp", mwi_lamp, "sipp"),
    ]
    only = sys.argv[1:]
    tests = [t for t in tests if not only or t[0] in only]
    print("[==========] Running %d test(s)." % len(tests))
    for name, fn, peer in tests:
        if peer and not shutil.which(peer):
            cmocka_out.skipped(name, "%s not installed: skipped" % peer)
            continue
        cmocka_out.run(name, fn, peers)
    return cmocka_out.summary()


if __name__ == "__main__":
    sys.exit(main())
