// SPDX-License-Identifier: GPL-2.0
/*
 * The MAP's tunnel device and its encapsulation (RFC 4140 section 6.2,
 * RFC 2473): every packet for a bound RCoA leaves through it, wrapped in
 * an outer IPv6 header from the MAP address to the binding's LCoA.
 *
 * One device per MAP, created and destroyed with it, so that "ip -s link",
 * tcpdump, MTU settings and qdiscs work on one MAP's traffic as on any
 * Linux tunnel. The device has no fixed remote end: the outer destination
 * is the LCoA that the inner destination is bound to, read per packet
 * from the binding cache, so a new LCoA takes effect with the next packet.
 */
#include <linux/etherdevice.h>
#include <linux/icmpv6.h>
#include <linux/if_arp.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <net/dst.h>
#include <net/inet_ecn.h>
#include <net/ip6_route.h>
#include <net/ip6_tunnel.h>
#include <net/ip_tunnels.h>
#include <net/xfrm.h>

#include "bcache.h"
#include "map.h"
#include "map_tunnel.h"
#include "netns.h"

#define HMIP_TUNNEL_FEATURES (NETIF_F_SG | NETIF_F_FRAGLIST |		\
			      NETIF_F_HIGHDMA | NETIF_F_GSO_SOFTWARE |	\
			      NETIF_F_HW_CSUM)

/* The Tunnel Encapsulation Limit destination option that the outer header
 * carries when the inner packet had one (RFC 2473 section 4.1.1): the
 * option, then a PadN to fill the eight octets.
 */
struct hmip_tel_hdr {
	u8 nexthdr;
	u8 hdrlen;
	u8 tel_type;
	u8 tel_len;
	u8 encap_limit;
	u8 padn_type;
	u8 padn_len;
	u8 padn_data;
};

static int hmip_tunnel_init(struct net_device *dev)
{
	struct hmip_tunnel *t = netdev_priv(dev);
	int err;

	dev->tstats = netdev_alloc_pcpu_stats(struct pcpu_sw_netstats);
	if (!dev->tstats)
		return -ENOMEM;
	err = gro_cells_init(&t->gro_cells, dev);
	if (err) {
		free_percpu(dev->tstats);
		return err;
	}
	return 0;
}

static void hmip_tunnel_uninit(struct net_device *dev)
{
	struct hmip_tunnel *t = netdev_priv(dev);

	gro_cells_destroy(&t->gro_cells);
	free_percpu(dev->tstats);
}

/* The inner packet's Tunnel Encapsulation Limit, or -1 for none; -2 when
 * the limit is used up and the packet must not be tunnelled once more
 * (RFC 2473 section 5.1: Parameter Problem to its source).
 */
static int hmip_tunnel_encap_limit(struct hmip_net *hn, struct sk_buff *skb)
{
	struct ipv6_tlv_tnl_enc_lim *tel;
	u16 off;

	if (ipv6_hdr(skb)->nexthdr != NEXTHDR_DEST)
		return -1;
	/* May reallocate the head: no header pointer survives it. */
	off = ip6_tnl_parse_tlv_enc_lim(skb, skb_network_header(skb));
	if (!off)
		return -1;
	tel = (void *)&skb_network_header(skb)[off];
	if (tel->encap_limit)
		return tel->encap_limit - 1;
	HMIP_INC_STATS(hn, MAP_ENCAP_DROP_LIMIT);
	icmpv6_ndo_send(skb, ICMPV6_PARAMPROB, ICMPV6_HDR_FIELD, off + 2);
	return -2;
}

static void hmip_tunnel_push_tel(struct sk_buff *skb, int encap_limit)
{
	struct hmip_tel_hdr *h = skb_push(skb, sizeof(*h));

	h->nexthdr = NEXTHDR_IPV6;
	h->hdrlen = 0;
	h->tel_type = IPV6_TLV_TNL_ENCAP_LIMIT;
	h->tel_len = 1;
	h->encap_limit = encap_limit;
	h->padn_type = IPV6_TLV_PADN;
	h->padn_len = 1;
	h->padn_data = 0;
}

/* Routes the outer packet: MAP address to @lcoa, through IPsec if a policy
 * asks for it.
 */
static struct dst_entry *hmip_tunnel_route(struct net *net,
					   const struct hmip_map *map,
					   const struct in6_addr *lcoa,
					   struct sk_buff *skb, u8 dsfield,
					   struct flowi6 *fl6)
{
	struct dst_entry *dst;

