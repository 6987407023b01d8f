/*
 * phone.h - the phone as one object: the loop, the configuration layers,
 * the boot sequence, the SIP stack, the dial plan and the screen.
 *
 * The program (platform/host/main.c) fills struct phone_opts from its
 * command line, opens the phone on a libuv loop and runs the loop; a
 * front end watches the screen through phone_set_screen_hook().
 */
#ifndef PHONE_H
#define PHONE_H

#include <uv.h>

#include "boot/boot.h"
#include "boot/ringlist.h"
#include "cli/cli_telnet.h"
#include "cnf/cnf.h"
#include "dialplan/dialplan.h"
#include "dns/dns.h"
#include "lcd/lcd.h"
#include "menu/menu.h"
#include "rt/rt_loop.h"
#include "transport/sip_udp.h"
#include "txn/txn.h"
#include "uac/uac.h"

/* The handset's audio (the platform's): one frame of N samples at 8 kHz
 * each 20 ms; READ fills silence when there is nothing. */
struct phone_audio {
	void (*read)(void *arg, int16_t *pcm, size_t n);
	void (*write)(void *arg, const int16_t *pcm, size_t n);
	void *arg;
};

struct phone_opts {
	char mac[13];           /* 12 upper-case hex digits */
	char ip[16];            /* the phone's own address; "": DHCP */
	const char *dhcp_if;    /* DHCP on this interface (NULL: any) */
	const char *tftp_root;  /* provisioning files from this folder */
	const char *tftp;       /* ... or from this TFTP server, HOST[:PORT] */
	const char *flash;      /* file-backed flash; NULL: none kept */
	uint16_t telnet_port;   /* the telnet CLI (telnet_level decides) */
	const struct phone_audio *audio; /* NULL: silence in, nothing out */
	int auto_answer;        /* s; -1: never (a host option) */
};

/* The CLI's view of the phone (phone_cli.c). */
extern const struct cli_backend phone_cli_backend;

struct phone_lines; /* registration of the six lines (phone_lines.c) */
struct phone_calls; /* the calls and their media (phone_call.c) */
struct dhcp_client;
struct dhcp_sock;
struct menu;        /* the Settings menus (runtime/menu) */
struct phone_dir;   /* the Directories and Services screens (phone_dir.c) */

/* A ring type from RINGLIST.DAT (raw 8 kHz u-law), in the list's order. */
enum { PHONE_RINGS_MAX = RINGLIST_MAX };
struct phone_ring {
	char file[RINGLIST_PCM_NAME_MAX];
	uint8_t *pcm;
	size_t len;
};

struct phone {
	struct phone_opts opt;
	uv_loop_t *uv;
	struct rt_loop loop;
	struct cnf_layers *layers;
	struct cnf *cnf;               /* the effective configuration */
	struct boot *boot;
	struct boot_fetcher fetcher;
	struct sip_udp udp;
	uint8_t udp_open, closing;
	struct txn_layer *txn;
	struct uac *uac;
	struct dns_resolver *dns;      /* once the configuration names servers */
	struct dhcp_client *dhcp;      /* without --ip: the lease */
	struct dhcp_sock *dhcp_sock;
	uint8_t dhcp_bound;
	struct dialplan *plan;
	struct phone_lines *lines;
	struct phone_calls *calls;
	struct lcd lcd;
	struct rt_timer clock_timer;
	struct cli_telnet telnet;
	uint8_t telnet_open, test_open;
	void (*screen_hook)(void *arg, const struct lcd *l);
	void *screen_arg;
	void (*closed_cb)(void *arg);
	void *closed_arg;
	unsigned pending_closes;
	/* The Settings menus: keys from a front end go to menu_key(); drawn
	 * by phone_screen_text() while open. */
	struct menu *menu;
	/* The directories and services keys' screens, the call history. */
	struct phone_dir *dir;
	/* The ring types (RINGLIST.DAT and its PCM files); Alert-Info: N
	 * rings with the Nth (distinctive ringing). */
	struct phone_ring ring[PHONE_RINGS_MAX];
	unsigned nrings;
};

int phone_open(struct phone *p, uv_loop_t *uv, const struct phone_opts *o,
	       const struct boot_fetcher *fetcher);
/* Power on: the boot sequence runs from the loop. */
void phone_start(struct phone *p);
/* Flush flash, close every handle; CB once the last one is closed. */
void phone_close(struct phone *p, void (*cb)(void *arg), void *arg);

void phone_set_screen_hook(struct phone *p,
			   void (*hook)(void *arg, const struct lcd *l),
			   void *arg);
/* A SIP message to the network from the phone's socket (logged with
 * "debug sip"); 0 or a negative errno. */
int phone_sip_send(struct phone *p, const struct net_addr *dst,
		   const char *buf, size_t len);

/* A key of the phone (a front end's, or the CLI's test key): the
 * Settings menus while open, the Directories and Services screens while
 * open, else the calls.  0 or a negative errno of whoever took it. */
int phone_key(struct phone *p, enum menu_key k);

/* The screen as text (CLI "test show"). */
int phone_screen_text(const struct phone *p, char *buf, size_t size);

#endif
