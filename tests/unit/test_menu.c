/*
 * test_menu.c - the Settings menus as a model (runtime/menu): navigation,
 * Unlock Config with the right and a wrong phone_password, relocking when
 * Settings is left, Call Preferences toggles (refused at 2 and 3), Erase
 * Configuration, an Edit panel.  No terminal.
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

#include "menu/menu.h"

struct fixture {
	struct cnf_layers *layers;
	struct cnf *cnf;
	struct menu menu;
	unsigned changes[CNF_LAYER_COUNT];
	unsigned redraws, resets, reverts;
};

static const struct cnf *fx_cnf(void *arg)
{
	struct fixture *f = arg;

	return f->cnf;
}

static int fx_changed(void *arg, enum cnf_layer_id layer)
{
	struct fixture *f = arg;
	struct cnf *c;
	int err = cnf_snapshot(f->layers, &c);

	if (err)
		return err;
	cnf_free(f->cnf);
	f->cnf = c;
	f->changes[layer]++;
	return 0;
}

static void fx_redraw(void *arg)
{
	struct fixture *f = arg;

	f->redraws++;
}

static void fx_reset(void *arg)
{
	struct fixture *f = arg;

	f->resets++;
}

static int fx_revert(void *arg)
{
	struct fixture *f = arg;

	f->reverts++;
	return 0;
}

static const struct menu_ops ops = {fx_cnf, fx_changed, fx_redraw, fx_reset,
				    fx_revert};

static void set(struct fixture *f, enum cnf_layer_id id, enum cnf_param p,
		const char *v)
{
	char why[CNF_DIAG_MAX];

	assert_true(cnf_layer_set(f->layers, id, p, v, why, sizeof(why)) >= 0);
	assert_int_equal(fx_changed(f, id), 0);
	f->changes[id]--;
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	assert_non_null(f);
	assert_int_equal(cnf_layers_alloc(&f->layers), 0);
	assert_int_equal(cnf_snapshot(f->layers, &f->cnf), 0);
	set(f, CNF_LAYER_SYSTEM, CNF_MAC_ADDRESS, "00503EFFF842");
	set(f, CNF_LAYER_SYSTEM, CNF_IP_ADDRESS, "127.0.0.81");
	set(f, CNF_LAYER_PHONE, CNF_LINE1_NAME, "43");
	menu_init(&f->menu, f->layers, &ops, f);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	cnf_free(f->cnf);
	cnf_layers_free(f->layers);
	free(f);
	return 0;
}

static void key(struct fixture *f, enum menu_key k)
{
	assert_int_equal(menu_key(&f->menu, k), 0);
}

static void keys(struct fixture *f, const char *digits)
{
	for (; *digits; digits++)
		key(f, (enum menu_key)(MENU_KEY_0 + (*digits - '0')));
}

static struct lcd screen(const struct fixture *f)
{
	struct lcd l;

	memset(&l, 0, sizeof(l));
	menu_render(&f->menu, &l);
	return l;
}

/* The selected row ('>' first). */
static const char *selected_row(const struct fixture *f, char *buf,
				size_t size)
{
	struct lcd l = screen(f);
	unsigned i;

	for (i = 0; i < LCD_CALL_ROWS; i++)
		if (l.call[i][0] == '>') {
			snprintf(buf, size, "%s", l.call[i]);
			return buf;
		}
	return "";
}

/* Arrow down until the selected row names LABEL. */
static void down_to(struct fixture *f, const char *label)
{
	char row[LCD_WIDTH + 1];
	unsigned n;

	for (n = 0; n < MENU_ITEMS_MAX; n++) {
		if (strstr(selected_row(f, row, sizeof(row)), label))
			return;
		key(f, MENU_KEY_DOWN);
	}
	fail_msg("no row \"%s\"", label);
}

static void expect_row(const struct fixture *f, const char *text)
{
	struct lcd l = screen(f);
	unsigned i;

	for (i = 0; i < LCD_CALL_ROWS; i++)
		if (strstr(l.call[i], text))
			return;
	fail_msg("no row with \"%s\" (prompt \"%s\")", text, l.prompt);
}

static void expect_prompt(const struct fixture *f, const char *text)
{
	struct lcd l = screen(f);

	if (!strstr(l.prompt, text))
		fail_msg("prompt \"%s\" lacks \"%s\"", l.prompt, text);
}

