/*
 * tftp_pkt.c - TFTP packets (RFC 1350 §5, RFC 2347 §2-3): parsing and
 * building.  Two-byte fields are read and written byte by byte in network
 * order, so host byte order and alignment never matter (armhf, Cortex-M).
 */
#include <errno.h>
#include <string.h>

#include "tftp/tftp.h"

static uint16_t get16(const uint8_t *p)
{
	return (uint16_t)((p[0] << 8) | p[1]);
}

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static int bad(struct tftp_pkt *p, const char *why)
{
	p->why = why;
	return -EBADMSG;
}

/*
 * The NUL-terminated string at *POS in BUF[0..LEN): its start, *POS moved
 * past its NUL; NULL when no NUL ends it inside the datagram.
 */
static const char *take_str(const uint8_t *buf, size_t len, size_t *pos)
{
	const uint8_t *s = buf + *pos;
	const uint8_t *nul = memchr(s, 0, len - *pos);

	if (!nul)
		return NULL;
	*pos = (size_t)(nul - buf) + 1;
	return (const char *)s;
}

/* RFC 2347 §2: name\0value\0 pairs to the end of the datagram. */
static int take_opts(struct tftp_pkt *p, const uint8_t *buf, size_t len,
		     size_t pos)
{
	while (pos < len) {
		const char *name, *value;

		if (p->nopts == TFTP_OPTS_MAX)
			return bad(p, "too many options");
		name = take_str(buf, len, &pos);
		if (!name)
			return bad(p, "option name without NUL");
		if (!*name)
			return bad(p, "empty option name");
		if (pos == len)
			return bad(p, "option without value");
		value = take_str(buf, len, &pos);
		if (!value)
			return bad(p, "option value without NUL");
		p->opt[p->nopts].name = name;
		p->opt[p->nopts].value = value;
		p->nopts++;
	}
	return 0;
}

int tftp_pkt_parse(struct tftp_pkt *p, const void *buf, size_t len)
{
	const uint8_t *b = buf;
	size_t pos;

	memset(p, 0, sizeof(*p));
	if (!b || len < 2)
		return bad(p, "shorter than an opcode");
	p->op = get16(b);
	switch (p->op) {
	case TFTP_OP_RRQ:
	case TFTP_OP_WRQ:
		pos = 2;
		p->file = take_str(b, len, &pos);
		if (!p->file || pos == len)
			return bad(p, "request without file name");
		p->mode = take_str(b, len, &pos);
		if (!p->mode)
			return bad(p, "request without mode");
		return take_opts(p, b, len, pos);
	case TFTP_OP_DATA:
		if (len < TFTP_HDR)
			return bad(p, "DATA shorter than its header");
		p->block = get16(b + 2);
		p->data = b + TFTP_HDR;
		p->data_len = len - TFTP_HDR;
		return 0;
	case TFTP_OP_ACK:
		if (len != TFTP_HDR)
			return bad(p, "ACK not 4 bytes");
		p->block = get16(b + 2);
		return 0;
	case TFTP_OP_ERROR: {
		const uint8_t *nul;

		if (len < TFTP_HDR)
			return bad(p, "ERROR shorter than its header");
		p->code = get16(b + 2);
		p->msg = (const char *)b + TFTP_HDR;
		nul = memchr(b + TFTP_HDR, 0, len - TFTP_HDR);
		p->msg_len = nul ? (size_t)(nul - (b + TFTP_HDR))
				 : len - TFTP_HDR;
		return 0;
	}
	case TFTP_OP_OACK:
		return take_opts(p, b, len, 2);
	default:
		return bad(p, "unknown opcode");
	}
}

/* Netascii text a packet may carry: printable, no NUL, no control. */
static int text_ok(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s == 0x7f)
			return 0;
	return 1;
}

/* Append S and its NUL at *POS; -ENOSPC when it does not fit. */
static int put_str(uint8_t *b, size_t cap, size_t *pos, const char *s)
{
	size_t n = strlen(s) + 1;

	if (n > cap - *pos)
		return -ENOSPC;
	memcpy(b + *pos, s, n);
	*pos += n;
	return 0;
}

