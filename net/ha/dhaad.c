// SPDX-License-Identifier: GPL-2.0
/*
 * Dynamic Home Agent Address Discovery at the home agent (RFC 6275
 * sections 6.5, 6.6 and 10.5): a mobile node away from home sends a Home
 * Agent Address Discovery Request (ICMPv6 144) to the Mobile IPv6
 * Home-Agents anycast address of its home prefix (RFC 2526); a home agent
 * for that prefix answers with a Reply (145) listing the home link's home
 * agents from its Home Agents List (list.c), most preferred first.
 *
 * The kernel delivers a packet to an anycast address only where the
 * address was joined: each home agent joins its home prefixes' anycast
 * addresses on its home link through the netns's ND socket
 * (IPV6_JOIN_ANYCAST, what ipv6_sock_ac_join() serves; the in-kernel
 * calls under it are not exported), and leaves them when it goes or its
 * prefixes change. Closing that socket at netns exit leaves them too.
 *
 * One LOCAL_IN hook, registered while the netns has home agents, sees
 * both the requests and the router advertisements the lists learn from.
 * A request is answered here and consumed; ICMPv6 would only have
 * counted an unknown type.
 */

#include <linux/icmpv6.h>
#include <linux/netfilter.h>
#include <linux/netfilter_ipv6.h>
#include <linux/slab.h>
#include <net/ip6_checksum.h>
#include <net/ip6_route.h>
#include <net/ipv6.h>

#include "core/netns.h"
#include "core/ratelimit.h"
#include "ha/ha.h"
#include "nd/ra.h"
#include "nd/send.h"

/* Section 10.5.1: the reply fits the minimum IPv6 MTU. */
#define HMIP_HA_DHAAD_MAX_ADDRS \
	((IPV6_MIN_MTU - sizeof(struct ipv6hdr) - HMIP_ND_DHAAD_HDR_LEN) / \
	 sizeof(struct in6_addr))

static int hmip_ha_dhaad_sockopt(struct hmip_net *hn, int optname,
				 const struct in6_addr *ac, int ifindex)
{
	struct ipv6_mreq mreq = {
		.ipv6mr_multiaddr = *ac,
		.ipv6mr_ifindex = ifindex,
	};

	return ipv6_setsockopt(hn->nd_sk, SOL_IPV6, optname,
			       KERNEL_SOCKPTR(&mreq), sizeof(mreq));
}

/**
 * hmip_ha_dhaad_join - join @ha's Home-Agents anycast addresses
 * @hn: hmip state of the netns
 * @ha: the home agent, its settings current
 *
 * On its home link, one per home prefix. A failure (the link gone, a
 * prefix the kernel refuses) is logged and leaves that address out: the
 * home agent still serves registrations, it is only not found by
 * discovery there.
 *
 * Context: process, &hmip_ha_net.lock held, not the RTNL (taken inside).
 */
void hmip_ha_dhaad_join(struct hmip_net *hn, struct hmip_ha *ha)
{
	const struct hmip_anchor_params *p =
		rcu_dereference_protected(ha->anchor.params,
					  lockdep_is_held(&hn->ha->lock));
	struct in6_addr ac;
	unsigned int i;
	int err;

	ha->n_joined = 0;
	ha->joined_ifindex = p->ifindex;
	for (i = 0; i < p->n_home; i++) {
		if (!hmip_nd_ha_anycast(&p->home[i].addr, p->home[i].len, &ac))
			continue;
		err = hmip_ha_dhaad_sockopt(hn, IPV6_JOIN_ANYCAST, &ac,
					    p->ifindex);
		if (err) {
			pr_notice("home agent %pI6c: cannot join %pI6c for discovery (%d)\n",
				  &ha->anchor.addr, &ac, err);
			continue;
		}
		ha->joined[ha->n_joined++] = ac;
	}
}

/* Context: as hmip_ha_dhaad_join(). */
void hmip_ha_dhaad_leave(struct hmip_net *hn, struct hmip_ha *ha)
{
	unsigned int i;

	lockdep_assert_held(&hn->ha->lock);
	/* An address the device took with it is gone already: -ENOENT. */
	for (i = 0; i < ha->n_joined; i++)
		hmip_ha_dhaad_sockopt(hn, IPV6_LEAVE_ANYCAST, &ha->joined[i],
				      ha->joined_ifindex);
	ha->n_joined = 0;
}

/* The home agent whose home prefix's anycast address is @dst. Caller
 * holds RCU.
 */
static struct hmip_ha *hmip_ha_dhaad_lookup(struct hmip_net *hn,
					    const struct in6_addr *dst)
{
	const struct hmip_anchor_params *p;
	struct in6_addr ac;
	struct hmip_ha *ha;
	unsigned int i;

	list_for_each_entry_rcu(ha, &hn->ha->has, list) {
		p = rcu_dereference(ha->anchor.params);
		for (i = 0; i < p->n_home; i++)
			if (hmip_nd_ha_anycast(&p->home[i].addr,
					       p->home[i].len, &ac) &&
			    ipv6_addr_equal(&ac, dst))
				return ha;
	}
	return NULL;
}

/* Section 10.5.1: the reply goes from this home agent's own address to
 * the request's source, the identifier echoed.
 */
