/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hmip: a small JSON writer, compact (one line) or pretty (indented by four
 * spaces, as "ip -j -p" prints it).
 */
#ifndef _HMIP_JSON_H
#define _HMIP_JSON_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

/**
 * struct json_writer - state of one JSON value being written
 * @out: where it goes
 * @pretty: one member per line, indented
 * @first: nothing written yet in the innermost open object or array
 * @depth: number of objects and arrays open
 *
 * Every json_print_*() and json_open_*() takes a @key: the member's name
 * inside an object, NULL inside an array or for the outermost value. The
 * outermost value ends with a newline.
 */
struct json_writer {
	FILE *out;
	bool pretty;
	bool first;
	unsigned int depth;
};

void json_init(struct json_writer *jw, FILE *out, bool pretty);
void json_open_object(struct json_writer *jw, const char *key);
void json_close_object(struct json_writer *jw);
void json_open_array(struct json_writer *jw, const char *key);
void json_close_array(struct json_writer *jw);
void json_print_string(struct json_writer *jw, const char *key,
		       const char *value);
void json_print_u64(struct json_writer *jw, const char *key, uint64_t value);
void json_print_i64(struct json_writer *jw, const char *key, int64_t value);
void json_print_bool(struct json_writer *jw, const char *key, bool value);
void json_print_null(struct json_writer *jw, const char *key);

#endif /* _HMIP_JSON_H */
