// SPDX-License-Identifier: GPL-2.0
/*
 * Dynamic Home Agent Address Discovery at the mobile node (RFC 6275
 * sections 6.5, 6.6, 11.4.1 and 12): with "ha discover" the node does not
 * know its home agent; before its home registration it sends a Home Agent
 * Address Discovery Request (ICMPv6 144) from its care-of address (the
 * RCoA, or the LCoA in plain Mobile IPv6) to the Mobile IPv6 Home-Agents
 * anycast address of its home prefix (RFC 2526), and takes the first home
 * agent of the Reply (145). When that one refuses the registration, or
 * does not answer it, the next of the list is tried; after the last, a new
 * discovery.
 *
 * The request is retransmitted after INITIAL_DHAAD_TIMEOUT, the wait
 * doubling, MAX_DHAAD_RETRIES times, with the same Identifier; then a new
 * round starts with a new one. The worker of reg.c runs this from the
 * home registration (home.c); the mobile node's LOCAL_IN hook (ra.c)
 * hands replies over, checked here in softirq and queued for the worker.
 */
#include <linux/icmpv6.h>
#include <linux/random.h>
#include <net/ip6_checksum.h>
#include <net/ip6_route.h>
#include <net/ipv6.h>

#include "core/addr.h"
#include "core/netns.h"
#include "mn/mn.h"
#include "nd/send.h"

/* The request: Type, Code, Checksum, Identifier, Reserved (section 6.5). */
static void hmip_mn_dhaad_send(struct hmip_mn *mn)
{
	const struct hmip_mn_dhaad *d = &mn->dhaad;
	struct hmip_net *hn = mn->hn;
	struct icmp6hdr req = {
		.icmp6_type = ICMPV6_DHAAD_REQUEST,
		.icmp6_identifier = htons(d->id),
	};
	struct dst_entry *dst;
	struct flowi6 fl6;

	memset(&fl6, 0, sizeof(fl6));
	fl6.flowi6_proto = IPPROTO_ICMPV6;
	fl6.fl6_icmp_type = ICMPV6_DHAAD_REQUEST;
	fl6.saddr = d->src;
	if (!hmip_nd_ha_anycast(&mn->hoa, mn->home_plen, &fl6.daddr)) {
		HMIP_INC_STATS(hn, MN_DHAAD_REQUEST_TX_ERROR);
		return;
	}
	/* From the LCoA it leaves on the interface; from the RCoA it goes
	 * into the MAP's tunnel at LOCAL_OUT, as the home Binding Updates.
	 */
	if (ipv6_addr_equal(&d->src, &mn->lcoa))
		fl6.flowi6_oif = mn->ifindex;
	dst = ip6_dst_lookup_flow(hn->net, hn->nd_sk, &fl6, NULL);
	if (IS_ERR(dst) ||
	    hmip_nd_send_icmp(hn, &fl6, dst, &req, sizeof(req), GFP_KERNEL))
		HMIP_INC_STATS(hn, MN_DHAAD_REQUEST_TX_ERROR);
	else
		HMIP_INC_STATS(hn, MN_DHAAD_REQUEST_TX);
}

/* Where the next reply is awaited, and with which Identifier; :: for
 * none.
 */
static void hmip_mn_dhaad_await(struct hmip_mn *mn, const struct in6_addr *src,
				u16 id)
{
	spin_lock_bh(&mn->lock);
	mn->dhaad_src = *src;
	mn->dhaad_id = id;
	mn->n_dhaad_rx = 0;
	spin_unlock_bh(&mn->lock);
}

/**
 * hmip_mn_dhaad_reset - forget what discovery learned
 * @mn: the mobile node
 *
 * The home address or the way to find the home agent changed: with "ha
 * discover" the home agent is unknown again, and the next home
 * registration starts with a discovery.
 *
 * Context: process; caller holds mn->mutex.
 */
void hmip_mn_dhaad_reset(struct hmip_mn *mn)
{
	memset(&mn->dhaad, 0, sizeof(mn->dhaad));
	hmip_mn_dhaad_await(mn, &in6addr_any, 0);
	if (mn->ha_discover)
		mn->ha = in6addr_any;
}

