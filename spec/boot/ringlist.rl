/*
 * ringlist.rl - RINGLIST.DAT: "Customizing the Cisco SIP IP Phone Ring
 * Types": one ring type per line, the name as the Ring Type menu shows it,
 * a tab, the PCM file name ("Ring Type<TAB>lringer1.pcm").  LF or CRLF;
 * blank lines skipped; a line without a tab is reported and skipped.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "boot/ringlist.h"

%%{
	machine ringlist;
	alphtype unsigned char;

	action name_start { name = p; }
	action name_end   { name_len = (size_t)(p - name); }
	action file_start { file = p; }
	action file_end   { file_len = (size_t)(p - file); }
	action line_done  { ringlist__add(rl, line, name, name_len, file, file_len); line++; }
	action blank      { line++; }
	action bad_line   { ringlist__bad(rl, line); fhold; fgoto skip; }
	action skipped    { line++; fgoto main; }

	eol     = '\r'? '\n';
	namech  = any - [\t\r\n] - 0;
	filech  = any - [\t\r\n ] - 0;
	# The name may hold spaces ("Ring Type"); the file name may not.
	entry   = ((namech - ' ') namech*) >name_start %name_end
	          '\t'+ filech+ >file_start %file_end [ \t]*;

	skip := (any - '\n')* '\n' @skipped;

	main := ( [ \t]* eol @blank
	        | entry eol @line_done
	        )* $err(bad_line);
}%%

%% write data noerror nofinal;

void ringlist__add(struct ringlist *rl, unsigned line, const unsigned char *name,
		   size_t name_len, const unsigned char *file, size_t file_len);
void ringlist__bad(struct ringlist *rl, unsigned line);

void ringlist__add(struct ringlist *rl, unsigned line, const unsigned char *name,
		   size_t name_len, const unsigned char *file, size_t file_len)
{
	struct ringlist_entry *e;

	if (rl->n == RINGLIST_MAX) {
		rl->dropped++;
		return;
	}
	if (name_len >= sizeof(e->name) || file_len >= sizeof(e->file)) {
		ringlist__bad(rl, line);
		return;
	}
	e = &rl->e[rl->n++];
	memcpy(e->name, name, name_len);
	e->name[name_len] = '\0';
	memcpy(e->file, file, file_len);
	e->file[file_len] = '\0';
}

void ringlist__bad(struct ringlist *rl, unsigned line)
{
	if (rl->nbad < RINGLIST_BAD_MAX)
		rl->bad_line[rl->nbad] = line;
	rl->nbad++;
}

int ringlist_parse(struct ringlist *rl, const unsigned char *text, size_t len)
{
	const unsigned char *p, *pe, *eof, *name = NULL, *file = NULL;
	size_t name_len = 0, file_len = 0;
	unsigned char *buf;
	unsigned line = 1;
	int cs;

	memset(rl, 0, sizeof(*rl));
	if (len > RINGLIST_FILE_MAX)
		return -EFBIG;
	/* A copy that surely ends its last line. */
	buf = malloc(len + 1);
	if (!buf)
		return -ENOMEM;
	memcpy(buf, text, len);
	if (len == 0 || buf[len - 1] != '\n')
		buf[len++] = '\n';
	p = buf;
	pe = eof = buf + len;
	%% write init;
	%% write exec;
	free(buf);
	(void)ringlist_en_skip;
	return 0;
}
