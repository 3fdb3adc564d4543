/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hmip: IPv6 addresses and prefixes, on the command line and in the
 * kernel's answers.
 */
#ifndef _HMIP_ADDR_H
#define _HMIP_ADDR_H

#include <stdbool.h>
#include <stdint.h>
#include <netinet/in.h>
#include <libmnl/libmnl.h>

/* "2001:db8::1/128" and its NUL */
#define ADDR_PREFIX_STRLEN	(INET6_ADDRSTRLEN + 4)

/**
 * struct addr_prefix - an IPv6 prefix
 * @addr: its address, as given (bits past @len are kept)
 * @len: its length, 0 to 128
 */
struct addr_prefix {
	struct in6_addr addr;
	uint8_t len;
};

int addr_parse(const char *word, struct in6_addr *addr);
int addr_parse_prefix(const char *word, struct addr_prefix *prefix);
int addr_attr_str(const struct nlattr *attr, char *buf);

#endif /* _HMIP_ADDR_H */