/* Unlock Config, typed with the dial pad's letters: c-i-s-c-o. */
static void unlock(struct fixture *f, const char *taps)
{
	down_to(f, "Unlock Config");
	key(f, MENU_KEY_SK1);
	assert_int_equal(menu_screen(&f->menu), MENU_SCR_PASSWORD);
	assert_true(menu_text_entry(&f->menu));
	keys(f, taps);
	key(f, MENU_KEY_SK1); /* Accept */
	assert_int_equal(menu_screen(&f->menu), MENU_SCR_SETTINGS);
}

static void test_navigation(void **state)
{
	struct fixture *f = *state;
	struct lcd l;

	assert_false(menu_active(&f->menu));
	assert_int_equal(menu_key(&f->menu, MENU_KEY_1), -ENOENT);
	assert_int_equal(menu_key(&f->menu, MENU_KEY__COUNT), -EINVAL);
	key(f, MENU_KEY_SETTINGS);
	assert_int_equal(menu_screen(&f->menu), MENU_SCR_SETTINGS);
	l = screen(f);
	assert_string_equal(l.prompt, "Settings 1/5");
	assert_non_null(strstr(l.call[0], "> 1 Network Configuration"));
	assert_string_equal(l.softkey[0], "Select");
	assert_string_equal(l.softkey[3], "Exit");
	assert_true(l.locked);
	/* the arrows, then a number selects */
	key(f, MENU_KEY_DOWN);
	assert_non_null(strstr(screen(f).call[1], "> 2 SIP Configuration"));
	key(f, MENU_KEY_UP);
	key(f, MENU_KEY_UP); /* stays on the first */
	key(f, MENU_KEY_1);
	assert_int_equal(menu_screen(&f->menu), MENU_SCR_NET);
	down_to(f, "IP Address");
	expect_row(f, "127.0.0.81");
	down_to(f, "MAC Address");
	expect_row(f, "00503EFFF842");
	/* locked: no Edit */
	assert_string_equal(screen(f).softkey[0], "");
	key(f, MENU_KEY_SK1);
	assert_int_equal(menu_screen(&f->menu), MENU_SCR_NET);
	key(f, MENU_KEY_SK4); /* Back */
	assert_int_equal(menu_screen(&f->menu), MENU_SCR_SETTINGS);
	/* SIP Configuration > Line 1 */
	key(f, MENU_KEY_2);
	expect_row(f, "Line 1");
	expect_row(f, "43");
	key(f, MENU_KEY_1);
	assert_int_equal(menu_screen(&f->menu), MENU_SCR_LINE);
	expect_prompt(f, "Line 1");
	expect_row(f, "Name");
	key(f, MENU_KEY_SK4);
	key(f, MENU_KEY_SK4);
	/* Status > Firmware Versions */
	key(f, MENU_KEY_4);
	key(f, MENU_KEY_3);
	assert_int_equal(menu_screen(&f->menu), MENU_SCR_FIRMWARE);
	expect_row(f, MENU_FIRMWARE_VERSION);
	key(f, MENU_KEY_SK4);
	key(f, MENU_KEY_SK4);
	key(f, MENU_KEY_SK4); /* Exit */
	assert_false(menu_active(&f->menu));
	assert_true(f->redraws > 0);
}

static void test_status_messages(void **state)
{
	struct fixture *f = *state;

	menu_status_message(&f->menu, "Requesting Configuration");
	menu_status_message(&f->menu, "Configuring IP");
	key(f, MENU_KEY_SETTINGS);
	key(f, MENU_KEY_4);
	key(f, MENU_KEY_1);
	assert_int_equal(menu_screen(&f->menu), MENU_SCR_MESSAGES);
	assert_string_equal(screen(f).call[0], "Configuring IP");
	assert_string_equal(screen(f).call[1], "Requesting Configuration");
}

