/*
 * test_boot.c - the boot sequence (spec/boot/boot.rl, runtime/boot) with a
 * fake file server on a fake clock, and the RINGLIST.DAT reader.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "boot/boot.h"
#include "boot/ringlist.h"

struct file {
	const char *server; /* "" the initial one */
	const char *name;
	int err;            /* 0, -ENOENT, -EIO */
	const char *text;
};

struct world {
	struct rt_fake_clock clock;
	struct rt_timers timers;
	struct cnf_layers *layers;
	struct boot *boot;
	const struct file *files;
	unsigned nfiles;
	char asked[32][160];
	unsigned nasked;
	char status[16][160];
	unsigned nstatus;
	unsigned flash_loads, applies, runnings, dialplans, ringlists, rings;
	int identity_err;
	unsigned identity_asks;
	/* the pending fetch */
	struct rt_timer answer;
	boot_fetch_cb *cb;
	void *cbarg;
	const struct file *pending;
};

static void answer_now(struct rt_timer *t, void *arg)
{
	struct world *w = arg;
	const struct file *f = w->pending;
	boot_fetch_cb *cb = w->cb;

	(void)t;
	w->cb = NULL;
	if (!f)
		cb(w->cbarg, -ENOENT, NULL, 0);
	else if (f->err)
		cb(w->cbarg, f->err, NULL, 0);
	else
		cb(w->cbarg, 0, (const uint8_t *)f->text, strlen(f->text));
}

static int fake_get(void *arg, const struct boot_server *srv,
		    const char *name, size_t max, boot_fetch_cb *cb,
		    void *cbarg)
{
	struct world *w = arg;
	unsigned i;

	(void)max;
	assert_null(w->cb); /* one at a time */
	assert_true(w->nasked < 32);
	snprintf(w->asked[w->nasked++], sizeof(w->asked[0]), "%s%s%s",
		 srv->host, srv->host[0] ? ":" : "", name);
	w->pending = NULL;
	for (i = 0; i < w->nfiles; i++)
		if (strcmp(w->files[i].server, srv->host) == 0 &&
		    strcmp(w->files[i].name, name) == 0)
			w->pending = &w->files[i];
	w->cb = cb;
	w->cbarg = cbarg;
	/* like the network: later, from the loop */
	return rt_timer_start(&w->timers, &w->answer, 10, answer_now, w);
}

static void op_load_flash(void *arg)
{
	struct world *w = arg;

	w->flash_loads++;
	assert_int_equal(cnf_layer_load(w->layers, CNF_LAYER_FLASH, "flash",
					(const uint8_t *)"tos_media: 1\n"
							 "line1_name: 99\n",
					28, NULL, NULL, NULL),
			 0);
}

static int op_identity(void *arg)
{
	struct world *w = arg;

	w->identity_asks++;
	return w->identity_err;
}

static void op_status(void *arg, const char *msg)
{
	struct world *w = arg;

	assert_true(w->nstatus < 16);
	snprintf(w->status[w->nstatus++], sizeof(w->status[0]), "%s", msg);
}

static void op_file(void *arg, enum boot_file f, const char *name,
		    const uint8_t *data, size_t len)
{
	struct world *w = arg;

	(void)name;
	(void)data;
	(void)len;
	if (f == BOOT_FILE_DIALPLAN)
		w->dialplans++;
	else if (f == BOOT_FILE_RINGLIST)
		w->ringlists++;
	else if (f == BOOT_FILE_RING)
		w->rings++;
}

static void op_apply(void *arg)
{
	((struct world *)arg)->applies++;
}

static void op_running(void *arg)
{
	((struct world *)arg)->runnings++;
}

static const struct boot_ops ops = {
	.load_flash = op_load_flash,
	.identity = op_identity,
	.status = op_status,
	.file = op_file,
	.apply = op_apply,
	.running = op_running,
};

static struct world *make_world(const struct file *files, unsigned n)
{
	struct world *w = calloc(1, sizeof(*w));
	struct boot_fetcher f = {fake_get, NULL};

	assert_non_null(w);
	f.arg = w;
	w->files = files;
	w->nfiles = n;
	rt_timers_init(&w->timers, rt_fake_clock_now, &w->clock);
	assert_int_equal(cnf_layers_alloc(&w->layers), 0);
	assert_int_equal(boot_alloc(&w->boot, w->layers, &w->timers, &f, &ops,
				    w),
			 0);
	assert_int_equal(boot_set_mac(w->boot, "00503effF842"), 0);
	return w;
}

