// SPDX-License-Identifier: GPL-2.0
/*
 * hmip: unit test of the JSON writer (json.c): layout in both modes and
 * the escaping of every kind of string the kernel might send.
 *
 * Prints one "ok"/"not ok" line per case; exits 1 if any failed.
 */

#include <stdlib.h>
#include <string.h>

#include "json.h"

static int failures;

static char *buf;
static size_t len;

static struct json_writer *start(struct json_writer *jw, bool pretty)
{
	FILE *f = open_memstream(&buf, &len);

	if (!f) {
		perror("open_memstream");
		exit(1);
	}
	json_init(jw, f, pretty);
	return jw;
}

static void check(struct json_writer *jw, const char *name,
		  const char *expected)
{
	bool ok;

	fclose(jw->out);
	ok = !strcmp(buf, expected);
	printf("%sok - %s\n", ok ? "" : "not ", name);
	if (!ok)
		printf("#   expected: %s#   got:      %s", expected, buf);
	failures += !ok;
	free(buf);
	buf = NULL;
}

static void members(struct json_writer *jw)
{
	json_open_object(jw, NULL);
	json_print_string(jw, "name", "hmip");
	json_print_i64(jw, "i64", -1);
	json_print_bool(jw, "yes", true);
	json_print_bool(jw, "no", false);
	json_print_null(jw, "none");
	json_open_array(jw, "list");
	json_print_u64(jw, NULL, 1);
	json_open_object(jw, NULL);
	json_close_object(jw);
	json_open_array(jw, NULL);
	json_close_array(jw);
	json_close_array(jw);
	json_close_object(jw);
}

static void escape(const char *name, const char *in, const char *expected)
{
	struct json_writer jw;

	json_print_string(start(&jw, false), NULL, in);
	check(&jw, name, expected);
}

int main(void)
{
	struct json_writer jw;

	members(start(&jw, false));
	check(&jw, "compact layout",
	      "{\"name\":\"hmip\",\"i64\":-1,\"yes\":true,\"no\":false,\"none\":null,\"list\":[1,{},[]]}\n");

	members(start(&jw, true));
	check(&jw, "pretty layout",
	      "{\n"
	      "    \"name\": \"hmip\",\n"
	      "    \"i64\": -1,\n"
	      "    \"yes\": true,\n"
	      "    \"no\": false,\n"
	      "    \"none\": null,\n"
	      "    \"list\": [\n"
	      "        1,\n"
	      "        {},\n"
	      "        []\n"
	      "    ]\n"
	      "}\n");

	json_open_object(start(&jw, true), NULL);
	json_close_object(&jw);
	check(&jw, "empty object, pretty", "{}\n");

	json_open_array(start(&jw, false), NULL);
	json_print_u64(&jw, NULL, UINT64_MAX);
	json_print_i64(&jw, NULL, INT64_MIN);
	json_print_i64(&jw, NULL, INT64_MAX);
	json_close_array(&jw);
	check(&jw, "64-bit limits",
	      "[18446744073709551615,-9223372036854775808,9223372036854775807]\n");

	json_open_object(start(&jw, false), NULL);
	json_print_u64(&jw, "a\"b", 0);
	json_close_object(&jw);
	check(&jw, "keys are escaped too", "{\"a\\\"b\":0}\n");

	escape("plain string", "mh_rx_bad_checksum", "\"mh_rx_bad_checksum\"\n");
	escape("empty string", "", "\"\"\n");
	escape("quote and backslash", "a\"b\\c", "\"a\\\"b\\\\c\"\n");
	escape("short escapes", "\b\f\n\r\t", "\"\\b\\f\\n\\r\\t\"\n");
	escape("other control characters", "\x01\x1f\x7f",
	       "\"\\u0001\\u001f\\u007f\"\n");
	escape("solidus is left alone", "a/b", "\"a/b\"\n");
	escape("valid UTF-8 passes", "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80",
	       "\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"\n");
	escape("invalid byte", "a\xff!", "\"a\\ufffd!\"\n");
	escape("lone continuation byte", "\x80", "\"\\ufffd\"\n");
	escape("overlong encoding", "\xc0\xaf", "\"\\ufffd\\ufffd\"\n");
	escape("overlong 3-byte encoding", "\xe0\x80\xaf",
	       "\"\\ufffd\\ufffd\\ufffd\"\n");
	escape("UTF-16 surrogate", "\xed\xa0\x80",
	       "\"\\ufffd\\ufffd\\ufffd\"\n");
	escape("beyond U+10FFFF", "\xf4\x90\x80\x80",
	       "\"\\ufffd\\ufffd\\ufffd\\ufffd\"\n");
	escape("truncated sequence at the end", "x\xe2\x82",
	       "\"x\\ufffd\\ufffd\"\n");

	return failures ? 1 : 0;
}