static void test_unlock(void **state)
{
	struct fixture *f = *state;

	key(f, MENU_KEY_SETTINGS);
	/* wrong: "cisc" */
	unlock(f, "2224447777222");
	assert_false(menu_unlocked(&f->menu));
	expect_prompt(f, "Invalid password");
	assert_true(screen(f).locked);
	/* right: "cisco" */
	unlock(f, "2224447777222666");
	assert_true(menu_unlocked(&f->menu));
	assert_false(screen(f).locked);
	expect_row(f, "Lock Config");
	/* Lock Config relocks */
	key(f, MENU_KEY_SK1);
	assert_false(menu_unlocked(&f->menu));
	/* typed from a keyboard; << deletes */
	key(f, MENU_KEY_SK1);
	assert_int_equal(menu_char(&f->menu, 'c'), 0);
	assert_int_equal(menu_char(&f->menu, 'i'), 0);
	assert_int_equal(menu_char(&f->menu, 'x'), 0);
	key(f, MENU_KEY_SK2);
	assert_int_equal(menu_char(&f->menu, 's'), 0);
	assert_int_equal(menu_char(&f->menu, 'c'), 0);
	assert_int_equal(menu_char(&f->menu, 'o'), 0);
	key(f, MENU_KEY_SK1);
	assert_true(menu_unlocked(&f->menu));
	/* Network Configuration shows Edit now */
	key(f, MENU_KEY_1);
	assert_string_equal(screen(f).softkey[0], "Edit");
	/* leaving Settings relocks */
	key(f, MENU_KEY_SETTINGS);
	assert_false(menu_active(&f->menu));
	assert_false(menu_unlocked(&f->menu));
	assert_int_equal(menu_char(&f->menu, 'a'), -ENOENT);
	/* Cancel leaves the password unasked */
	key(f, MENU_KEY_SETTINGS);
	down_to(f, "Unlock Config");
	key(f, MENU_KEY_SK1);
	keys(f, "222");
	key(f, MENU_KEY_SK3);
	assert_int_equal(menu_screen(&f->menu), MENU_SCR_SETTINGS);
	assert_false(menu_unlocked(&f->menu));
}

static void test_call_preferences(void **state)
{
	struct fixture *f = *state;
	char row[LCD_WIDTH + 1];

	set(f, CNF_LAYER_PHONE, CNF_DND_CONTROL, "0");
	set(f, CNF_LAYER_PHONE, CNF_CALL_WAITING, "2");
	set(f, CNF_LAYER_PHONE, CNF_CALLERID_BLOCKING, "3");
	key(f, MENU_KEY_SETTINGS);
	key(f, MENU_KEY_3);
	assert_int_equal(menu_screen(&f->menu), MENU_SCR_CALLPREF);
	/* no unlocking needed: 0 -> 1 -> 0 -> 1, shown at once, in force
	 * only after Save ("press the Save soft key to save your changes
	 * and exit") */
	down_to(f, "Do Not Disturb");
	assert_string_equal(screen(f).softkey[0], "Change");
	assert_string_equal(screen(f).softkey[1], ""); /* nothing to save */
	key(f, MENU_KEY_SK1);
	assert_non_null(strstr(selected_row(f, row, sizeof(row)), "1"));
	assert_int_equal(cnf_int(f->cnf, CNF_DND_CONTROL), 0);
	assert_int_equal(f->changes[CNF_LAYER_LOCAL], 0);
	expect_prompt(f, "Save applies it");
	key(f, MENU_KEY_SK1);
	key(f, MENU_KEY_SK1);
	/* 2 and 3: the administrator's (the number selects: Call Waiting
	 * is 4th, Caller ID Blocking 5th, as Table 3-2's labels sort) */
	key(f, MENU_KEY_4);
	assert_int_equal(cnf_int(f->cnf, CNF_CALL_WAITING), 2);
	expect_prompt(f, "administrator");
	key(f, MENU_KEY_5);
	assert_int_equal(cnf_int(f->cnf, CNF_CALLERID_BLOCKING), 3);
	expect_prompt(f, "administrator");
	assert_string_equal(screen(f).softkey[1], "Save");
	key(f, MENU_KEY_SK2);
	assert_int_equal(menu_screen(&f->menu), MENU_SCR_SETTINGS);
	expect_prompt(f, "Saved");
	assert_int_equal(cnf_int(f->cnf, CNF_DND_CONTROL), 1);
	assert_int_equal(cnf_origin(f->cnf, CNF_DND_CONTROL), CNF_ORIGIN_LOCAL);
	assert_int_equal(f->changes[CNF_LAYER_LOCAL], 1);
	/* Back without Save forgets the change */
	key(f, MENU_KEY_3);
	down_to(f, "Do Not Disturb");
	key(f, MENU_KEY_SK1);
	key(f, MENU_KEY_SK4);
	expect_prompt(f, "Changes not saved");
	assert_int_equal(cnf_int(f->cnf, CNF_DND_CONTROL), 1);
	key(f, MENU_KEY_3);
	down_to(f, "Do Not Disturb");
	assert_non_null(strstr(selected_row(f, row, sizeof(row)), "1"));
	assert_int_equal(f->changes[CNF_LAYER_LOCAL], 1);
}

/* SIP Configuration: values entered in the Line screens wait for Save
 * on the SIP Configuration screen, are checked when entered, and are
 * bounded (MENU_PENDING_MAX). */