static void hmip_ha_dhaad_reply(struct hmip_net *hn, struct hmip_ha *ha,
				const struct in6_addr *to, __be16 id)
{
	struct dst_entry *dst;
	struct icmp6hdr *reply;
	struct flowi6 fl6;
	unsigned int n, len;

	reply = kzalloc(HMIP_ND_DHAAD_HDR_LEN +
			HMIP_HA_DHAAD_MAX_ADDRS * sizeof(struct in6_addr),
			GFP_ATOMIC);
	if (!reply) {
		HMIP_INC_STATS(hn, HA_DHAAD_DROP_NOMEM);
		return;
	}
	reply->icmp6_type = ICMPV6_DHAAD_REPLY;
	reply->icmp6_identifier = id;
	n = hmip_ha_list_addrs(ha, (struct in6_addr *)(reply + 1),
			       HMIP_HA_DHAAD_MAX_ADDRS);
	if (!n) {
		HMIP_INC_STATS(hn, HA_DHAAD_DROP_NOMEM);
		goto out;
	}
	len = HMIP_ND_DHAAD_HDR_LEN + n * sizeof(struct in6_addr);

	memset(&fl6, 0, sizeof(fl6));
	fl6.flowi6_proto = IPPROTO_ICMPV6;
	fl6.saddr = ha->anchor.addr;
	fl6.daddr = *to;
	fl6.fl6_icmp_type = ICMPV6_DHAAD_REPLY;
	dst = ip6_dst_lookup_flow(hn->net, hn->nd_sk, &fl6, NULL);
	if (IS_ERR(dst)) {
		HMIP_INC_STATS(hn, HA_DHAAD_DROP_NO_ROUTE);
		goto out;
	}
	if (hmip_nd_send_icmp(hn, &fl6, dst, reply, len, GFP_ATOMIC))
		HMIP_INC_STATS(hn, HA_DHAAD_DROP_NO_ROUTE);
	else
		HMIP_INC_STATS(hn, HA_DHAAD_REPLY);
out:
	kfree(reply);
}

/* A request: true when it was for one of this netns's home agents and
 * is consumed.
 */
static bool hmip_ha_dhaad_rcv(struct hmip_net *hn, struct sk_buff *skb,
			      const struct hmip_nd_msg *msg)
{
	const struct ipv6hdr *ip6h = ipv6_hdr(skb);
	const struct icmp6hdr *icmph;
	struct icmp6hdr _icmph;
	struct hmip_ha *ha;

	ha = hmip_ha_dhaad_lookup(hn, &ip6h->daddr);
	if (!ha) {
		HMIP_INC_STATS(hn, HA_DHAAD_DROP_NOT_HA);
		return false;
	}
	HMIP_INC_STATS(hn, HA_DHAAD_REQUEST);
	icmph = skb_header_pointer(skb, msg->off, sizeof(_icmph), &_icmph);
	/* Sections 6.5 and 10.5: at least the 8 octets, code 0, a correct
	 * checksum, a source that can be answered.
	 */
	if (!icmph || msg->len < HMIP_ND_DHAAD_HDR_LEN || icmph->icmp6_code ||
	    csum_ipv6_magic(&ip6h->saddr, &ip6h->daddr, msg->len,
			    IPPROTO_ICMPV6,
			    skb_checksum(skb, msg->off, msg->len, 0)) ||
	    ipv6_addr_any(&ip6h->saddr) ||
	    ipv6_addr_is_multicast(&ip6h->saddr)) {
		HMIP_INC_STATS(hn, HA_DHAAD_DROP_MALFORMED);
		return true;
	}
	if (!hmip_ratelimit_allow(&hn->err_rl, &ip6h->saddr)) {
		HMIP_INC_STATS(hn, HA_DHAAD_DROP_RATELIMIT);
		return true;
	}
	hmip_ha_dhaad_reply(hn, ha, &ip6h->saddr, icmph->icmp6_identifier);
	return true;
}

/* Router advertisements on a home link feed that link's home agents'
 * lists.
 */
static void hmip_ha_dhaad_ra(struct hmip_net *hn, struct sk_buff *skb,
			     const struct hmip_nd_msg *msg, int ifindex)
{
	const struct hmip_anchor_params *p;
	struct hmip_ha *ha;

	/* This node's own advertisements, looped back, are not another's. */
	if (ipv6_chk_addr(hn->net, &ipv6_hdr(skb)->saddr, NULL, 0))
		return;
	list_for_each_entry_rcu(ha, &hn->ha->has, list) {
		p = rcu_dereference(ha->anchor.params);
		if (p->ifindex == ifindex)
			hmip_ha_list_rcv(hn, ha, skb, msg);
	}
}

/**
 * hmip_ha_dhaad_in - the home agent role's LOCAL_IN hook
 * @priv: the netns's &struct hmip_net
 * @skb: a packet for this node
 * @state: the hook's state
 *
 * Context: softirq (RCU held by netfilter).
 * Return: NF_STOLEN for a request it consumed, else NF_ACCEPT.
 */
unsigned int hmip_ha_dhaad_in(void *priv, struct sk_buff *skb,
			      const struct nf_hook_state *state)
{
	struct hmip_net *hn = priv;
	const struct icmp6hdr *icmph;
	struct icmp6hdr _icmph;
	struct hmip_nd_msg msg;

	if (!state->in)
		return NF_ACCEPT;
	/* A Mobile Prefix Solicitation has its Home Address option first. */
	if (ipv6_hdr(skb)->nexthdr == NEXTHDR_DEST) {
		if (!hmip_ha_mpd_rcv(hn, skb))
			return NF_ACCEPT;
		consume_skb(skb);
		return NF_STOLEN;
	}
	icmph = hmip_nd_ra_icmp(skb, &_icmph, &msg);
	if (!icmph)
		return NF_ACCEPT;
	if (hmip_nd_ra_match(icmph, &msg)) {
		hmip_ha_dhaad_ra(hn, skb, &msg, state->in->ifindex);
		return NF_ACCEPT;
	}
	if (icmph->icmp6_type != ICMPV6_DHAAD_REQUEST ||
	    !hmip_ha_dhaad_rcv(hn, skb, &msg))
		return NF_ACCEPT;
	consume_skb(skb);
	return NF_STOLEN;
}
