# runtime/call (spec/call/call.rl) and the phone's calls: the peers the
# call tests start on loopback (tests/scenario/run-calls.sh): sipp
# (sip-tester) as caller and callee, tshark to check what went on the
# wire; python3 drives the phones' telnet CLI (make demo too).
DEPS_PKGS += sip-tester tshark python3

# `make bench-calls` (also part of `make bench`): the highest rate of short
# calls the phone answers from sipp -sn uac -l 1 with zero failures, beside
# baresip under the same load, with the CPU each used.  Numbers only.
DEPS_PKGS += baresip

.PHONY: bench-calls
bench: bench-calls

bench-calls: $(BUILD)/bin/sipphone
	@tools/bench-calls/bench-calls.sh $(BUILD)/bin
