# runtime/dns: A and SRV resolution (c-ares inside the libuv loop).
# c-ares and libuv link into everything that uses the library.  dnsmasq is
# the real DNS server tests/unit/test_dns.c starts on loopback; dnsmasq-base
# is the binary alone (the dnsmasq package would also start a system
# service on port 53).
DEPS_PKGS  += libc-ares-dev libuv1-dev dnsmasq-base
CROSS_PKGS += libc-ares-dev libc-ares2 libuv1-dev libuv1
LDLIBS     += -lcares -luv
# dns_srv.c (SRV ordering, target list, messages) needs no OS; the resolver
# and the answer parser call c-ares.
HOSTED_SRC += runtime/dns/dns_resolver.c runtime/dns/dns_answer.c
