/*
 * tftp.h - the TFTP client the phone fetches its provisioning files with:
 * SIPDefault.cnf, SIP<MAC>.cnf, the dial plan, RINGLIST.DAT and its PCM
 * ring files (the guide: "Overview of the Initialization Process",
 * "Downloading Files to Your TFTP Server").
 *
 * RFC 1350 read requests in octet mode, with the option extension of
 * RFC 2347: blksize (RFC 2348), tsize and timeout (RFC 2349).  A server
 * that ignores the options (answers DATA 1 instead of OACK) gets a plain
 * RFC 1350 transfer; one that refuses them (ERROR 8, or ERROR 4 from a
 * server that cannot parse them) is asked again without options.
 *
 * Three layers, the first two without any OS (bare-metal core):
 *   - the packet codec (tftp_pkt_*): fixed binary format, network byte
 *     order written byte by byte;
 *   - the transfer (tftp_xfer_*): a Ragel state chart over named events
 *     (spec/tftp/tftp_xfer.rl) on rt_timers; it takes datagrams and timer
 *     events and sends datagrams through a struct tftp_io;
 *   - the client (tftp_client_*, tftp_get): one UDP socket per transfer
 *     (a transfer's TID is its own port, RFC 1350 §4) on the libuv loop.
 *
 * Results: 0, or a negative errno --
 *   -ENOENT      the server: ERROR 1, file not found (normal for the
 *                optional files);
 *   -EACCES      the server: ERROR 2, access violation;
 *   -ECONNREFUSED the server: any other ERROR (code and message in the
 *                result);
 *   -EFBIG       the file (announced tsize or data) is larger than
 *                max_size: we sent ERROR 3;
 *   -EBADMSG     a malformed packet from the server: we sent ERROR 4;
 *   -EPROTO      a well-formed packet the protocol does not allow here
 *                (block out of sequence, RRQ/ACK sent to us, an OACK with
 *                options we did not ask for or values out of range):
 *                we sent ERROR 4 or 8;
 *   -ETIMEDOUT   no answer after the last retransmission;
 *   -ECANCELED   cancelled (the callback never sees it: see tftp_cancel);
 *   a send, timer or sink error as it came (-ENOMEM, -ENETUNREACH...).
 * tftp_strerror() says what each means here.
 */
#ifndef TFTP_H
#define TFTP_H

#include <stddef.h>
#include <stdint.h>

#include "net/net_addr.h"
#include "rt/rt_timer.h"

/* ---------------------------------------------------------------- limits */

enum {
	TFTP_PORT            = 69,    /* RFC 1350 §4: the request port */
	TFTP_BLKSIZE_RFC1350 = 512,   /* the block size without options */
	TFTP_BLKSIZE_MIN     = 8,     /* RFC 2348 */
	TFTP_BLKSIZE_MAX     = 65464, /* RFC 2348 */
	/* asked for by default: an Ethernet MTU less IP, UDP, TFTP headers
	 * and room for a tunnel, the usual choice of phones and PXE */
	TFTP_BLKSIZE_DEFAULT = 1428,
	TFTP_REQ_MAX         = 512,   /* bytes of a request (RFC 2347 §2) */
	TFTP_FILENAME_MAX    = 255,   /* bytes of a file name */
	TFTP_OPTS_MAX        = 8,     /* options in one packet we parse */
	TFTP_OPTVAL_MAX      = 20,    /* digits of an option value */
	TFTP_ERRMSG_MAX      = 127,   /* bytes of an error message kept */
	TFTP_HDR             = 4,     /* opcode + block, opcode + code */
	TFTP_TIMEOUT_S_MAX   = 255,   /* RFC 2349 */
	TFTP_RETRIES_DEFAULT = 5,     /* retransmissions before -ETIMEDOUT */
	TFTP_RETRIES_MAX     = 50,
};

/* Largest file by default (config files, dial plans, RINGLIST.DAT), and
 * the larger default for PCM ring files (raw 8 kHz u-law). */
#define TFTP_FILE_MAX      (1024u * 1024u)
#define TFTP_RING_FILE_MAX (4u * 1024u * 1024u)
/* RFC 1123 §4.2.3.2: adaptive timeout with exponential backoff.  The
 * first retransmission after TFTP_RETX_MS_DEFAULT, doubling, each wait
 * at most TFTP_RETX_CAP_MS_DEFAULT. */
#define TFTP_RETX_MS_DEFAULT     1000u
#define TFTP_RETX_CAP_MS_DEFAULT 8000u
#define TFTP_RETX_MS_MAX         60000u
/* tsize not announced */
#define TFTP_TSIZE_NONE UINT64_MAX

/* ---------------------------------------------------------------- codec */

enum tftp_op {
	TFTP_OP_RRQ = 1, TFTP_OP_WRQ = 2, TFTP_OP_DATA = 3, TFTP_OP_ACK = 4,
	TFTP_OP_ERROR = 5,
	TFTP_OP_OACK = 6, /* RFC 2347 */
};

