/*
 * peer_sipphone.c - this project's parser, and the memchr-for-CRLF floor.
 */
#include <string.h>

#include "bench.h"
#include "sip/sip_msg.h"

static struct sip_msg msg;

static struct bs b(const struct sip_pl *pl)
{
	struct bs r = { pl->p, pl->l };

	return r;
}

static int ours_init(void)
{
	return 0;
}

static int ours_parse(const char *buf, size_t len, struct bfields *f)
{
	struct sip_err err;

	if (sip_msg_parse(&msg, buf, len, 0, &err) < 0)
		return -1;
	f->is_req = msg.is_request;
	f->start = msg.is_request ? b(&msg.method) : b(&msg.reason);
	f->status = msg.status;
	f->ruri_user = b(&msg.ruri.user);
	f->ruri_host = b(&msg.ruri.host);
	f->branch = b(&msg.via.branch);
	f->ftag = b(&msg.from.tag);
	f->ttag = b(&msg.to.tag);
	f->callid = b(&msg.call_id);
	f->cseq = msg.cseq.num;
	f->cmeth = b(&msg.cseq.method);
	f->ct_user = b(&msg.contact.uri.user);
	f->ct_host = b(&msg.contact.uri.host);
	f->clen = msg.content_length;
	f->body_len = msg.body.l;
	return 0;
}

static void nothing(void)
{
}

const struct peer peer_sipphone = {"sipphone", ours_init, ours_parse, nothing};

/* Find every line end: the least any parser must do. */
static int mc_parse(const char *buf, size_t len, struct bfields *f)
{
	const char *p = buf, *end = buf + len;
	unsigned long lines = 0;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));

		if (!nl)
			break;
		lines++;
		p = nl + 1;
	}
	memset(f, 0, sizeof(*f));
	f->cseq = lines;
	return 0;
}

const struct peer peer_memchr = {"memchr-crlf", ours_init, mc_parse, nothing};
