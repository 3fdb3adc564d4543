/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hmip: the mobile node role of an interface, shared by "hmip mn" and
 * "hmip monitor".
 */
#ifndef _HMIP_MN_H
#define _HMIP_MN_H

#include <stdbool.h>
#include <libmnl/libmnl.h>

#include "json.h"

int mn_print(struct json_writer *jw, const struct nlattr *nest, bool event);

#endif /* _HMIP_MN_H */
