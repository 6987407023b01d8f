/*
 * test_dir.c - runtime/dir: the call lists and the Personal Directory at
 * their limits, and the screens (spec/dir/dir.rl) driven by keys with a
 * fake fetcher: External Directory, Services, a card that fails.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "dir/dir.h"

static struct dir d;
static char dir_url[256], svc_url[256];
static char fetched[256], dialed[256], message[256];
static int fetches, first, cancels, fetch_err;

static const char *op_url(void *arg, enum dir_url w)
{
	(void)arg;
	return w == DIR_URL_DIRECTORY ? dir_url : svc_url;
}

static int op_fetch(void *arg, const char *url, bool is_first, char *why,
		    size_t size)
{
	(void)arg;
	fetches++;
	first = is_first;
	snprintf(fetched, sizeof(fetched), "%s", url);
	if (fetch_err)
		snprintf(why, size, "bad URL");
	return fetch_err;
}

static void op_cancel(void *arg)
{
	(void)arg;
	cancels++;
}

static int op_dial(void *arg, const char *number)
{
	(void)arg;
	snprintf(dialed, sizeof(dialed), "%s", number);
	return 0;
}

static void op_message(void *arg, const char *msg)
{
	(void)arg;
	snprintf(message, sizeof(message), "%s", msg);
}

static int op_time(void *arg, int64_t when, char *buf, size_t size)
{
	(void)arg;
	return snprintf(buf, size, "t%lld", (long long)when);
}

static const struct dir_ops ops = {
	.url = op_url, .fetch = op_fetch, .cancel = op_cancel,
	.dial = op_dial, .message = op_message, .time_text = op_time,
};

static int setup(void **state)
{
	(void)state;
	dir_init(&d, &ops, NULL);
	dir_url[0] = svc_url[0] = fetched[0] = dialed[0] = message[0] = '\0';
	fetches = cancels = fetch_err = 0;
	return 0;
}

static char screen[LCD_TEXT_MAX];

static const char *render(void)
{
	struct lcd l;

	memset(&l, 0, sizeof(l));
	dir_render(&d, &l);
	assert_true(lcd_render(&l, screen, sizeof(screen)) > 0);
	return screen;
}

static void key(enum menu_key k)
{
	assert_int_equal(dir_key(&d, k), 0);
}

static void test_history_limits(void **state)
{
	char num[DIR_NUMBER_MAX + 2], name[DIR_NAME_MAX + 2];
	unsigned i;

	(void)state;
	for (i = 0; i <= DIR_HIST_MAX; i++) {
		snprintf(num, sizeof(num), "%u", 100 + i);
		assert_int_equal(dir_call(&d, DIR_PLACED, "", num, i), 0);
	}
	/* 33 placed: 32 kept, newest first, the oldest (100) gone */
	assert_int_equal(dir_list_get(&d, DIR_PLACED)->n, DIR_HIST_MAX);
	assert_string_equal(dir_list_get(&d, DIR_PLACED)->e[0].number, "132");
	assert_string_equal(dir_list_get(&d, DIR_PLACED)->e[31].number, "101");
	/* a number at the limit is kept, one past is refused */
	memset(num, '1', DIR_NUMBER_MAX);
	num[DIR_NUMBER_MAX] = '\0';
	assert_int_equal(dir_call(&d, DIR_MISSED, NULL, num, 1), 0);
	num[DIR_NUMBER_MAX] = '2';
	num[DIR_NUMBER_MAX + 1] = '\0';
	assert_int_equal(dir_call(&d, DIR_MISSED, NULL, num, 1),
			 -ENAMETOOLONG);
	assert_int_equal(dir_list_get(&d, DIR_MISSED)->n, 1);
	assert_int_equal(dir_call(&d, DIR_MISSED, NULL, "", 1), -EINVAL);
	/* a name at the limit is whole; one past is kept cut, marked */
	memset(name, 'a', DIR_NAME_MAX);
	name[DIR_NAME_MAX] = '\0';
	assert_int_equal(dir_call(&d, DIR_RECEIVED, name, "7", 1), 0);
	assert_false(dir_list_get(&d, DIR_RECEIVED)->e[0].name_cut);
	name[DIR_NAME_MAX] = 'b';
	name[DIR_NAME_MAX + 1] = '\0';
	assert_int_equal(dir_call(&d, DIR_RECEIVED, name, "8", 1), 0);
	assert_true(dir_list_get(&d, DIR_RECEIVED)->e[0].name_cut);
	assert_int_equal(strlen(dir_list_get(&d, DIR_RECEIVED)->e[0].name),
			 DIR_NAME_MAX);
	dir_clear_history(&d);
	assert_int_equal(dir_list_get(&d, DIR_PLACED)->n, 0);
	/* the Personal Directory stays */
	assert_int_equal(dir_list_get(&d, DIR_PERSONAL)->n, DIR_PERSONAL_MAX);
}

