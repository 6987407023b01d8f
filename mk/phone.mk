# The phone as a program: runtime/phone wires the modules on the libuv
# loop; platform/host is the Linux host port.
HOSTED_SRC += $(wildcard runtime/phone/*.c) $(wildcard platform/host/*.c)
