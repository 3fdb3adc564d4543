// SPDX-License-Identifier: GPL-2.0
/*
 * The reverse tunnel at an anchor (RFC 4140 section 6.1): a mobile node
 * sends its traffic as IPv6-in-IPv6 from its LCoA to the anchor, the
 * inner packet from its RCoA. The anchor takes the inner packet only when
 * its source is the RCoA bound to exactly that LCoA (or, while a fast
 * handover bicasts, to the previous one); anything else
 * claiming one of the anchor's addresses is dropped and counted, so
 * nobody can use the anchor to send from an address it does not hold.
 *
 * hmip's one handler on the kernel's IPv6-in-IPv6 demultiplexer (tunnel6,
 * ahead of ip6_tunnel, sit, vti6 and xfrm6_tunnel; tunnel/tunnel.c) asks
 * the roles; an anchor role's demux calls this file, which passes on
 * every packet that is not for one of the role's anchors in this netns,
 * so those keep working. ICMPv6 errors about packets an anchor tunnelled
 * come back through the same demultiplexer and are relayed to the inner
 * source (RFC 2473 section 8).
 */
#include <linux/icmpv6.h>
#include <net/inet_ecn.h>
#include <net/ip6_route.h>
#include <net/ip6_tunnel.h>
#include <net/ip_tunnels.h>
#include <net/xfrm.h>

#include "anchor/anchor.h"
#include "anchor/bcache.h"
#include "core/netns.h"
#include "tunnel/tunnel.h"

/**
 * hmip_anchor_decap_rcv - take a packet a mobile node tunnelled back
 * @an: the anchors of the role asked, in the packet's netns
 * @skb: the packet, skb->data at the inner header
 *
 * Return: 0 when the packet was one of @an's (taken or dropped), non-zero
 * to let the next handler have it.
 */
int hmip_anchor_decap_rcv(struct hmip_anchor_net *an, struct sk_buff *skb)
{
	const struct ipv6hdr *outer, *inner;
	struct hmip_binding *b;
	struct in6_addr lcoa, old;
	struct hmip_anchor *a;
	bool bicast;
	int len;

	rcu_read_lock();
	a = an->ops->lookup(an, &ipv6_hdr(skb)->daddr);
	if (!a)
		goto not_ours;
	/* skb->data is at the inner header. */
	if (!pskb_may_pull(skb, sizeof(*inner))) {
		HMIP_ANCHOR_INC_STATS(an, DECAP_DROP_MALFORMED);
		goto drop;
	}
	outer = ipv6_hdr(skb);
	inner = (const struct ipv6hdr *)skb->data;
	if (!hmip_anchor_binds(a, &inner->saddr))
		goto not_ours;
	if (inner->version != 6) {
		HMIP_ANCHOR_INC_STATS(an, DECAP_DROP_MALFORMED);
		goto drop;
	}

	b = hmip_anchor_bcache_lookup(&an->bcache, &inner->saddr);
	if (!b || b->owner != a ||
	    READ_ONCE(b->state) != HMIP_BINDING_VALID) {
		HMIP_ANCHOR_INC_STATS(an, DECAP_DROP_NO_BINDING);
		goto drop;
	}
	/* While a fast handover bicasts (RFC 4140 Appendix A), the node
	 * may still send from the previous LCoA, which gets its packets
	 * too (RFC 5568 section 4: until it has left that link).
	 */
	bicast = hmip_anchor_bcache_binding_bicast(b, &lcoa, &old);
	if (!ipv6_addr_equal(&lcoa, &outer->saddr)) {
		if (!bicast || !ipv6_addr_equal(&old, &outer->saddr)) {
			HMIP_ANCHOR_INC_STATS(an, DECAP_DROP_WRONG_LCOA);
			goto drop;
		}
		HMIP_INC_STATS(an->hn, BINDING_BICAST_RX);
	}
	if (!xfrm6_policy_check(NULL, XFRM_POLICY_IN, skb)) {
		HMIP_ANCHOR_INC_STATS(an, DECAP_DROP_POLICY);
		goto drop;
	}

	len = hmip_tunnel_rx(a->tunnel, skb, ipv6_get_dsfield(outer),
			     an->ops->mib[HMIP_ANCHOR_MIB_DECAP_DROP_ECN]);
	if (len >= 0) {
		atomic64_inc(&b->rx_packets);
		atomic64_add(len, &b->rx_bytes);
	}
	rcu_read_unlock();
	return 0;

not_ours:
	rcu_read_unlock();
	return -EINVAL;
drop:
	rcu_read_unlock();
	kfree_skb(skb);
	return 0;
}

