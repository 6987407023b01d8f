/*
 * cmxml.c - CiscoIPPhoneMenu, Text and Directory read with expat into a
 * struct cmxml_obj (cmxml.h).  No DOCTYPE (and so no entity declarations)
 * is accepted; every value is bounded.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <expat.h>

#include "cmxml/cmxml.h"

/* What the element being read is. */
enum field {
	F_NONE, F_TITLE, F_PROMPT, F_TEXT, F_NAME, F_VALUE,
};

struct ctx {
	XML_Parser xp;
	struct cmxml_obj *o;
	int err;
	char *why;
	size_t why_size;
	unsigned depth;
	unsigned skip;        /* depth of a skipped subtree (SoftKeyItem), 0 */
	int in_item;          /* inside MenuItem / DirectoryEntry */
	int item_has_value;
	enum field field;
	char *dst;            /* the field's buffer */
	size_t max, len;      /* its limit and what is in it */
	const char *field_name;
	int space;            /* a white space run is pending */
};

static void stop(struct ctx *c, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void stop(struct ctx *c, int err, const char *fmt, ...)
{
	char msg[CMXML_WHY_MAX];
	va_list ap;

	if (c->err)
		return;
	c->err = err;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (c->why_size)
		snprintf(c->why, c->why_size, "line %lu: %s",
			 (unsigned long)XML_GetCurrentLineNumber(c->xp), msg);
	XML_StopParser(c->xp, XML_FALSE);
}

static const struct {
	const char *name;
	enum cmxml_type type;
	const char *item, *value;
} objects[] = {
	{"CiscoIPPhoneMenu", CMXML_MENU, "MenuItem", "URL"},
	{"CiscoIPPhoneText", CMXML_TEXT, NULL, NULL},
	{"CiscoIPPhoneDirectory", CMXML_DIRECTORY, "DirectoryEntry",
	 "Telephone"},
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

const char *cmxml_type_name(enum cmxml_type t)
{
	unsigned i;

	for (i = 0; i < NELEM(objects); i++)
		if (objects[i].type == t)
			return objects[i].name;
	return "none";
}

static unsigned object_of(const struct cmxml_obj *o)
{
	unsigned i;

	for (i = 0; i < NELEM(objects); i++)
		if (objects[i].type == o->type)
			break;
	return i;
}

static void open_field(struct ctx *c, enum field f, char *dst, size_t max,
		       const char *name)
{
	c->field = f;
	c->dst = dst;
	c->max = max;
	c->len = 0;
	c->space = 0;
	c->field_name = name;
	dst[0] = '\0';
}

static void XMLCALL on_start(void *arg, const XML_Char *name,
			     const XML_Char **attrs)
{
	struct ctx *c = arg;
	struct cmxml_obj *o = c->o;
	unsigned i;

	(void)attrs;
	if (c->err)
		return;
	if (++c->depth > CMXML_DEPTH_MAX) {
		stop(c, -EMSGSIZE, "elements nested too deep (<%s>)", name);
		return;
	}
	if (c->skip)
		return;
	if (c->depth == 1) {
		for (i = 0; i < NELEM(objects); i++)
			if (!strcmp(name, objects[i].name))
				o->type = objects[i].type;
		if (o->type == CMXML_NONE)
			stop(c, -ENOTSUP, "%s is not supported on this phone",
			     name);
		return;
	}
	if (c->field != F_NONE) {
		stop(c, -EBADMSG, "<%s> inside a value", name);
		return;
	}
	i = object_of(o);
	if (!c->in_item && c->depth == 2) {
		if (!strcmp(name, "Title")) {
			open_field(c, F_TITLE, o->title, CMXML_TITLE_MAX, name);
		} else if (!strcmp(name, "Prompt")) {
			open_field(c, F_PROMPT, o->prompt, CMXML_TITLE_MAX,
				   name);
		} else if (o->type == CMXML_TEXT && !strcmp(name, "Text")) {
			open_field(c, F_TEXT, o->text, CMXML_TEXT_MAX, name);
		} else if (objects[i].item && !strcmp(name, objects[i].item)) {
			if (o->nitems >= CMXML_ITEMS_MAX) {
				stop(c, -EMSGSIZE, "more than %d items",
				     CMXML_ITEMS_MAX);
				return;
			}
			memset(&o->item[o->nitems], 0, sizeof(o->item[0]));
			c->in_item = 1;
			c->item_has_value = 0;
		} else {
			c->skip = c->depth; /* SoftKeyItem and the like */
		}
		return;
	}
	if (c->in_item && c->depth == 3) {
		struct cmxml_item *it = &o->item[o->nitems];

		if (!strcmp(name, "Name"))
			open_field(c, F_NAME, it->name, CMXML_NAME_MAX, name);
		else if (!strcmp(name, objects[i].value))
			open_field(c, F_VALUE, it->value, CMXML_VALUE_MAX,
				   name);
		else
			c->skip = c->depth;
		return;
	}
	c->skip = c->depth;
}

static void XMLCALL on_end(void *arg, const XML_Char *name)
{
	struct ctx *c = arg;
	struct cmxml_obj *o = c->o;

	if (c->err)
		return;
	if (c->skip) {
		if (c->skip == c->depth)
			c->skip = 0;
		c->depth--;
		return;
	}
	if (c->field != F_NONE) {
		if (c->field == F_VALUE)
			c->item_has_value = c->len > 0;
		c->field = F_NONE;
	} else if (c->in_item && c->depth == 2) {
		if (!c->item_has_value) {
			stop(c, -EBADMSG, "%s without its value", name);
			return;
		}
		c->in_item = 0;
		o->nitems++;
	}
	c->depth--;
}

static void put(struct ctx *c, char ch)
{
	if (c->len >= c->max) {
		stop(c, -EMSGSIZE, "%s longer than %u bytes", c->field_name,
		     (unsigned)c->max);
		return;
	}
	c->dst[c->len++] = ch;
	c->dst[c->len] = '\0';
}

/* White space runs become one space; none at either end. */
static void XMLCALL on_text(void *arg, const XML_Char *s, int len)
{
	struct ctx *c = arg;
	int i;

	if (c->err || c->skip || c->field == F_NONE)
		return;
	for (i = 0; i < len && !c->err; i++) {
		char ch = s[i];

		if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n') {
			c->space = c->len > 0;
			continue;
		}
		if (c->space) {
			c->space = 0;
			put(c, ' ');
		}
		put(c, ch);
	}
}

static void XMLCALL on_doctype(void *arg, const XML_Char *name,
			       const XML_Char *sysid, const XML_Char *pubid,
			       int has_internal)
{
	(void)sysid;
	(void)pubid;
	(void)has_internal;
	stop(arg, -EBADMSG, "DOCTYPE %s not accepted", name);
}

int cmxml_parse(const char *buf, size_t len, struct cmxml_obj *o, char *why,
		size_t why_size)
{
	struct ctx c;
	int err = 0;

	memset(o, 0, sizeof(*o));
	memset(&c, 0, sizeof(c));
	c.o = o;
	c.why = why;
	c.why_size = why_size;
	if (why_size)
		why[0] = '\0';
	if (len > (size_t)0x7fffffff) {
		snprintf(why, why_size, "document too large");
		return -EMSGSIZE;
	}
	c.xp = XML_ParserCreate(NULL);
	if (!c.xp)
		return -ENOMEM;
	XML_SetUserData(c.xp, &c);
	XML_SetElementHandler(c.xp, on_start, on_end);
	XML_SetCharacterDataHandler(c.xp, on_text);
	XML_SetStartDoctypeDeclHandler(c.xp, on_doctype);
	if (XML_Parse(c.xp, buf, (int)len, XML_TRUE) == XML_STATUS_ERROR &&
	    !c.err) {
		c.err = -EBADMSG;
		if (why_size)
			snprintf(why, why_size, "line %lu: %s",
				 (unsigned long)XML_GetCurrentLineNumber(c.xp),
				 XML_ErrorString(XML_GetErrorCode(c.xp)));
	}
	err = c.err;
	XML_ParserFree(c.xp);
	if (err)
		memset(o, 0, sizeof(*o));
	return err;
}
