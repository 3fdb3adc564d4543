// SPDX-License-Identifier: GPL-2.0
/*
 * The MAP's tunnel device (RFC 4140 section 6.2): every packet for a bound
 * RCoA leaves through it, wrapped in an outer IPv6 header from the MAP
 * address to the binding's LCoA (tunnel/tunnel.c builds it).
 *
 * The device has no fixed remote end: the outer destination is the LCoA
 * that the inner destination is bound to, read per packet from the binding
 * cache, so a new LCoA takes effect with the next packet. A packet the
 * MAP intercepts (intercept.c) comes with the binding it was found by and
 * is encapsulated at once (hmip_map_tunnel_send()); one that the routing
 * table sends into the device, or that a queueing discipline or an egress
 * hook on the device must see first, goes through dev_queue_xmit() and
 * finds its binding in hmip_map_tunnel_xmit(). Either way the binding is
 * looked up once.
 */
#include <linux/errqueue.h>
#include <linux/icmpv6.h>
#include <linux/netdevice.h>
#include <net/ipv6.h>
#include <net/sch_generic.h>

#include "anchor/bcache.h"
#include "map/map.h"
#include "map/tunnel.h"
#include "core/netns.h"
#include "tunnel/tunnel.h"

static const struct hmip_encap_mib hmip_map_encap_mib = {
	.limit = HMIP_MIB_MAP_ENCAP_DROP_LIMIT,
	.no_route = HMIP_MIB_MAP_ENCAP_DROP_NO_ROUTE,
	.loop = HMIP_MIB_MAP_ENCAP_DROP_LOOP,
	.too_big = HMIP_MIB_MAP_ENCAP_DROP_TOO_BIG,
	.nomem = HMIP_MIB_MAP_ENCAP_DROP_NOMEM,
};

/* Encapsulate to the binding's LCoA and count. Context: RCU, BHs off. */
static void hmip_map_tunnel_encap(struct hmip_map *map,
				  struct hmip_binding *b, struct sk_buff *skb)
{
	struct in6_addr lcoa;
	unsigned int len;

	hmip_anchor_bcache_binding_lcoa(b, &lcoa);
	len = skb->len;
	if (hmip_tunnel_encap(map->tunnel, skb, &map->addr, &lcoa,
			      &hmip_map_encap_mib)) {
		atomic64_inc(&b->tx_packets);
		atomic64_add(len, &b->tx_bytes);
	}
}

/* Whether dev_queue_xmit() would hand a packet straight to the device's
 * transmit: the device is up and nothing on its way out (a queueing
 * discipline, tc or netfilter egress) has to see the packet first.
 */
static bool hmip_map_tunnel_direct(struct net_device *dev)
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
 * hmip_map_tunnel_send - send an intercepted packet into the MAP's tunnel
 * @map: the MAP whose prefix holds the packet's destination
 * @b: the destination's binding, valid, held by @map
 * @skb: the packet; consumed
 *
 * Does what dev_queue_xmit() does for this device, which has no queue
 * and no lock, up to its transmit: the packet fits the device's features
 * (segmented or checksummed otherwise), the taps see it (tcpdump on the
 * device), a loop through the device is cut. Then it is encapsulated to
 * the binding's LCoA without looking the binding up again. Where the
 * device's way out has more on it (hmip_map_tunnel_direct()), the packet
 * takes dev_queue_xmit() itself.
 *
 * Context: RCU, BHs off.
 */
void hmip_map_tunnel_send(struct hmip_map *map, struct hmip_binding *b,
			  struct sk_buff *skb)
{
	struct net_device *dev = map->tunnel;
	struct sk_buff *next;
	bool again = false;

	skb->dev = dev;
	if (!hmip_map_tunnel_direct(dev)) {
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
		hmip_map_tunnel_encap(map, b, skb);
	}
	dev_xmit_recursion_dec();
}

/* A packet routed into the device: its binding is found here. */
static netdev_tx_t hmip_map_tunnel_xmit(struct sk_buff *skb,
					struct net_device *dev)
{
	struct hmip_tunnel *t = netdev_priv(dev);
	struct hmip_map *map = t->owner;
	struct hmip_net *hn = t->hn;
	struct hmip_binding *b;

	if (skb->protocol != htons(ETH_P_IPV6) ||
	    !pskb_may_pull(skb, sizeof(struct ipv6hdr))) {
		HMIP_INC_STATS(hn, MAP_ENCAP_DROP_NOT_IPV6);
		goto drop;
	}

	rcu_read_lock();
	b = hmip_anchor_bcache_lookup(&hn->map->bcache, &ipv6_hdr(skb)->daddr);
	if (!b || b->owner != map ||
	    READ_ONCE(b->state) != HMIP_BINDING_VALID) {
		rcu_read_unlock();
		HMIP_INC_STATS(hn, MAP_ENCAP_DROP_NO_BINDING);
		if (hmip_ratelimit_icmp_allow(hn, &ipv6_hdr(skb)->saddr))
			icmpv6_ndo_send(skb, ICMPV6_DEST_UNREACH,
					ICMPV6_ADDR_UNREACH, 0);
		goto drop;
	}
	hmip_map_tunnel_encap(map, b, skb);
	rcu_read_unlock();
	return NETDEV_TX_OK;

drop:
	DEV_STATS_INC(dev, tx_dropped);
	kfree_skb(skb);
	return NETDEV_TX_OK;
}

static const struct hmip_tunnel_ops hmip_map_tunnel_ops = {
	.xmit = hmip_map_tunnel_xmit,
};

/**
 * hmip_map_tunnel_create - create and bring up a MAP's tunnel device
 * @hn: hmip state of the netns
 * @map: the MAP, not yet on &hmip_net.maps
 * @name: device name, or NULL for "hmip%d"
 * @extack: for the reason it failed
 *
 * Context: process; takes the RTNL.
 * Return: 0 and @map->tunnel set, or a negative errno.
 */
int hmip_map_tunnel_create(struct hmip_net *hn, struct hmip_map *map,
			   const char *name, struct netlink_ext_ack *extack)
{
	struct net_device *dev;

	dev = hmip_tunnel_create(hn, name, "hmip%d", &hmip_map_tunnel_ops, map,
				 extack);
	if (IS_ERR(dev))
		return PTR_ERR(dev);
	map->tunnel = dev;
	return 0;
}

/* Waits for every packet in flight through the device, so the MAP can be
 * freed after it.
 */
void hmip_map_tunnel_destroy(struct hmip_map *map)
{
	hmip_tunnel_destroy(map->tunnel);
	map->tunnel = NULL;
}
