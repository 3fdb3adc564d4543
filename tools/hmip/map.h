/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hmip: the MAPs, shared by "hmip map" and "hmip monitor".
 */
#ifndef _HMIP_MAP_H
#define _HMIP_MAP_H

#include <stdbool.h>
#include <libmnl/libmnl.h>

#include "json.h"

int map_print(struct json_writer *jw, const struct nlattr *nest, bool event);

#endif /* _HMIP_MAP_H */