static void test_personal(void **state)
{
	const struct dir_hlist *h = dir_list_get(&d, DIR_PERSONAL);
	char num[16];
	unsigned i;

	(void)state;
	/* 32 numbers, each called once; "5" three times */
	for (i = 0; i < DIR_PERSONAL_MAX; i++) {
		snprintf(num, sizeof(num), "%u", i);
		assert_int_equal(dir_call(&d, DIR_PLACED, "", num, 10 + i), 0);
	}
	assert_int_equal(dir_call(&d, DIR_RECEIVED, "Five", "5", 100), 0);
	assert_int_equal(dir_call(&d, DIR_PLACED, "", "5", 101), 0);
	assert_int_equal(h->n, DIR_PERSONAL_MAX);
	assert_string_equal(h->e[0].number, "5");
	assert_string_equal(h->e[0].name, "Five"); /* kept when none given */
	assert_int_equal(h->e[0].uses, 3);
	/* full: the oldest of the least used ("0") makes room */
	assert_int_equal(dir_call(&d, DIR_PLACED, "", "new", 200), 0);
	assert_int_equal(h->n, DIR_PERSONAL_MAX);
	for (i = 0; i < h->n; i++)
		assert_string_not_equal(h->e[i].number, "0");
	/* missed calls do not go there */
	assert_int_equal(dir_call(&d, DIR_MISSED, "", "missed", 300), 0);
	for (i = 0; i < h->n; i++)
		assert_string_not_equal(h->e[i].number, "missed");
}

/* Directories > Personal Directory: Lock, at most 20. */
static void test_lock(void **state)
{
	const struct dir_hlist *h = dir_list_get(&d, DIR_PERSONAL);
	char num[16];
	unsigned i;

	(void)state;
	for (i = 0; i < DIR_PERSONAL_MAX; i++) {
		snprintf(num, sizeof(num), "%u", i);
		dir_call(&d, DIR_PLACED, "", num, i);
	}
	key(MENU_KEY_DIR);
	key(MENU_KEY_4);
	assert_int_equal(dir_state(&d), DIR_ST_LIST);
	assert_non_null(strstr(render(), "Personal Directory 1/32"));
	assert_non_null(strstr(screen, "Lock"));
	for (i = 0; i < DIR_LOCKED_MAX; i++) {
		key(MENU_KEY_SK2);
		assert_true(h->e[i].locked);
		key(MENU_KEY_DOWN);
	}
	key(MENU_KEY_SK2); /* the 21st */
	assert_false(h->e[DIR_LOCKED_MAX].locked);
	assert_non_null(strstr(render(), "At most 20 entries can be locked"));
	/* locked entries are never the ones that make room */
	for (i = 0; i < 40; i++) {
		snprintf(num, sizeof(num), "n%u", i);
		dir_call(&d, DIR_PLACED, "", num, 1000 + i);
	}
	for (i = 0; i < DIR_LOCKED_MAX; i++) {
		unsigned k, found = 0;

		snprintf(num, sizeof(num), "%u", DIR_PERSONAL_MAX - 1 - i);
		for (k = 0; k < h->n; k++)
			found |= !strcmp(h->e[k].number, num);
		assert_true(found);
	}
}

