# runtime/sip, runtime/sdp, spec/sip: the SIP syntax layer (issue 3).
# Packages: the parsers' peers are linked into the benchmark only, never
# into the firmware; valgrind (callgrind) measures it.
DEPS_PKGS += libosip2-dev libsofia-sip-ua-dev libre-dev valgrind

# The benchmark binary sees the peers' headers as system headers (their
# own warnings are not ours).  Their libraries export names that clash
# with ours (sip_msg_hdr, sdp_parse...): --exclude-libs keeps the
# archive's symbols out of the dynamic table so each library binds to its
# own functions.
CFLAGS_bench-sip := -isystem /usr/include/sofia-sip-1.12 -isystem /usr/include/re \
                    -D_DEFAULT_SOURCE
LDLIBS_bench-sip := -Wl,--exclude-libs,ALL -lsofia-sip-ua -losipparser2 -losip2 -lre

# The corpus lives beside the checkout (never copied into it).
SIP_BENCH_CORPUS ?= $(or $(SIPPHONE_SHARED),../shared)/bench/sip-corpus

.PHONY: bench-sip
bench: bench-sip
bench-sip: $(BUILD)/bin/bench-sip
	$(BUILD)/bin/bench-sip --callgrind $(SIP_BENCH_CORPUS)

# The peers are host libraries: no bench-sip in the ARM build.
HOST_ONLY_TOOLS += bench-sip

# Every class skip in the grammars lands on a state that loops on exactly
# that class (tools/skipcheck.py); checked with the unit tests.
SIP_RL := $(filter-out spec/sip/_%,$(wildcard spec/sip/*.rl))
SIP_RL_INC := $(wildcard spec/sip/_*.rl)
.PHONY: sip-skipcheck
unit: sip-skipcheck
sip-skipcheck: $(BUILD)/sip-skipcheck.ok
$(BUILD)/sip-skipcheck.ok: $(SIP_RL) $(SIP_RL_INC) runtime/sip/sip_scan.c tools/skipcheck.py
	@mkdir -p $(@D)
	$(PYTHON) tools/skipcheck.py $(RAGEL) $(SIP_RL)
	@touch $@

# Header names to enum sip_hdr_id: a collision-free hash over SIP_HDR_LIST,
# so a name is one table slot and one compare.
GEN_H_MK += $(GEN)/sip/sip_hdr_tab.h
$(GEN)/sip/sip_hdr_tab.h: tools/gen-hdr-tab.py runtime/sip/sip_msg.h
	@mkdir -p $(@D)
	$(PYTHON) $^ $@

# The scanners' NEON paths (runtime/sip/sip_scan.h): the armhf baseline has
# no NEON, so the ARM build makes test_sip_scan a second time with
# -mfpu=neon, and qemu-arm runs it with the other tests.
ifneq ($(findstring arm-linux-gnueabi,$(CROSS)),)
unit: $(BUILD)/tests/test_sip_scan_neon
$(BUILD)/obj/tests/unit/test_sip_scan_neon.o: tests/unit/test_sip_scan.c | $(GEN_H)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(WARN) -mfpu=neon -c -o $@ $<
endif
