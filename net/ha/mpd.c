// SPDX-License-Identifier: GPL-2.0
/*
 * Mobile Prefix Discovery at the home agent (RFC 6275 sections 6.7, 6.8,
 * 10.6 and 11.4.2): a mobile node away from home sends a Mobile Prefix
 * Solicitation (ICMPv6 146) from its care-of address to its home agent,
 * its home address in a Home Address option; the home agent answers with
 * a Mobile Prefix Advertisement (147) that lists its home prefixes as
 * Prefix Information options, sent to the care-of address with the home
 * address in a type 2 routing header.
 *
 * The home agent's LOCAL_IN hook (dhaad.c) hands solicitations over. It
 * sees one twice when ESP protects it: first as the wire had it
 * (Destination Options, then ESP), which is left to the kernel to swap
 * the Home Address option in and decrypt, then once more when xfrm
 * re-injects the plaintext, the swap done and the secpath set. An
 * unprotected one is taken on its first pass; ICMPv6 would only count an
 * unknown type.
 *
 * Unsolicited advertisements on prefix changes (section 10.6.2) are not
 * sent yet: a mobile node asks when it needs to know.
 */

#include <linux/icmpv6.h>
#include <linux/slab.h>
#include <net/addrconf.h>
#include <net/ip6_checksum.h>
#include <net/ipv6.h>

#include "core/netns.h"
#include "core/ratelimit.h"
#include "ha/ha.h"
#include "mh/xfrm.h"
#include "nd/send.h"

/* Type, Code, Checksum, Identifier, and Reserved or M, O, Reserved. */
#define HMIP_HA_MPD_HDR_LEN	8

/* RFC 4861 section 4.6.2, the Prefix Information option. */
struct hmip_ha_pio {
	u8 type;
	u8 length;
	u8 prefix_len;
	u8 flags;
	__be32 valid;
	__be32 preferred;
	__be32 reserved;
	struct in6_addr prefix;
};

static_assert(sizeof(struct hmip_ha_pio) == 32);

#define HMIP_HA_PIO_L		0x80
#define HMIP_HA_PIO_A		0x40

/* Every home prefix fits the minimum IPv6 MTU: 8 + 16 * 32 octets. */
#define HMIP_HA_MPA_MAX_LEN \
	(HMIP_HA_MPD_HDR_LEN + \
	 HMIP_ANCHOR_MAX_PREFIXES * sizeof(struct hmip_ha_pio))

/**
 * struct hmip_ha_mps - a Mobile Prefix Solicitation, located
 * @hoa: the mobile node's home address
 * @coa: its care-of address, where the answer goes
 * @off: offset of the ICMPv6 message from skb->data
 * @len: its octets
 */
struct hmip_ha_mps {
	struct in6_addr hoa;
	struct in6_addr coa;
	unsigned int off;
	unsigned int len;
};

/* Finds a solicitation's parts: a Destination Options header with a Home
 * Address option right after the IPv6 header, then ICMPv6 type 146.
 * Return: 0; -ENOENT for a packet that is no solicitation (one ESP still
 * hides, too); -EINVAL for one too broken to be answered.
 */