/**
 * hmip_mn_dhaad_tick - send the discovery request that is due
 * @mn: the mobile node, with "ha discover" and no home agent yet
 * @coa: the care-of address to send from
 * @now: jiffies
 *
 * Context: process; caller holds mn->mutex.
 */
void hmip_mn_dhaad_tick(struct hmip_mn *mn, const struct in6_addr *coa,
			unsigned long now)
{
	struct hmip_mn_dhaad *d = &mn->dhaad;

	/* A new care-of address: the reply would go to the old one. */
	if (d->round && !ipv6_addr_equal(&d->src, coa)) {
		d->round = 0;
		d->next = now;
	}
	if (d->next && time_before(now, d->next))
		return;
	if (d->round > HMIP_MN_DHAAD_RETRIES) {
		HMIP_INC_STATS(mn->hn, MN_DHAAD_TIMEOUT);
		d->round = 0;
	}
	if (!d->round) {
		d->id = get_random_u16();
		d->src = *coa;
		d->timeout = HMIP_MN_DHAAD_TIMEOUT;
		hmip_mn_dhaad_await(mn, coa, d->id);
	} else {
		d->timeout *= 2;
	}
	d->round++;
	d->requests++;
	d->next = now + d->timeout;
	hmip_mn_dhaad_send(mn);
}

/**
 * hmip_mn_dhaad_take - take the reply the inbox holds, if any
 * @mn: the mobile node
 * @now: jiffies
 *
 * Its first home agent is the one to register with (section 11.4.1).
 *
 * Context: process; caller holds mn->mutex.
 */
void hmip_mn_dhaad_take(struct hmip_mn *mn, unsigned long now)
{
	struct hmip_mn_dhaad *d = &mn->dhaad;
	unsigned int n;

	spin_lock_bh(&mn->lock);
	n = mn->n_dhaad_rx;
	if (n) {
		memcpy(d->list, mn->dhaad_rx, n * sizeof(d->list[0]));
		mn->n_dhaad_rx = 0;
	}
	spin_unlock_bh(&mn->lock);
	if (!n || !mn->ha_discover || !ipv6_addr_any(&mn->ha))
		return;
	d->n = n;
	d->idx = 0;
	d->round = 0;
	d->requests = 0;
	d->next = 0;
	d->src = in6addr_any;
	mn->ha = d->list[0];
}

/**
 * hmip_mn_dhaad_next_ha - give up the home agent in use for the next one
 * @mn: the mobile node, with "ha discover"; its home registration
 *	released by the caller
 * @now: jiffies
 *
 * Section 11.4.1: a home agent of the list that refuses the registration
 * or does not answer it is left for the next one. After the last one the
 * node discovers again, after a while: a home link whose home agents all
 * refuse is not asked in a loop.
 *
 * Context: process; caller holds mn->mutex.
 */
void hmip_mn_dhaad_next_ha(struct hmip_mn *mn, unsigned long now)
{
	struct hmip_mn_dhaad *d = &mn->dhaad;

	HMIP_INC_STATS(mn->hn, MN_DHAAD_HA_NEXT);
	if (++d->idx < d->n) {
		mn->ha = d->list[d->idx];
		return;
	}
	d->n = 0;
	d->idx = 0;
	d->round = 0;
	d->next = now + HMIP_MN_MAX_TIMEOUT;
	mn->ha = in6addr_any;
}

/* When the worker must run next for discovery, at the latest. A request
 * due but not sent (no care-of address) waits for the event that brings
 * one: no timer spins meanwhile.
 */
unsigned long hmip_mn_dhaad_next(struct hmip_mn *mn, unsigned long next)
{
	const struct hmip_mn_dhaad *d = &mn->dhaad;

	if (mn->home_tunnel && mn->ha_discover && ipv6_addr_any(&mn->ha) &&
	    d->next && time_after(d->next, jiffies) &&
	    time_before(d->next, next))
		next = d->next;
	return next;
}

