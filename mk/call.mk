# runtime/call (spec/call/call.rl) and the phone's calls: the peers the
# call tests start on loopback (tests/scenario/run-calls.sh): sipp
# (sip-tester) as caller and callee, tshark to check what went on the
# wire; python3 drives the phones' telnet CLI (make demo too).
DEPS_PKGS += sip-tester tshark python3
