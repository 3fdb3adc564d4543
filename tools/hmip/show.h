/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hmip: the output of the "show" commands, one entry per message of the
 * kernel's answer, printed as it comes.
 */
#ifndef _HMIP_SHOW_H
#define _HMIP_SHOW_H

#include <stdbool.h>
#include <stdint.h>
#include <libmnl/libmnl.h>

#include "json.h"

/**
 * struct show - the output of a "show" command
 * @jw: with -j, the JSON writer of the array of entries, once @open
 * @open: the JSON array is open
 */
struct show {
	struct json_writer jw;
	bool open;
};

const struct nlattr *show_nest(const struct nlmsghdr *nlh, uint16_t attr,
			       const char *what);
struct json_writer *show_next(struct show *show);
void show_end(struct show *show, int ret);
int show_run(uint8_t cmd, void (*put)(struct nlmsghdr *nlh, const void *arg),
	     const void *arg, mnl_cb_t cb,
	     const char *(*attr_name)(const uint16_t *path,
				      unsigned int depth));

#endif /* _HMIP_SHOW_H */