/* Context: RCU. The node awaiting a reply at @dst, or NULL. */
static struct hmip_mn *hmip_mn_dhaad_find(struct hmip_net *hn,
					  const struct in6_addr *dst)
{
	struct hmip_mn *mn;
	bool found;

	list_for_each_entry_rcu(mn, &hn->mn->mns, list) {
		spin_lock(&mn->lock);
		found = ipv6_addr_equal(&mn->dhaad_src, dst) &&
			!ipv6_addr_any(dst);
		spin_unlock(&mn->lock);
		if (found)
			return mn;
	}
	return NULL;
}

/**
 * hmip_mn_dhaad_rcv - a Home Agent Address Discovery Reply
 * @hn: hmip state of the netns
 * @skb: the packet, ICMPv6 right after its IPv6 header
 * @off: offset of the ICMPv6 message from skb->data
 * @len: its octets
 *
 * Sections 6.6 and 11.4.1: at least one address after the 8 octets and
 * a whole number of them, code 0, a correct checksum, the Identifier of
 * the request. Only global unicast addresses are kept.
 *
 * Context: softirq, RCU held.
 * Return: true when a node awaited it (consumed), false to leave it to
 * ICMPv6.
 */
bool hmip_mn_dhaad_rcv(struct hmip_net *hn, struct sk_buff *skb,
		       unsigned int off, unsigned int len)
{
	const struct ipv6hdr *ip6h = ipv6_hdr(skb);
	struct in6_addr list[HMIP_MN_MAX_HAS];
	const struct in6_addr *addr;
	const struct icmp6hdr *icmph;
	struct icmp6hdr _icmph;
	struct in6_addr _addr;
	unsigned int i, n = 0;
	struct hmip_mn *mn;

	mn = hmip_mn_dhaad_find(hn, &ip6h->daddr);
	if (!mn) {
		HMIP_INC_STATS(hn, MN_DHAAD_DROP_UNKNOWN);
		return false;
	}
	icmph = skb_header_pointer(skb, off, sizeof(_icmph), &_icmph);
	if (!icmph || len < HMIP_ND_DHAAD_HDR_LEN + sizeof(*addr) ||
	    (len - HMIP_ND_DHAAD_HDR_LEN) % sizeof(*addr)) {
		HMIP_INC_STATS(hn, MN_DHAAD_DROP_LENGTH);
		return true;
	}
	if (icmph->icmp6_code) {
		HMIP_INC_STATS(hn, MN_DHAAD_DROP_CODE);
		return true;
	}
	if (csum_ipv6_magic(&ip6h->saddr, &ip6h->daddr, len, IPPROTO_ICMPV6,
			    skb_checksum(skb, off, len, 0))) {
		HMIP_INC_STATS(hn, MN_DHAAD_DROP_CHECKSUM);
		return true;
	}
	for (i = HMIP_ND_DHAAD_HDR_LEN; i < len && n < HMIP_MN_MAX_HAS;
	     i += sizeof(*addr)) {
		addr = skb_header_pointer(skb, off + i, sizeof(_addr), &_addr);
		if (!addr)
			break;
		if (!hmip_addr_global(addr))
			continue;
		list[n++] = *addr;
	}
	if (!n) {
		HMIP_INC_STATS(hn, MN_DHAAD_DROP_EMPTY);
		return true;
	}
	spin_lock(&mn->lock);
	if (!ipv6_addr_equal(&mn->dhaad_src, &ip6h->daddr) ||
	    mn->dhaad_id != ntohs(icmph->icmp6_identifier)) {
		HMIP_INC_STATS(hn, MN_DHAAD_DROP_ID);
	} else {
		HMIP_INC_STATS(hn, MN_DHAAD_REPLY_RX);
		memcpy(mn->dhaad_rx, list, n * sizeof(list[0]));
		mn->n_dhaad_rx = n;
		/* One reply per request: a second one is not awaited. */
		mn->dhaad_src = in6addr_any;
		if (!mn->dead)
			mod_delayed_work(system_wq, &mn->work, 0);
	}
	spin_unlock(&mn->lock);
	return true;
}
