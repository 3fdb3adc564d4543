// SPDX-License-Identifier: GPL-2.0
/*
 * RtSolPr and PrRtAdv (RFC 5568 section 6.1): the checks a receiver
 * makes, a walk over their options, and the options' encoding. Every
 * read goes through skb_header_pointer() within the ICMPv6 length, which
 * hmip_nd_ra_icmp() found inside the packet.
 */

#include <linux/build_bug.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <net/ip6_checksum.h>
#include <net/ipv6.h>

#include "nd/fmip.h"

static_assert(sizeof(struct hmip_fmip_hdr) == 8);
static_assert(sizeof(struct hmip_fmip_ipaddr) ==
	      HMIP_FMIP_OPT_IPADDR_LEN * 8);
/* The walk's copy holds a whole IP Address/Prefix option. */
static_assert(sizeof_field(struct hmip_nd_ra_opts, buf) >=
	      sizeof(struct hmip_fmip_ipaddr));

/**
 * hmip_fmip_match - is this ICMPv6 message the FMIPv6 subtype asked for?
 * @icmph: its header
 * @msg: where it lies
 * @subtype: %HMIP_FMIP_SUB_RTSOLPR or %HMIP_FMIP_SUB_PRRTADV
 *
 * The Subtype is the first octet after the ICMPv6 header's four, which
 * &struct icmp6hdr holds.
 *
 * Return: true for type 154 of @subtype with at least the fixed part.
 */
bool hmip_fmip_match(const struct icmp6hdr *icmph,
		     const struct hmip_nd_msg *msg, u8 subtype)
{
	const struct hmip_fmip_hdr *h = (const struct hmip_fmip_hdr *)icmph;

	static_assert(sizeof(struct icmp6hdr) >= sizeof(*h));
	return icmph->icmp6_type == HMIP_FMIP_TYPE &&
	       msg->len >= sizeof(*h) && h->subtype == subtype;
}

/**
 * hmip_fmip_check - may a received RtSolPr or PrRtAdv be answered or
 *	learned from?
 * @skb: the packet
 * @msg: where the message lies
 *
 * Section 6.1: hop limit 255 (as for all of Neighbour Discovery: the
 * message was not forwarded from another link) and a correct checksum.
 *
 * Return: 0, or -EINVAL.
 */
int hmip_fmip_check(struct sk_buff *skb, const struct hmip_nd_msg *msg)
{
	const struct ipv6hdr *ip6h = ipv6_hdr(skb);

	if (ip6h->hop_limit != 255 ||
	    csum_ipv6_magic(&ip6h->saddr, &ip6h->daddr, msg->len,
			    IPPROTO_ICMPV6,
			    skb_checksum(skb, msg->off, msg->len, 0)))
		return -EINVAL;
	return 0;
}

/* A walk over the options after the 8 octets of the fixed part; stepped
 * with hmip_nd_ra_opts_next(), as a router advertisement's.
 */
void hmip_fmip_opts_start(struct hmip_nd_ra_opts *it,
			  const struct sk_buff *skb,
			  const struct hmip_nd_msg *msg)
{
	it->skb = skb;
	it->pos = msg->off + sizeof(struct hmip_fmip_hdr);
	it->end = msg->off + msg->len;
}

/**
 * hmip_fmip_lla_parse - decode the Link-Layer Address option the walk is at
 * @it: the walk, at an option of type %HMIP_FMIP_OPT_LLA
 * @lla: the option
 *
 * Return: false when it is too short to hold an Option-Code.
 */
bool hmip_fmip_lla_parse(const struct hmip_nd_ra_opts *it,
			 struct hmip_fmip_lla *lla)
{
	unsigned int have = min_t(unsigned int, it->len, sizeof(it->buf));

	if (have < 3)
		return false;
	lla->code = it->data[2];
	lla->len = min_t(unsigned int, have - 3, HMIP_FMIP_LLA_MAX);
	memcpy(lla->addr, it->data + 3, lla->len);
	return true;
}

/**
 * hmip_fmip_ipaddr_parse - decode the IP Address/Prefix option the walk
 *	is at
 * @it: the walk, at an option of type %HMIP_FMIP_OPT_IPADDR
 * @ip: the option
 *
 * Return: false unless it is Length 3 with a prefix length of 128 at most.
 */
bool hmip_fmip_ipaddr_parse(const struct hmip_nd_ra_opts *it,
			    struct hmip_fmip_ipaddr *ip)
{
	if (it->len != sizeof(*ip))
		return false;
	memcpy(ip, it->data, sizeof(*ip));
	return ip->plen <= 128;
}

/**
 * hmip_fmip_put - room for @len more octets of a message being built
 * @m: the message
 * @len: octets wanted; they are zeroed
 *
 * Return: where they go, or NULL when @m is full.
 */
void *hmip_fmip_put(struct hmip_fmip_msg *m, unsigned int len)
{
	void *p;

	if (len > m->size - m->len)
		return NULL;
	p = m->buf + m->len;
	memset(p, 0, len);
	m->len += len;
	return p;
}

/**
 * hmip_fmip_put_lla - append a Link-Layer Address option
 * @m: the message
 * @code: its Option-Code
 * @addr: the link-layer address
 * @len: its octets, %HMIP_FMIP_LLA_MAX at most
 *
 * Padded with zeros to a multiple of 8 octets (section 6.4.3).
 *
 * Return: 0, or -EMSGSIZE when @m is full.
 */
int hmip_fmip_put_lla(struct hmip_fmip_msg *m, u8 code, const u8 *addr,
		      unsigned int len)
{
	unsigned int size = ALIGN(3 + len, 8);
	u8 *p;

	if (len > HMIP_FMIP_LLA_MAX)
		return -EINVAL;
	p = hmip_fmip_put(m, size);
	if (!p)
		return -EMSGSIZE;
	p[0] = HMIP_FMIP_OPT_LLA;
	p[1] = size / 8;
	p[2] = code;
	memcpy(p + 3, addr, len);
	return 0;
}

/**
 * hmip_fmip_put_ipaddr - append an IP Address/Prefix option
 * @m: the message
 * @code: its Option-Code
 * @addr: the address or prefix; the bits after @plen go out as zero
 * @plen: the prefix length
 *
 * Return: 0, or -EMSGSIZE when @m is full.
 */
int hmip_fmip_put_ipaddr(struct hmip_fmip_msg *m, u8 code,
			 const struct in6_addr *addr, u8 plen)
{
	struct hmip_fmip_ipaddr *o = hmip_fmip_put(m, sizeof(*o));

	if (!o)
		return -EMSGSIZE;
	o->type = HMIP_FMIP_OPT_IPADDR;
	o->len = HMIP_FMIP_OPT_IPADDR_LEN;
	o->code = code;
	o->plen = plen;
	ipv6_addr_prefix(&o->addr, addr, plen);
	return 0;
}