/* RFC 1350 Appendix; 8 is RFC 2347's. */
enum tftp_errcode {
	TFTP_ERR_UNDEF = 0,     /* see the message */
	TFTP_ERR_NOTFOUND = 1,
	TFTP_ERR_ACCESS = 2,
	TFTP_ERR_DISKFULL = 3,  /* disk full or allocation exceeded */
	TFTP_ERR_ILLEGAL = 4,   /* illegal TFTP operation */
	TFTP_ERR_BADTID = 5,    /* unknown transfer ID */
	TFTP_ERR_EXISTS = 6,
	TFTP_ERR_NOUSER = 7,
	TFTP_ERR_OPTION = 8,    /* option negotiation refused */
};

/* An option of a request or OACK: NUL-terminated strings inside the
 * packet (or the caller's, when building). */
struct tftp_opt {
	const char *name, *value;
};

/* A parsed packet; every pointer points into the datagram. */
struct tftp_pkt {
	uint16_t op;
	uint16_t block;           /* DATA, ACK */
	uint16_t code;            /* ERROR */
	const uint8_t *data;      /* DATA: the payload */
	size_t data_len;
	const char *msg;          /* ERROR: the message (without its NUL) */
	size_t msg_len;
	const char *file, *mode;  /* RRQ, WRQ */
	unsigned nopts;           /* RRQ, WRQ, OACK */
	struct tftp_opt opt[TFTP_OPTS_MAX];
	const char *why;          /* what was wrong, when parsing failed */
};

/* 0, or -EBADMSG with P->why saying why.  An ERROR message without its
 * NUL is taken to the end of the datagram. */
int tftp_pkt_parse(struct tftp_pkt *p, const void *buf, size_t len);
/* Builders: the length written into BUF, or -ENOSPC (CAP too small),
 * -EINVAL (a name empty or with control characters), -ENAMETOOLONG
 * (FILE longer than TFTP_FILENAME_MAX). */
int tftp_pkt_rrq(void *buf, size_t cap, const char *file,
		 const struct tftp_opt *opt, unsigned nopts);
int tftp_pkt_ack(void *buf, size_t cap, uint16_t block);
/* MSG is cut to TFTP_ERRMSG_MAX bytes. */
int tftp_pkt_error(void *buf, size_t cap, uint16_t code, const char *msg);
/* For servers (tests): DATA and OACK. */
int tftp_pkt_data(void *buf, size_t cap, uint16_t block, const void *data,
		  size_t len);
int tftp_pkt_oack(void *buf, size_t cap, const struct tftp_opt *opt,
		  unsigned nopts);
/* RFC 1350's text for CODE ("File not found."), "" past 8. */
const char *tftp_errcode_text(uint16_t code);

/* ---------------------------------------------------------------- transfer */

struct tftp_xfer;

/* What a transfer reports, once. */
struct tftp_result {
	int err;               /* 0 or a negative errno (above) */
	/* Buffer mode: the file, followed by a NUL byte that LEN does not
	 * count.  Freed when the callback returns, unless the callback took
	 * it (set data to NULL; it then owns it: free()).  NULL in data
	 * callback mode and on error. */
	uint8_t *data;
	size_t len;            /* bytes received (both modes) */
	uint64_t tsize;        /* size the server announced, TFTP_TSIZE_NONE */
	uint16_t blksize;      /* the block size used */
	uint8_t options;       /* 1: the server answered with an OACK */
	uint8_t fallback;      /* 1: options refused, asked again without */
	uint8_t remote;        /* 1: err came from the server's ERROR */
	uint16_t err_code;     /* the ERROR code received or sent */
	char err_msg[TFTP_ERRMSG_MAX + 4]; /* its message (printable; "..."
					      marks a cut) */
	struct net_addr server; /* the server's TID once known */
	uint32_t blocks;       /* DATA blocks taken */
	uint32_t retransmissions; /* our packets sent again on timeout */
	uint32_t duplicates;   /* DATA received again (re-ACKed) */
	uint32_t strays;       /* packets from other TIDs (answered ERROR 5) */
};

/* Data callback mode: LEN bytes at OFFSET of the file, in order, each byte
 * once.  Return 0, or a negative errno to abort (the server gets ERROR 3
 * for -ENOSPC/-ENOMEM/-EFBIG, else ERROR 0; the result carries it). */
typedef int tftp_data_fn(void *arg, const uint8_t *data, size_t len,
			 uint64_t offset);
/* The end of a transfer, always from the loop (a timer or a received
 * datagram), never inside the call that started it.  R lives until the
 * callback returns. */
typedef void tftp_done_fn(void *arg, struct tftp_result *r);

