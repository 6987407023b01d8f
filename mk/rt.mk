# runtime/rt, runtime/transport: the libuv loop and the SIP UDP socket.
DEPS_PKGS  += libuv1-dev
CROSS_PKGS += libuv1-dev libuv1
LDLIBS     += -luv
HOSTED_SRC += runtime/rt/rt_loop.c runtime/transport/sip_udp.c \
              runtime/transport/sip_tcp_rx.c
