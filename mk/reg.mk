# runtime/reg: registration of the six lines (issue 7), and its wiring into
# the phone program (runtime/phone/phone_lines.c, which needs libuv through
# phone.h and so is not part of the bare-metal core; runtime/reg is).
#
# tests/unit/test_reg_kamailio.c starts a real Kamailio (registrar, usrloc
# in memory, digest auth) and sipp on 127.0.0.0/8; both skip with a message
# when the program is not installed.  Installing kamailio also installs a
# system service; it is not started here and not used.
DEPS_PKGS  += kamailio sip-tester
HOSTED_SRC += runtime/phone/phone_lines.c