	memset(fl6, 0, sizeof(*fl6));
	fl6->flowi6_proto = IPPROTO_IPV6;
	fl6->flowi6_mark = skb->mark;
	fl6->flowi6_uid = sock_net_uid(net, NULL);
	fl6->flowlabel = ip6_make_flowinfo(dsfield, 0);
	fl6->saddr = map->addr;
	fl6->daddr = *lcoa;

	dst = ip6_route_output(net, NULL, fl6);
	if (dst->error) {
		dst_release(dst);
		return NULL;
	}
	dst = xfrm_lookup(net, dst, flowi6_to_flowi(fl6), NULL, 0);
	return IS_ERR(dst) ? NULL : dst;
}

/* Context: RCU; @b is a valid binding of the device's MAP. */
static void hmip_tunnel_encap(struct net_device *dev, struct sk_buff *skb,
			      struct hmip_binding *b)
{
	struct hmip_tunnel *t = netdev_priv(dev);
	struct hmip_net *hn = t->hn;
	struct net *net = hn->net;
	unsigned int inner_len, headroom;
	int encap_limit, mtu;
	struct in6_addr lcoa;
	struct ipv6hdr *ip6h;
	struct dst_entry *dst;
	struct flowi6 fl6;
	u8 dsfield;

	encap_limit = hmip_tunnel_encap_limit(hn, skb);
	if (encap_limit == -2)
		goto drop;

	ip6h = ipv6_hdr(skb);
	dsfield = ipv6_get_dsfield(ip6h);
	hmip_binding_lcoa(b, &lcoa);

	dst = hmip_tunnel_route(net, t->map, &lcoa, skb, dsfield, &fl6);
	if (!dst) {
		HMIP_INC_STATS(hn, MAP_ENCAP_DROP_NO_ROUTE);
		DEV_STATS_INC(dev, tx_carrier_errors);
		dst_link_failure(skb);
		goto drop;
	}
	if (dst->dev == dev) {
		HMIP_INC_STATS(hn, MAP_ENCAP_DROP_LOOP);
		DEV_STATS_INC(dev, collisions);
		goto drop_dst;
	}

	/* RFC 2473 section 7: the tunnel MTU is the path MTU to the LCoA
	 * less the encapsulation, but never below the IPv6 minimum: the
	 * outer packet is fragmented instead (section 7.1).
	 */
	mtu = dst_mtu(dst) - sizeof(*ip6h);
	if (encap_limit >= 0)
		mtu -= sizeof(struct hmip_tel_hdr);
	mtu = min_t(int, mtu, READ_ONCE(dev->mtu));
	if (mtu < IPV6_MIN_MTU) {
		mtu = IPV6_MIN_MTU;
		skb->ignore_df = 1;
	}
	skb_dst_update_pmtu_no_confirm(skb, mtu);
	if (skb->len > mtu &&
	    (!skb_is_gso(skb) || !skb_gso_validate_network_len(skb, mtu))) {
		HMIP_INC_STATS(hn, MAP_ENCAP_DROP_TOO_BIG);
		icmpv6_ndo_send(skb, ICMPV6_PKT_TOOBIG, 0, mtu);
		goto drop_dst;
	}

	inner_len = skb->len;
	/* Exactly what is pushed: a copy of the packet for eight octets it
	 * never needs would cost more than the whole encapsulation.
	 */
	headroom = LL_RESERVED_SPACE(dst->dev) + dst->header_len +
		   sizeof(*ip6h);
	if (encap_limit >= 0)
		headroom += sizeof(struct hmip_tel_hdr);
	if (skb_cow_head(skb, headroom) ||
	    iptunnel_handle_offloads(skb, SKB_GSO_IPXIP6)) {
		HMIP_INC_STATS(hn, MAP_ENCAP_DROP_NOMEM);
		goto drop_dst;
	}
	skb_set_inner_ipproto(skb, IPPROTO_IPV6);
	skb_scrub_packet(skb, false);
	skb_dst_set(skb, dst);

	if (encap_limit >= 0)
		hmip_tunnel_push_tel(skb, encap_limit);
	skb_push(skb, sizeof(*ip6h));
	skb_reset_network_header(skb);
	ip6h = ipv6_hdr(skb);
	ip6_flow_hdr(ip6h, INET_ECN_encapsulate(dsfield, dsfield),
		     ip6_make_flowlabel(net, skb, 0, true, &fl6));
	ip6h->nexthdr = encap_limit >= 0 ? NEXTHDR_DEST : IPPROTO_IPV6;
	ip6h->hop_limit = ip6_dst_hoplimit(dst);
	ip6h->saddr = fl6.saddr;
	ip6h->daddr = fl6.daddr;
	skb->protocol = htons(ETH_P_IPV6);
	memset(IP6CB(skb), 0, sizeof(*IP6CB(skb)));

