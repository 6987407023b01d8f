/*
 * peer.h - real peers for tests (sipp, dnsmasq, kamailio...): started on
 * 127.0.0.0/8 only, waited for with bounded loops, stopped by PID.
 */
#ifndef TEST_PEER_H
#define TEST_PEER_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* The program NAME in the usual places, or NULL (the test then skips). */
const char *peer_find(const char *name);
/* Start ARGV[0] (a path) with ARGV; its output goes to /dev/null unless
 * SIPPHONE_PEER_DEBUG is set.  It gets SIGTERM if the test dies first
 * (a killed test leaves no peer behind).  The PID, or -1. */
pid_t peer_spawn(char *const argv[]);
/* The words of $SIPPHONE_EXEC_WRAPPER (the cross build's emulator, "qemu-arm
 * -L /usr/arm-linux-gnueabihf") into ARGV, at most MAX: how many.  They
 * point into a static copy, so call it once, in the child before exec. */
int peer_exec_wrapper(char **argv, int max);
/* Run ARGV[0] (a path) with ARGV to its end, its standard output into
 * BUF (SIZE bytes with the NUL), bounded: MS, then SIGKILL.  0 if it
 * exited 0 within MS and all it wrote fit; -1 otherwise (BUF holds what
 * was read). */
int peer_run(char *const argv[], char *buf, size_t size, unsigned ms);
/* Milliseconds on the monotonic clock, for deadlines. */
uint64_t peer_now_ms(void);
/* SIGTERM to the peer's process group, SIGKILL after about 3 s (and to
 * any of the group left); always reaps the peer. */
void peer_stop(pid_t *pid);
/* Wait (bounded: MS) until the peer exits by itself; 0 if it did, its
 * exit status in *STATUS. */
int peer_wait_exit(pid_t pid, unsigned ms, int *status);
/* Ask the DNS server at IP:PORT for NAME (type A) until it answers;
 * 0, or -1 when PID died or about 5 s went by. */
int peer_wait_dns(const char *ip, uint16_t port, const char *name, pid_t pid);

#endif
