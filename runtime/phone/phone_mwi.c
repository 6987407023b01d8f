/*
 * phone_mwi.c - message waiting (the guide: the message waiting lamp and
 * the Messages key, messages_uri): an unsolicited NOTIFY with Event:
 * message-summary (RFC 3842) turns the lamp on or off -- only the
 * voice-mail server's "no" turns it off -- and the state survives a
 * reboot in FLASH.mwi (written atomically, beside the configuration).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/io_file.h"
#include "log/log.h"
#include "phone/phone.h"
#include "phone/phone_mwi.h"
#include "sip/sip_hval.h"
#include "sip/sip_mwi.h"

static int state_path(const struct phone *p, char *buf, size_t size)
{
	int n;

	if (!p->opt.flash)
		return -ENOENT;
	n = snprintf(buf, size, "%s.mwi", p->opt.flash);
	return n < 0 || (size_t)n >= size ? -ENAMETOOLONG : 0;
}

void phone_mwi_load(struct phone *p)
{
	char path[PHONE_MWI_PATH_MAX];
	uint8_t *data;
	size_t len;

	if (state_path(p, path, sizeof(path)) ||
	    io_read_file(path, PHONE_MWI_FILE_MAX, &data, &len))
		return;
	/* what phone_mwi_set wrote; anything else reads as "off" */
	p->lcd.message_waiting = len <= PHONE_MWI_FILE_MAX &&
				 strcmp((char *)data, "message_waiting: 1\n") == 0;
	free(data);
}

static void set_waiting(struct phone *p, bool on)
{
	char path[PHONE_MWI_PATH_MAX];
	const char *text = on ? "message_waiting: 1\n" : "message_waiting: 0\n";
	int err;

	if (p->lcd.message_waiting == on)
		return;
	p->lcd.message_waiting = on;
	log_printf(LOG_INFO, LOG_CAT_CALL, "message waiting lamp %s",
		   on ? "on" : "off");
	if (p->screen_hook)
		p->screen_hook(p->screen_arg, &p->lcd);
	if (state_path(p, path, sizeof(path)))
		return;
	err = io_write_atomic(path, text, strlen(text));
	if (err)
		log_printf(LOG_ERR, LOG_CAT_CFG, "%s: %s", path, strerror(-err));
}

bool phone_mwi_request(struct phone *p, struct txn *t,
		       const struct sip_msg *req)
{
	const struct sip_hdr *h = sip_msg_hdr(req, SIP_HDR_EVENT);
	struct sip_event ev;
	struct sip_mwi w;

	if (req->mid != SIP_METHOD_NOTIFY || !h ||
	    sip_event_parse(&ev, h->val.p, h->val.l) ||
	    !sip_pl_caseeq(&ev.type, "message-summary"))
		return false;
	if (sip_mwi_parse(&w, req->body.p, req->body.l)) {
		log_printf(LOG_WARN, LOG_CAT_SIP, "NOTIFY message-summary: "
			   "the body is not RFC 3842");
		txn_respond_status(t, 400, NULL);
		return true;
	}
	txn_respond_status(t, 200, NULL);
	if (w.has_voice)
		log_printf(LOG_INFO, LOG_CAT_CALL, "voice mail: %u new, %u old",
			   (unsigned)w.voice_new, (unsigned)w.voice_old);
	set_waiting(p, w.waiting);
	return true;
}