static void free_world(struct world *w)
{
	boot_free(w->boot);
	cnf_layers_free(w->layers);
	rt_timers_fini(&w->timers);
	free(w);
}

static void run(struct world *w)
{
	rt_fake_clock_advance(&w->clock, &w->timers, 10000);
}

static void expect_asked(const struct world *w, const char *const *names,
			 unsigned n)
{
	unsigned i;

	if (w->nasked != n)
		fail_msg("%u files requested, expected %u", w->nasked, n);
	for (i = 0; i < n; i++)
		assert_string_equal(w->asked[i], names[i]);
}

static const char *effective(struct world *w, enum cnf_param p, char *buf,
			     size_t size)
{
	struct cnf *c;

	assert_int_equal(cnf_snapshot(w->layers, &c), 0);
	snprintf(buf, size, "%s", cnf_str(c, p));
	cnf_free(c);
	return buf;
}

static const struct file full[] = {
	{"", "SIPDefault.cnf", 0,
	 "tftp_cfg_dir: \"configs/\"\ndial_template: \"myplan\"\n"
	 "tos_media: 2\n"},
	{"", "configs/SIP00503EFFF842.cnf", 0, "line1_name: 43\n"},
	{"", "myplan.xml", 0, "<DIALTEMPLATE></DIALTEMPLATE>"},
	{"", "RINGLIST.DAT", 0, "Chirp 3\tchirp3.pcm\nBell\tbell.pcm\n"},
	{"", "chirp3.pcm", 0, "\x7f\x7f"},
	{"", "bell.pcm", 0, "\x7f"},
};

/* "Overview of the Initialization Process": flash, IP, the configuration
 * files, the dial plan, the ring list and its files, then the lines. */
static void test_full_boot(void **state)
{
	static const char *const order[] = {
		"SIPDefault.cnf", "configs/SIP00503EFFF842.cnf", "myplan.xml",
		"RINGLIST.DAT",   "chirp3.pcm",                  "bell.pcm",
	};
	struct world *w = make_world(full, 6);
	char v[64];

	(void)state;
	boot_start(w->boot);
	assert_int_equal(w->flash_loads, 0); /* from the loop, not inside */
	run(w);
	expect_asked(w, order, 6);
	assert_int_equal(w->flash_loads, 1);
	assert_string_equal(w->status[0], "Configuring IP");
	assert_string_equal(w->status[1], "Requesting Configuration");
	assert_int_equal(w->dialplans, 1);
	assert_int_equal(w->ringlists, 1);
	assert_int_equal(w->rings, 2);
	assert_int_equal(w->applies, 1);
	assert_int_equal(w->runnings, 1);
	assert_string_equal(boot_state(w->boot), "running");
	assert_string_equal(effective(w, CNF_TOS_MEDIA, v, sizeof(v)), "2");
	assert_string_equal(effective(w, CNF_LINE1_NAME, v, sizeof(v)), "43");
	assert_int_equal(boot_stats(w->boot)->fetched, 6);
	assert_int_equal(boot_stats(w->boot)->unexpected, 0);
	free_world(w);
}

/* Optional files may be missing; without SIP<MAC>.cnf the phone says so
 * and runs on flash. */
static void test_missing_files(void **state)
{
	static const struct file none[] = {{"", "other", 0, ""}};
	static const char *const order[] = {
		"SIPDefault.cnf", "SIP00503EFFF842.cnf", "dialplan.xml",
		"RINGLIST.DAT"};
	struct world *w = make_world(none, 1);
	char v[64];

	(void)state;
	boot_start(w->boot);
	run(w);
	expect_asked(w, order, 4);
	assert_string_equal(w->status[2],
			    "SIP00503EFFF842.cnf not found; using flash");
	assert_int_equal(w->runnings, 1);
	assert_string_equal(effective(w, CNF_LINE1_NAME, v, sizeof(v)), "99");
	assert_string_equal(effective(w, CNF_TOS_MEDIA, v, sizeof(v)), "1");
	assert_int_equal(boot_stats(w->boot)->missing, 4);
	free_world(w);
}