static int hmip_ha_mpd_parse(struct sk_buff *skb, struct hmip_ha_mps *m)
{
	unsigned int nhoff = skb_network_offset(skb);
	const struct ipv6_destopt_hao *hao;
	const struct ipv6_opt_hdr *hdr;
	const struct ipv6hdr *ip6h;
	struct ipv6_opt_hdr _hdr;
	unsigned int optlen, end;
	u8 _type, *type;
	int hao_off;

	if (ipv6_hdr(skb)->nexthdr != NEXTHDR_DEST)
		return -ENOENT;
	hdr = skb_header_pointer(skb, nhoff + sizeof(*ip6h), sizeof(_hdr),
				 &_hdr);
	if (!hdr || hdr->nexthdr != IPPROTO_ICMPV6)
		return -ENOENT;
	optlen = ipv6_optlen(hdr);
	m->off = nhoff + sizeof(*ip6h) + optlen;
	type = skb_header_pointer(skb, m->off, sizeof(_type), &_type);
	if (!type || *type != ICMPV6_MOBILE_PREFIX_SOL)
		return -ENOENT;

	/* ipv6_find_tlv() reads the header in place. */
	if (!pskb_may_pull(skb, m->off))
		return -EINVAL;
	ip6h = ipv6_hdr(skb);
	end = nhoff + sizeof(*ip6h) + ntohs(ip6h->payload_len);
	if (end > skb->len || end < m->off + HMIP_HA_MPD_HDR_LEN)
		return -EINVAL;
	m->len = end - m->off;
	hao_off = ipv6_find_tlv(skb, sizeof(*ip6h), IPV6_TLV_HAO);
	if (hao_off < 0)
		return -EINVAL;
	hao = (const struct ipv6_destopt_hao *)(skb_network_header(skb) +
						hao_off);
	if (hao->length != sizeof(hao->addr))
		return -EINVAL;
	/* The kernel swaps the option's address in before it decrypts:
	 * on the second pass of a protected one the source is the home
	 * address already.
	 */
	if (IP6CB(skb)->dsthao) {
		m->hoa = ip6h->saddr;
		m->coa = hao->addr;
	} else {
		m->coa = ip6h->saddr;
		m->hoa = hao->addr;
	}
	return 0;
}

/* RFC 6275 section 9.3.1: a Home Address option is believed when IPsec
 * protected the packet, or when a binding ties that home address to the
 * care-of address it came from.
 */
static bool hmip_ha_mpd_bound(struct hmip_ha *ha, const struct hmip_ha_mps *m)
{
	struct hmip_binding *b;

	b = hmip_anchor_bcache_lookup(&ha->anchor.an->bcache, &m->hoa);
	return b && b->owner == &ha->anchor &&
	       READ_ONCE(b->state) == HMIP_BINDING_VALID &&
	       ipv6_addr_equal(&b->lcoa, &m->coa);
}

/* Section 10.6.3: from the home agent's address the registration used,
 * to the solicitation's source, the home address in a type 2 routing
 * header; every home prefix, with what the home link says of it.
 */
static void hmip_ha_mpd_advertise(struct hmip_net *hn, struct hmip_ha *ha,
				  const struct hmip_ha_mps *m, __be16 id)
{
	const struct hmip_anchor_params *p = rcu_dereference(ha->anchor.params);
	struct hmip_ha_pio *pio;
	struct icmp6hdr *mpa;
	u32 valid, preferred;
	struct flowi6 fl6;
	unsigned int i;
	int err;

	mpa = kzalloc(HMIP_HA_MPA_MAX_LEN, GFP_ATOMIC);
	if (!mpa) {
		HMIP_INC_STATS(hn, HA_MPA_DROP_NOMEM);
		return;
	}
	mpa->icmp6_type = ICMPV6_MOBILE_PREFIX_ADV;
	mpa->icmp6_identifier = id;
	/* M and O stay clear: this node learns no advertisement's flags. */
	pio = (struct hmip_ha_pio *)(mpa + 1);
	for (i = 0; i < p->n_home; i++, pio++) {
		hmip_ha_prefix_lifetimes(ha, &p->home[i].addr, &valid,
					 &preferred);
		pio->type = ND_OPT_PREFIX_INFO;
		pio->length = sizeof(*pio) / 8;
		pio->prefix_len = p->home[i].len;
		pio->flags = HMIP_HA_PIO_L | HMIP_HA_PIO_A;
		pio->valid = htonl(valid);
		pio->preferred = htonl(min(preferred, valid));
		ipv6_addr_prefix(&pio->prefix, &p->home[i].addr,
				 p->home[i].len);
	}

	memset(&fl6, 0, sizeof(fl6));
	fl6.flowi6_proto = IPPROTO_ICMPV6;
	fl6.saddr = ha->anchor.addr;
	fl6.daddr = m->hoa;
	fl6.fl6_icmp_type = ICMPV6_MOBILE_PREFIX_ADV;
	err = hmip_nd_send_icmp_rh2(hn, &fl6, &m->coa, mpa,
				    HMIP_HA_MPD_HDR_LEN +
				    p->n_home * sizeof(*pio));
	if (err == -ENOMEM)
		HMIP_INC_STATS(hn, HA_MPA_DROP_NOMEM);
	else if (err)
		HMIP_INC_STATS(hn, HA_MPA_DROP_NO_ROUTE);
	else
		HMIP_INC_STATS(hn, HA_MPA_REPLY);
	kfree(mpa);
}

