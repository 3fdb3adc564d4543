// SPDX-License-Identifier: GPL-2.0
/*
 * hmip: IPv6 addresses and prefixes. The command line takes them in the
 * forms inet_pton(3) reads, the kernel sends them as 16-octet attributes,
 * and they are printed as inet_ntop(3) writes them (RFC 5952).
 */

#include <arpa/inet.h>
#include <ctype.h>
#include <string.h>
#include <linux/hmip.h>

#include "addr.h"
#include "cli.h"
#include "nl.h"

/**
 * addr_parse() - read an IPv6 address
 * @word: the address as given
 * @addr: where to store it
 *
 * Return: 0, or HMIP_EXIT_USAGE after a usage error.
 */
int addr_parse(const char *word, struct in6_addr *addr)
{
	if (inet_pton(AF_INET6, word, addr) != 1)
		return cli_usage_err("invalid address \"%s\"", word);
	return 0;
}

/**
 * addr_parse_prefix() - read an IPv6 prefix, ADDRESS/LEN
 * @word: the prefix as given; LEN is a decimal number from 0 to 128
 * @prefix: where to store it
 *
 * Return: 0, or HMIP_EXIT_USAGE after a usage error.
 */
int addr_parse_prefix(const char *word, struct addr_prefix *prefix)
{
	char buf[INET6_ADDRSTRLEN];
	const char *slash = strchr(word, '/'), *p;
	unsigned int len = 0;

	if (!slash || (size_t)(slash - word) >= sizeof(buf) || !slash[1] ||
	    strlen(slash + 1) > 3)
		goto invalid;
	for (p = slash + 1; *p; p++) {
		if (!isdigit((unsigned char)*p))
			goto invalid;
		len = len * 10 + *p - '0';
	}
	if (len > 128)
		goto invalid;
	memcpy(buf, word, slash - word);
	buf[slash - word] = '\0';
	if (inet_pton(AF_INET6, buf, &prefix->addr) != 1)
		goto invalid;
	prefix->len = len;
	return 0;

invalid:
	return cli_usage_err("invalid prefix \"%s\" (expected ADDRESS/LEN, LEN 0 to 128)",
			     word);
}

/**
 * addr_attr_str() - the address of a 16-octet attribute, as text
 * @attr: the attribute
 * @buf: INET6_ADDRSTRLEN bytes
 *
 * Return: 0, or -1 after printing that the answer is malformed.
 */
int addr_attr_str(const struct nlattr *attr, char *buf)
{
	if (mnl_attr_get_payload_len(attr) != sizeof(struct in6_addr) ||
	    !inet_ntop(AF_INET6, mnl_attr_get_payload(attr), buf,
		       INET6_ADDRSTRLEN)) {
		cli_err("malformed answer from the kernel (attribute %u is not an IPv6 address)",
			mnl_attr_get_type(attr));
		return -1;
	}
	return 0;
}

/*
 * One word of a prefix list keyword ("onlink-prefix", "prefix"): a
 * prefix added to @list, or "none" for an empty list.
 */
int addr_prefix_list_parse(struct addr_prefix_list *list, const char *name,
			   const char *word)
{
	if (!strcmp(word, "none")) {
		if (list->count)
			goto mixed;
		list->none = true;
		return 0;
	}
	if (list->none)
		goto mixed;
	if (list->count >= ADDR_PREFIXES_MAX)
		return cli_usage_err("too many \"%s\" (at most %u)", name,
				     ADDR_PREFIXES_MAX);
	return addr_parse_prefix(word, &list->prefixes[list->count++]);

mixed:
	return cli_usage_err("\"%s none\" cannot go with prefixes", name);
}

/* @list as a nest of HMIP_A_PREFIX in @attr. */
void addr_prefix_list_put(struct nlmsghdr *nlh, uint16_t attr,
			  const struct addr_prefix_list *list)
{
	struct nlattr *nest, *entry;
	unsigned int i;

	nest = mnl_attr_nest_start(nlh, attr);
	for (i = 0; i < list->count; i++) {
		entry = mnl_attr_nest_start(nlh, HMIP_A_PREFIX);
		mnl_attr_put(nlh, HMIP_A_PREFIX_ADDR,
			     sizeof(list->prefixes[i].addr),
			     &list->prefixes[i].addr);
		mnl_attr_put_u8(nlh, HMIP_A_PREFIX_LEN, list->prefixes[i].len);
		mnl_attr_nest_end(nlh, entry);
	}
	mnl_attr_nest_end(nlh, nest);
}

/* The prefixes of a list as "addr/len" into @out, @count at most. */
int addr_prefix_list_get(const struct nlattr *list,
			 char out[][ADDR_PREFIX_STRLEN], unsigned int *count,
			 unsigned int max)
{
	static const enum mnl_attr_data_type policy[HMIP_A_PREFIX_MAX + 1] = {
		[HMIP_A_PREFIX_LEN] = MNL_TYPE_U8,
	};
	const struct nlattr *entry;
	char addr[INET6_ADDRSTRLEN];

	*count = 0;
	if (!list)
		return 0;
	mnl_attr_for_each_nested(entry, list) {
		const struct nlattr *tb[HMIP_A_PREFIX_MAX + 1] = {};

		if (mnl_attr_get_type(entry) != HMIP_A_PREFIX)
			continue;
		if (*count >= max) {
			cli_err("malformed answer from the kernel (more than %u prefixes)",
				max);
			return -1;
		}
		if (nl_parse_nested(entry, tb, HMIP_A_PREFIX_MAX, policy))
			return -1;
		if (!tb[HMIP_A_PREFIX_ADDR] || !tb[HMIP_A_PREFIX_LEN]) {
			cli_err("malformed answer from the kernel (a prefix without its address or length)");
			return -1;
		}
		if (addr_attr_str(tb[HMIP_A_PREFIX_ADDR], addr))
			return -1;
		snprintf(out[(*count)++], ADDR_PREFIX_STRLEN, "%s/%u", addr,
			 mnl_attr_get_u8(tb[HMIP_A_PREFIX_LEN]));
	}
	return 0;
}
