/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Router advertisements as the roles read them (RFC 4861 section 4.2):
 * finding one in a packet, the checks ndisc would make, and a walk over
 * its options. Shared by the access router, the mobile node and the home
 * agent.
 */
#ifndef _HMIP_ND_RA_H
#define _HMIP_ND_RA_H

#include <linux/icmpv6.h>
#include <linux/ipv6.h>
#include <linux/skbuff.h>
#include <linux/types.h>
#include <net/addrconf.h>

/* RFC 6275 section 7.3: the Advertisement Interval option, Length 1:
 * two reserved octets, then the interval in milliseconds (32 bits).
 */
#define HMIP_ND_OPT_ADV_INTERVAL	7

/**
 * struct hmip_nd_msg - where an ICMPv6 message lies in a packet
 * @off: offset of its ICMPv6 header from skb->data
 * @len: its octets, header included
 */
struct hmip_nd_msg {
	unsigned int off;
	unsigned int len;
};

/**
 * struct hmip_nd_ra_opts - a walk over a router advertisement's options
 * @skb: the packet
 * @pos: offset of the next option
 * @end: offset of the end of the message
 * @type: the current option's Type
 * @len: the current option's octets (its Length times 8)
 * @data: its first min(@len, sizeof(@buf)) octets, which is the whole
 *	of a Prefix Information or a MAP option
 * @buf: where @data is copied when the packet is not linear there
 */
struct hmip_nd_ra_opts {
	const struct sk_buff *skb;
	unsigned int pos;
	unsigned int end;
	u8 type;
	unsigned int len;
	const u8 *data;
	u8 buf[sizeof(struct prefix_info)];
};

const struct icmp6hdr *hmip_nd_ra_icmp(const struct sk_buff *skb,
				       struct icmp6hdr *buf,
				       struct hmip_nd_msg *msg);
bool hmip_nd_ra_match(const struct icmp6hdr *icmph,
		      const struct hmip_nd_msg *msg);
bool hmip_nd_ra_from_router(const struct ipv6hdr *ip6h);
int hmip_nd_ra_check(struct sk_buff *skb, const struct hmip_nd_msg *msg,
		     bool policy);
void hmip_nd_ra_opts_start(struct hmip_nd_ra_opts *it,
			   const struct sk_buff *skb,
			   const struct hmip_nd_msg *msg);
int hmip_nd_ra_opts_next(struct hmip_nd_ra_opts *it);

#endif /* _HMIP_ND_RA_H */