/**
 * hmip_ha_mpd_rcv - a Mobile Prefix Solicitation, at LOCAL_IN
 * @hn: hmip state of the netns
 * @skb: a packet for this node with a Destination Options header first
 *
 * Context: softirq, RCU held (a netfilter hook).
 * Return: true when it was a solicitation to one of this netns's home
 * agents and is consumed; false to let the kernel have the packet.
 */
bool hmip_ha_mpd_rcv(struct hmip_net *hn, struct sk_buff *skb)
{
	const struct hmip_anchor_params *p;
	const struct icmp6hdr *icmph;
	struct icmp6hdr _icmph;
	struct hmip_ha_mps m;
	struct hmip_sa_id sa;
	struct hmip_ha *ha;
	bool protected;
	int err;

	ha = hmip_ha_lookup(hn, &ipv6_hdr(skb)->daddr);
	if (!ha)
		return false;
	err = hmip_ha_mpd_parse(skb, &m);
	if (err == -ENOENT)
		return false;
	HMIP_INC_STATS(hn, HA_MPS_REQUEST);
	icmph = err ? NULL : skb_header_pointer(skb, m.off, sizeof(_icmph),
						&_icmph);
	/* Sections 6.7 and 9.3.1: the fixed part, code 0, a checksum over
	 * the home address as source, a home address that could be one.
	 */
	if (!icmph || icmph->icmp6_code ||
	    csum_ipv6_magic(&m.hoa, &ipv6_hdr(skb)->daddr, m.len,
			    IPPROTO_ICMPV6, skb_checksum(skb, m.off, m.len, 0)) ||
	    ipv6_addr_type(&m.hoa) & (IPV6_ADDR_MULTICAST | IPV6_ADDR_LOOPBACK |
				      IPV6_ADDR_LINKLOCAL) ||
	    ipv6_addr_any(&m.hoa) || ipv6_addr_any(&m.coa) ||
	    ipv6_addr_is_multicast(&m.coa)) {
		HMIP_INC_STATS(hn, HA_MPS_DROP_MALFORMED);
		return true;
	}
	p = rcu_dereference(ha->anchor.params);
	if (!hmip_anchor_prefix_match(p->home, p->n_home, &m.hoa)) {
		HMIP_INC_STATS(hn, HA_MPS_DROP_NOT_HOME);
		return true;
	}
	/* Only the re-injected plaintext has a secpath; the selector sees
	 * the home address as source then.
	 */
	protected = IP6CB(skb)->dsthao &&
		    hmip_mh_xfrm_protected_msg(skb, IPPROTO_ICMPV6,
					       ICMPV6_MOBILE_PREFIX_SOL, &sa);
	if (!protected && p->require_ipsec) {
		HMIP_INC_STATS(hn, HA_MPS_DROP_NO_IPSEC);
		return true;
	}
	if (!protected && !hmip_ha_mpd_bound(ha, &m)) {
		HMIP_INC_STATS(hn, HA_MPS_DROP_NO_BINDING);
		return true;
	}
	if (!hmip_ratelimit_allow(&hn->err_rl, &m.coa)) {
		HMIP_INC_STATS(hn, HA_MPS_DROP_RATELIMIT);
		return true;
	}
	hmip_ha_mpd_advertise(hn, ha, &m, icmph->icmp6_identifier);
	return true;
}
