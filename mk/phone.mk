# The phone as a program: runtime/phone wires the modules on the libuv
# loop; platform/host is the Linux host port.
HOSTED_SRC += $(wildcard runtime/phone/*.c) $(wildcard platform/host/*.c)
# The handset chart (spec/phone/gsm.rl) drives the calls' media and libuv
# clock: hosted, like the rest of runtime/phone.
HOSTED_SRC += $(GEN)/phone/gsm.c