static void test_save_sip(void **state)
{
	struct fixture *f = *state;
	char row[LCD_WIDTH + 1];
	unsigned i;

	key(f, MENU_KEY_SETTINGS);
	unlock(f, "2224447777222666");
	key(f, MENU_KEY_2);
	key(f, MENU_KEY_1); /* Line 1 */
	down_to(f, "Proxy Port");
	key(f, MENU_KEY_SK1);
	for (i = 0; i < 8; i++)
		key(f, MENU_KEY_SK2);
	keys(f, "99999"); /* refused at once, in the Edit panel */
	key(f, MENU_KEY_SK1);
	assert_int_equal(menu_screen(&f->menu), MENU_SCR_EDIT);
	for (i = 0; i < 8; i++)
		key(f, MENU_KEY_SK2);
	keys(f, "5070");
	key(f, MENU_KEY_SK1);
	assert_int_equal(menu_screen(&f->menu), MENU_SCR_LINE);
	expect_prompt(f, "Save applies it");
	assert_non_null(strstr(selected_row(f, row, sizeof(row)), "5070"));
	assert_int_not_equal(cnf_int(f->cnf, CNF_PROXY1_PORT), 5070);
	key(f, MENU_KEY_SK4); /* Back to SIP Configuration: still waiting */
	assert_int_equal(menu_screen(&f->menu), MENU_SCR_SIP);
	assert_string_equal(screen(f).softkey[1], "Save");
	key(f, MENU_KEY_SK2);
	assert_int_equal(menu_screen(&f->menu), MENU_SCR_SETTINGS);
	assert_int_equal(cnf_int(f->cnf, CNF_PROXY1_PORT), 5070);
	assert_int_equal(f->changes[CNF_LAYER_LOCAL], 1);
	/* at most MENU_PENDING_MAX changes wait: one more is refused */
	key(f, MENU_KEY_2);
	for (i = 0; i <= MENU_PENDING_MAX; i++) {
		static const char *const field[] = {"Name", "Shortname",
						    "Display Name"};

		key(f, (enum menu_key)(MENU_KEY_1 + i % CNF_LINES));
		assert_int_equal(menu_screen(&f->menu), MENU_SCR_LINE);
		down_to(f, field[i / CNF_LINES]);
		key(f, MENU_KEY_SK1);
		while (f->menu.edit_len)
			key(f, MENU_KEY_SK2);
		keys(f, "2");
		key(f, MENU_KEY_SK1);
		if (i < MENU_PENDING_MAX) {
			assert_int_equal(menu_screen(&f->menu), MENU_SCR_LINE);
			key(f, MENU_KEY_SK4);
		}
	}
	assert_int_equal(menu_screen(&f->menu), MENU_SCR_EDIT);
	assert_non_null(strstr(screen(f).call[2], "Too many changes"));
}

static void test_erase_network(void **state)
{
	struct fixture *f = *state;

	set(f, CNF_LAYER_FLASH, CNF_DHCP_ENABLED, "0");
	set(f, CNF_LAYER_FLASH, CNF_DNS_SERVER_1, "10.0.0.53");
	set(f, CNF_LAYER_FLASH, CNF_PROXY1_ADDRESS, "10.0.0.1");
	key(f, MENU_KEY_SETTINGS);
	key(f, MENU_KEY_1);
	down_to(f, "Erase Configuration");
	/* locked: no Yes */
	assert_string_equal(screen(f).softkey[0], "");
	key(f, MENU_KEY_SK1);
	assert_int_equal(cnf_int(f->cnf, CNF_DHCP_ENABLED), 0);
	key(f, MENU_KEY_SK4);
	unlock(f, "2224447777222666");
	key(f, MENU_KEY_1);
	down_to(f, "Erase Configuration");
	assert_string_equal(screen(f).softkey[0], "Yes");
	assert_string_equal(screen(f).softkey[1], ""); /* nothing to save */
	key(f, MENU_KEY_SK1);
	expect_prompt(f, "Erased: Save stores it and resets");
	/* not stored until Save; then stored once, and the phone resets */
	assert_int_equal(f->changes[CNF_LAYER_FLASH], 0);
	assert_int_equal(f->resets, 0);
	assert_string_equal(screen(f).softkey[1], "Save");
	key(f, MENU_KEY_SK2);
	expect_prompt(f, "Saved: resetting");
	assert_int_equal(f->changes[CNF_LAYER_FLASH], 1);
	assert_int_equal(f->resets, 1);
	assert_int_equal(f->reverts, 0);
	assert_string_equal(screen(f).softkey[1], "");
	/* DHCP again, the flash network settings gone, the rest kept */
	assert_int_equal(cnf_int(f->cnf, CNF_DHCP_ENABLED), 1);
	assert_string_equal(cnf_str(f->cnf, CNF_DNS_SERVER_1), "");
	assert_string_equal(cnf_str(f->cnf, CNF_PROXY1_ADDRESS), "10.0.0.1");
}