/* A server that does not answer: shown, and the boot goes on. */
static void test_server_down(void **state)
{
	static const struct file down[] = {
		{"", "SIPDefault.cnf", -EIO, NULL},
		{"", "SIP00503EFFF842.cnf", -EIO, NULL},
	};
	struct world *w = make_world(down, 2);

	(void)state;
	boot_start(w->boot);
	run(w);
	assert_string_equal(w->status[2], "SIPDefault.cnf: bad or unreachable");
	assert_string_equal(w->status[3],
			    "SIP00503EFFF842.cnf: bad or unreachable");
	assert_int_equal(w->runnings, 1);
	assert_int_equal(boot_stats(w->boot)->failed, 2);
	free_world(w);
}

/* dyn_tftp_addr: the files again from the new server -- and two servers
 * naming each other stop after BOOT_DYN_TFTP_MAX hops. */
static void test_dyn_tftp_bounded(void **state)
{
	static const struct file pingpong[] = {
		{"", "SIPDefault.cnf", 0, "dyn_tftp_addr: 10.0.0.2\n"},
		{"10.0.0.2", "SIPDefault.cnf", 0, "dyn_tftp_addr: 10.0.0.3\n"},
		{"10.0.0.3", "SIPDefault.cnf", 0, "dyn_tftp_addr: 10.0.0.2\n"},
	};
	static const char *const order[] = {
		"SIPDefault.cnf",          "SIP00503EFFF842.cnf",
		"10.0.0.2:SIPDefault.cnf", "10.0.0.2:SIP00503EFFF842.cnf",
		"10.0.0.3:SIPDefault.cnf", "10.0.0.3:SIP00503EFFF842.cnf",
		"10.0.0.3:dialplan.xml",   "10.0.0.3:RINGLIST.DAT"};
	struct world *w = make_world(pingpong, 3);

	(void)state;
	boot_start(w->boot);
	run(w);
	expect_asked(w, order, 8);
	assert_int_equal(boot_stats(w->boot)->dyn_hops, BOOT_DYN_TFTP_MAX);
	assert_int_equal(w->runnings, 1);
	free_world(w);
}

/* CLI reset while running: the whole sequence again, from the first
 * server; a reset in the middle of a boot is not a state's event. */
static void test_reset(void **state)
{
	struct world *w = make_world(full, 6);

	(void)state;
	boot_start(w->boot);
	rt_fake_clock_advance(&w->clock, &w->timers, 5);
	boot_reset(w->boot); /* mid-boot: logged, ignored */
	run(w);
	assert_int_equal(boot_stats(w->boot)->unexpected, 1);
	assert_int_equal(w->runnings, 1);
	boot_reset(w->boot);
	run(w);
	assert_int_equal(w->flash_loads, 2);
	assert_int_equal(w->runnings, 2);
	assert_int_equal(w->nasked, 12);
	free_world(w);
}

static void test_identity_failure(void **state)
{
	struct world *w = make_world(full, 6);

	(void)state;
	w->identity_err = -ENETDOWN;
	boot_start(w->boot);
	run(w);
	assert_int_equal(w->nasked, 0);
	assert_int_equal(w->applies, 1);
	assert_int_equal(w->runnings, 1);
	free_world(w);
}

/* DHCP: the identity comes later; the lease's option 66 names the
 * server every file of the run comes from. */
static void test_identity_later(void **state)
{
	static const struct file dhcp[] = {
		{"10.99.0.1", "SIPDefault.cnf", 0, "tos_media: 4\n"},
	};
	static const char *const order[] = {
		"10.99.0.1:SIPDefault.cnf", "10.99.0.1:SIP00503EFFF842.cnf",
		"10.99.0.1:dialplan.xml", "10.99.0.1:RINGLIST.DAT"};
	struct world *w = make_world(dhcp, 1);
	char v[16];

	(void)state;
	w->identity_err = -EINPROGRESS;
	boot_start(w->boot);
	run(w);
	assert_int_equal(w->identity_asks, 1);
	assert_int_equal(w->nasked, 0);
	assert_string_equal(boot_state(w->boot), "ip");
	boot_set_server(w->boot, "10.99.0.1");
	boot_identity_done(w->boot, 0);
	run(w);
	expect_asked(w, order, 4);
	assert_string_equal(effective(w, CNF_TOS_MEDIA, v, sizeof(v)), "4");
	assert_int_equal(w->runnings, 1);
	free_world(w);
}