	atomic64_inc(&b->tx_packets);
	atomic64_add(inner_len, &b->tx_bytes);
	ip6tunnel_xmit(NULL, skb, dev);
	return;

drop_dst:
	dst_release(dst);
drop:
	DEV_STATS_INC(dev, tx_dropped);
	kfree_skb(skb);
}

static netdev_tx_t hmip_tunnel_xmit(struct sk_buff *skb,
				    struct net_device *dev)
{
	struct hmip_tunnel *t = netdev_priv(dev);
	struct hmip_net *hn = t->hn;
	struct hmip_binding *b;

	if (skb->protocol != htons(ETH_P_IPV6) ||
	    !pskb_may_pull(skb, sizeof(struct ipv6hdr))) {
		HMIP_INC_STATS(hn, MAP_ENCAP_DROP_NOT_IPV6);
		goto drop;
	}

	rcu_read_lock();
	b = hmip_bcache_lookup(hn, &ipv6_hdr(skb)->daddr);
	if (!b || b->map != t->map ||
	    READ_ONCE(b->state) != HMIP_BINDING_VALID) {
		rcu_read_unlock();
		HMIP_INC_STATS(hn, MAP_ENCAP_DROP_NO_BINDING);
		if (hmip_ratelimit_allow(&hn->err_rl, &ipv6_hdr(skb)->saddr))
			icmpv6_ndo_send(skb, ICMPV6_DEST_UNREACH,
					ICMPV6_ADDR_UNREACH, 0);
		goto drop;
	}
	hmip_tunnel_encap(dev, skb, b);
	rcu_read_unlock();
	return NETDEV_TX_OK;

drop:
	DEV_STATS_INC(dev, tx_dropped);
	kfree_skb(skb);
	return NETDEV_TX_OK;
}

static const struct net_device_ops hmip_tunnel_ops = {
	.ndo_init = hmip_tunnel_init,
	.ndo_uninit = hmip_tunnel_uninit,
	.ndo_start_xmit = hmip_tunnel_xmit,
	.ndo_get_stats64 = dev_get_tstats64,
};

static void hmip_tunnel_setup(struct net_device *dev)
{
	dev->netdev_ops = &hmip_tunnel_ops;
	dev->needs_free_netdev = true;
	dev->type = ARPHRD_TUNNEL6;
	dev->flags |= IFF_NOARP;
	dev->priv_flags |= IFF_NO_QUEUE;
	dev->addr_len = 0;
	dev->hard_header_len = 0;
	dev->needed_headroom = LL_MAX_HEADER + sizeof(struct ipv6hdr) +
			       sizeof(struct hmip_tel_hdr);
	dev->mtu = ETH_DATA_LEN - sizeof(struct ipv6hdr);
	dev->min_mtu = IPV6_MIN_MTU;
	dev->max_mtu = IP6_MAX_MTU - sizeof(struct ipv6hdr) -
		       sizeof(struct hmip_tel_hdr);
	/* It belongs to a MAP of this netns and goes with it. */
	dev->features |= NETIF_F_NETNS_LOCAL | NETIF_F_LLTX |
			 HMIP_TUNNEL_FEATURES;
	dev->hw_features |= HMIP_TUNNEL_FEATURES;
	netif_keep_dst(dev);
}

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
	struct hmip_tunnel *t;
	int err;

	dev = alloc_netdev(sizeof(*t), name ?: "hmip%d",
			   name ? NET_NAME_USER : NET_NAME_ENUM,
			   hmip_tunnel_setup);
	if (!dev)
		return -ENOMEM;
	dev_net_set(dev, hn->net);
	t = netdev_priv(dev);
	t->hn = hn;
	t->map = map;

	rtnl_lock();
	err = register_netdevice(dev);
	if (err) {
		rtnl_unlock();
		free_netdev(dev);
		if (err == -EEXIST)
			NL_SET_ERR_MSG(extack, "the tunnel device name is taken");
		else
			NL_SET_ERR_MSG(extack, "cannot register the tunnel device");
		return err;
	}
	err = dev_change_flags(dev, dev->flags | IFF_UP, extack);
	if (err) {
		unregister_netdevice(dev);
		rtnl_unlock();
		return err;
	}
	rtnl_unlock();
	map->tunnel = dev;
	return 0;
}

/* Waits for every packet in flight through the device (synchronize_net()
 * in the unregistration), so the MAP can be freed after it.
 */
void hmip_map_tunnel_destroy(struct hmip_map *map)
{
	if (!map->tunnel)
		return;
	rtnl_lock();
	unregister_netdevice(map->tunnel);
	rtnl_unlock();
	map->tunnel = NULL;
}