/* A transfer's choices; zero fields take the defaults.  NULL: all. */
struct tftp_opts {
	size_t max_size;      /* largest file accepted; 0: TFTP_FILE_MAX */
	uint16_t blksize;     /* asked for; 0: TFTP_BLKSIZE_DEFAULT; 512: not
			       * asked (TFTP_BLKSIZE_MIN..TFTP_BLKSIZE_MAX) */
	uint8_t no_tsize;     /* 1: do not ask for tsize */
	uint8_t no_options;   /* 1: a plain RFC 1350 request */
	uint8_t timeout_s;    /* RFC 2349 timeout to ask for; 0: none.  Once
			       * acknowledged it replaces retx_ms */
	uint8_t retries;      /* 0: TFTP_RETRIES_DEFAULT, at most
			       * TFTP_RETRIES_MAX */
	uint32_t retx_ms;     /* first wait; 0: TFTP_RETX_MS_DEFAULT */
	uint32_t retx_cap_ms; /* longest wait; 0: TFTP_RETX_CAP_MS_DEFAULT
			       * (never below the first) */
	tftp_data_fn *data;   /* NULL: buffer mode */
	void *data_arg;
};

/* What a transfer needs from its host: a datagram socket of its own. */
struct tftp_io {
	/* Send now; 0, or a negative errno (the transfer fails with it; a
	 * host that takes a full buffer for loss returns 0). */
	int (*send)(void *arg, const struct net_addr *dst, const void *buf,
		    size_t len);
	/* X sends and times nothing more (finished and done dallying,
	 * failed, or cancelled): its socket may close.  Free X with
	 * tftp_xfer_free() after this returns, not inside it. */
	void (*closed)(void *arg, struct tftp_xfer *x);
};

/*
 * A transfer of FILENAME from SERVER (usually port TFTP_PORT).  Nothing
 * is sent yet: the request goes out from the timers (after 0 ms).  The
 * callback runs once, unless the transfer is cancelled.  After the final
 * ACK the transfer dallies (RFC 1350 §6: the final ACK may be lost) for
 * two retransmission intervals and then reports closed.  0, or -EINVAL
 * (arguments, options out of range, filename empty or with control
 * characters), -ENAMETOOLONG, -ENOMEM, a timer error.
 */
int tftp_xfer_new(struct tftp_xfer **xp, struct rt_timers *timers,
		  const struct tftp_io *io, void *io_arg,
		  const struct net_addr *server, const char *filename,
		  const struct tftp_opts *opts, tftp_done_fn *cb, void *arg);
/* A datagram of LEN bytes from SRC arrived on the transfer's socket. */
void tftp_xfer_input(struct tftp_xfer *x, const void *buf, size_t len,
		     const struct net_addr *src);
/* The largest datagram the transfer may be handed, plus one byte to tell
 * a datagram that is too long: the host's receive buffer size. */
size_t tftp_xfer_rx_size(const struct tftp_xfer *x);
/* The machine's state, for logs and tests ("receiving"...). */
const char *tftp_xfer_state(const struct tftp_xfer *x);
/* Stop timers and free.  Any time outside the transfer's callbacks. */
void tftp_xfer_free(struct tftp_xfer *x);

/*
 * Cancel a transfer whose callback has not run: it never will.  A server
 * already answering gets ERROR 0.  After the callback ran the handle is
 * no longer the caller's (the transfer may still dally); do not cancel
 * it then.
 */
void tftp_cancel(struct tftp_xfer *x);

/* ---------------------------------------------------------------- client */

struct uv_loop_s; /* uv_loop_t */
struct tftp_client;
typedef void tftp_close_fn(void *arg);

/* A client sending from LOCAL_IP (host order; 0: any), ports chosen by
 * the system per transfer, timed on TIMERS (the loop's, rt_loop.h).
 * 0, -EINVAL, -ENOMEM or a libuv error. */
int tftp_client_open(struct tftp_client **cp, struct uv_loop_s *uv,
		     struct rt_timers *timers, uint32_t local_ip);
/* Cancel every transfer (their callbacks never run) and close every
 * socket; CB (may be NULL) runs from the loop when all are closed and the
 * client is freed.  Call it before closing TIMERS. */
void tftp_client_close(struct tftp_client *c, tftp_close_fn *cb, void *arg);

/*
 * Fetch FILENAME from SERVER (port 0: TFTP_PORT) with OPTS (NULL:
 * defaults).  XP (may be NULL) receives the handle for tftp_cancel().
 * 0: CB will run once, from the loop.  Else without calling CB: the
 * errors of tftp_xfer_new, -ESHUTDOWN (client closing), a socket error.
 */
int tftp_get(struct tftp_client *c, const struct net_addr *server,
	     const char *filename, const struct tftp_opts *opts,
	     tftp_done_fn *cb, void *arg, struct tftp_xfer **xp);

/* What a negative value from this module means. */
const char *tftp_strerror(int err);

#endif /* TFTP_H */