static void test_lists_and_dial(void **state)
{
	(void)state;
	assert_int_equal(dir_key(&d, MENU_KEY_UP), -ENOENT); /* closed */
	dir_call(&d, DIR_MISSED, "Alice", "101@10.0.0.1", 5);
	dir_call(&d, DIR_PLACED, "", "102", 6);
	dir_call(&d, DIR_PLACED, "", "103", 7);
	key(MENU_KEY_DIR);
	assert_int_equal(dir_state(&d), DIR_ST_TOP);
	render();
	assert_non_null(strstr(screen, "|Directories"));
	assert_non_null(strstr(screen, "> 1 Missed Calls           1"));
	assert_non_null(strstr(screen, "  3 Placed Calls           2"));
	assert_non_null(strstr(screen, "Select"));
	key(MENU_KEY_1);
	assert_int_equal(dir_state(&d), DIR_ST_LIST);
	render();
	assert_non_null(strstr(screen, "> 1 Alice 101@10.0.0.1"));
	assert_non_null(strstr(screen, "t5"));
	/* Back keeps the place in the top list; Placed, the second: Dial */
	key(MENU_KEY_SK3);
	assert_int_equal(dir_state(&d), DIR_ST_TOP);
	key(MENU_KEY_DOWN);
	key(MENU_KEY_DOWN);
	key(MENU_KEY_SK1);
	key(MENU_KEY_DOWN);
	key(MENU_KEY_SK1);
	assert_string_equal(dialed, "102");
	assert_int_equal(dir_state(&d), DIR_ST_OFF);
	/* Clear: the lists are empty, Dial has nothing to dial */
	key(MENU_KEY_DIR);
	key(MENU_KEY_SK2);
	render();
	assert_non_null(strstr(screen, "> 1 Missed Calls           0"));
	key(MENU_KEY_3);
	render();
	assert_non_null(strstr(screen, "No entries"));
	dialed[0] = '\0';
	key(MENU_KEY_SK1);
	assert_string_equal(dialed, "");
	assert_non_null(strstr(render(), "No entry to dial"));
	/* the hook switch is the phone's, the screens stay */
	assert_int_equal(dir_key(&d, MENU_KEY_HOOK), -ENOENT);
	key(MENU_KEY_SK4);
	assert_int_equal(dir_state(&d), DIR_ST_OFF);
}

static struct cmxml_obj card;

static void menu_card(void)
{
	memset(&card, 0, sizeof(card));
	card.type = CMXML_MENU;
	strcpy(card.title, "Company");
	card.nitems = 2;
	strcpy(card.item[0].name, "Staff");
	strcpy(card.item[0].value, "http://h/staff.xml");
	strcpy(card.item[1].name, "News");
	strcpy(card.item[1].value, "http://h/news.xml");
}

