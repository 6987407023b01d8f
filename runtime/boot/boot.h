/*
 * boot.h - the boot sequence (spec/boot/boot.rl): flash, network identity,
 * the configuration files from TFTP (or a folder), the dial plan, the ring
 * list and its PCM files, the layered configuration applied, the lines
 * started.
 *
 * The sequence owns the TFTP layers of the configuration (SIPDefault.cnf,
 * SIP<MAC>.cnf); the phone owns the rest and is told what happens through
 * struct boot_ops.  Files come through struct boot_fetcher: a TFTP client,
 * or a local folder (--tftp-root).  No OS here.
 */
#ifndef BOOT_H
#define BOOT_H

#include <stddef.h>
#include <stdint.h>

#include "cnf/cnf.h"
#include "rt/rt_timer.h"

enum {
	BOOT_DYN_TFTP_MAX = 2,        /* dyn_tftp_addr hops: no ping-pong */
	BOOT_NAME_MAX = 300,          /* bytes in a requested file name */
	BOOT_TEXT_FILE_MAX = 256 * 1024, /* a .cnf, .xml or .DAT file */
	BOOT_RING_FILE_MAX = 512 * 1024, /* a ring PCM file (64 s of µ-law) */
};

enum boot_file {
	BOOT_FILE_DEFAULT,  /* SIPDefault.cnf */
	BOOT_FILE_PHONE,    /* SIP<MAC>.cnf in tftp_cfg_dir */
	BOOT_FILE_DIALPLAN, /* <dial_template>.xml */
	BOOT_FILE_RINGLIST, /* RINGLIST.DAT */
	BOOT_FILE_RING,     /* a PCM file RINGLIST.DAT names */
};

/* The server files come from: "" for the phone's own (initial) source. */
struct boot_server {
	char host[64];
};

/* ERR: 0 with DATA, -ENOENT (not on the server: normal for optional
 * files), or another negative errno (server down, too big...). */
typedef void boot_fetch_cb(void *arg, int err, const uint8_t *data,
			   size_t len);

struct boot_fetcher {
	/* Fetch NAME (at most MAX bytes) from SRV; CB runs later, from the
	 * loop, exactly once.  0, or an error (then CB never runs). */
	int (*get)(void *arg, const struct boot_server *srv, const char *name,
		   size_t max, boot_fetch_cb *cb, void *cbarg);
	void *arg;
};

struct boot_ops {
	/* Load flash into the FLASH layer (missing flash is a new phone). */
	void (*load_flash)(void *arg);
	/* The network identity (host: --ip and --mac): 0 or an error; or
	 * -EINPROGRESS and boot_identity_done() later (DHCP). */
	int (*identity)(void *arg);
	/* What the LCD shows now ("Configuring IP", "Requesting
	 * Configuration", a problem with a file). */
	void (*status)(void *arg, const char *msg);
	/* A dial plan, ring list or ring file arrived (data valid during the
	 * call).  For BOOT_FILE_RING, NAME is the PCM file. */
	void (*file)(void *arg, enum boot_file f, const char *name,
		     const uint8_t *data, size_t len);
	/* The layers are complete: store what differs in flash, take the
	 * snapshot, configure the modules. */
	void (*apply)(void *arg);
	/* Start the lines (registration...). */
	void (*running)(void *arg);
};

struct boot;

int boot_alloc(struct boot **bp, struct cnf_layers *layers,
	       struct rt_timers *timers, const struct boot_fetcher *fetcher,
	       const struct boot_ops *ops, void *arg);
void boot_free(struct boot *b);

/* The MAC address names SIP<MAC>.cnf (12 upper-case hex digits). */
int boot_set_mac(struct boot *b, const char *mac);
/* Power on: the sequence runs from the loop. */
void boot_start(struct boot *b);
/* CLI reset / erase protflash: run the sequence again. */
void boot_reset(struct boot *b);
/* The identity the phone was waiting for (a DHCP lease): ERR 0 or the
 * failure; the sequence goes on either way. */
void boot_identity_done(struct boot *b, int err);
/* Where files come from when the phone found out itself (DHCP option
 * 66): a dotted address, or "" for the phone's own source. */
void boot_set_server(struct boot *b, const char *host);

const char *boot_state(const struct boot *b);
/* Counters for "show status": files fetched, missing, failed. */
struct boot_stats {
	unsigned fetched, missing, failed, dyn_hops, unexpected, boots;
};
const struct boot_stats *boot_stats(const struct boot *b);

#endif
