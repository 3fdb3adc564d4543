// SPDX-License-Identifier: GPL-2.0
/*
 * Router advertisements as the roles read them: the access router (MAP
 * options into outgoing ones, out of incoming ones), the mobile node
 * (MAP options and prefixes out of received ones) and the home agent
 * (the Home Agents List).
 *
 * The roles read advertisements in netfilter hooks, before ndisc has
 * checked them, so the checks ndisc makes are made here again: a packet
 * hosts would not take as a router advertisement must not be learned
 * from. Every read goes through skb_header_pointer() within the ICMPv6
 * length, which the caller has found inside the packet.
 */

#include <linux/build_bug.h>
#include <linux/kernel.h>
#include <net/ip6_checksum.h>
#include <net/ndisc.h>
#include <net/xfrm.h>

#include "nd/map_opt.h"
#include "nd/ra.h"

/* The options the roles read fit in one peek. */
static_assert(sizeof_field(struct hmip_nd_ra_opts, buf) >=
	      sizeof(struct hmip_map_opt));

/**
 * hmip_nd_ra_icmp - the ICMPv6 message of a received packet
 * @skb: the packet, its network header set
 * @buf: room for a copy of the ICMPv6 header
 * @msg: where the message lies, when there is one
 *
 * Only ICMPv6 right after the IPv6 header is found: routers send
 * advertisements so, and at LOCAL_IN IPsec has taken its headers away.
 *
 * Return: the ICMPv6 header, or NULL when the packet has none or is
 * shorter than its Payload Length says.
 */
const struct icmp6hdr *hmip_nd_ra_icmp(const struct sk_buff *skb,
				       struct icmp6hdr *buf,
				       struct hmip_nd_msg *msg)
{
	const struct ipv6hdr *ip6h = ipv6_hdr(skb);
	const struct icmp6hdr *icmph;

	if (ip6h->nexthdr != IPPROTO_ICMPV6)
		return NULL;
	msg->off = skb_network_offset(skb) + sizeof(*ip6h);
	msg->len = ntohs(ip6h->payload_len);
	icmph = skb_header_pointer(skb, msg->off, sizeof(*buf), buf);
	if (!icmph || msg->off + msg->len > skb->len)
		return NULL;
	return icmph;
}

/**
 * hmip_nd_ra_match - is this ICMPv6 message a router advertisement?
 * @icmph: its header
 * @msg: where it lies
 *
 * Return: true for type 134 code 0 with at least the fixed part.
 */
bool hmip_nd_ra_match(const struct icmp6hdr *icmph,
		      const struct hmip_nd_msg *msg)
{
	return icmph->icmp6_type == NDISC_ROUTER_ADVERTISEMENT &&
	       !icmph->icmp6_code && msg->len >= sizeof(struct ra_msg);
}

/**
 * hmip_nd_ra_from_router - could the hosts of the link take it as one?
 * @ip6h: the packet's IPv6 header
 *
 * RFC 4861 section 6.1.2: hop limit 255 and a link-local source. Anything
 * else of type 134 is a forwarded packet, or a forged one.
 *
 * Return: true when both hold.
 */
bool hmip_nd_ra_from_router(const struct ipv6hdr *ip6h)
{
	return ip6h->hop_limit == 255 &&
	       ipv6_addr_type(&ip6h->saddr) & IPV6_ADDR_LINKLOCAL;
}

/**
 * hmip_nd_ra_check - may a received advertisement be learned from?
 * @skb: the packet
 * @msg: where the advertisement lies, from hmip_nd_ra_icmp()
 * @policy: ask the IPsec policy too
 *
 * What ndisc and ICMPv6 check only after the roles' hooks: hop limit,
 * source and checksum, then the IPsec policy (an unprotected
 * advertisement where AH is required, RFC 4140 section 7). What they
 * would drop must not be learned either. Option lengths are checked by
 * the walk.
 *
 * Return: 0 when it may, -EINVAL when ndisc would drop it, -EPERM when
 * the IPsec policy refuses it.
 */
int hmip_nd_ra_check(struct sk_buff *skb, const struct hmip_nd_msg *msg,
		     bool policy)
{
	const struct ipv6hdr *ip6h = ipv6_hdr(skb);

	if (!hmip_nd_ra_from_router(ip6h) ||
	    csum_ipv6_magic(&ip6h->saddr, &ip6h->daddr, msg->len,
			    IPPROTO_ICMPV6,
			    skb_checksum(skb, msg->off, msg->len, 0)))
		return -EINVAL;
	if (policy && !xfrm6_policy_check(NULL, XFRM_POLICY_IN, skb))
		return -EPERM;
	return 0;
}

/**
 * hmip_nd_ra_opts_start - begin a walk over an advertisement's options
 * @it: the walk
 * @skb: the packet
 * @msg: where the advertisement lies; at least a &struct ra_msg long
 */
void hmip_nd_ra_opts_start(struct hmip_nd_ra_opts *it,
			   const struct sk_buff *skb,
			   const struct hmip_nd_msg *msg)
{
	it->skb = skb;
	it->pos = msg->off + sizeof(struct ra_msg);
	it->end = msg->off + msg->len;
}

/**
 * hmip_nd_ra_opts_next - step to the next option
 * @it: the walk
 *
 * Sets @it's type, len and data to the next option. Fewer than two
 * octets after the last option end the walk as the message's end does.
 *
 * Return: 1 for an option, 0 at the end, -EINVAL when an option has
 * Length 0 or runs past the message (ndisc drops the whole packet then,
 * RFC 4861 section 6.1.2).
 */
int hmip_nd_ra_opts_next(struct hmip_nd_ra_opts *it)
{
	const u8 *p;

	if (it->pos + 2 > it->end)
		return 0;
	p = skb_header_pointer(it->skb, it->pos, 2, it->buf);
	if (!p)
		return -EINVAL;
	it->type = p[0];
	it->len = p[1] * 8;
	if (!it->len || it->pos + it->len > it->end)
		return -EINVAL;
	it->data = skb_header_pointer(it->skb, it->pos,
				      min_t(unsigned int, it->len,
					    sizeof(it->buf)),
				      it->buf);
	if (!it->data)
		return -EINVAL;
	it->pos += it->len;
	return 1;
}
