"""Kamailio for the scenario tests: a registrar and record-routing proxy
on one loopback address, users 101..104 with passwords pw101..pw104
(digest), started from a generated kamailio.cfg and stopped with its
workers (its own process group, TERM then KILL).

INVITE, REFER and NOTIFY from 101..103 are challenged (407), in a dialog
too (not a re-INVITE); 104 is left alone (a peer that cannot answer a
challenge for NOTIFY).  A Request-URI that is not the proxy (an attended
transfer's Contact) is relayed as it is.
"""
import os
import re
import signal
import subprocess
import time

KAM_CFG = """#!KAMAILIO
debug=2
log_stderror=yes
children=1
dns=no
rev_dns=no
auto_aliases=no
listen=udp:%(ip)s:5060
alias=%(ip)s:5060
loadmodule "tm.so"
loadmodule "sl.so"
loadmodule "pv.so"
loadmodule "maxfwd.so"
loadmodule "usrloc.so"
loadmodule "registrar.so"
loadmodule "textops.so"
loadmodule "siputils.so"
loadmodule "auth.so"
loadmodule "htable.so"
loadmodule "rr.so"
loadmodule "ctl.so"
loadmodule "kex.so"
modparam("ctl", "binrpc", "unixs:%(dir)s/ctl.sock")
modparam("usrloc", "db_mode", 0)
modparam("htable", "htable", "users=>size=4;")
event_route[htable:mod-init] {
	$sht(users=>101) = "pw101";
	$sht(users=>102) = "pw102";
	$sht(users=>103) = "pw103";
	$sht(users=>104) = "pw104";
}
request_route {
	if (!mf_process_maxfwd_header("10")) {
		sl_send_reply("483", "Too Many Hops"); exit;
	}
	# the transfer requests are challenged in the dialog too
	if (is_method("INVITE|REFER|NOTIFY") && $fU =~ "^10[1-3]$" &&
	    !(is_method("INVITE") && has_totag())) {
		if (!pv_proxy_authenticate("$fd", "$sht(users=>$fU)", "0")) {
			proxy_challenge("$fd", "1"); exit;
		}
		consume_credentials();
	}
	if (has_totag()) {
		if (loose_route()) { t_relay(); exit; }
		if (is_method("ACK") && t_check_trans()) { t_relay(); }
		exit;
	}
	if (is_method("CANCEL")) {
		if (t_check_trans()) { t_relay(); }
		exit;
	}
	if (is_method("REGISTER")) {
		if (!pv_www_authenticate("$td", "$sht(users=>$tU)", "0")) {
			www_challenge("$td", "1"); exit;
		}
		if (!save("location")) { sl_reply_error(); }
		exit;
	}
	record_route();
	# a Contact (attended transfer's Refer-To) is relayed as it is
	if (uri != myself) { t_relay(); exit; }
	if (!lookup("location")) { sl_send_reply("404", "Not Found"); exit; }
	t_relay();
}
"""


class Kamailio:
    """Kamailio on IP, its files in TMP; PROCS (a list) gets it, so the
    caller's cleanup stops it like any peer."""

    def __init__(self, tmp, ip, procs):
        cfg = os.path.join(tmp, "kamailio.cfg")
        with open(cfg, "w") as f:
            f.write(KAM_CFG % {"ip": ip, "dir": tmp})
        run_dir = os.path.join(tmp, "run")
        os.mkdir(run_dir)
        # its own process group: kamailio's workers go with it
        self.p = subprocess.Popen(
            ["kamailio", "-DD", "-E", "-f", cfg, "-Y", run_dir],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True)
        procs.append(self)
        self.ctl = ["kamcmd", "-s", "unixs:%s/ctl.sock" % tmp]
        end = time.time() + 10
        while self.dump() is None:
            if time.time() > end or self.p.poll() is not None:
                self.kill()
                raise RuntimeError("kamailio did not come up")
            time.sleep(0.1)

    # what run() needs to stop it: the whole group, TERM first
    def poll(self):
        return self.p.poll()

    def kill(self):
        try:
            os.killpg(self.p.pid, signal.SIGTERM)
            self.p.wait(5)
        except (OSError, subprocess.TimeoutExpired):
            pass
        try:
            os.killpg(self.p.pid, signal.SIGKILL)
        except OSError:
            pass

    def wait(self):
        return self.p.wait()

    def dump(self):
        r = subprocess.run(self.ctl + ["ul.dump"], capture_output=True,
                           text=True)
        return r.stdout if r.returncode == 0 else None

    def wait_registered(self, aors, seconds=15):
        end = time.time() + seconds
        while True:
            d = self.dump() or ""
            if all(re.search(r"AoR: %s\b" % a, d) for a in aors):
                return True
            if time.time() > end:
                return False
            time.sleep(0.2)
