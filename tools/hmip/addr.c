// SPDX-License-Identifier: GPL-2.0
/*
 * hmip: IPv6 addresses and prefixes. The command line takes them in the
 * forms inet_pton(3) reads, the kernel sends them as 16-octet attributes,
 * and they are printed as inet_ntop(3) writes them (RFC 5952).
 */

#include <arpa/inet.h>
#include <ctype.h>
#include <string.h>

#include "addr.h"
#include "cli.h"

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
