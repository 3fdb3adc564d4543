/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hmip: the access router's entries, shared by "hmip ar" and
 * "hmip monitor".
 */
#ifndef _HMIP_AR_H
#define _HMIP_AR_H

#include <stdbool.h>
#include <libmnl/libmnl.h>

#include "json.h"

int ar_print(struct json_writer *jw, const struct nlattr *nest, bool event);

#endif /* _HMIP_AR_H */
