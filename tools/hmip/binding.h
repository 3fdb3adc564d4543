/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hmip: a MAP's bindings, shared by "hmip binding" and "hmip monitor".
 */
#ifndef _HMIP_BINDING_H
#define _HMIP_BINDING_H

#include <stdbool.h>
#include <libmnl/libmnl.h>

#include "json.h"

int binding_print(struct json_writer *jw, const struct nlattr *nest,
		  bool event);

#endif /* _HMIP_BINDING_H */
