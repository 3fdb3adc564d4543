// SPDX-License-Identifier: GPL-2.0
/*
 * An anchor's transmit (RFC 4140 section 6.2): every packet for a bound
 * address leaves through the anchor's tunnel device, wrapped in an outer
 * IPv6 header from the anchor's address to the binding's LCoA
 * (tunnel/tunnel.c builds it).
 *
 * The device has no fixed remote end: the outer destination is the LCoA
 * that the inner destination is bound to, read per packet from the binding
 * cache, so a new LCoA takes effect with the next packet. A packet the
 * anchor intercepts (intercept.c) comes with the binding it was found by
 * and is encapsulated at once (hmip_anchor_xmit_send()); one that the
 * routing table sends into the device, or that a queueing discipline or
 * an egress hook on the device must see first, goes through
 * dev_queue_xmit() and finds its binding in hmip_anchor_xmit(). Either
 * way the binding is looked up once.
 */
#include <linux/errqueue.h>
#include <linux/icmpv6.h>
#include <linux/netdevice.h>
#include <net/ipv6.h>
#include <net/sch_generic.h>

#include "anchor/anchor.h"
#include "anchor/bcache.h"
#include "core/netns.h"
#include "tunnel/tunnel.h"

/* Encapsulate to the binding's LCoA and count; while the binding bicasts
 * (a Fast Binding Update moved it, RFC 4140 Appendix A), a copy goes to
 * the previous LCoA too, with no cached route: it is short-lived.
 * Context: RCU, BHs off.
 */
static void hmip_anchor_xmit_encap(struct hmip_anchor *a,
				   struct hmip_binding *b, struct sk_buff *skb)
{
	struct in6_addr lcoa, old;
	struct sk_buff *copy;
	unsigned int len;

	if (hmip_anchor_bcache_binding_bicast(b, &lcoa, &old)) {
		/* The tunnel pushes a header: each copy owns its data. */
		copy = skb_copy(skb, GFP_ATOMIC);
		if (!copy)
			HMIP_INC_STATS(a->an->hn, BINDING_BICAST_DROP_NOMEM);
		else if (hmip_tunnel_encap(a->tunnel, copy, &a->addr, &old,
					   NULL, &a->an->ops->encap_mib))
			HMIP_INC_STATS(a->an->hn, BINDING_BICAST_TX);
	}
	len = skb->len;
	if (hmip_tunnel_encap(a->tunnel, skb, &a->addr, &lcoa, &b->route,
			      &a->an->ops->encap_mib)) {
		atomic64_inc(&b->tx_packets);
		atomic64_add(len, &b->tx_bytes);
	}
}

/* Whether dev_queue_xmit() would hand a packet straight to the device's
 * transmit: the device is up and nothing on its way out (a queueing
 * discipline, tc or netfilter egress) has to see the packet first.
 */
static bool hmip_anchor_xmit_direct(struct net_device *dev)
{
	if (unlikely(!(dev->flags & IFF_UP)))
		return false;
	if (rcu_dereference_bh(netdev_get_tx_queue(dev, 0)->qdisc)->enqueue)
		return false;
#ifdef CONFIG_NET_CLS_ACT
	if (rcu_access_pointer(dev->miniq_egress))
		return false;
#endif
#ifdef CONFIG_NETFILTER_EGRESS
	if (rcu_access_pointer(dev->nf_hooks_egress))
		return false;
#endif
	return true;
}

/**
 * hmip_anchor_xmit_send - send an intercepted packet into the anchor's tunnel
 * @a: the anchor whose prefix holds the packet's destination
 * @b: the destination's binding, valid, held by @a
 * @skb: the packet; consumed
 *
 * Does what dev_queue_xmit() does for this device, which has no queue
 * and no lock, up to its transmit: the packet fits the device's features
 * (segmented or checksummed otherwise), the taps see it (tcpdump on the
 * device), a loop through the device is cut. Then it is encapsulated to
 * the binding's LCoA without looking the binding up again. Where the
 * device's way out has more on it (hmip_anchor_xmit_direct()), the packet
 * takes dev_queue_xmit() itself.
 *
 * Context: RCU, BHs off.
 */