static void test_edit(void **state)
{
	struct fixture *f = *state;
	char row[LCD_WIDTH + 1];

	key(f, MENU_KEY_SETTINGS);
	unlock(f, "2224447777222666");
	key(f, MENU_KEY_1);
	/* "Yes, but DHCP must be disabled" */
	down_to(f, "DNS Server 1");
	key(f, MENU_KEY_SK1);
	assert_int_equal(menu_screen(&f->menu), MENU_SCR_EDIT);
	keys(f, "10");
	key(f, MENU_KEY_STAR);
	keys(f, "0");
	key(f, MENU_KEY_STAR);
	keys(f, "0");
	key(f, MENU_KEY_STAR);
	keys(f, "9");
	assert_non_null(strstr(screen(f).call[1], "10.0.0.9_"));
	key(f, MENU_KEY_SK1);
	expect_prompt(f, "Disable DHCP");
	assert_string_equal(cnf_str(f->cnf, CNF_DNS_SERVER_1), "");
	/* a port: refused out of range, then taken (flash: not a network
	 * setting, so until reboot) */
	down_to(f, "HTTP Proxy Port");
	key(f, MENU_KEY_SK1);
	key(f, MENU_KEY_SK2);
	key(f, MENU_KEY_SK2);
	keys(f, "99999");
	key(f, MENU_KEY_SK1);
	assert_int_equal(menu_screen(&f->menu), MENU_SCR_EDIT);
	key(f, MENU_KEY_SK2);
	key(f, MENU_KEY_SK2);
	key(f, MENU_KEY_SK2);
	key(f, MENU_KEY_SK2);
	key(f, MENU_KEY_SK2);
	keys(f, "8080");
	key(f, MENU_KEY_SK1);
	assert_int_equal(menu_screen(&f->menu), MENU_SCR_NET);
	assert_int_equal(cnf_int(f->cnf, CNF_HTTP_PROXY_PORT), 8080);
	assert_non_null(strstr(selected_row(f, row, sizeof(row)), "8080"));
	/* read-only rows have no Edit */
	down_to(f, "MAC Address");
	assert_string_equal(screen(f).softkey[0], "");
}

/* "Modifying the Network Settings": a network value edited waits for
 * Save (flash stored atomically by the owner, then reset); Back without
 * Save puts flash back as stored. */
static void test_save_network(void **state)
{
	struct fixture *f = *state;

	key(f, MENU_KEY_SETTINGS);
	unlock(f, "2224447777222666");
	key(f, MENU_KEY_1);
	down_to(f, "Domain Name");
	key(f, MENU_KEY_SK1);
	keys(f, "3");
	key(f, MENU_KEY_SK1);
	assert_int_equal(menu_screen(&f->menu), MENU_SCR_NET);
	expect_prompt(f, "Save stores it and resets");
	assert_string_equal(cnf_str(f->cnf, CNF_DOMAIN_NAME), "d");
	assert_int_equal(f->changes[CNF_LAYER_FLASH], 0);
	/* Back without Save: reverted, said */
	key(f, MENU_KEY_SK4);
	assert_int_equal(menu_screen(&f->menu), MENU_SCR_SETTINGS);
	assert_int_equal(f->reverts, 1);
	expect_prompt(f, "Network changes not saved");
	assert_int_equal(f->resets, 0);
	/* again, and Save */
	key(f, MENU_KEY_1);
	down_to(f, "Domain Name");
	key(f, MENU_KEY_SK1);
	keys(f, "3");
	key(f, MENU_KEY_SK1);
	assert_string_equal(screen(f).softkey[1], "Save");
	key(f, MENU_KEY_SK2);
	assert_int_equal(f->changes[CNF_LAYER_FLASH], 1);
	assert_int_equal(f->resets, 1);
	/* leaving Settings after Save reverts nothing */
	key(f, MENU_KEY_SETTINGS);
	assert_int_equal(f->reverts, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_navigation, setup, teardown),
		cmocka_unit_test_setup_teardown(test_status_messages, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_unlock, setup, teardown),
		cmocka_unit_test_setup_teardown(test_call_preferences, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_save_sip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_save_network, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_erase_network, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_edit, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
