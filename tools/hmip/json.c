// SPDX-License-Identifier: GPL-2.0
/*
 * hmip: a small JSON writer. Strings are escaped as RFC 8259 asks: quote,
 * backslash and control characters, and bytes that are not valid UTF-8
 * become U+FFFD, so the output is always valid JSON whatever the kernel
 * sends.
 */

#include "json.h"

void json_init(struct json_writer *jw, FILE *out, bool pretty)
{
	jw->out = out;
	jw->pretty = pretty;
	jw->first = true;
	jw->depth = 0;
}

static void json_indent(struct json_writer *jw)
{
	unsigned int i;

	fputc('\n', jw->out);
	for (i = 0; i < jw->depth; i++)
		fputs("    ", jw->out);
}

/* Length of the valid UTF-8 sequence at @s, 0 if there is none. */
static unsigned int json_utf8_len(const unsigned char *s)
{
	unsigned int len, i;
	uint32_t cp;

	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		len = 2;
		cp = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		len = 3;
		cp = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		len = 4;
		cp = s[0] & 0x07;
	} else {
		return 0;
	}
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	/* overlong forms, UTF-16 surrogates, beyond U+10FFFF */
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	return len;
}

static void json_escape(struct json_writer *jw, const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned int len;

	fputc('"', jw->out);
	while (*s) {
		switch (*s) {
		case '"':
			fputs("\\\"", jw->out);
			break;
		case '\\':
			fputs("\\\\", jw->out);
			break;
		case '\b':
			fputs("\\b", jw->out);
			break;
		case '\f':
			fputs("\\f", jw->out);
			break;
		case '\n':
			fputs("\\n", jw->out);
			break;
		case '\r':
			fputs("\\r", jw->out);
			break;
		case '\t':
			fputs("\\t", jw->out);
			break;
		default:
			if (*s < 0x20 || *s == 0x7f) {
				fprintf(jw->out, "\\u%04x", *s);
			} else if (*s < 0x80) {
				fputc(*s, jw->out);
			} else {
				len = json_utf8_len(s);
				if (!len) {
					fputs("\\ufffd", jw->out);
					break;
				}
				fwrite(s, 1, len, jw->out);
				s += len;
				continue;
			}
		}
		s++;
	}
	fputc('"', jw->out);
}

/* Separator, indentation and key before a member's value. */
static void json_member(struct json_writer *jw, const char *key)
{
	if (jw->depth) {
		if (!jw->first)
			fputc(',', jw->out);
		if (jw->pretty)
			json_indent(jw);
	}
	jw->first = false;
	if (key) {
		json_escape(jw, key);
		fputs(jw->pretty ? ": " : ":", jw->out);
	}
}

/* After a value: the outermost one ends the line. */
static void json_done(struct json_writer *jw)
{
	if (!jw->depth)
		fputc('\n', jw->out);
}

static void json_open(struct json_writer *jw, const char *key, char c)
{
	json_member(jw, key);
	fputc(c, jw->out);
	jw->depth++;
	jw->first = true;
}

static void json_close(struct json_writer *jw, char c)
{
	jw->depth--;
	if (!jw->first && jw->pretty)
		json_indent(jw);
	fputc(c, jw->out);
	jw->first = false;
	json_done(jw);
}

void json_open_object(struct json_writer *jw, const char *key)
{
	json_open(jw, key, '{');
}

void json_close_object(struct json_writer *jw)
{
	json_close(jw, '}');
}

void json_open_array(struct json_writer *jw, const char *key)
{
	json_open(jw, key, '[');
}

void json_close_array(struct json_writer *jw)
{
	json_close(jw, ']');
}

void json_print_string(struct json_writer *jw, const char *key,
		       const char *value)
{
	json_member(jw, key);
	json_escape(jw, value);
	json_done(jw);
}

void json_print_u64(struct json_writer *jw, const char *key, uint64_t value)
{
	json_member(jw, key);
	fprintf(jw->out, "%llu", (unsigned long long)value);
	json_done(jw);
}

void json_print_i64(struct json_writer *jw, const char *key, int64_t value)
{
	json_member(jw, key);
	fprintf(jw->out, "%lld", (long long)value);
	json_done(jw);
}

void json_print_bool(struct json_writer *jw, const char *key, bool value)
{
	json_member(jw, key);
	fputs(value ? "true" : "false", jw->out);
	json_done(jw);
}

void json_print_null(struct json_writer *jw, const char *key)
{
	json_member(jw, key);
	fputs("null", jw->out);
	json_done(jw);
}
