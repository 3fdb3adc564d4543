/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hmip: network interfaces, on the command line and in the kernel's
 * answers.
 */
#ifndef _HMIP_IFACE_H
#define _HMIP_IFACE_H

#include <net/if.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <libmnl/libmnl.h>

#include "json.h"

/* "if4294967295" and its NUL fit too */
#define IFACE_STRLEN	(IF_NAMESIZE + 16)

int iface_parse(const char *keyword, const char *word, uint32_t *ifindex);
int iface_resolve(void);
void iface_forget(void);
int iface_parse_name(const char *keyword, const char *word,
		     char name[IFNAMSIZ]);
bool iface_name(uint32_t ifindex, char *buf, size_t size);
void iface_print(struct json_writer *jw, const struct nlattr *attr,
		 const char *name, const char *json, const char *json_index);

#endif /* _HMIP_IFACE_H */
