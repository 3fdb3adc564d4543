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

/*
 * At most this many prefixes per list on the command line, so that two
 * lists fit a request; the kernel takes fewer (16) and says so.
 */
#define ADDR_PREFIXES_MAX	32

/**
 * struct addr_prefix_list - a prefix list of the command line
 * @prefixes: the prefixes, in the order given
 * @count: how many
 * @none: "none" was given: send an empty list
 */
struct addr_prefix_list {
	struct addr_prefix prefixes[ADDR_PREFIXES_MAX];
	unsigned int count;
	bool none;
};

int addr_parse(const char *word, struct in6_addr *addr);
int addr_parse_prefix(const char *word, struct addr_prefix *prefix);
int addr_attr_str(const struct nlattr *attr, char *buf);
int addr_prefix_list_parse(struct addr_prefix_list *list, const char *name,
			   const char *word);
void addr_prefix_list_put(struct nlmsghdr *nlh, uint16_t attr,
			  const struct addr_prefix_list *list);
int addr_prefix_list_get(const struct nlattr *list,
			 char out[][ADDR_PREFIX_STRLEN], unsigned int *count,
			 unsigned int max);

#endif /* _HMIP_ADDR_H */
