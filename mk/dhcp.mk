# runtime/dhcp: the DHCP client of the boot sequence (issue 6).
# The codec and the client's state chart (dhcp_msg.c, dhcp_client.c) are
# part of the bare-metal core; the socket (UDP port 68 on libuv) is not.
# tests/unit/test_dhcp.c runs a real dnsmasq in a network namespace (a veth
# pair made with iproute2); without root it skips that part.
DEPS_PKGS  += iproute2 dnsmasq-base libuv1-dev
CROSS_PKGS += libuv1-dev libuv1
LDLIBS     += -luv
HOSTED_SRC += runtime/dhcp/dhcp_sock.c
