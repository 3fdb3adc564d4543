// SPDX-License-Identifier: GPL-2.0
/*
 * The MAP's tunnel device (RFC 4140 section 6.2): every packet for a bound
 * RCoA leaves through it, wrapped in an outer IPv6 header from the MAP
 * address to the binding's LCoA (tunnel.c builds it).
 *
 * The device has no fixed remote end: the outer destination is the LCoA
 * that the inner destination is bound to, read per packet from the binding
 * cache, so a new LCoA takes effect with the next packet.
 */
#include <linux/icmpv6.h>
#include <linux/netdevice.h>
#include <net/ipv6.h>

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

static netdev_tx_t hmip_map_tunnel_xmit(struct sk_buff *skb,
					struct net_device *dev)
{
	struct hmip_tunnel *t = netdev_priv(dev);
	struct hmip_map *map = t->owner;
	struct hmip_net *hn = t->hn;
	struct hmip_binding *b;
	struct in6_addr lcoa;
	unsigned int len;

	if (skb->protocol != htons(ETH_P_IPV6) ||
	    !pskb_may_pull(skb, sizeof(struct ipv6hdr))) {
		HMIP_INC_STATS(hn, MAP_ENCAP_DROP_NOT_IPV6);
		goto drop;
	}

	rcu_read_lock();
	b = hmip_bcache_lookup(&hn->map->bcache, &ipv6_hdr(skb)->daddr);
	if (!b || b->owner != map ||
	    READ_ONCE(b->state) != HMIP_BINDING_VALID) {
		rcu_read_unlock();
		HMIP_INC_STATS(hn, MAP_ENCAP_DROP_NO_BINDING);
		if (hmip_icmp_error_allow(hn, &ipv6_hdr(skb)->saddr))
			icmpv6_ndo_send(skb, ICMPV6_DEST_UNREACH,
					ICMPV6_ADDR_UNREACH, 0);
		goto drop;
	}
	hmip_bcache_binding_lcoa(b, &lcoa);
	len = skb->len;
	if (hmip_tunnel_encap(dev, skb, &map->addr, &lcoa,
			      &hmip_map_encap_mib)) {
		atomic64_inc(&b->tx_packets);
		atomic64_add(len, &b->tx_bytes);
	}
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