/* Freed with a fetch in flight: its answer goes nowhere. */
static void test_free_in_flight(void **state)
{
	struct world *w = make_world(full, 6);
	boot_fetch_cb *cb;
	void *cbarg;

	(void)state;
	boot_start(w->boot);
	rt_fake_clock_advance(&w->clock, &w->timers, 1);
	assert_non_null(w->cb);
	cb = w->cb;
	cbarg = w->cbarg;
	rt_timer_stop(&w->timers, &w->answer);
	boot_free(w->boot);
	w->boot = NULL;
	cb(cbarg, 0, (const uint8_t *)"x", 1);
	cnf_layers_free(w->layers);
	rt_timers_fini(&w->timers);
	free(w);
}

static void test_mac(void **state)
{
	struct world *w = make_world(full, 6);

	(void)state;
	assert_int_equal(boot_set_mac(w->boot, "00503EFFF84"), -EINVAL);
	assert_int_equal(boot_set_mac(w->boot, "00503EFFF84G"), -EINVAL);
	assert_int_equal(boot_set_mac(w->boot, "00503EFFF8420"), -EINVAL);
	free_world(w);
}

/* "Customizing the Cisco SIP IP Phone Ring Types" */
static void test_ringlist(void **state)
{
	static const char text[] = "Ring Type\tlringer1.pcm\r\n"
				   "\n"
				   "no tab here\n"
				   "Chirp3\t\tchirp3.pcm  \n"
				   "Last\tlast.pcm";
	struct ringlist rl;
	char big[RINGLIST_FILE_MAX + 1];
	unsigned i;

	(void)state;
	assert_int_equal(ringlist_parse(&rl, (const unsigned char *)text,
					sizeof(text) - 1),
			 0);
	assert_int_equal(rl.n, 3);
	assert_string_equal(rl.e[0].name, "Ring Type");
	assert_string_equal(rl.e[0].file, "lringer1.pcm");
	assert_string_equal(rl.e[1].name, "Chirp3");
	assert_string_equal(rl.e[1].file, "chirp3.pcm");
	assert_string_equal(rl.e[2].file, "last.pcm");
	assert_int_equal(rl.nbad, 1);
	assert_int_equal(rl.bad_line[0], 3);
	/* RINGLIST_MAX kept, the rest counted */
	{
		char many[2048];
		size_t len = 0;

		for (i = 0; i < RINGLIST_MAX + 2; i++)
			len += (size_t)snprintf(many + len, sizeof(many) - len,
						"R%u\tr%u.pcm\n", i, i);
		assert_int_equal(ringlist_parse(&rl, (const unsigned char *)many,
						len),
				 0);
		assert_int_equal(rl.n, RINGLIST_MAX);
		assert_int_equal(rl.dropped, 2);
	}
	memset(big, '\n', sizeof(big));
	assert_int_equal(ringlist_parse(&rl, (const unsigned char *)big,
					RINGLIST_FILE_MAX),
			 0);
	assert_int_equal(ringlist_parse(&rl, (const unsigned char *)big,
					RINGLIST_FILE_MAX + 1),
			 -EFBIG);
	/* a name too long for the menu is a bad line */
	{
		char longname[RINGLIST_NAME_MAX + 20];

		memset(longname, 'n', RINGLIST_NAME_MAX);
		snprintf(longname + RINGLIST_NAME_MAX, 20, "\tx.pcm\n");
		assert_int_equal(ringlist_parse(&rl,
						(const unsigned char *)longname,
						strlen(longname)),
				 0);
		assert_int_equal(rl.n, 0);
		assert_int_equal(rl.nbad, 1);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_full_boot),
		cmocka_unit_test(test_missing_files),
		cmocka_unit_test(test_server_down),
		cmocka_unit_test(test_dyn_tftp_bounded),
		cmocka_unit_test(test_reset),
		cmocka_unit_test(test_identity_failure),
		cmocka_unit_test(test_identity_later),
		cmocka_unit_test(test_free_in_flight),
		cmocka_unit_test(test_mac),
		cmocka_unit_test(test_ringlist),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