void hmip_anchor_xmit_send(struct hmip_anchor *a, struct hmip_binding *b,
			   struct sk_buff *skb)
{
	struct net_device *dev = a->tunnel;
	struct sk_buff *next;
	bool again = false;

	skb->dev = dev;
	if (!hmip_anchor_xmit_direct(dev)) {
		dev_queue_xmit(skb);
		return;
	}
	skb_reset_mac_header(skb);
	if (unlikely(skb_shinfo(skb)->tx_flags & SKBTX_SCHED_TSTAMP))
		__skb_tstamp_tx(skb, NULL, NULL, skb->sk, SCM_TSTAMP_SCHED);
	if (unlikely(dev_xmit_recursion())) {
		net_crit_ratelimited("Dead loop on virtual device %s, fix it urgently!\n",
				     dev->name);
		DEV_STATS_INC(dev, tx_dropped);
		kfree_skb(skb);
		return;
	}
	skb = validate_xmit_skb_list(skb, dev, &again);
	if (!skb)
		return;	/* dropped and counted by the core */
	dev_xmit_recursion_inc();
	skb_list_walk_safe(skb, skb, next) {
		skb_mark_not_on_list(skb);
		if (dev_nit_active(dev))
			dev_queue_xmit_nit(skb, dev);
		hmip_anchor_xmit_encap(a, b, skb);
	}
	dev_xmit_recursion_dec();
}

/* A packet routed into the device: its binding is found here. */
static netdev_tx_t hmip_anchor_xmit(struct sk_buff *skb,
				    struct net_device *dev)
{
	struct hmip_tunnel *t = netdev_priv(dev);
	struct hmip_anchor *a = t->owner;
	struct hmip_anchor_net *an = a->an;
	struct hmip_binding *b;

	if (skb->protocol != htons(ETH_P_IPV6) ||
	    !pskb_may_pull(skb, sizeof(struct ipv6hdr))) {
		HMIP_ANCHOR_INC_STATS(an, ENCAP_DROP_NOT_IPV6);
		goto drop;
	}

	rcu_read_lock();
	b = hmip_anchor_bcache_lookup(&an->bcache, &ipv6_hdr(skb)->daddr);
	if (!b || b->owner != a ||
	    READ_ONCE(b->state) != HMIP_BINDING_VALID) {
		rcu_read_unlock();
		HMIP_ANCHOR_INC_STATS(an, ENCAP_DROP_NO_BINDING);
		if (hmip_ratelimit_icmp_allow(an->hn, &ipv6_hdr(skb)->saddr))
			icmpv6_ndo_send(skb, ICMPV6_DEST_UNREACH,
					ICMPV6_ADDR_UNREACH, 0);
		goto drop;
	}
	hmip_anchor_xmit_encap(a, b, skb);
	rcu_read_unlock();
	return NETDEV_TX_OK;

drop:
	DEV_STATS_INC(dev, tx_dropped);
	kfree_skb(skb);
	return NETDEV_TX_OK;
}

static const struct hmip_tunnel_ops hmip_anchor_xmit_ops = {
	.xmit = hmip_anchor_xmit,
};

/**
 * hmip_anchor_xmit_create - create and bring up an anchor's tunnel device
 * @a: the anchor, not yet where the role's lookups find it
 * @name: device name, or NULL for the role's template
 * @extack: for the reason it failed
 *
 * Context: process; takes the RTNL.
 * Return: 0 and @a->tunnel set, or a negative errno.
 */
int hmip_anchor_xmit_create(struct hmip_anchor *a, const char *name,
			    struct netlink_ext_ack *extack)
{
	struct net_device *dev;

	dev = hmip_tunnel_create(a->an->hn, name, a->an->ops->tunnel_template,
				 &hmip_anchor_xmit_ops, a, extack);
	if (IS_ERR(dev))
		return PTR_ERR(dev);
	a->tunnel = dev;
	return 0;
}

/* Waits for every packet in flight through the device, so the anchor can
 * be freed after it.
 */
void hmip_anchor_xmit_destroy(struct hmip_anchor *a)
{
	hmip_tunnel_destroy(a->tunnel);
	a->tunnel = NULL;
}
