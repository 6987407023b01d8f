/*
 * rtp.c - RTP/RTCP packets and RFC 4733 events (RFC 3550 s.5, s.6).
 */
#include <errno.h>
#include <string.h>

#include "rtp.h"

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static uint16_t get16(const uint8_t *p)
{
	return (uint16_t)((unsigned)p[0] << 8 | p[1]);
}

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

int rtp_hdr_encode(uint8_t *buf, size_t cap, const struct rtp_hdr *h)
{
	size_t need;
	unsigned i;

	if (h->pt > RTP_PT_MAX || h->cc > RTP_CSRC_MAX)
		return -EINVAL;
	need = RTP_HDR_SIZE + 4u * h->cc;
	if (cap < need)
		return -ENOBUFS;
	buf[0] = (uint8_t)(RTP_VERSION << 6 | h->cc);
	buf[1] = (uint8_t)((h->marker ? 0x80 : 0) | h->pt);
	put16(buf + 2, h->seq);
	put32(buf + 4, h->ts);
	put32(buf + 8, h->ssrc);
	for (i = 0; i < h->cc; i++)
		put32(buf + RTP_HDR_SIZE + 4 * i, h->csrc[i]);
	return (int)need;
}

int rtp_encode(uint8_t *buf, size_t cap, const struct rtp_hdr *h,
	       const uint8_t *payload, size_t len)
{
	int n = rtp_hdr_encode(buf, cap, h);

	if (n < 0)
		return n;
	if (len > cap - (size_t)n || len > (size_t)INT32_MAX - (size_t)n)
		return -ENOBUFS;
	if (len)
		memcpy(buf + n, payload, len);
	return n + (int)len;
}

int rtp_decode(struct rtp_hdr *h, const uint8_t *buf, size_t len)
{
	size_t off = RTP_HDR_SIZE, end = len;
	unsigned i;

	if (len < RTP_HDR_SIZE || buf[0] >> 6 != RTP_VERSION)
		return -EBADMSG;
	h->cc = buf[0] & 0x0f;
	h->ext = (buf[0] & 0x10) != 0;
	h->marker = (buf[1] & 0x80) != 0;
	h->pt = buf[1] & 0x7f;
	h->seq = get16(buf + 2);
	h->ts = get32(buf + 4);
	h->ssrc = get32(buf + 8);
	if (end - off < 4u * h->cc)
		return -EBADMSG;
	for (i = 0; i < h->cc; i++)
		h->csrc[i] = get32(buf + off + 4 * i);
	off += 4u * h->cc;
	h->ext_profile = h->ext_words = 0;
	if (h->ext) {
		if (end - off < 4)
			return -EBADMSG;
		h->ext_profile = get16(buf + off);
		h->ext_words = get16(buf + off + 2);
		off += 4;
		if ((end - off) / 4 < h->ext_words)
			return -EBADMSG;
		off += 4u * h->ext_words;
	}
	h->pad = 0;
	if (buf[0] & 0x20) {
		/* The last octet counts the padding, itself included. */
		uint8_t pad = buf[len - 1];

		if (pad == 0 || pad > end - off)
			return -EBADMSG;
		h->pad = pad;
		end -= pad;
	}
	h->payload = buf + off;
	h->payload_len = end - off;
	return 0;
}

/* ---- RTCP */

static void rb_put(uint8_t *p, const struct rtcp_rb *rb)
{
	uint32_t lost = (uint32_t)rb->lost & 0xffffff;

	/* Clamp to the 24-bit signed range (RFC 3550 s.6.4.1). */
	if (rb->lost > 0x7fffff)
		lost = 0x7fffff;
	else if (rb->lost < -0x800000)
		lost = 0x800000;
	put32(p, rb->ssrc);
	put32(p + 4, (uint32_t)rb->fraction << 24 | lost);
	put32(p + 8, rb->ext_seq);
	put32(p + 12, rb->jitter);
	put32(p + 16, rb->lsr);
	put32(p + 20, rb->dlsr);
}

static void rb_get(struct rtcp_rb *rb, const uint8_t *p)
{
	uint32_t v = get32(p + 4) & 0xffffff;

	rb->ssrc = get32(p);
	rb->fraction = p[4];
	rb->lost = (int32_t)(v & 0x800000 ? v | 0xff000000u : v);
	rb->ext_seq = get32(p + 8);
	rb->jitter = get32(p + 12);
	rb->lsr = get32(p + 16);
	rb->dlsr = get32(p + 20);
}

/* The SDES chunk with one CNAME item, padded to a 32-bit boundary with
 * at least one zero octet (the end of the item list). */
static int sdes_put(uint8_t *buf, size_t cap, uint32_t ssrc,
		    const char *cname)
{
	size_t n = strlen(cname), len;

	if (n > RTCP_CNAME_MAX)
		return -EINVAL;
	len = RTCP_HDR_SIZE + 2 + n + 1;
	len = (len + 3) & ~(size_t)3;
	if (cap < len)
		return -ENOBUFS;
	memset(buf, 0, len);
	buf[0] = RTP_VERSION << 6 | 1;
	buf[1] = RTCP_SDES;
	put16(buf + 2, (uint16_t)(len / 4 - 1));
	put32(buf + 4, ssrc);
	buf[8] = 1; /* CNAME */
	buf[9] = (uint8_t)n;
	memcpy(buf + 10, cname, n);
	return (int)len;
}

