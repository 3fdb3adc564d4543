/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hmip: the home agents, shared by "hmip ha" and "hmip monitor".
 */
#ifndef _HMIP_HA_H
#define _HMIP_HA_H

#include <stdbool.h>
#include <libmnl/libmnl.h>

#include "json.h"

int ha_print(struct json_writer *jw, const struct nlattr *nest, bool event);

#endif /* _HMIP_HA_H */