static int put_opts(uint8_t *b, size_t cap, size_t *pos,
		    const struct tftp_opt *opt, unsigned nopts)
{
	unsigned i;
	int err;

	if (nopts > TFTP_OPTS_MAX || (nopts && !opt))
		return -EINVAL;
	for (i = 0; i < nopts; i++) {
		if (!opt[i].name || !opt[i].value || !*opt[i].name ||
		    !text_ok(opt[i].name) || !text_ok(opt[i].value))
			return -EINVAL;
		err = put_str(b, cap, pos, opt[i].name);
		if (!err)
			err = put_str(b, cap, pos, opt[i].value);
		if (err)
			return err;
	}
	return (int)*pos;
}

int tftp_pkt_rrq(void *buf, size_t cap, const char *file,
		 const struct tftp_opt *opt, unsigned nopts)
{
	uint8_t *b = buf;
	size_t pos = 2;
	int err;

	if (!b || !file || !*file || !text_ok(file))
		return -EINVAL;
	if (strlen(file) > TFTP_FILENAME_MAX)
		return -ENAMETOOLONG;
	if (cap > TFTP_REQ_MAX)
		cap = TFTP_REQ_MAX; /* RFC 2347 §2: a request fits 512 bytes */
	if (cap < 2)
		return -ENOSPC;
	put16(b, TFTP_OP_RRQ);
	err = put_str(b, cap, &pos, file);
	if (!err)
		err = put_str(b, cap, &pos, "octet");
	if (err)
		return err;
	return put_opts(b, cap, &pos, opt, nopts);
}

int tftp_pkt_ack(void *buf, size_t cap, uint16_t block)
{
	uint8_t *b = buf;

	if (!b)
		return -EINVAL;
	if (cap < TFTP_HDR)
		return -ENOSPC;
	put16(b, TFTP_OP_ACK);
	put16(b + 2, block);
	return TFTP_HDR;
}

int tftp_pkt_error(void *buf, size_t cap, uint16_t code, const char *msg)
{
	uint8_t *b = buf;
	size_t n = msg ? strlen(msg) : 0;

	if (!b)
		return -EINVAL;
	if (n > TFTP_ERRMSG_MAX)
		n = TFTP_ERRMSG_MAX;
	if (cap < TFTP_HDR + n + 1)
		return -ENOSPC;
	put16(b, TFTP_OP_ERROR);
	put16(b + 2, code);
	if (n)
		memcpy(b + TFTP_HDR, msg, n);
	b[TFTP_HDR + n] = 0;
	return (int)(TFTP_HDR + n + 1);
}

int tftp_pkt_data(void *buf, size_t cap, uint16_t block, const void *data,
		  size_t len)
{
	uint8_t *b = buf;

	if (!b || (len && !data) || len > TFTP_BLKSIZE_MAX)
		return -EINVAL;
	if (cap < TFTP_HDR + len)
		return -ENOSPC;
	put16(b, TFTP_OP_DATA);
	put16(b + 2, block);
	if (len)
		memmove(b + TFTP_HDR, data, len);
	return (int)(TFTP_HDR + len);
}

int tftp_pkt_oack(void *buf, size_t cap, const struct tftp_opt *opt,
		  unsigned nopts)
{
	uint8_t *b = buf;
	size_t pos = 2;

	if (!b)
		return -EINVAL;
	if (cap < 2)
		return -ENOSPC;
	put16(b, TFTP_OP_OACK);
	return put_opts(b, cap, &pos, opt, nopts);
}

const char *tftp_errcode_text(uint16_t code)
{
	static const char *const text[] = {
		"Not defined, see error message (if any).",
		"File not found.",
		"Access violation.",
		"Disk full or allocation exceeded.",
		"Illegal TFTP operation.",
		"Unknown transfer ID.",
		"File already exists.",
		"No such user.",
		"Option negotiation refused.",
	};

	return code < sizeof(text) / sizeof(text[0]) ? text[code] : "";
}

const char *tftp_strerror(int err)
{
	switch (err) {
	case 0: return "success";
	case -ENOENT: return "file not found (server)";
	case -EACCES: return "access violation (server)";
	case -ECONNREFUSED: return "the server refused (ERROR packet)";
	case -EFBIG: return "file larger than the limit";
	case -EBADMSG: return "malformed packet from the server";
	case -EPROTO: return "protocol violation by the server";
	case -ETIMEDOUT: return "no answer from the server";
	case -ECANCELED: return "cancelled";
	case -ENOMEM: return "out of memory";
	case -EINVAL: return "invalid argument";
	case -ENAMETOOLONG: return "file name too long";
#ifdef ESHUTDOWN /* hosted: tftp_get on a closing client */
	case -ESHUTDOWN: return "client closing";
#endif
	default: return "local error";
	}
}