static int report_build(uint8_t *buf, size_t cap, uint8_t pt, uint32_t ssrc,
			const struct rtcp_sr_info *info,
			const struct rtcp_rb *rb, const char *cname)
{
	size_t len = RTCP_HDR_SIZE + (info ? 20 : 0) + (rb ? RTCP_RB_SIZE : 0);
	int n;

	if (cap < len)
		return -ENOBUFS;
	buf[0] = (uint8_t)(RTP_VERSION << 6 | (rb ? 1 : 0));
	buf[1] = pt;
	put16(buf + 2, (uint16_t)(len / 4 - 1));
	put32(buf + 4, ssrc);
	if (info) {
		put32(buf + 8, info->ntp_sec);
		put32(buf + 12, info->ntp_frac);
		put32(buf + 16, info->rtp_ts);
		put32(buf + 20, info->packets);
		put32(buf + 24, info->octets);
	}
	if (rb)
		rb_put(buf + len - RTCP_RB_SIZE, rb);
	n = sdes_put(buf + len, cap - len, ssrc, cname ? cname : "");
	return n < 0 ? n : (int)len + n;
}

int rtcp_build_sr(uint8_t *buf, size_t cap, uint32_t ssrc,
		  const struct rtcp_sr_info *info, const struct rtcp_rb *rb,
		  const char *cname)
{
	return report_build(buf, cap, RTCP_SR, ssrc, info, rb, cname);
}

int rtcp_build_rr(uint8_t *buf, size_t cap, uint32_t ssrc,
		  const struct rtcp_rb *rb, const char *cname)
{
	return report_build(buf, cap, RTCP_RR, ssrc, NULL, rb, cname);
}

int rtcp_decode(struct rtcp_info *info, const uint8_t *buf, size_t len)
{
	size_t off = 0;

	memset(info, 0, sizeof(*info));
	if (len < RTCP_HDR_SIZE)
		return -EBADMSG;
	while (off < len) {
		const uint8_t *p = buf + off;
		size_t plen, body;
		unsigned count, pt;

		if (len - off < 4 || p[0] >> 6 != RTP_VERSION)
			return -EBADMSG;
		plen = 4u * ((size_t)get16(p + 2) + 1);
		if (plen > len - off)
			return -EBADMSG;
		count = p[0] & 0x1f;
		pt = p[1];
		if (off == 0 && pt != RTCP_SR && pt != RTCP_RR)
			return -EBADMSG;
		/* Padding is allowed in the last packet only. */
		if ((p[0] & 0x20) && off + plen != len)
			return -EBADMSG;
		body = plen;
		if (p[0] & 0x20) {
			if (p[plen - 1] == 0 || p[plen - 1] > plen - 4)
				return -EBADMSG;
			body -= p[plen - 1];
		}
		if (pt == RTCP_SR || pt == RTCP_RR) {
			size_t fixed = RTCP_HDR_SIZE + (pt == RTCP_SR ? 20 : 0);

			if (body < fixed ||
			    (body - fixed) / RTCP_RB_SIZE < count)
				return -EBADMSG;
			if (off == 0)
				info->ssrc = get32(p + 4);
			if (pt == RTCP_SR) {
				if (!info->has_sr) {
					info->has_sr = true;
					info->sr_info.ntp_sec = get32(p + 8);
					info->sr_info.ntp_frac = get32(p + 12);
					info->sr_info.rtp_ts = get32(p + 16);
					info->sr_info.packets = get32(p + 20);
					info->sr_info.octets = get32(p + 24);
				}
				info->sr++;
			} else {
				info->rr++;
			}
			if (count && !info->nrb)
				rb_get(&info->rb, p + fixed);
			info->nrb += count;
		} else if (pt == RTCP_SDES) {
			info->sdes++;
		} else if (pt == RTCP_BYE) {
			/* SSRC list: COUNT of them must fit. */
			if ((body - 4) / 4 < count)
				return -EBADMSG;
			info->bye++;
		} else {
			info->other++;
		}
		off += plen;
	}
	return 0;
}

bool rtcp_is_rtcp(const uint8_t *buf, size_t len)
{
	return len >= 2 && buf[1] >= RTCP_SR && buf[1] <= RTCP_APP;
}

/* ---- RFC 4733 */

int rtp_event_encode(uint8_t *buf, size_t cap, const struct rtp_event *ev)
{
	if (cap < RTP_EVENT_SIZE)
		return -ENOBUFS;
	if (ev->volume > RTP_EVENT_VOLUME_MAX)
		return -EINVAL;
	buf[0] = ev->event;
	buf[1] = (uint8_t)((ev->end ? 0x80 : 0) | ev->volume);
	put16(buf + 2, ev->duration);
	return RTP_EVENT_SIZE;
}

int rtp_event_decode(struct rtp_event *ev, const uint8_t *buf, size_t len)
{
	if (len < RTP_EVENT_SIZE)
		return -EBADMSG;
	ev->event = buf[0];
	ev->end = (buf[1] & 0x80) != 0;
	ev->volume = buf[1] & 0x3f; /* the R bit is ignored (s.2.3.3) */
	ev->duration = get16(buf + 2);
	return 0;
}

static const char event_digits[] = "0123456789*#ABCD";

int rtp_event_from_digit(char digit)
{
	unsigned i;

	if (digit >= 'a' && digit <= 'd')
		digit = (char)(digit - 'a' + 'A');
	for (i = 0; i < sizeof(event_digits) - 1; i++)
		if (event_digits[i] == digit)
			return (int)i;
	return -1;
}

char rtp_event_to_digit(uint8_t event)
{
	return event < sizeof(event_digits) - 1 ? event_digits[event] : 0;
}