static void test_external(void **state)
{
	(void)state;
	key(MENU_KEY_DIR);
	key(MENU_KEY_5);
	/* not configured: said, nothing fetched */
	assert_int_equal(fetches, 0);
	assert_int_equal(dir_state(&d), DIR_ST_TOP);
	assert_non_null(strstr(render(), "External Directory not configured"));
	strcpy(dir_url, "http://h/dir.xml");
	key(MENU_KEY_5);
	assert_int_equal(dir_state(&d), DIR_ST_LOADING);
	assert_string_equal(fetched, "http://h/dir.xml");
	assert_true(first);
	menu_card();
	dir_loaded(&d, &card);
	assert_int_equal(dir_state(&d), DIR_ST_XMENU);
	render();
	assert_non_null(strstr(screen, "|Company"));
	assert_non_null(strstr(screen, "> 1 Staff"));
	/* News fails: the menu stays, the reason is shown */
	key(MENU_KEY_2);
	assert_string_equal(fetched, "http://h/news.xml");
	assert_false(first);
	dir_failed(&d, "HTTP 404 Not Found");
	assert_int_equal(dir_state(&d), DIR_ST_XMENU);
	render();
	assert_non_null(strstr(screen, "|HTTP 404 Not Found"));
	assert_non_null(strstr(screen, "  1 Staff"));
	/* Staff: a directory; Dial */
	key(MENU_KEY_1);
	memset(&card, 0, sizeof(card));
	card.type = CMXML_DIRECTORY;
	card.nitems = 1;
	strcpy(card.item[0].name, "Bob");
	strcpy(card.item[0].value, "bob@10.0.0.9");
	dir_loaded(&d, &card);
	assert_int_equal(dir_state(&d), DIR_ST_XDIR);
	render();
	assert_non_null(strstr(screen, "> 1 Bob"));
	assert_non_null(strstr(screen, "bob@10.0.0.9"));
	/* Back: the menu again, fetched again */
	key(MENU_KEY_SK3);
	assert_int_equal(dir_state(&d), DIR_ST_LOADING);
	assert_string_equal(fetched, "http://h/dir.xml");
	menu_card();
	dir_loaded(&d, &card);
	assert_int_equal(dir_state(&d), DIR_ST_XMENU);
	key(MENU_KEY_1);
	/* Exit while loading cancels; a late answer changes nothing */
	key(MENU_KEY_SK4);
	assert_int_equal(cancels, 1);
	assert_int_equal(dir_state(&d), DIR_ST_OFF);
	dir_loaded(&d, &card);
	assert_int_equal(dir_state(&d), DIR_ST_OFF);
	/* a first card that fails: back to the list, said */
	key(MENU_KEY_DIR);
	key(MENU_KEY_5);
	dir_failed(&d, "line 3: mismatched tag");
	assert_int_equal(dir_state(&d), DIR_ST_TOP);
	assert_non_null(strstr(render(), "line 3: mismatched tag"));
	/* a fetch refused at once (a bad URL) */
	fetch_err = -EINVAL;
	key(MENU_KEY_5);
	assert_int_equal(dir_state(&d), DIR_ST_TOP);
	assert_non_null(strstr(render(), "bad URL"));
}

static void test_services(void **state)
{
	(void)state;
	key(MENU_KEY_SERV);
	assert_int_equal(dir_state(&d), DIR_ST_OFF);
	assert_string_equal(message, "Services not configured");
	strcpy(svc_url, "http://h/svc.xml");
	key(MENU_KEY_SERV);
	assert_int_equal(dir_state(&d), DIR_ST_LOADING);
	assert_non_null(strstr(render(), "Services: loading"));
	memset(&card, 0, sizeof(card));
	card.type = CMXML_TEXT;
	strcpy(card.text, "0123456789012345678901234567890123456789012345"
			  "6789 the second row and the third row and more "
			  "and a fourth row here to scroll to, "
			  "a longer text than three rows hold");
	dir_loaded(&d, &card);
	assert_int_equal(dir_state(&d), DIR_ST_XTEXT);
	render();
	assert_non_null(strstr(screen, "|Services"));
	assert_non_null(strstr(screen, "|01234567890123456789012345678901234567890123|"));
	key(MENU_KEY_DOWN);
	render();
	assert_null(strstr(screen, "|01234567890123456789012345678901234567890123|"));
	/* Back from the first Services card: the phone's screen */
	key(MENU_KEY_SK3);
	assert_int_equal(dir_state(&d), DIR_ST_OFF);
	/* a Services card that fails: the phone's prompt says why */
	key(MENU_KEY_SERV);
	dir_failed(&d, "HTTP 500 Oops");
	assert_int_equal(dir_state(&d), DIR_ST_OFF);
	assert_string_equal(message, "Services: HTTP 500 Oops");
	assert_true(d.unexpected == 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_history_limits, setup),
		cmocka_unit_test_setup(test_personal, setup),
		cmocka_unit_test_setup(test_lock, setup),
		cmocka_unit_test_setup(test_lists_and_dial, setup),
		cmocka_unit_test_setup(test_external, setup),
		cmocka_unit_test_setup(test_services, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