/* What to tell the inner source about an ICMPv6 error from the path to
 * the LCoA (RFC 2473 section 8.1), or false for nothing.
 */
static bool hmip_anchor_decap_relay(struct sk_buff *skb, struct net *net,
				    u8 *type, u8 *code, u32 *info, int offset)
{
	const struct ipv6hdr *outer = (const struct ipv6hdr *)skb->data;
	u32 mtu;

	switch (*type) {
	case ICMPV6_DEST_UNREACH:
		break;
	case ICMPV6_TIME_EXCEED:
		if (*code != ICMPV6_EXC_HOPLIMIT)
			return false;
		break;
	case ICMPV6_PARAMPROB:
		/* Only a used-up encapsulation limit concerns the source. */
		if (*code != ICMPV6_HDR_FIELD)
			return false;
		offset = ip6_tnl_parse_tlv_enc_lim(skb, skb->data);
		if (!offset || offset != *info - 2 ||
		    skb->data[offset + 2] != 0)
			return false;
		break;
	case ICMPV6_PKT_TOOBIG:
		/* The path to the LCoA shrank: remember it for the next
		 * packets, and tell the source what fits in the tunnel.
		 */
		ip6_update_pmtu(skb, net, htonl(*info), 0, 0,
				sock_net_uid(net, NULL));
		mtu = max_t(u32, *info - offset, IPV6_MIN_MTU);
		if (sizeof(*outer) + ntohs(outer->payload_len) - offset <= mtu)
			return false;
		*code = 0;
		*info = mtu;
		return true;
	default:
		return false;
	}
	*type = ICMPV6_DEST_UNREACH;
	*code = ICMPV6_ADDR_UNREACH;
	*info = 0;
	return true;
}

/**
 * hmip_anchor_decap_err - relay an ICMPv6 error about a tunnelled packet
 * @an: the anchors of the role asked, in the packet's netns
 * @skb: the error, skb->data at the packet an anchor sent
 * @type: its type
 * @code: its code
 * @offset: where the inner packet starts in what the error quotes
 * @info: its information field
 *
 * Return: 0 when the packet the error is about came from one of @an's
 * anchors, non-zero otherwise.
 */
int hmip_anchor_decap_err(struct hmip_anchor_net *an, struct sk_buff *skb,
			  u8 type, u8 code, int offset, __be32 info)
{
	struct hmip_net *hn = an->hn;
	const struct ipv6hdr *outer = (const struct ipv6hdr *)skb->data;
	u32 rel_info = ntohl(info);
	struct sk_buff *skb2;
	struct rt6_info *rt;
	bool ours;

	/* skb->data is at the packet the anchor sent: its address to LCoA. */
	rcu_read_lock();
	ours = an->ops->lookup(an, &outer->saddr);
	rcu_read_unlock();
	if (!ours)
		return -ENOENT;

	if (!hmip_anchor_decap_relay(skb, hn->net, &type, &code, &rel_info,
				     offset) ||
	    !pskb_may_pull(skb, offset + sizeof(struct ipv6hdr)))
		return 0;
	skb2 = skb_clone(skb, GFP_ATOMIC);
	if (!skb2)
		return 0;
	memset(IP6CB(skb2), 0, sizeof(*IP6CB(skb2)));
	skb_dst_drop(skb2);
	skb_pull(skb2, offset);
	skb_reset_network_header(skb2);
	/* The error leaves as if the inner packet had come in from where
	 * its source lies.
	 */
	rt = rt6_lookup(hn->net, &ipv6_hdr(skb2)->saddr, NULL, 0, skb2, 0);
	if (rt && rt->dst.dev)
		skb2->dev = rt->dst.dev;
	if (hmip_ratelimit_icmp_allow(hn, &ipv6_hdr(skb2)->saddr)) {
		HMIP_ANCHOR_INC_STATS(an, ICMP_RELAYED);
		icmpv6_send(skb2, type, code, rel_info);
	}
	if (rt)
		ip6_rt_put(rt);
	kfree_skb(skb2);
	return 0;
}
