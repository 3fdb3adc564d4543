/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Which addresses the roles accept where the RFCs ask for a global one:
 * a MAP's address in its option, a care-of address, a home agent's
 * address from discovery, a new access router.
 */
#ifndef _HMIP_ADDR_H
#define _HMIP_ADDR_H

#include <net/ipv6.h>

/**
 * hmip_addr_global - is @a a global unicast address?
 * @a: the address
 *
 * Return: true for unicast that is neither link-local, site-local
 * (deprecated, RFC 3879), loopback nor IPv4-mapped.
 */
static inline bool hmip_addr_global(const struct in6_addr *a)
{
	int type = ipv6_addr_type(a);

	return type & IPV6_ADDR_UNICAST &&
	       !(type & (IPV6_ADDR_LINKLOCAL | IPV6_ADDR_SITELOCAL |
			 IPV6_ADDR_LOOPBACK | IPV6_ADDR_MAPPED));
}

#endif /* _HMIP_ADDR_H */
