/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hmip: the per-netns settings, shared by "hmip config" and "hmip monitor".
 */
#ifndef _HMIP_CONFIG_H
#define _HMIP_CONFIG_H

#include <stdbool.h>
#include <libmnl/libmnl.h>

#include "json.h"

int config_print(struct json_writer *jw, const struct nlattr *nest,
		 bool one_line);

#endif /* _HMIP_CONFIG_H */
