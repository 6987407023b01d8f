/*
 * sip_hdr.c - header and method names (the lookups around the grammars).
 */
#include <string.h>

#include "sip/sip_msg.h"
#include "sip/sip_scan.h"
#define SIP_HDR_TAB_DEFINE	/* the name table lives here */
#include "sip/sip_hdr_id.h"

static const char *const hdr_names[SIP_HDR__COUNT] = {
	[SIP_HDR_OTHER] = "",
#define X(id, name, c) [SIP_HDR_##id] = name,
	SIP_HDR_LIST
#undef X
};

enum sip_hdr_id sip_hdr_id(const char *name, size_t len)
{
	const unsigned char *n = (const unsigned char *)name;

	/* Names are tokens (s.7.3.1); anything else is no name we know. */
	if (!len || sip_skip(n, n + len, SIP_C_TOKEN) != n + len)
		return SIP_HDR_OTHER;
	return sip_hdr_tok_id(n, len);
}

const char *sip_hdr_name(enum sip_hdr_id id)
{
	if ((unsigned)id >= SIP_HDR__COUNT)
		return "";
	return hdr_names[id];
}

/* Fixed width: a name of any length up to 9 may index past the end of a
 * shorter one's text into its zero padding. */
static const char method_names[SIP_METHOD__COUNT][10] = {
	[SIP_METHOD_OTHER] = "",
	[SIP_METHOD_INVITE] = "INVITE",
	[SIP_METHOD_ACK] = "ACK",
	[SIP_METHOD_BYE] = "BYE",
	[SIP_METHOD_CANCEL] = "CANCEL",
	[SIP_METHOD_OPTIONS] = "OPTIONS",
	[SIP_METHOD_REGISTER] = "REGISTER",
	[SIP_METHOD_REFER] = "REFER",
	[SIP_METHOD_NOTIFY] = "NOTIFY",
	[SIP_METHOD_SUBSCRIBE] = "SUBSCRIBE",
	[SIP_METHOD_INFO] = "INFO",
	[SIP_METHOD_PRACK] = "PRACK",
	[SIP_METHOD_UPDATE] = "UPDATE",
	[SIP_METHOD_MESSAGE] = "MESSAGE",
	[SIP_METHOD_PUBLISH] = "PUBLISH",
};

const char *sip_method_name(enum sip_method m)
{
	if ((unsigned)m >= SIP_METHOD__COUNT)
		return "";
	return method_names[m];
}

enum sip_method sip_method_id(const struct sip_pl *name)
{
	unsigned i;

	if (!name->p || name->l < 3 || name->l > 9)
		return SIP_METHOD_OTHER;
	/* Case-sensitive (s.7.1); the first letter and the length rule out
	 * most. */
	for (i = 1; i < SIP_METHOD__COUNT; i++)
		if (method_names[i][0] == name->p[0] &&
		    method_names[i][name->l] == '\0' &&
		    sip_bytes_eq(name->p, method_names[i], name->l, 0))
			return (enum sip_method)i;
	return SIP_METHOD_OTHER;
}

const struct sip_hdr *sip_msg_hdr(const struct sip_msg *m, enum sip_hdr_id id)
{
	if ((unsigned)id >= SIP_HDR__COUNT || id == SIP_HDR_OTHER ||
	    !m->first[id])
		return NULL;
	return &m->hdr[m->first[id] - 1];
}

const struct sip_hdr *sip_msg_hdr_next(const struct sip_msg *m,
				       const struct sip_hdr *h)
{
	if (!h || !h->next)
		return NULL;
	return &m->hdr[h->next - 1];
}

const struct sip_hdr *sip_msg_hdr_by_name(const struct sip_msg *m,
					  const char *name)
{
	enum sip_hdr_id id = sip_hdr_id(name, strlen(name));
	unsigned i;

	if (id != SIP_HDR_OTHER)
		return sip_msg_hdr(m, id);
	for (i = 0; i < m->nhdr; i++)
		if (m->hdr[i].id == SIP_HDR_OTHER &&
		    sip_pl_caseeq(&m->hdr[i].name, name))
			return &m->hdr[i];
	return NULL;
}
